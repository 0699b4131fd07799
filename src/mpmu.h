/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Mediated PMU context switch core: one vCPU's guest PMU context and the
 * public entry points KVM calls around VM-entry (load) and after VM-exit
 * (put), plus the host-initiated MSR get/set and the event filter.
 *
 * Each entry point carries its contract; clause names start with the
 * requirement id of spec/requirements.md they formalise (REQ_H2G_... is
 * REQ-H2G), so every WP goal name carries its requirement.
 */
#ifndef MPMU_H
#define MPMU_H

#include "mpmu_types.h"
#include "mpmu_defs.h"

/* ctx->flags */
#define MPMU_CTX_PERF_METRICS		(1u << 0) /* guest has PERF_CAPS[15] */
#define MPMU_CTX_HOST_PERF_METRICS	(1u << 1) /* host has PERF_CAPS[15] */

/*
 * One vCPU's guest PMU. Index i of every array is counter i on both sides
 * (context and hardware); entries at or above nr_gp / nr_fixed are unused.
 */
struct mpmu_ctx {
	u32 vendor;
	u32 nr_gp;		/* guest GP counters */
	u32 nr_fixed;		/* guest fixed counters */
	u32 host_nr_gp;		/* counters the host PMU has */
	u32 host_nr_fixed;
	u32 flags;
	u64 gp_counter[MPMU_MAX_GP];
	u64 gp_eventsel[MPMU_MAX_GP];	/* what the guest wrote */
	u64 gp_eventsel_hw[MPMU_MAX_GP];	/* what hardware gets */
	u64 fixed_counter[MPMU_MAX_FIXED];
	u64 fixed_ctr_ctrl;
	u64 fixed_ctr_ctrl_hw;
	u64 global_ctrl;
	u64 global_status;
	u64 perf_metrics;
	/* Bits the guest may not set (KVM's *_rsvd masks). */
	u64 counter_rsvd;		/* bits above the GP counter width */
	u64 fixed_counter_rsvd;	/* bits above the fixed counter width */
	u64 eventsel_rsvd;		/* every selector but PERFEVTSEL2 */
	u64 eventsel2_rsvd;		/* PERFEVTSEL2 (IN_TXCP is valid there) */
	u64 fixed_ctr_ctrl_rsvd;
	u64 global_ctrl_rsvd;
	u64 global_status_rsvd;
	/* Bits the host's GLOBAL_STATUS_SET (AMD: StatusSet) cannot set. */
	u64 host_status_set_rsvd;
	/*
	 * Bits above the host's counter widths: what a counter WRMSR may not
	 * set. A counter may hold bits above the guest's width (put saves
	 * raw values), which the guest never reads (mpmu_get_msr).
	 */
	u64 host_counter_rsvd;
	u64 host_fixed_counter_rsvd;
};

/* The guest's reserved bits of selector i (sel_rsvd in mpmu_props.h). */
#define MPMU_SEL_RSVD(ctx, i) \
	((i) == 2 ? (ctx)->eventsel2_rsvd : (ctx)->eventsel_rsvd)

/*
 * Event filter (allow-list): a GP event is allowed iff its event select and
 * unit mask (bits 15:0) are listed; fixed counter j is allowed iff bit j of
 * fixed_allowed is set.
 */
#define MPMU_FILTER_MAX_EVENTS		64
struct mpmu_event_filter {
	u32 nr_events;
	u32 fixed_allowed;
	u16 events[MPMU_FILTER_MAX_EVENTS];
};

#include "mpmu_props.h"

/*
 * Load the guest PMU into hardware before VM-entry, with IRQs off. The
 * vendor comes from ctx->vendor: on Intel GLOBAL_CTRL is left 0 (VM-entry
 * loads the guest value from the VMCS); on AMD PerfCntrGlobalCtl is
 * enabled last, with every guest selector GuestOnly. The clauses are the
 * vendor functions' of mpmu_vendor.h.
 */
