// SPDX-License-Identifier: GPL-2.0-only
/*
 * REQ-ROUNDTRIP: one outer VM-entry pass as KVM runs it, composed from
 * the proved core and the hardware transitions of spec/mpmu_vmx_trans.h:
 * load; k >= 1 times VM-entry; guest; VM-exit; refresh; put. Proved by
 * `make proof`,
 * never compiled into the kernel. It holds for every configuration
 * mpmu_vmx_configure() can produce: the save-control path and the
 * auto-store path (cfg->use_autostore), on every host and guest shape the
 * preconditions of load allow.
 */
#include "mpmu.h"
#include "mpmu_vmx.h"
#include "mpmu_vmx_trans.h"

/*@ // In host mode between two VM-entries: GLOBAL_CTRL zero, the VMCS
  @ // guest field equal to the context's GLOBAL_CTRL (the next VM-entry
  @ // loads it) and enabling no counter the guest does not own.
  @ predicate vmx_between{L}(struct mpmu_ctx *c, struct mpmu_vmx_cfg *cfg) =
  @   hw_wf && hw_gctl == 0 && vmcs_guest_gctl == c->global_ctrl &&
  @   rsvd_free(vmcs_guest_gctl, hw_rsvd_gctl) && vmx_configured(cfg) &&
  @   gctl_owned_only(c, c->global_ctrl);
  @*/

/*
 * One pass of the fastpath loop: VM-entry; guest; VM-exit; refresh. On
 * VM-entry GLOBAL_CTRL is the context's value, which enables no counter
 * the guest does not own, so while the guest runs no host counter counts
 * (the Intel counterpart of AMD's A_host_events_off, proved here rather
 * than assumed); the refresh keeps the context and the VMCS field equal.
 */
/*@ requires REQ_RTE_valid_0: \valid(ctx);
  @ requires REQ_RTE_valid_1: \valid_read(cfg);
  @ requires REQ_RTE_valid_2: \valid_read(icpt);
  @ requires REQ_RTE_separated: \separated(ctx, cfg, icpt);
  @ requires A_configured: pmu_configured;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_VALIDATE_counts: ctx_counts_ok(ctx);
  @ requires REQ_VALIDATE_metrics: ctx_metrics_ok(ctx);
  @ requires REQ_OWN_decided: guest_reads_only_owned(ctx, icpt);
  @ requires REQ_ROUNDTRIP_between: vmx_between(ctx, cfg);
  @ assigns ctx->global_ctrl, hw_gp_ctr[0 .. MPMU_MAX_GP - 1],
  @         hw_fx_ctr[0 .. MPMU_MAX_FIXED - 1], hw_gstatus, hw_metrics,
  @         hw_gctl, vmcs_guest_gctl, vmcs_host_gctl, vmcs_autostore_gctl,
  @         MPMU_TRACE_ALL;
  @ exits \false;
  @ ensures REQ_ROUNDTRIP_pass_between: vmx_between(ctx, cfg);
  @ ensures REQ_H2G_GCTL_pass_host_gp: \forall integer i;
  @   ctx->nr_gp <= i < MPMU_MAX_GP ==> hw_gp_ctr[i] == \old(hw_gp_ctr[i]);
  @ ensures REQ_H2G_GCTL_pass_host_fixed: \forall integer j;
  @   ctx->nr_fixed <= j < MPMU_MAX_FIXED ==>
  @   hw_fx_ctr[j] == \old(hw_fx_ctr[j]);
  @ ensures REQ_ROUNDTRIP_pass_quiet: quiesced(0, tr_len);
  @*/
