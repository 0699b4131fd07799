/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vendor halves of the switch. mpmu_load_guest_context() and
 * mpmu_put_guest_context() (mpmu.h) pick one by ctx->vendor.
 */
#ifndef MPMU_VENDOR_H
#define MPMU_VENDOR_H

#include "mpmu.h"

/*
 * Load the guest PMU into hardware before VM-entry (IRQs off). GLOBAL_CTRL
 * is left 0: VM-entry loads the guest value from the VMCS.
 */
/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_VALIDATE_vendor: ctx->vendor != MPMU_VENDOR_AMD;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(MPMU_TRACE_SWITCH_OPS);
  @ requires A_configured: pmu_configured;
  @ requires A_host_model: host_model(ctx);
  @ requires A_rsvd_model: rsvd_model(ctx);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_trace_used: \old(tr_len) <= tr_len <=
  @   \old(tr_len) + MPMU_TRACE_SWITCH_OPS;
  @ behavior invalid_context:
  @   assumes !ctx_loadable(ctx);
  @   ensures REQ_VALIDATE_load: \result == -MPMU_EINVAL;
  @   ensures REQ_VALIDATE_no_hw_access: tr_len == \old(tr_len);
  @   ensures REQ_VALIDATE_hw_unchanged: hw_gctl == \old(hw_gctl) &&
  @     hw_fx_ctrl == \old(hw_fx_ctrl) &&
  @     (\forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @        hw_gp_sel[i] == \old(hw_gp_sel[i]));
  @ behavior load:
  @   assumes ctx_loadable(ctx);
  @   ensures REQ_VALIDATE_ok: \result == 0;
  @   ensures REQ_H2G_counters: gp_exact(ctx);
  @   ensures REQ_H2G_fixed: fixed_exact(ctx);
  @   ensures REQ_H2G_status: status_exact(hw_gstatus, ctx->global_status,
  @     ctx->global_status_rsvd, ctx->host_status_set_rsvd);
  @   ensures REQ_H2G_status_guest_set: set_guest_only(\old(tr_len), tr_len,
  @     MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET, ctx->global_status_rsvd);
  @   ensures REQ_ORDER_gctl_first: starts_quiesced(\old(tr_len));
  @   ensures REQ_ORDER_gctl_zero: hw_gctl == 0;
  @   ensures REQ_ORDER_quiesced: quiesced(\old(tr_len) + 1, tr_len);
  @   ensures REQ_ORDER_status: reset_then_set(\old(tr_len), tr_len);
  @   ensures REQ_FRAME_selectors: unowned_kept{Pre, Post}(ctx);
  @   ensures REQ_FRAME_writes: writes_owned_only(ctx, \old(tr_len), tr_len);
  @   ensures REQ_METRICS_H2G: guest_metrics(ctx) ==>
  @     hw_metrics == ctx->perf_metrics;
  @   ensures REQ_METRICS_ORDER_load:
  @     metrics_after_fc3(\old(tr_len), tr_len);
  @   ensures REQ_METRICS_G2H_untouched: !guest_metrics(ctx) ==>
  @     no_topdown_ops(\old(tr_len), tr_len);
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int mpmu_intel_load_guest_context(struct mpmu_ctx *ctx);

/*
 * Save the guest PMU after VM-exit and scrub what the guest owns (IRQs
 * off). VM-exit has already loaded the host GLOBAL_CTRL, which is 0.
 */