/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires A_configured: pmu_configured;
  @ requires A_host_model: host_model(ctx);
  @ requires A_rsvd_model: rsvd_model(ctx);
  @ requires A_host_events_off: ctx->vendor == MPMU_VENDOR_AMD ==>
  @   unowned_sel_off(ctx);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_ALL;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_trace_used: tr_len <= MPMU_TRACE_SWITCH_OPS;
  @ behavior invalid_context:
  @   assumes !ctx_loadable(ctx) && !amd_loadable(ctx);
  @   ensures REQ_VALIDATE_load: \result == -MPMU_EINVAL;
  @   ensures REQ_VALIDATE_no_hw_access: tr_len == 0;
  @ behavior intel:
  @   assumes ctx_loadable(ctx);
  @   ensures REQ_VALIDATE_ok: \result == 0;
  @   ensures REQ_H2G: guest_exact(ctx);
  @   ensures REQ_ORDER: starts_quiesced(0) && hw_gctl == 0 &&
  @     quiesced(1, tr_len) &&
  @     reset_then_set(0, tr_len);
  @   ensures REQ_FRAME: unowned_kept{Pre, Post}(ctx) &&
  @     writes_owned_only(ctx, 0, tr_len);
  @   ensures REQ_METRICS_H2G: guest_metrics(ctx) ==>
  @     hw_metrics == ctx->perf_metrics;
  @   ensures REQ_METRICS_ORDER: metrics_after_fc3(0, tr_len);
  @ behavior amd:
  @   assumes amd_loadable(ctx);
  @   ensures REQ_VALIDATE_ok: \result == 0;
  @   ensures REQ_H2G_amd: amd_gp_exact(ctx) &&
  @     status_exact(hw_gstatus, ctx->global_status,
  @                  ctx->global_status_rsvd, ctx->host_status_set_rsvd) &&
  @     hw_gctl == ctx->global_ctrl;
  @   ensures REQ_AMD_GUESTONLY: amd_guest_only_loaded(ctx);
  @   ensures REQ_AMD_ORDER: amd_starts_quiesced(0) &&
  @     quiesced(1, tr_len - 1) &&
  @     amd_enables_last(tr_len, ctx->global_ctrl);
  @   ensures REQ_FRAME_amd: unowned_kept{Pre, Post}(ctx) &&
  @     amd_writes_owned_only(ctx, 0, tr_len);
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int mpmu_load_guest_context(struct mpmu_ctx *ctx);

/*
 * Save the guest PMU after VM-exit and scrub what the guest owns, with
 * IRQs off. On Intel, VM-exit has already loaded the host GLOBAL_CTRL,
 * which is 0; on AMD, put saves the guest's PerfCntrGlobalCtl into the
 * context (SVM does not switch it) and zeroes it first.
 */
/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires A_configured: pmu_configured;
  @ requires A_host_model: host_model(ctx);
  @ requires A_exit_gctl_zero: ctx->vendor != MPMU_VENDOR_AMD ==> hw_gctl == 0;
  @ requires A_amd_host_quiet: ctx->vendor == MPMU_VENDOR_AMD ==> !pmu_active;
  @ requires A_amd_selectors_intercepted: ctx->vendor == MPMU_VENDOR_AMD ==>
  @   \forall integer i; 0 <= i < ctx->nr_gp && i < MPMU_MAX_GP ==>
  @   hw_gp_sel[i] == amd_load_sel(ctx->gp_eventsel_hw[i]);
  @ requires A_selectors_intercepted: ctx->vendor != MPMU_VENDOR_AMD &&
  @   ctx_counts_ok(ctx) ==>
  @   (\forall integer i; 0 <= i < ctx->nr_gp ==>
  @      hw_gp_sel[i] == ctx->gp_eventsel_hw[i]) &&
  @   hw_fx_ctrl == ctx->fixed_ctr_ctrl_hw;
  @ assigns MPMU_HW_REGS, MPMU_TRACE_ALL,
  @         ctx->gp_counter[0 .. MPMU_MAX_GP - 1],
  @         ctx->fixed_counter[0 .. MPMU_MAX_FIXED - 1], ctx->global_status,
  @         ctx->perf_metrics, ctx->global_ctrl;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_trace_used: tr_len <= MPMU_TRACE_SWITCH_OPS;
  @ ensures REQ_SAVE_global_ctrl: ctx->vendor == MPMU_VENDOR_AMD &&
  @   amd_counts_ok(ctx) ? ctx->global_ctrl == \old(hw_gctl) :
  @   ctx->global_ctrl == \old(ctx->global_ctrl);
  @ behavior invalid_context:
  @   assumes !ctx_puttable(ctx) && !amd_counts_ok(ctx);
  @   ensures REQ_VALIDATE_put: \result == -MPMU_EINVAL;
  @   ensures REQ_VALIDATE_put_no_hw_access: tr_len == 0;
  @ behavior intel:
  @   assumes ctx_puttable(ctx);
  @   ensures REQ_VALIDATE_ok: \result == 0;
  @   ensures REQ_SAVE: saved{Pre, Post}(ctx) && metrics_saved{Pre, Post}(ctx);
  @   ensures REQ_CLOSURE_put: \old(ctx_controls_ok(ctx)) ==>
  @     ctx_loadable(ctx);
  @   ensures REQ_G2H: host_clean(ctx);
  @   ensures REQ_ORDER: quiesced(0, tr_len);
  @   ensures REQ_FRAME: unowned_kept{Pre, Post}(ctx) &&
  @     writes_owned_only(ctx, 0, tr_len);
  @   ensures REQ_METRICS_G2H: guest_metrics(ctx) ==> hw_metrics == 0;
  @   ensures REQ_METRICS_ORDER: metrics_read_first(0, tr_len);
  @ behavior amd:
  @   assumes amd_counts_ok(ctx);
  @   ensures REQ_VALIDATE_ok: \result == 0;
  @   ensures REQ_SAVE_amd: saved{Pre, Post}(ctx);
  @   ensures REQ_CLOSURE_put_amd: \old(amd_sels_ok(ctx)) &&
  @     (ctx->global_ctrl & ctx->global_ctrl_rsvd) == 0 ==> amd_loadable(ctx);
  @   ensures REQ_G2H_amd: amd_host_clean(ctx);
  @   ensures REQ_AMD_ORDER: amd_put_starts(0) &&
  @     quiesced(2, tr_len);
  @   ensures REQ_FRAME_amd: unowned_kept{Pre, Post}(ctx) &&
  @     amd_writes_owned_only(ctx, 0, tr_len);
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int mpmu_put_guest_context(struct mpmu_ctx *ctx);