static void mpmu_roundtrip_pass(struct mpmu_ctx *ctx,
				const struct mpmu_vmx_cfg *cfg,
				const struct mpmu_intercepts *icpt)
{
	u64 stored = 0;

	mpmu_hw_vm_entry();
Entered:
	/*@ assert REQ_H2G_GCTL_exact: hw_gctl == ctx->global_ctrl; */
	/*@ assert REQ_H2G_GCTL_owned: gctl_owned_only(ctx, hw_gctl); */
	/*@ assert REQ_H2G_GCTL_entry_host_off:
	  @   (\forall integer i; ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @      !gp_counting(i)) &&
	  @   (\forall integer j; ctx->nr_fixed <= j < MPMU_MAX_FIXED ==>
	  @      !fx_counting(j)); */
	/*@ assert REQ_H2G_GCTL_entry_host_gp: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], Pre); */
	/*@ assert REQ_H2G_GCTL_entry_host_fixed: \forall integer j;
	  @   ctx->nr_fixed <= j < MPMU_MAX_FIXED ==>
	  @   hw_fx_ctr[j] == \at(hw_fx_ctr[j], Pre); */
	/*@ assert REQ_H2G_GCTL_host_gp_off: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   !guest_gp_may_change(ctx, icpt, i); */
	/*@ assert REQ_H2G_GCTL_host_fixed_off: \forall integer j;
	  @   ctx->nr_fixed <= j < MPMU_MAX_FIXED ==>
	  @   !guest_fx_may_change(ctx, icpt, j); */
	/*@ assert REQ_H2G_GCTL_host_metrics_off: !guest_metrics(ctx) ==>
	  @   !guest_metrics_may_change(ctx, icpt); */
	mpmu_hw_guest_run(ctx, icpt);
GuestExit:
	/*@ assert REQ_H2G_GCTL_exit_owned: gctl_owned_only(ctx, hw_gctl); */
	/*@ assert REQ_H2G_GCTL_host_gp_kept: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], Entered); */
	/*@ assert REQ_H2G_GCTL_host_fixed_kept: \forall integer j;
	  @   ctx->nr_fixed <= j < MPMU_MAX_FIXED ==>
	  @   hw_fx_ctr[j] == \at(hw_fx_ctr[j], Entered); */
	/*@ assert REQ_H2G_GCTL_host_metrics_kept: !guest_metrics(ctx) ==>
	  @   hw_metrics == \at(hw_metrics, Entered); */
	/*@ assert REQ_H2G_GCTL_exit_host_off:
	  @   (\forall integer i; ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @      !gp_counting(i)) &&
	  @   (\forall integer j; ctx->nr_fixed <= j < MPMU_MAX_FIXED ==>
	  @      !fx_counting(j)); */
	mpmu_hw_vm_exit();
Exited:
	/*@ assert REQ_ROUNDTRIP_host_gctl_zero: hw_gctl == 0; */
	/*@ assert REQ_H2G_GCTL_exit_host_gp: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], GuestExit); */
	/*@ assert REQ_H2G_GCTL_exit_host_fixed: \forall integer j;
	  @   ctx->nr_fixed <= j < MPMU_MAX_FIXED ==>
	  @   hw_fx_ctr[j] == \at(hw_fx_ctr[j], GuestExit); */
	if (cfg->use_autostore)
		stored = mpmu_kvm_autostore_slot();
	mpmu_vmx_refresh_global_ctrl(ctx, cfg, 0, stored);
	/*@ assert REQ_ROUNDTRIP_global_ctrl:
	  @   ctx->global_ctrl == \at(hw_gctl, GuestExit); */
	/*@ assert REQ_ROUNDTRIP_next_entry:
	  @   vmcs_guest_gctl == ctx->global_ctrl; */
	/*@ assert REQ_ROUNDTRIP_next_owned:
	  @   gctl_owned_only(ctx, ctx->global_ctrl); */
}

/*
 * Between one load and one put KVM enters and leaves the guest k >= 1
 * times (the fastpath loop of vcpu_enter_guest), each VM-exit followed by
 * the refresh (mpmu_roundtrip_pass).
 */
