// SPDX-License-Identifier: GPL-2.0-only
/*
 * REQ-AMD-ROUNDTRIP: one outer VMRUN pass as KVM runs it on an AMD
 * PerfMonV2 host, composed from the proved core and the hardware
 * transitions of spec/mpmu_svm_trans.h: load; VMRUN; guest; #VMEXIT;
 * refresh; put. Proved by `make proof`, never compiled into the kernel.
 * It discharges put's A_amd_host_quiet (nothing counts in host mode:
 * every guest selector load wrote is GuestOnly or off, every other one
 * is off) and A_amd_selectors_intercepted (only load writes the
 * selectors), and shows the guest's GlobalCtl saved before put zeroes it.
 */
#include "mpmu.h"
#include "mpmu_vmx.h"
#include "mpmu_vmx_trans.h"
#include "mpmu_svm_trans.h"

/*@ requires \valid(ctx);
  @ requires hw_wf;
  @ requires A_configured: pmu_configured;
  @ requires trace_room(2 * MPMU_TRACE_SWITCH_OPS + 2);
  @ requires host_model(ctx);
  @ requires A_rsvd_model: rsvd_model(ctx) && gctl_rsvd_model(ctx);
  @ requires amd_loadable(ctx);
  @ requires A_host_events_off: unowned_sel_off(ctx);
  @ exits \false;
  @*/
void mpmu_roundtrip_amd(struct mpmu_ctx *ctx, u32 widths_equal)
{
	struct mpmu_intercepts icpt;

	/* amd_values_ok to gctl_owned_only, bit by bit. */
	/*@ assert REQ_H2G_GCTL_amd_rsvd_bits: \forall integer k;
	  @   0 <= k < 64 ==> bit(ctx->global_ctrl, k) ==>
	  @   bit(ctx->global_ctrl_rsvd, k) ==>
	  @   bit(ctx->global_ctrl & ctx->global_ctrl_rsvd, k); */
	/*@ assert REQ_H2G_GCTL_amd_ctx_owned:
	  @   gctl_owned_only(ctx, ctx->global_ctrl); */
	mpmu_intercept_decisions(ctx, widths_equal, &icpt);
	mpmu_load_guest_context(ctx);
	/*@ assert REQ_AMD_ROUNDTRIP_quiet_load:
	  @   quiesced(\at(tr_len, Pre) + 1, tr_len - 1); */
	mpmu_hw_svm_vmrun();
Entered:
	/*@ assert REQ_H2G_GCTL_amd_exact: hw_gctl == ctx->global_ctrl; */
	/*@ assert REQ_H2G_GCTL_amd_owned: gctl_owned_only(ctx, hw_gctl); */
	/*@ assert REQ_AMD_ROUNDTRIP_host_sel_off: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==> !bit(hw_gp_sel[i], 22); */
	/*@ assert REQ_H2G_GCTL_amd_host_gp_off: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   !guest_gp_may_change(ctx, &icpt, i); */
	mpmu_hw_guest_run(ctx, &icpt);
GuestExit:
	/*@ assert REQ_H2G_GCTL_amd_host_gp_kept: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], Entered); */
	mpmu_hw_svm_vmexit();
Exited:
	/*@ assert REQ_AMD_ROUNDTRIP_selectors: \forall integer i;
	  @   0 <= i < ctx->nr_gp ==>
	  @   hw_gp_sel[i] == amd_load_sel(ctx->gp_eventsel_hw[i]); */
	/*@ assert REQ_AMD_ROUNDTRIP_host_quiet: !pmu_active; */
	mpmu_amd_refresh_global_ctrl(ctx);
	/*@ assert REQ_AMD_ROUNDTRIP_refreshed:
	  @   ctx->global_ctrl == \at(hw_gctl, Exited); */
	/*@ assert REQ_AMD_ROUNDTRIP_host_counters_kept: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], Entered); */
	mpmu_put_guest_context(ctx);
	/*@ assert REQ_AMD_ROUNDTRIP_global_ctrl:
	  @   ctx->global_ctrl == \at(hw_gctl, Exited); */
	/*@ assert REQ_AMD_ROUNDTRIP_counters: \forall integer i;
	  @   0 <= i < ctx->nr_gp ==>
	  @   ctx->gp_counter[i] == \at(hw_gp_ctr[i], Exited); */
	/*@ assert REQ_AMD_ROUNDTRIP_status: status_saved(ctx->global_status,
	  @   \at(hw_gstatus, Exited), ctx->global_status_rsvd); */
	/*@ assert REQ_AMD_ROUNDTRIP_host_clean: amd_host_clean(ctx); */
}