/*
 * AMD, after #VMEXIT when the guest owns PerfCntrGlobalCtl: hardware still
 * holds the guest's value (SVM does not switch it).
 */
/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires A_configured: ctx->vendor == MPMU_VENDOR_AMD ==> pmu_configured;
  @ requires A_host_model: host_model(ctx);
  @ assigns ctx->global_ctrl, MPMU_HW_COUNTING, MPMU_TRACE_ALL;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_FRAME_step: hw_step{Pre, Post}(MPMU_RK_NONE, 0);
  @ ensures REQ_AMD_ROUNDTRIP_refresh_quiet: !pmu_active{Pre} ==>
  @   (\forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @      hw_gp_ctr[i] == \old(hw_gp_ctr[i])) &&
  @   hw_gstatus == \old(hw_gstatus);
  @ ensures REQ_ORDER_trace_used: tr_len <= 1;
  @ ensures REQ_CLOSURE_amd_refresh: \old(amd_loadable(ctx)) &&
  @   (ctx->global_ctrl & ctx->global_ctrl_rsvd) == 0 ==> amd_loadable(ctx);
  @ behavior amd:
  @   assumes ctx->vendor == MPMU_VENDOR_AMD;
  @   ensures REQ_ROUNDTRIP_amd_global_ctl: \result == 0 &&
  @     ctx->global_ctrl == \old(hw_gctl);
  @ behavior other:
  @   assumes ctx->vendor != MPMU_VENDOR_AMD;
  @   ensures REQ_VALIDATE_amd_refresh: \result == -MPMU_EINVAL &&
  @     ctx->global_ctrl == \old(ctx->global_ctrl);
  @*/
int mpmu_amd_refresh_global_ctrl(struct mpmu_ctx *ctx);

/*
 * Decide whether the mediated PMU can run on this AMD host (at module
 * init, like mpmu_vmx_configure on Intel): load and put need PerfMonV2,
 * the PerfCntrGlobalCtl/Status/StatusClr/StatusSet MSRs (CPUID 0x80000022
 * EAX[0]; KVM: host PMU version >= 2). @pmu_version is the host's, read
 * as KVM reads it. Success establishes pmu_configured.
 */
/*@ requires A_caps_model: is_amd && pmu_version == hw_pmu_version &&
  @   hw_pmu_wf;
  @ assigns \nothing;
  @ exits \false;
  @ ensures REQ_FEATURES_amd: pmu_version >= 2 ? \result == 0 :
  @   \result == -MPMU_EOPNOTSUPP;
  @ ensures REQ_FEATURES_configured: \result == 0 ==> pmu_configured;
  @*/