/*@ requires REQ_RTE_valid_0: \valid(ctx);
  @ requires REQ_RTE_valid_1: \valid_read(cfg);
  @ requires REQ_RTE_separated: \separated(ctx, cfg);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires A_configured: pmu_configured;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ROUNDTRIP_passes: k >= 1;
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires A_rsvd_model: rsvd_model(ctx) && gctl_rsvd_model(ctx);
  @ requires REQ_VALIDATE_loadable: ctx_loadable(ctx);
  @ requires REQ_ROUNDTRIP_configured: vmx_configured(cfg);
  @ requires A_vmcs_gctl_synced: vmcs_guest_gctl == ctx->global_ctrl;
  @ exits \false;
  @*/
void mpmu_roundtrip(struct mpmu_ctx *ctx, const struct mpmu_vmx_cfg *cfg,
		    u32 widths_equal, u32 k)
{
	struct mpmu_intercepts icpt;
	u32 n;

	/* ctx_values_ok to gctl_owned_only, bit by bit. */
	/*@ assert REQ_H2G_GCTL_rsvd_bits: \forall integer b; 0 <= b < 64 ==>
	  @   bit(ctx->global_ctrl, b) ==> bit(ctx->global_ctrl_rsvd, b) ==>
	  @   bit(ctx->global_ctrl & ctx->global_ctrl_rsvd, b); */
	/*@ assert REQ_H2G_GCTL_ctx_owned:
	  @   gctl_owned_only(ctx, ctx->global_ctrl); */
	mpmu_intercept_decisions(ctx, widths_equal, &icpt);
	/*
	 * Stated once past the intercept decisions (they write icpt, not
	 * ctx): with it and REQ_ROUNDTRIP_puttable below, the goals after
	 * load and put need no separation reasoning of their own (CVC4:
	 * 3.5-4.3 s each for five of them before, 0.3-2.5 s now).
	 */
	/*@ assert REQ_ROUNDTRIP_loadable: ctx_loadable(ctx); */
	mpmu_load_guest_context(ctx);
Loaded:
	/*@ assert REQ_ROUNDTRIP_quiet_load: quiesced(1, tr_len); */
	/*@ loop invariant REQ_ROUNDTRIP_inv_count: 0 <= n <= k;
	  @ loop invariant REQ_ROUNDTRIP_inv_between: vmx_between(ctx, cfg);
	  @ loop invariant REQ_H2G_GCTL_inv_host_gp: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], Loaded);
	  @ loop invariant REQ_H2G_GCTL_inv_host_fixed: \forall integer j;
	  @   ctx->nr_fixed <= j < MPMU_MAX_FIXED ==>
	  @   hw_fx_ctr[j] == \at(hw_fx_ctr[j], Loaded);
	  @ loop assigns n, ctx->global_ctrl, hw_gp_ctr[0 .. MPMU_MAX_GP - 1],
	  @   hw_fx_ctr[0 .. MPMU_MAX_FIXED - 1], hw_gstatus, hw_metrics,
	  @   hw_gctl, vmcs_guest_gctl, vmcs_host_gctl, vmcs_autostore_gctl,
	  @   MPMU_TRACE_ALL;
	  @ loop variant k - n;
	  @*/
	for (n = 0; n < k; n++)
		mpmu_roundtrip_pass(ctx, cfg, &icpt);
BeforePut:
	/*@ assert REQ_ROUNDTRIP_puttable: ctx_puttable(ctx); */
	/*@ assert REQ_ROUNDTRIP_selectors_kept: \forall integer i;
	  @   0 <= i < ctx->nr_gp ==> hw_gp_sel[i] == ctx->gp_eventsel_hw[i]; */
	mpmu_put_guest_context(ctx);
	/*@ assert REQ_ROUNDTRIP_global_ctrl_kept:
	  @   ctx->global_ctrl == \at(ctx->global_ctrl, BeforePut); */
	/*@ assert REQ_ROUNDTRIP_counters: \forall integer i;
	  @   0 <= i < ctx->nr_gp ==>
	  @   ctx->gp_counter[i] == \at(hw_gp_ctr[i], BeforePut); */
	/*@ assert REQ_ROUNDTRIP_fixed: \forall integer j;
	  @   0 <= j < ctx->nr_fixed ==>
	  @   ctx->fixed_counter[j] == \at(hw_fx_ctr[j], BeforePut); */
	/*@ assert REQ_ROUNDTRIP_status: status_saved(ctx->global_status,
	  @   \at(hw_gstatus, BeforePut), ctx->global_status_rsvd); */
	/*@ assert REQ_ROUNDTRIP_metrics: guest_metrics(ctx) ==>
	  @   ctx->perf_metrics == \at(hw_metrics, BeforePut); */
	/*@ assert REQ_ROUNDTRIP_host_clean: host_clean(ctx); */
	/*@ assert REQ_ROUNDTRIP_next_synced:
	  @   vmcs_guest_gctl == ctx->global_ctrl &&
	  @   gctl_owned_only(ctx, ctx->global_ctrl); */
	/*@ assert REQ_ROUNDTRIP_quiet_put: quiesced(0, tr_len); */
}

