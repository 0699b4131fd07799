// SPDX-License-Identifier: GPL-2.0-only
/*
 * REQ-AMD-ROUNDTRIP: one outer pass of vcpu_enter_guest as KVM runs it
 * on an AMD PerfMonV2 host, composed from the proved core and the
 * hardware transitions of spec/mpmu_svm_trans.h: load; k >= 1 times
 * VMRUN; guest; #VMEXIT; refresh; put. Proved by `make proof`, never
 * compiled into the kernel.
 * It discharges put's A_amd_host_quiet (nothing counts in host mode:
 * every guest selector load wrote is GuestOnly or off, every other one
 * is off) and A_amd_selectors_intercepted (only load writes the
 * selectors), and shows the guest's GlobalCtl saved before put zeroes it.
 */
#include "mpmu.h"
#include "mpmu_vmx.h"
#include "mpmu_vmx_trans.h"
#include "mpmu_svm_trans.h"

/*@ // In host mode between two VMRUNs: GlobalCtl is the context's value
  @ // and enables no counter the guest does not own (SVM does not switch
  @ // it: the guest's value stays in hardware until put).
  @ predicate svm_between{L}(struct mpmu_ctx *c) =
  @   hw_wf && hw_gctl == c->global_ctrl &&
  @   gctl_owned_only(c, c->global_ctrl);
  @
  @ // The selectors load wrote: the guest's GuestOnly (or off), every
  @ // other one off (A_host_events_off). No VMRUN, guest or #VMEXIT
  @ // changes them.
  @ predicate amd_selectors_loaded{L}(struct mpmu_ctx *c) =
  @   (\forall integer i; 0 <= i < c->nr_gp ==>
  @      bit(hw_gp_sel[i], 22) ==> guest_only(hw_gp_sel[i])) &&
  @   (\forall integer i; c->nr_gp <= i < MPMU_MAX_GP ==>
  @      !bit(hw_gp_sel[i], 22));
  @*/

/*
 * One pass of the fastpath loop: VMRUN; guest; #VMEXIT; refresh. While
 * the guest runs GlobalCtl is the context's value and no counter the
 * guest does not own changes; after #VMEXIT nothing counts in host mode
 * (put's A_amd_host_quiet), and the refresh reads the guest's GlobalCtl.
 */
/*@ requires REQ_RTE_valid_0: \valid(ctx);
  @ requires REQ_RTE_valid_1: \valid_read(icpt);
  @ requires REQ_RTE_separated: \separated(ctx, icpt);
  @ requires A_configured: pmu_configured;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_VALIDATE_amd_counts: amd_counts_ok(ctx);
  @ requires REQ_OWN_decided: guest_reads_only_owned(ctx, icpt);
  @ requires REQ_AMD_ROUNDTRIP_between: svm_between(ctx);
  @ requires REQ_AMD_ROUNDTRIP_selectors: amd_selectors_loaded(ctx);
  @ assigns ctx->global_ctrl, MPMU_HW_COUNTING, hw_gctl, MPMU_TRACE_ALL;
  @ exits \false;
  @ ensures REQ_AMD_ROUNDTRIP_pass_between: svm_between(ctx);
  @ ensures REQ_AMD_ROUNDTRIP_host_quiet: !pmu_active;
  @ ensures REQ_H2G_GCTL_amd_pass_host_gp: \forall integer i;
  @   ctx->nr_gp <= i < MPMU_MAX_GP ==> hw_gp_ctr[i] == \old(hw_gp_ctr[i]);
  @ ensures REQ_AMD_ROUNDTRIP_pass_trace: tr_len <= 1;
  @*/
static void mpmu_roundtrip_amd_pass(struct mpmu_ctx *ctx,
				    const struct mpmu_intercepts *icpt)
{
	mpmu_hw_svm_vmrun();
Entered:
	/*@ assert REQ_H2G_GCTL_amd_exact: hw_gctl == ctx->global_ctrl; */
	/*@ assert REQ_H2G_GCTL_amd_host_gp: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], Pre); */
	/*@ assert REQ_H2G_GCTL_amd_host_gp_off: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   !guest_gp_may_change(ctx, icpt, i); */
	mpmu_hw_guest_run(ctx, icpt);
GuestExit:
	/*@ assert REQ_H2G_GCTL_amd_exit_owned:
	  @   gctl_owned_only(ctx, hw_gctl); */
	/*@ assert REQ_H2G_GCTL_amd_host_gp_kept: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], Entered); */
	mpmu_hw_svm_vmexit();
Exited:
	/*@ assert REQ_H2G_GCTL_amd_exit_host_gp: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], GuestExit); */
	/*@ assert REQ_AMD_ROUNDTRIP_quiet: !pmu_active; */
	mpmu_amd_refresh_global_ctrl(ctx);
	/*@ assert REQ_AMD_ROUNDTRIP_refreshed:
	  @   ctx->global_ctrl == \at(hw_gctl, Exited); */
	/*@ assert REQ_AMD_ROUNDTRIP_refresh_host_gp: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], Exited); */
}