int mpmu_amd_configure(u32 pmu_version);

/*
 * Host-initiated read of a guest PMU MSR (KVM_GET_MSRS). Never touches
 * hardware: after put the context holds everything. A counter reads
 * modulo the guest's width (KVM pmc_read_counter): the context keeps the
 * raw value put saved, bits above the guest's width included.
 */
/*@ requires REQ_RTE_valid_0: \valid_read(ctx);
  @ requires REQ_RTE_valid_1: \valid(data);
  @ requires REQ_RTE_separated: \separated(ctx, data);
  @ assigns *data;
  @ exits \false;
  @ ensures REQ_VALIDATE_get_error_kept: \result != 0 ==> *data == \old(*data);
  @ behavior bad_context:
  @   assumes !ctx_small(ctx);
  @   ensures REQ_VALIDATE_get_bad_context: \result == -MPMU_EINVAL &&
  @     *data == \old(*data);
  @ behavior gp_counter:
  @   assumes ctx_small(ctx) && ctx_gp_ctr_msr(ctx, msr);
  @   ensures REQ_VALIDATE_get_counter: \result == 0 &&
  @     *data == (ctx->gp_counter[ctr_index(msr)] &
  @               MPMU_NOT64(ctx->counter_rsvd));
  @ behavior gp_eventsel:
  @   assumes ctx_small(ctx) && ctx_gp_sel_msr(ctx, msr);
  @   ensures REQ_VALIDATE_get_eventsel: \result == 0 &&
  @     *data == ctx->gp_eventsel[msr - MPMU_MSR_IA32_PERFEVTSEL0];
  @ behavior fixed_counter:
  @   assumes ctx_small(ctx) && ctx_fx_ctr_msr(ctx, msr);
  @   ensures REQ_VALIDATE_get_fixed: \result == 0 &&
  @     *data == (ctx->fixed_counter[msr - MPMU_MSR_IA32_FIXED_CTR0] &
  @               MPMU_NOT64(ctx->fixed_counter_rsvd));
  @ behavior fixed_ctr_ctrl:
  @   assumes ctx_small(ctx) && msr == MPMU_MSR_IA32_FIXED_CTR_CTRL;
  @   ensures REQ_VALIDATE_get_fixed_ctrl: \result == 0 &&
  @     *data == ctx->fixed_ctr_ctrl;
  @ behavior global_ctrl:
  @   assumes ctx_small(ctx) && msr == MPMU_MSR_IA32_PERF_GLOBAL_CTRL;
  @   ensures REQ_VALIDATE_get_global_ctrl: \result == 0 &&
  @     *data == ctx->global_ctrl;
  @ behavior global_status:
  @   assumes ctx_small(ctx) && msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS;
  @   ensures REQ_VALIDATE_get_status: \result == 0 &&
  @     *data == ctx->global_status;
  @ behavior status_reset:
  @   assumes ctx_small(ctx) &&
  @     msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET;
  @   ensures REQ_VALIDATE_get_status_reset: \result == 0 && *data == 0;
  @ behavior perf_metrics:
  @   assumes ctx_small(ctx) && msr == MPMU_MSR_IA32_PERF_METRICS;
  @   ensures REQ_VALIDATE_get_metrics: guest_metrics(ctx) ?
  @     \result == 0 && *data == ctx->perf_metrics :
  @     \result == -MPMU_ENOENT && *data == \old(*data);
  @ behavior unknown:
  @   assumes ctx_small(ctx) && !ctx_known_msr(ctx, msr);
  @   ensures REQ_VALIDATE_get_unknown: \result == -MPMU_ENOENT &&
  @     *data == \old(*data);
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int mpmu_get_msr(const struct mpmu_ctx *ctx, u32 msr, u64 *data);

/*
 * Host-initiated write of a guest PMU MSR (KVM_SET_MSRS): a value with a
 * reserved bit, an index the guest does not have, or an unknown MSR is
 * refused with the context unchanged. As in KVM, a full-width counter
 * write (0x4C1+i) with a bit above the guest's width is refused, while a
 * legacy (0xC1+i, possibly sign-extended by KVM) or fixed counter write
 * is taken modulo the guest's width (pmc_write_counter); a value with a
 * bit above the host's width is refused too, which the guest's masks
 * (rsvd_model) make unreachable. Every accepted write keeps the context
 * loadable (REQ-CLOSURE). A selector or FIXED_CTR_CTRL write
 * reaches hardware disabled until mpmu_refresh_event_filter() approves it.
 */