/*
 * A VM-entry that fails runs no guest code and stores nothing: refresh is
 * skipped, so the context keeps the guest's GLOBAL_CTRL (which an
 * intercepted guest WRMSR may have changed since the last exit) instead
 * of a stale MSR-store slot.
 */
/*@ requires REQ_RTE_valid_0: \valid(ctx);
  @ requires REQ_RTE_valid_1: \valid_read(cfg);
  @ requires REQ_RTE_separated: \separated(ctx, cfg);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires A_configured: pmu_configured;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_RSVD_model: rsvd_model(ctx);
  @ requires REQ_VALIDATE_loadable: ctx_loadable(ctx);
  @ requires REQ_ROUNDTRIP_configured: vmx_configured(cfg);
  @ exits \false;
  @*/
void mpmu_roundtrip_failed_entry(struct mpmu_ctx *ctx,
				 const struct mpmu_vmx_cfg *cfg)
{
	mpmu_load_guest_context(ctx);
	/*@ assert REQ_H2G_loaded: \forall integer i; 0 <= i < ctx->nr_gp ==>
	  @   hw_gp_ctr[i] == ctx->gp_counter[i]; */
	/*@ assert REQ_ROUNDTRIP_load_quiet: \forall integer i;
	  @   0 <= i < MPMU_MAX_GP ==> !gp_counting(i); */
Loaded:
	mpmu_hw_vm_entry_fails();
	/*@ assert REQ_ROUNDTRIP_host_gctl: hw_gctl == 0; */
	/*@ assert REQ_ROUNDTRIP_failed_quiet: \forall integer i;
	  @   0 <= i < MPMU_MAX_GP ==> !gp_counting(i); */
	/*@ assert REQ_ROUNDTRIP_failed_kept: \forall integer i;
	  @   0 <= i < MPMU_MAX_GP ==> hw_gp_ctr[i] == \at(hw_gp_ctr[i], Loaded);
	  @*/
	/*@ assert REQ_FRAME_kept: \forall integer i; 0 <= i < ctx->nr_gp ==>
	  @   hw_gp_ctr[i] == ctx->gp_counter[i]; */
	mpmu_vmx_refresh_global_ctrl(ctx, cfg, 1, 0);
	/*@ assert REQ_ROUNDTRIP_still_kept:
	  @   \forall integer i; 0 <= i < ctx->nr_gp ==>
	  @   hw_gp_ctr[i] == \at(ctx->gp_counter[i], Pre); */
	mpmu_put_guest_context(ctx);
	/*@ assert REQ_ROUNDTRIP_failed_global_ctrl:
	  @   ctx->global_ctrl == \at(ctx->global_ctrl, Pre); */
	/*@ assert REQ_ROUNDTRIP_failed_counters: \forall integer i;
	  @   0 <= i < ctx->nr_gp ==>
	  @   ctx->gp_counter[i] == \at(ctx->gp_counter[i], Pre); */
	/*@ assert REQ_ROUNDTRIP_failed_host_clean: host_clean(ctx); */
}