/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_VALIDATE_vendor: ctx->vendor != MPMU_VENDOR_AMD;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(MPMU_TRACE_SWITCH_OPS);
  @ requires A_configured: pmu_configured;
  @ requires A_host_model: host_model(ctx);
  @ requires A_exit_gctl_zero: hw_gctl == 0;
  @ requires A_selectors_intercepted: ctx_counts_ok(ctx) ==>
  @   (\forall integer i; 0 <= i < ctx->nr_gp ==>
  @      hw_gp_sel[i] == ctx->gp_eventsel_hw[i]) &&
  @   hw_fx_ctrl == ctx->fixed_ctr_ctrl_hw;
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST,
  @         ctx->gp_counter[0 .. MPMU_MAX_GP - 1],
  @         ctx->fixed_counter[0 .. MPMU_MAX_FIXED - 1], ctx->global_status,
  @         ctx->perf_metrics;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_trace_used: \old(tr_len) <= tr_len <=
  @   \old(tr_len) + MPMU_TRACE_SWITCH_OPS;
  @ behavior invalid_context:
  @   assumes !ctx_puttable(ctx);
  @   ensures REQ_VALIDATE_put: \result == -MPMU_EINVAL;
  @   ensures REQ_VALIDATE_no_hw_access: tr_len == \old(tr_len);
  @ behavior put:
  @   assumes ctx_puttable(ctx);
  @   ensures REQ_VALIDATE_ok: \result == 0;
  @   ensures REQ_SAVE: saved{Pre, Post}(ctx);
  @   ensures REQ_CLOSURE_put: \old(ctx_controls_ok(ctx)) ==>
  @     ctx_loadable(ctx);
  @   ensures REQ_G2H: host_clean(ctx);
  @   ensures REQ_G2H_status_reset: status_scrubbed_at(\old(tr_len),
  @     MPMU_MSR_IA32_PERF_GLOBAL_STATUS,
  @     MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET);
  @   ensures REQ_SAVE_status_read: status_saved_read(ctx->global_status,
  @     tr_val[\old(tr_len)], ctx->global_status_rsvd);
  @   ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @   ensures REQ_FRAME_selectors: unowned_kept{Pre, Post}(ctx);
  @   ensures REQ_FRAME_writes: writes_owned_only(ctx, \old(tr_len), tr_len);
  @   ensures REQ_SAVE_metrics: metrics_saved{Pre, Post}(ctx);
  @   ensures REQ_METRICS_G2H: guest_metrics(ctx) ==> hw_metrics == 0;
  @   ensures REQ_METRICS_ORDER_put:
  @     metrics_read_first(\old(tr_len), tr_len);
  @   ensures REQ_METRICS_G2H_untouched: !guest_metrics(ctx) ==>
  @     no_topdown_ops(\old(tr_len), tr_len) &&
  @     ctx->perf_metrics == \old(ctx->perf_metrics);
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int mpmu_intel_put_guest_context(struct mpmu_ctx *ctx);

/*
 * AMD PerfMonV2 load: GlobalCtl := 0, counters and GuestOnly selectors,
 * status by StatusClr then StatusSet, GlobalCtl := guest last.
 */
/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_VALIDATE_vendor: ctx->vendor == MPMU_VENDOR_AMD;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(MPMU_TRACE_SWITCH_OPS);
  @ requires A_configured: pmu_configured;
  @ requires A_host_model: host_model(ctx);
  @ requires A_rsvd_model: rsvd_model(ctx);
  @ requires A_host_events_off: unowned_sel_off(ctx);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_trace_used: \old(tr_len) <= tr_len <=
  @   \old(tr_len) + MPMU_TRACE_SWITCH_OPS;
  @ behavior invalid_context:
  @   assumes !amd_loadable(ctx);
  @   ensures REQ_VALIDATE_amd_load: \result == -MPMU_EINVAL;
  @   ensures REQ_VALIDATE_amd_no_hw_access: tr_len == \old(tr_len);
  @ behavior load:
  @   assumes amd_loadable(ctx);
  @   ensures REQ_VALIDATE_ok: \result == 0;
  @   ensures REQ_H2G_amd_counters: amd_gp_exact(ctx);
  @   ensures REQ_H2G_amd_status: status_exact(hw_gstatus,
  @     ctx->global_status, ctx->global_status_rsvd,
  @     ctx->host_status_set_rsvd);
  @   ensures REQ_H2G_amd_status_guest_set: set_guest_only(\old(tr_len),
  @     tr_len, MPMU_MSR_AMD_GLOBAL_STATUS_SET, ctx->global_status_rsvd);
  @   ensures REQ_H2G_amd_global_ctl: hw_gctl == ctx->global_ctrl;
  @   ensures REQ_AMD_GUESTONLY: amd_guest_only_loaded(ctx);
  @   ensures REQ_AMD_ORDER_load: amd_starts_quiesced(\old(tr_len)) &&
  @     quiesced(\old(tr_len) + 1, tr_len - 1) &&
  @     amd_enables_last(tr_len, ctx->global_ctrl);
  @   ensures REQ_FRAME_amd_selectors: unowned_kept{Pre, Post}(ctx);
  @   ensures REQ_FRAME_amd_writes:
  @     amd_writes_owned_only(ctx, \old(tr_len), tr_len);
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int mpmu_amd_load_guest_context(struct mpmu_ctx *ctx);