/*@ requires REQ_RTE_valid: \valid(ctx);
  @ assigns ctx->gp_counter[0 .. MPMU_MAX_GP - 1],
  @         ctx->gp_eventsel[0 .. MPMU_MAX_GP - 1],
  @         ctx->gp_eventsel_hw[0 .. MPMU_MAX_GP - 1],
  @         ctx->fixed_counter[0 .. MPMU_MAX_FIXED - 1],
  @         ctx->fixed_ctr_ctrl, ctx->fixed_ctr_ctrl_hw, ctx->global_ctrl,
  @         ctx->global_status, ctx->perf_metrics;
  @ exits \false;
  @ ensures REQ_VALIDATE_error_unchanged: \result != 0 ==>
  @   ctx_frame{Pre, Post}(ctx, MPMU_RK_NONE, 0);
  @ behavior bad_context:
  @   assumes !ctx_small(ctx);
  @   ensures REQ_VALIDATE_set_bad_context: \result == -MPMU_EINVAL;
  @ behavior gp_counter:
  @   assumes ctx_small(ctx) && MPMU_MSR_IA32_A_PMC0 <= msr <
  @     MPMU_MSR_IA32_A_PMC0 + ctx->nr_gp;
  @   ensures REQ_VALIDATE_set_counter:
  @     (data & ctx->counter_rsvd) == 0 &&
  @     (data & ctx->host_counter_rsvd) == 0 ? \result == 0 &&
  @       ctx->gp_counter[ctr_index(msr)] == data &&
  @       ctx_frame{Pre, Post}(ctx, MPMU_RK_GP_CTR, ctr_index(msr))
  @     : \result == -MPMU_EINVAL;
  @ behavior gp_counter_legacy:
  @   assumes ctx_small(ctx) && MPMU_MSR_IA32_PMC0 <= msr <
  @     MPMU_MSR_IA32_PMC0 + ctx->nr_gp;
  @   ensures REQ_VALIDATE_set_counter_legacy:
  @     ((data & MPMU_NOT64(ctx->counter_rsvd)) &
  @      ctx->host_counter_rsvd) == 0 ? \result == 0 &&
  @       ctx->gp_counter[ctr_index(msr)] ==
  @         (data & MPMU_NOT64(ctx->counter_rsvd)) &&
  @       ctx_frame{Pre, Post}(ctx, MPMU_RK_GP_CTR, ctr_index(msr))
  @     : \result == -MPMU_EINVAL;
  @ behavior gp_eventsel:
  @   assumes ctx_small(ctx) && ctx_gp_sel_msr(ctx, msr);
  @   ensures REQ_VALIDATE_set_eventsel:
  @     (data & MPMU_SEL_RSVD(ctx, msr - MPMU_MSR_IA32_PERFEVTSEL0)) == 0 ?
  @       \result == 0 &&
  @       ctx->gp_eventsel[msr - MPMU_MSR_IA32_PERFEVTSEL0] == data &&
  @       ctx->gp_eventsel_hw[msr - MPMU_MSR_IA32_PERFEVTSEL0] ==
  @         (data & MPMU_NOT64(MPMU_EVTSEL_EN)) &&
  @       ctx_frame{Pre, Post}(ctx, MPMU_RK_GP_SEL,
  @                            msr - MPMU_MSR_IA32_PERFEVTSEL0)
  @     : \result == -MPMU_EINVAL;
  @ behavior fixed_counter:
  @   assumes ctx_small(ctx) && ctx_fx_ctr_msr(ctx, msr);
  @   ensures REQ_VALIDATE_set_fixed:
  @     ((data & MPMU_NOT64(ctx->fixed_counter_rsvd)) &
  @      ctx->host_fixed_counter_rsvd) == 0 ? \result == 0 &&
  @       ctx->fixed_counter[msr - MPMU_MSR_IA32_FIXED_CTR0] ==
  @         (data & MPMU_NOT64(ctx->fixed_counter_rsvd)) &&
  @       ctx_frame{Pre, Post}(ctx, MPMU_RK_FX_CTR,
  @                            msr - MPMU_MSR_IA32_FIXED_CTR0)
  @     : \result == -MPMU_EINVAL;
  @ behavior fixed_ctr_ctrl:
  @   assumes ctx_small(ctx) && msr == MPMU_MSR_IA32_FIXED_CTR_CTRL;
  @   ensures REQ_VALIDATE_set_fixed_ctrl:
  @     (data & ctx->fixed_ctr_ctrl_rsvd) == 0 ? \result == 0 &&
  @       ctx->fixed_ctr_ctrl == data && ctx->fixed_ctr_ctrl_hw == 0 &&
  @       ctx_frame{Pre, Post}(ctx, MPMU_RK_FX_CTRL, 0)
  @     : \result == -MPMU_EINVAL;
  @ behavior global_ctrl:
  @   assumes ctx_small(ctx) && msr == MPMU_MSR_IA32_PERF_GLOBAL_CTRL;
  @   ensures REQ_VALIDATE_set_global_ctrl:
  @     (data & ctx->global_ctrl_rsvd) == 0 ? \result == 0 &&
  @       ctx->global_ctrl == data &&
  @       ctx_frame{Pre, Post}(ctx, MPMU_RK_GCTL, 0)
  @     : \result == -MPMU_EINVAL;
  @ behavior global_status:
  @   assumes ctx_small(ctx) && msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS;
  @   ensures REQ_VALIDATE_set_status:
  @     (data & ctx->global_status_rsvd) == 0 ? \result == 0 &&
  @       ctx->global_status == data &&
  @       ctx_frame{Pre, Post}(ctx, MPMU_RK_STATUS, 0)
  @     : \result == -MPMU_EINVAL;
  @ behavior status_reset:
  @   assumes ctx_small(ctx) &&
  @     msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET;
  @   ensures REQ_VALIDATE_set_status_reset:
  @     (data & ctx->global_status_rsvd) == 0 ? \result == 0 &&
  @       ctx_frame{Pre, Post}(ctx, MPMU_RK_NONE, 0)
  @     : \result == -MPMU_EINVAL;
  @ behavior perf_metrics:
  @   assumes ctx_small(ctx) && msr == MPMU_MSR_IA32_PERF_METRICS;
  @   ensures REQ_VALIDATE_set_metrics:
  @     (ctx->flags & MPMU_CTX_PERF_METRICS) != 0 ? \result == 0 &&
  @       ctx->perf_metrics == data &&
  @       ctx_frame{Pre, Post}(ctx, MPMU_RK_METRICS, 0)
  @     : \result == -MPMU_ENOENT;
  @ behavior unknown:
  @   assumes ctx_small(ctx) && !ctx_known_msr(ctx, msr);
  @   ensures REQ_VALIDATE_set_unknown: \result == -MPMU_ENOENT;
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int mpmu_set_msr(struct mpmu_ctx *ctx, u32 msr, u64 data);

/*
 * Apply the event filter to the guest's selectors and FIXED_CTR_CTRL,
 * producing the values load writes to hardware. Call it after every
 * guest or host write of a selector or FIXED_CTR_CTRL and after every
 * filter change, before the next load (KVM: KVM_REQ_PMU).
 */