/*
 * load; k >= 1 passes of the fastpath loop (mpmu_roundtrip_amd_pass);
 * put, which saves the guest's GlobalCtl before it zeroes it.
 */
/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires A_configured: pmu_configured;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ROUNDTRIP_passes: k >= 1;
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires A_rsvd_model: rsvd_model(ctx) && gctl_rsvd_model(ctx);
  @ requires REQ_VALIDATE_amd_loadable: amd_loadable(ctx);
  @ requires A_host_events_off: unowned_sel_off(ctx);
  @ exits \false;
  @*/
void mpmu_roundtrip_amd(struct mpmu_ctx *ctx, u32 widths_equal, u32 k)
{
	struct mpmu_intercepts icpt;
	u32 n;

	/* amd_values_ok to gctl_owned_only, bit by bit. */
	/*@ assert REQ_H2G_GCTL_amd_rsvd_bits: \forall integer b;
	  @   0 <= b < 64 ==> bit(ctx->global_ctrl, b) ==>
	  @   bit(ctx->global_ctrl_rsvd, b) ==>
	  @   bit(ctx->global_ctrl & ctx->global_ctrl_rsvd, b); */
	/*@ assert REQ_H2G_GCTL_amd_ctx_owned:
	  @   gctl_owned_only(ctx, ctx->global_ctrl); */
	mpmu_intercept_decisions(ctx, widths_equal, &icpt);
	/* As in mpmu_roundtrip: stated once, so the goals after load and
	 * put do not each redo it (CVC4: 6 s for one of them before). */
	/*@ assert REQ_AMD_ROUNDTRIP_loadable: amd_loadable(ctx); */
	mpmu_load_guest_context(ctx);
Loaded:
	/*@ assert REQ_AMD_ROUNDTRIP_quiet_load:
	  @   quiesced(1, tr_len - 1); */
	/*@ assert REQ_AMD_ROUNDTRIP_loaded_guest_only: \forall integer i;
	  @   0 <= i < ctx->nr_gp ==>
	  @   bit(hw_gp_sel[i], 22) ==> guest_only(hw_gp_sel[i]); */
	/*@ assert REQ_AMD_ROUNDTRIP_loaded_host_off: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==> !bit(hw_gp_sel[i], 22); */
	/*@ loop invariant REQ_AMD_ROUNDTRIP_inv_count: 0 <= n <= k;
	  @ loop invariant REQ_AMD_ROUNDTRIP_inv_between: svm_between(ctx);
	  @ loop invariant REQ_AMD_ROUNDTRIP_inv_quiet: n > 0 ==> !pmu_active;
	  @ loop invariant REQ_H2G_GCTL_amd_inv_host_gp: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], Loaded);
	  @ loop assigns n, ctx->global_ctrl, MPMU_HW_COUNTING, hw_gctl,
	  @   MPMU_TRACE_ALL;
	  @ loop variant k - n;
	  @*/
	for (n = 0; n < k; n++)
		mpmu_roundtrip_amd_pass(ctx, &icpt);
BeforePut:
	/*@ assert REQ_AMD_ROUNDTRIP_puttable: amd_counts_ok(ctx); */
	mpmu_put_guest_context(ctx);
	/*@ assert REQ_AMD_ROUNDTRIP_global_ctrl:
	  @   ctx->global_ctrl == \at(hw_gctl, BeforePut); */
	/*@ assert REQ_AMD_ROUNDTRIP_counters: \forall integer i;
	  @   0 <= i < ctx->nr_gp ==>
	  @   ctx->gp_counter[i] == \at(hw_gp_ctr[i], BeforePut); */
	/*@ assert REQ_AMD_ROUNDTRIP_status: status_saved(ctx->global_status,
	  @   \at(hw_gstatus, BeforePut), ctx->global_status_rsvd); */
	/*@ assert REQ_AMD_ROUNDTRIP_host_clean: amd_host_clean(ctx); */
	/*@ assert REQ_AMD_ROUNDTRIP_host_counters_kept: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   \at(hw_gp_ctr[i], BeforePut) == \at(hw_gp_ctr[i], Loaded); */
}