/*
 * AMD PerfMonV2 put: save the guest's GlobalCtl (SVM does not switch it)
 * and zero it before anything else, save and clear status, save and zero
 * counters, zero selectors.
 */
/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_VALIDATE_vendor: ctx->vendor == MPMU_VENDOR_AMD;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(MPMU_TRACE_SWITCH_OPS);
  @ requires A_configured: pmu_configured;
  @ requires A_host_model: host_model(ctx);
  @ requires A_amd_host_quiet: !pmu_active;
  @ requires A_amd_selectors_intercepted: \forall integer i;
  @   0 <= i < ctx->nr_gp && i < MPMU_MAX_GP ==>
  @   hw_gp_sel[i] == amd_load_sel(ctx->gp_eventsel_hw[i]);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST,
  @         ctx->gp_counter[0 .. MPMU_MAX_GP - 1], ctx->global_status,
  @         ctx->global_ctrl;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_trace_used: \old(tr_len) <= tr_len <=
  @   \old(tr_len) + MPMU_TRACE_SWITCH_OPS;
  @ behavior invalid_context:
  @   assumes !amd_counts_ok(ctx);
  @   ensures REQ_VALIDATE_amd_put: \result == -MPMU_EINVAL &&
  @     ctx->global_ctrl == \old(ctx->global_ctrl);
  @   ensures REQ_VALIDATE_amd_put_no_hw_access: tr_len == \old(tr_len);
  @ behavior put:
  @   assumes amd_counts_ok(ctx);
  @   ensures REQ_VALIDATE_ok: \result == 0;
  @   ensures REQ_SAVE_amd: saved{Pre, Post}(ctx);
  @   ensures REQ_SAVE_amd_global_ctl: ctx->global_ctrl == \old(hw_gctl);
  @   ensures REQ_CLOSURE_put_amd: \old(amd_sels_ok(ctx)) &&
  @     (ctx->global_ctrl & ctx->global_ctrl_rsvd) == 0 ==> amd_loadable(ctx);
  @   ensures REQ_G2H_amd: amd_host_clean(ctx);
  @   ensures REQ_G2H_amd_status_reset: status_scrubbed_at(\old(tr_len) + 2,
  @     MPMU_MSR_AMD_GLOBAL_STATUS, MPMU_MSR_AMD_GLOBAL_STATUS_CLR);
  @   ensures REQ_SAVE_amd_status_read: status_saved_read(ctx->global_status,
  @     tr_val[\old(tr_len) + 2], ctx->global_status_rsvd);
  @   ensures REQ_AMD_ORDER_put: amd_put_starts(\old(tr_len)) &&
  @     quiesced(\old(tr_len) + 2, tr_len);
  @   ensures REQ_FRAME_amd_put_selectors: unowned_kept{Pre, Post}(ctx);
  @   ensures REQ_FRAME_amd_put_writes:
  @     amd_writes_owned_only(ctx, \old(tr_len), tr_len);
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int mpmu_amd_put_guest_context(struct mpmu_ctx *ctx);

#endif /* MPMU_VENDOR_H */