/*@ requires REQ_RTE_valid_0: \valid(ctx);
  @ requires REQ_RTE_valid_1: \valid_read(filter);
  @ requires REQ_RTE_separated: \separated(ctx, filter);
  @ requires REQ_RTE_filter: filter->nr_events <= MPMU_FILTER_MAX_EVENTS;
  @ assigns ctx->gp_eventsel_hw[0 .. MPMU_MAX_GP - 1], ctx->fixed_ctr_ctrl_hw;
  @ exits \false;
  @ ensures REQ_FILTER_gp: \forall integer i;
  @   0 <= i < ctx->nr_gp && i < MPMU_MAX_GP ==>
  @   gp_filtered(filter, ctx->gp_eventsel[i], ctx->gp_eventsel_hw[i]);
  @ ensures REQ_FILTER_fixed: ctx->fixed_ctr_ctrl_hw == (ctx->fixed_ctr_ctrl &
  @   fixed_allowed_mask(filter->fixed_allowed, ctx->nr_fixed));
  @ ensures REQ_CLOSURE_filter_sels: ctx_small(ctx) && guest_sels_ok(ctx) ==>
  @   \forall integer i; 0 <= i < ctx->nr_gp ==>
  @   (ctx->gp_eventsel_hw[i] & MPMU_SEL_RSVD(ctx, i)) == 0;
  @*/
void mpmu_refresh_event_filter(struct mpmu_ctx *ctx,
			       const struct mpmu_event_filter *filter);

#endif /* MPMU_H */
