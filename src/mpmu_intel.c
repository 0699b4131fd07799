// SPDX-License-Identifier: GPL-2.0-only
/*
 * Intel mediated PMU switch: load the guest PMU before VM-entry, save and
 * scrub it after VM-exit. Contracts of the entry points are in mpmu.h.
 *
 * Order (SDM 20.2; KVM's mediated PMU): GLOBAL_CTRL := 0 before any
 * counter or selector changes, so nothing counts while state is mixed;
 * GLOBAL_STATUS, which is read-only, is restored by RESET then SET.
 */
#include "mpmu_vendor.h"
#include "mpmu_hw_ops.h"

/*@ // Everything but the status register keeps its value.
  @ predicate regs_kept_but_status{L1, L2} =
  @   (\forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @      \at(hw_gp_ctr[i], L2) == \at(hw_gp_ctr[i], L1) &&
  @      \at(hw_gp_sel[i], L2) == \at(hw_gp_sel[i], L1)) &&
  @   (\forall integer j; 0 <= j < MPMU_MAX_FIXED ==>
  @      \at(hw_fx_ctr[j], L2) == \at(hw_fx_ctr[j], L1)) &&
  @   \at(hw_fx_ctrl, L2) == \at(hw_fx_ctrl, L1) &&
  @   \at(hw_gctl, L2) == \at(hw_gctl, L1) &&
  @   \at(hw_metrics, L2) == \at(hw_metrics, L1);
  @
  @ predicate status_kept{L1, L2} =
  @   \at(hw_gstatus, L2) == \at(hw_gstatus, L1);
  @*/

/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ assigns \nothing;
  @ exits \false;
  @ ensures REQ_VALIDATE_metrics: \result != 0 <==> ctx_metrics_ok(ctx);
  @*/
static int mpmu_metrics_ok(const struct mpmu_ctx *ctx)
{
	int guest = (ctx->flags & MPMU_CTX_PERF_METRICS) != 0;
	int host = (ctx->flags & MPMU_CTX_HOST_PERF_METRICS) != 0;
	int slots = ctx->nr_fixed > 3;

	/* Fixed counter 3 drives PERF_METRICS: both or neither. */
	if (slots != guest)
		return 0;
	return !guest || host;
}

/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ assigns \nothing;
  @ exits \false;
  @ ensures REQ_VALIDATE_check_put: \result != 0 <==> ctx_puttable(ctx);
  @*/
static int mpmu_ctx_puttable(const struct mpmu_ctx *ctx)
{
	return ctx->vendor == MPMU_VENDOR_INTEL &&
	       ctx->host_nr_gp <= MPMU_MAX_GP &&
	       ctx->nr_gp <= ctx->host_nr_gp &&
	       ctx->host_nr_fixed <= MPMU_MAX_FIXED &&
	       ctx->nr_fixed <= ctx->host_nr_fixed && mpmu_metrics_ok(ctx);
}

/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ assigns \nothing;
  @ exits \false;
  @ ensures REQ_VALIDATE_check: \result != 0 <==> ctx_loadable(ctx);
  @ ensures REQ_H2G_GCTL_loadable: \result != 0 ==>
  @   (ctx->global_ctrl & ctx->global_ctrl_rsvd) == 0;
  @*/
static int mpmu_ctx_loadable(const struct mpmu_ctx *ctx)
{
	u32 i;

	if (!mpmu_ctx_puttable(ctx))
		return 0;

	/*@ loop invariant REQ_RTE_bound: 0 <= i <= ctx->nr_gp;
	  @ loop invariant REQ_VALIDATE_scan: \forall integer k; 0 <= k < i ==>
	  @   (ctx->gp_counter[k] & ctx->host_counter_rsvd) == 0 &&
	  @   (ctx->gp_eventsel_hw[k] & MPMU_SEL_RSVD(ctx, k)) == 0;
	  @ loop assigns i;
	  @ loop variant ctx->nr_gp - i;
	  @*/
	for (i = 0; i < ctx->nr_gp; i++) {
		/* What hardware accepts: put saves raw RDPMC values. */
		if (ctx->gp_counter[i] & ctx->host_counter_rsvd)
			return 0;
		if (ctx->gp_eventsel_hw[i] & MPMU_SEL_RSVD(ctx, i))
			return 0;
	}

	/*@ loop invariant REQ_RTE_bound: 0 <= i <= ctx->nr_fixed;
	  @ loop invariant REQ_VALIDATE_scan: \forall integer k; 0 <= k < i ==>
	  @   (ctx->fixed_counter[k] & ctx->host_fixed_counter_rsvd) == 0;
	  @ loop assigns i;
	  @ loop variant ctx->nr_fixed - i;
	  @*/
	for (i = 0; i < ctx->nr_fixed; i++) {
		if (ctx->fixed_counter[i] & ctx->host_fixed_counter_rsvd)
			return 0;
	}

	/* The guest runs with global_ctrl (the VMCS field mirrors it). */
	return (ctx->fixed_ctr_ctrl_hw & ctx->fixed_ctr_ctrl_rsvd) == 0 &&
	       (ctx->global_ctrl & ctx->global_ctrl_rsvd) == 0;
}

/*
 * GP counters, then their selectors. A counter whose hardware value already
 * equals the context (RDPMC is cheaper than WRMSR) is not rewritten.
 */
/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(3 * MPMU_MAX_GP);
  @ requires REQ_VALIDATE_counts: ctx_counts_ok(ctx);
  @ requires REQ_RSVD_values: ctx_values_ok(ctx);
  @ requires REQ_FEATURES: intel_features;
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_RSVD_model: rsvd_model(ctx);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ ensures REQ_H2G_loaded: gp_exact(ctx);
  @ ensures REQ_FRAME_unowned: unowned_kept{Pre, Post}(ctx);
  @ ensures REQ_FRAME_fixed_kept: \forall integer j; 0 <= j < MPMU_MAX_FIXED ==>
  @   hw_fx_ctr[j] == \old(hw_fx_ctr[j]);
  @ ensures REQ_FRAME_fx_ctrl_kept: hw_fx_ctrl == \old(hw_fx_ctrl);
  @ ensures REQ_FRAME_status_kept: hw_gstatus == \old(hw_gstatus);
  @ ensures REQ_ORDER_trace_len:
  @   \old(tr_len) <= tr_len <= \old(tr_len) + 3 * ctx->nr_gp;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_ORDER_no_status: no_status_writes(\old(tr_len), tr_len);
  @ ensures REQ_METRICS_ORDER_none: no_topdown_ops(\old(tr_len), tr_len);
  @ ensures REQ_FRAME_writes: writes_owned_only(ctx, \old(tr_len), tr_len);
  @*/
static void mpmu_load_gp_counters(const struct mpmu_ctx *ctx)
{
	u32 i;

	/*@ loop invariant REQ_RTE_bound: 0 <= i <= ctx->nr_gp;
	  @ loop invariant REQ_RSVD_wf: hw_wf;
	  @ loop invariant REQ_ORDER_gctl_zero: hw_gctl == 0;
	  @ loop invariant REQ_H2G_loop: \forall integer k; 0 <= k < i ==>
	  @   hw_gp_ctr[k] == ctx->gp_counter[k];
	  @ loop invariant REQ_H2G_loop: \forall integer k; 0 <= k < i ==>
	  @   hw_gp_sel[k] == ctx->gp_eventsel_hw[k];
	  @ loop invariant REQ_FRAME_kept:
	  @   \forall integer k; i <= k < MPMU_MAX_GP ==>
	  @   hw_gp_sel[k] == \at(hw_gp_sel[k], Pre);
	  @ loop invariant REQ_FRAME_kept:
	  @   \forall integer j; 0 <= j < MPMU_MAX_FIXED ==>
	  @   hw_fx_ctr[j] == \at(hw_fx_ctr[j], Pre);
	  @ loop invariant REQ_FRAME_kept: hw_fx_ctrl == \at(hw_fx_ctrl, Pre);
	  @ loop invariant REQ_FRAME_kept: hw_gstatus == \at(hw_gstatus, Pre);
	  @ loop invariant REQ_ORDER_trace_len: \at(tr_len, Pre) <= tr_len &&
	  @   tr_len <= \at(tr_len, Pre) + 3 * i;
	  @ loop invariant REQ_ORDER_quiesced:
	  @   quiesced(\at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_ORDER_no_status:
	  @   no_status_writes(\at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_METRICS_ORDER_none:
	  @   no_topdown_ops(\at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_FRAME_writes:
	  @   writes_owned_only(ctx, \at(tr_len, Pre), tr_len);
	  @ loop assigns i, MPMU_HW_REGS,
	  @   tr_kind[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_reg[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_val[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_gctl[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1], tr_len;
	  @ loop variant ctx->nr_gp - i;
	  @*/
	for (i = 0; i < ctx->nr_gp; i++) {
		/* ctx_values_ok to REQ_RSVD bit by bit, as in the AMD loop. */
		/*@ assert REQ_RSVD_sel_rsvd: \forall integer k; 0 <= k < 64 ==>
		  @   bit(ctx->gp_eventsel_hw[i], k) ==>
		  @   bit(MPMU_SEL_RSVD(ctx, i), k) ==>
		  @   bit(ctx->gp_eventsel_hw[i] & MPMU_SEL_RSVD(ctx, i), k);
		  @*/
		/*@ assert REQ_RSVD_ctr_rsvd: \forall integer k; 0 <= k < 64 ==>
		  @   bit(ctx->gp_counter[i], k) ==>
		  @   bit(ctx->host_counter_rsvd, k) ==>
		  @   bit(ctx->gp_counter[i] & ctx->host_counter_rsvd, k);
		  @*/
		if (mpmu_rdpmc_gp(i) != ctx->gp_counter[i])
			mpmu_wr_gp_counter(i, ctx->gp_counter[i]);
		mpmu_wr_gp_eventsel(i, ctx->gp_eventsel_hw[i]);
	}
}

/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(2 * MPMU_MAX_FIXED);
  @ requires REQ_VALIDATE_counts: ctx_counts_ok(ctx);
  @ requires REQ_RSVD_values: ctx_values_ok(ctx);
  @ requires REQ_FEATURES: intel_features;
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_RSVD_model: rsvd_model(ctx);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ ensures REQ_H2G_loaded: \forall integer j; 0 <= j < ctx->nr_fixed ==>
  @   hw_fx_ctr[j] == ctx->fixed_counter[j];
  @ ensures REQ_FRAME_gp_kept: \forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @   hw_gp_ctr[i] == \old(hw_gp_ctr[i]) && hw_gp_sel[i] == \old(hw_gp_sel[i]);
  @ ensures REQ_FRAME_fx_ctrl_kept: hw_fx_ctrl == \old(hw_fx_ctrl);
  @ ensures REQ_FRAME_status_kept: hw_gstatus == \old(hw_gstatus);
  @ ensures REQ_ORDER_trace_len: \old(tr_len) <= tr_len <=
  @   \old(tr_len) + 2 * ctx->nr_fixed;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_ORDER_no_status: no_status_writes(\old(tr_len), tr_len);
  @ ensures REQ_METRICS_ORDER_none: no_metrics_ops(\old(tr_len), tr_len);
  @ ensures REQ_FRAME_writes: writes_owned_only(ctx, \old(tr_len), tr_len);
  @*/
static void mpmu_load_fixed_counters(const struct mpmu_ctx *ctx)
{
	u32 j;

	/*@ loop invariant REQ_RTE_bound: 0 <= j <= ctx->nr_fixed;
	  @ loop invariant REQ_RSVD_wf: hw_wf;
	  @ loop invariant REQ_ORDER_gctl_zero: hw_gctl == 0;
	  @ loop invariant REQ_H2G_loop: \forall integer k; 0 <= k < j ==>
	  @   hw_fx_ctr[k] == ctx->fixed_counter[k];
	  @ loop invariant REQ_FRAME_kept:
	  @   \forall integer i; 0 <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], Pre) &&
	  @   hw_gp_sel[i] == \at(hw_gp_sel[i], Pre);
	  @ loop invariant REQ_FRAME_kept: hw_fx_ctrl == \at(hw_fx_ctrl, Pre);
	  @ loop invariant REQ_FRAME_kept: hw_gstatus == \at(hw_gstatus, Pre);
	  @ loop invariant REQ_ORDER_trace_len: \at(tr_len, Pre) <= tr_len &&
	  @   tr_len <= \at(tr_len, Pre) + 2 * j;
	  @ loop invariant REQ_ORDER_quiesced:
	  @   quiesced(\at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_ORDER_no_status:
	  @   no_status_writes(\at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_METRICS_ORDER_none:
	  @   no_metrics_ops(\at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_FRAME_writes:
	  @   writes_owned_only(ctx, \at(tr_len, Pre), tr_len);
	  @ loop assigns j, MPMU_HW_REGS,
	  @   tr_kind[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_reg[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_val[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_gctl[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1], tr_len;
	  @ loop variant ctx->nr_fixed - j;
	  @*/
	for (j = 0; j < ctx->nr_fixed; j++) {
		/* ctx_values_ok to REQ_RSVD bit by bit, as for the selectors. */
		/*@ assert REQ_RSVD_fx_rsvd: \forall integer k; 0 <= k < 64 ==>
		  @   bit(ctx->fixed_counter[j], k) ==>
		  @   bit(ctx->host_fixed_counter_rsvd, k) ==>
		  @   bit(ctx->fixed_counter[j] & ctx->host_fixed_counter_rsvd, k);
		  @*/
		if (mpmu_rdpmc_fixed(j) != ctx->fixed_counter[j])
			mpmu_wr_fixed_counter(j, ctx->fixed_counter[j]);
	}
}

/*
 * GLOBAL_STATUS is read-only: clear with RESET every bit read that the
 * guest's status does not have (a host counter's overflow, a host-only
 * bit), then set the guest's bits with SET. The guest's bits are those
 * its status mask guest_rsvd leaves free (the overflow bits of its
 * counters and what its CPUID exposes): no other bit of the context is
 * ever set. Only differing bits are written, and SET never gets a bit it
 * cannot set (63, CondChgd).
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_FEATURES: intel_features;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(3);
  @ requires REQ_RSVD_set_mask: set_rsvd == hw_rsvd_status_set;
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_H2G_restored:
  @   status_exact(hw_gstatus, guest, guest_rsvd, set_rsvd);
  @ ensures REQ_FRAME_others_kept: regs_kept_but_status{Pre, Post};
  @ ensures REQ_ORDER_trace_len: \old(tr_len) < tr_len <= \old(tr_len) + 3;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_ORDER_status: reset_then_set(\old(tr_len), tr_len);
  @ ensures REQ_H2G_status_guest_set: set_guest_only(\old(tr_len), tr_len,
  @   MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET, guest_rsvd);
  @ ensures REQ_METRICS_ORDER_none: no_topdown_ops(\old(tr_len), tr_len);
  @ ensures REQ_FRAME_writes_global_only: writes_only_to(\old(tr_len), tr_len,
  @   MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET,
  @   MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET);
  @*/
static void mpmu_intel_load_status(u64 guest, u64 guest_rsvd, u64 set_rsvd)
{
	u64 hw = mpmu_rd_global_status();
	u64 own = guest & ~guest_rsvd;
	u64 toggle = hw ^ own;
	u64 clear = hw & toggle;
	u64 set = own & toggle & ~set_rsvd;

	if (clear)
		mpmu_wr_status_reset(clear);
	if (set)
		mpmu_wr_status_set(set);
}

/*
 * Counters, selectors and fixed counters, then PERF_METRICS: after the
 * last fixed counter 3 write, which disturbs it.
 */
/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room:
  @   trace_room(3 * MPMU_MAX_GP + 2 * MPMU_MAX_FIXED + 1);
  @ requires REQ_VALIDATE_loadable: ctx_loadable(ctx);
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_RSVD_model: rsvd_model(ctx);
  @ requires REQ_FEATURES: intel_features;
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ ensures REQ_H2G_counters: gp_exact(ctx);
  @ ensures REQ_H2G_fixed: \forall integer j; 0 <= j < ctx->nr_fixed ==>
  @   hw_fx_ctr[j] == ctx->fixed_counter[j];
  @ ensures REQ_METRICS_H2G: guest_metrics(ctx) ==>
  @   hw_metrics == ctx->perf_metrics;
  @ ensures REQ_FRAME_selectors: unowned_kept{Pre, Post}(ctx);
  @ ensures REQ_FRAME_fx_ctrl_kept: hw_fx_ctrl == \old(hw_fx_ctrl);
  @ ensures REQ_FRAME_status_kept: hw_gstatus == \old(hw_gstatus);
  @ ensures REQ_ORDER_trace_len: \old(tr_len) <= tr_len <=
  @   \old(tr_len) + 3 * MPMU_MAX_GP + 2 * MPMU_MAX_FIXED + 1;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_ORDER_no_status: no_status_writes(\old(tr_len), tr_len);
  @ ensures REQ_FRAME_writes: writes_owned_only(ctx, \old(tr_len), tr_len);
  @ ensures REQ_METRICS_ORDER_load: metrics_after_fc3(\old(tr_len), tr_len);
  @ ensures REQ_METRICS_G2H_untouched: !guest_metrics(ctx) ==>
  @   no_topdown_ops(\old(tr_len), tr_len);
  @*/
static void mpmu_intel_load_counters(const struct mpmu_ctx *ctx)
{
	mpmu_load_gp_counters(ctx);
	/*@ assert REQ_METRICS_ORDER_gp:
	  @   no_topdown_ops(\at(tr_len, Pre), tr_len); */
	mpmu_load_fixed_counters(ctx);
	/*@ assert REQ_METRICS_ORDER_fixed:
	  @   no_metrics_ops(\at(tr_len, Pre), tr_len); */
	/* After the last fixed counter 3 write: it disturbs PERF_METRICS. */
	if (ctx->flags & MPMU_CTX_PERF_METRICS)
		mpmu_wr_perf_metrics(ctx->perf_metrics);
}

int mpmu_intel_load_guest_context(struct mpmu_ctx *ctx)
{
	if (!mpmu_ctx_loadable(ctx))
		return -MPMU_EINVAL;

	/* The FIXED_CTR_CTRL write's REQ_RSVD, stated while the context is
	 * small: Z3 needed 18 s for it at the write, CVC4 0.7 s. */
	/*@ assert REQ_RSVD_fx_ctrl_bits: \forall integer k; 0 <= k < 64 ==>
	  @   bit(ctx->fixed_ctr_ctrl_hw, k) ==>
	  @   bit(ctx->fixed_ctr_ctrl_rsvd, k) ==>
	  @   bit(ctx->fixed_ctr_ctrl_hw & ctx->fixed_ctr_ctrl_rsvd, k); */
	/*@ assert REQ_RSVD_fx_ctrl:
	  @   rsvd_free(ctx->fixed_ctr_ctrl_hw, hw_rsvd_fx_ctrl); */
	mpmu_wr_global_ctrl(0);
	/*@ assert REQ_ORDER_first_op: starts_quiesced(\at(tr_len, Pre)) &&
	  @   tr_len == \at(tr_len, Pre) + 1; */
	mpmu_intel_load_counters(ctx);
	/* The order claims over the window so far, after each call: each
	 * step composes two windows, not four. */
	/*@ assert REQ_ORDER_status_none:
	  @   no_status_writes(\at(tr_len, Pre), tr_len); */
	/*@ assert REQ_METRICS_ORDER_counters:
	  @   metrics_after_fc3(\at(tr_len, Pre), tr_len); */
	/*@ assert REQ_METRICS_G2H_counters: !guest_metrics(ctx) ==>
	  @   no_topdown_ops(\at(tr_len, Pre), tr_len); */
	mpmu_intel_load_status(ctx->global_status, ctx->global_status_rsvd,
			       ctx->host_status_set_rsvd);
	/*@ assert REQ_ORDER_status_restored:
	  @   reset_then_set(\at(tr_len, Pre), tr_len); */
	/*@ assert REQ_H2G_status_guest_set_restored:
	  @   set_guest_only(\at(tr_len, Pre), tr_len,
	  @   MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET, ctx->global_status_rsvd); */
	/*@ assert REQ_METRICS_ORDER_status:
	  @   metrics_after_fc3(\at(tr_len, Pre), tr_len); */
	/*@ assert REQ_METRICS_G2H_status: !guest_metrics(ctx) ==>
	  @   no_topdown_ops(\at(tr_len, Pre), tr_len); */
	mpmu_wr_fixed_ctr_ctrl(ctx->fixed_ctr_ctrl_hw);
	return 0;
}

/*
 * Save the guest's bits of GLOBAL_STATUS (those its status mask leaves
 * free: the overflow bits of its counters and what its CPUID exposes) and
 * clear every bit read: stale guest overflow bits must not reach host
 * perf's PMI handler, and a bit hardware set for the host while the guest
 * ran (ToPA, freeze, uncore...) must not enter the guest's context.
 */
/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_FEATURES: intel_features;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(2);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT, tr_kind[tr_len + 1],
  @         tr_reg[tr_len + 1], tr_val[tr_len + 1], tr_gctl[tr_len + 1],
  @         ctx->global_status;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_SAVE_saved: status_saved(ctx->global_status, \old(hw_gstatus),
  @                              ctx->global_status_rsvd);
  @ ensures REQ_SAVE_status_read: status_saved_read(ctx->global_status,
  @   tr_val[\old(tr_len)], ctx->global_status_rsvd);
  @ ensures REQ_G2H_scrubbed: no_bits(hw_gstatus);
  @ ensures REQ_G2H_status_reset: status_scrubbed_at(\old(tr_len),
  @   MPMU_MSR_IA32_PERF_GLOBAL_STATUS, MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET);
  @ ensures REQ_FRAME_others_kept: regs_kept_but_status{Pre, Post};
  @ ensures REQ_ORDER_trace_len: \old(tr_len) < tr_len <= \old(tr_len) + 2;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_METRICS_ORDER_none: no_topdown_ops(\old(tr_len), tr_len);
  @ ensures REQ_FRAME_writes_global_only: writes_only_to(\old(tr_len), tr_len,
  @   MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET,
  @   MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET);
  @*/
static void mpmu_intel_put_status(struct mpmu_ctx *ctx)
{
	u64 status = mpmu_rd_global_status();

	/*@ assert REQ_G2H_status_read: rd_at(\at(tr_len, Pre),
	  @   MPMU_MSR_IA32_PERF_GLOBAL_STATUS) &&
	  @   tr_val[\at(tr_len, Pre)] == status; */
	ctx->global_status = status & ~ctx->global_status_rsvd;
	if (status)
		mpmu_wr_status_reset(status);
}

/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(3 * MPMU_MAX_GP);
  @ requires REQ_VALIDATE_counts: ctx_counts_ok(ctx);
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_FEATURES: intel_features;
  @ requires REQ_G2H_sel_match: \forall integer i; 0 <= i < ctx->nr_gp ==>
  @   hw_gp_sel[i] == ctx->gp_eventsel_hw[i];
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST,
  @         ctx->gp_counter[0 .. MPMU_MAX_GP - 1];
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ ensures REQ_SAVE_saved: \forall integer i; 0 <= i < ctx->nr_gp ==>
  @   ctx->gp_counter[i] == \old(hw_gp_ctr[i]);
  @ ensures REQ_CLOSURE_saved: \forall integer i; 0 <= i < ctx->nr_gp ==>
  @   (ctx->gp_counter[i] & ctx->host_counter_rsvd) == 0;
  @ ensures REQ_G2H_scrubbed: gp_clean(ctx);
  @ ensures REQ_FRAME_unowned: unowned_kept{Pre, Post}(ctx);
  @ ensures REQ_FRAME_fixed_kept: \forall integer j; 0 <= j < MPMU_MAX_FIXED ==>
  @   hw_fx_ctr[j] == \old(hw_fx_ctr[j]);
  @ ensures REQ_FRAME_fx_ctrl_kept: hw_fx_ctrl == \old(hw_fx_ctrl);
  @ ensures REQ_FRAME_status_kept: hw_gstatus == \old(hw_gstatus);
  @ ensures REQ_FRAME_metrics_kept: hw_metrics == \old(hw_metrics);
  @ ensures REQ_ORDER_trace_len:
  @   \old(tr_len) <= tr_len <= \old(tr_len) + 3 * ctx->nr_gp;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_METRICS_ORDER_none: no_topdown_ops(\old(tr_len), tr_len);
  @ ensures REQ_FRAME_writes: writes_owned_only(ctx, \old(tr_len), tr_len);
  @*/
static void mpmu_put_gp_counters(struct mpmu_ctx *ctx)
{
	u32 i;

	/*@ loop invariant REQ_RTE_bound: 0 <= i <= ctx->nr_gp;
	  @ loop invariant REQ_RSVD_wf: hw_wf;
	  @ loop invariant REQ_ORDER_gctl_zero: hw_gctl == 0;
	  @ loop invariant REQ_SAVE_loop: \forall integer k; 0 <= k < i ==>
	  @   ctx->gp_counter[k] == \at(hw_gp_ctr[k], Pre);
	  @ loop invariant REQ_CLOSURE_loop: \forall integer k; 0 <= k < i ==>
	  @   (ctx->gp_counter[k] & ctx->host_counter_rsvd) == 0;
	  @ loop invariant REQ_G2H_loop:
	  @   \forall integer k; 0 <= k < i ==> hw_gp_ctr[k] == 0;
	  @ loop invariant REQ_G2H_loop:
	  @   \forall integer k; 0 <= k < i ==> hw_gp_sel[k] == 0;
	  @ loop invariant REQ_FRAME_kept:
	  @   \forall integer k; i <= k < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[k] == \at(hw_gp_ctr[k], Pre) &&
	  @   hw_gp_sel[k] == \at(hw_gp_sel[k], Pre);
	  @ loop invariant REQ_FRAME_kept:
	  @   \forall integer j; 0 <= j < MPMU_MAX_FIXED ==>
	  @   hw_fx_ctr[j] == \at(hw_fx_ctr[j], Pre);
	  @ loop invariant REQ_FRAME_kept: hw_fx_ctrl == \at(hw_fx_ctrl, Pre);
	  @ loop invariant REQ_FRAME_kept: hw_gstatus == \at(hw_gstatus, Pre);
	  @ loop invariant REQ_METRICS_G2H_kept:
	  @   hw_metrics == \at(hw_metrics, Pre);
	  @ loop invariant REQ_ORDER_trace_len: \at(tr_len, Pre) <= tr_len &&
	  @   tr_len <= \at(tr_len, Pre) + 3 * i;
	  @ loop invariant REQ_ORDER_quiesced:
	  @   quiesced(\at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_METRICS_ORDER_none:
	  @   no_topdown_ops(\at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_FRAME_writes:
	  @   writes_owned_only(ctx, \at(tr_len, Pre), tr_len);
	  @ loop assigns i, MPMU_HW_REGS, ctx->gp_counter[0 .. MPMU_MAX_GP - 1],
	  @   tr_kind[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_reg[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_val[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_gctl[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1], tr_len;
	  @ loop variant ctx->nr_gp - i;
	  @*/
	for (i = 0; i < ctx->nr_gp; i++) {
		u64 count = mpmu_rdpmc_gp(i);

		ctx->gp_counter[i] = count;
		if (count)
			mpmu_wr_gp_counter(i, 0);
		if (ctx->gp_eventsel_hw[i])
			mpmu_wr_gp_eventsel(i, 0);
	}
}

/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(2 * MPMU_MAX_FIXED);
  @ requires REQ_VALIDATE_counts: ctx_counts_ok(ctx);
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_FEATURES: intel_features;
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST,
  @         ctx->fixed_counter[0 .. MPMU_MAX_FIXED - 1];
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ ensures REQ_SAVE_saved: \forall integer j; 0 <= j < ctx->nr_fixed ==>
  @   ctx->fixed_counter[j] == \old(hw_fx_ctr[j]);
  @ ensures REQ_CLOSURE_saved: \forall integer j; 0 <= j < ctx->nr_fixed ==>
  @   (ctx->fixed_counter[j] & ctx->host_fixed_counter_rsvd) == 0;
  @ ensures REQ_G2H_scrubbed: \forall integer j; 0 <= j < ctx->nr_fixed ==>
  @   hw_fx_ctr[j] == 0;
  @ ensures REQ_FRAME_gp_kept: \forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @   hw_gp_ctr[i] == \old(hw_gp_ctr[i]) && hw_gp_sel[i] == \old(hw_gp_sel[i]);
  @ ensures REQ_FRAME_fx_ctrl_kept: hw_fx_ctrl == \old(hw_fx_ctrl);
  @ ensures REQ_FRAME_status_kept: hw_gstatus == \old(hw_gstatus);
  @ ensures REQ_FRAME_metrics_kept: hw_metrics == \old(hw_metrics) ||
  @   (ctx->nr_fixed > 3 && ctx->fixed_counter[3] != 0);
  @ ensures REQ_ORDER_trace_len: \old(tr_len) <= tr_len <=
  @   \old(tr_len) + 2 * ctx->nr_fixed;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_METRICS_ORDER_none: no_metrics_ops(\old(tr_len), tr_len);
  @ ensures REQ_FRAME_writes: writes_owned_only(ctx, \old(tr_len), tr_len);
  @*/
static void mpmu_put_fixed_counters(struct mpmu_ctx *ctx)
{
	u32 j;

	/*@ loop invariant REQ_RTE_bound: 0 <= j <= ctx->nr_fixed;
	  @ loop invariant REQ_RSVD_wf: hw_wf;
	  @ loop invariant REQ_ORDER_gctl_zero: hw_gctl == 0;
	  @ loop invariant REQ_SAVE_loop: \forall integer k; 0 <= k < j ==>
	  @   ctx->fixed_counter[k] == \at(hw_fx_ctr[k], Pre);
	  @ loop invariant REQ_CLOSURE_loop: \forall integer k; 0 <= k < j ==>
	  @   (ctx->fixed_counter[k] & ctx->host_fixed_counter_rsvd) == 0;
	  @ loop invariant REQ_G2H_loop:
	  @   \forall integer k; 0 <= k < j ==> hw_fx_ctr[k] == 0;
	  @ loop invariant REQ_FRAME_kept:
	  @   \forall integer k; j <= k < MPMU_MAX_FIXED ==>
	  @   hw_fx_ctr[k] == \at(hw_fx_ctr[k], Pre);
	  @ loop invariant REQ_FRAME_kept:
	  @   \forall integer i; 0 <= i < MPMU_MAX_GP ==>
	  @   hw_gp_ctr[i] == \at(hw_gp_ctr[i], Pre) &&
	  @   hw_gp_sel[i] == \at(hw_gp_sel[i], Pre);
	  @ loop invariant REQ_FRAME_kept: hw_fx_ctrl == \at(hw_fx_ctrl, Pre);
	  @ loop invariant REQ_FRAME_kept: hw_gstatus == \at(hw_gstatus, Pre);
	  @ loop invariant REQ_METRICS_G2H_metrics:
	  @   hw_metrics == \at(hw_metrics, Pre) ||
	  @   (j > 3 && ctx->fixed_counter[3] != 0);
	  @ loop invariant REQ_ORDER_trace_len: \at(tr_len, Pre) <= tr_len &&
	  @   tr_len <= \at(tr_len, Pre) + 2 * j;
	  @ loop invariant REQ_ORDER_quiesced:
	  @   quiesced(\at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_METRICS_ORDER_none:
	  @   no_metrics_ops(\at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_FRAME_writes:
	  @   writes_owned_only(ctx, \at(tr_len, Pre), tr_len);
	  @ loop assigns j, MPMU_HW_REGS,
	  @   ctx->fixed_counter[0 .. MPMU_MAX_FIXED - 1],
	  @   tr_kind[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_reg[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_val[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_gctl[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1], tr_len;
	  @ loop variant ctx->nr_fixed - j;
	  @*/
	for (j = 0; j < ctx->nr_fixed; j++) {
		u64 count = mpmu_rdpmc_fixed(j);

		ctx->fixed_counter[j] = count;
		if (count)
			mpmu_wr_fixed_counter(j, 0);
	}
}

/*
 * Status, FIXED_CTR_CTRL and the PERF_METRICS save: after this nothing
 * guest-enabled is left, and PERF_METRICS is read before any fixed
 * counter 3 write.
 */
/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_FEATURES: intel_features;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(4);
  @ requires REQ_VALIDATE_puttable: ctx_puttable(ctx);
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_G2H_fx_ctrl_match: hw_fx_ctrl == ctx->fixed_ctr_ctrl_hw;
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST, ctx->global_status,
  @         ctx->perf_metrics;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ ensures REQ_SAVE_status: status_saved(ctx->global_status,
  @   \old(hw_gstatus), ctx->global_status_rsvd);
  @ ensures REQ_SAVE_status_read: status_saved_read(ctx->global_status,
  @   tr_val[\old(tr_len)], ctx->global_status_rsvd);
  @ ensures REQ_G2H_status: no_bits(hw_gstatus);
  @ ensures REQ_G2H_status_reset: status_scrubbed_at(\old(tr_len),
  @   MPMU_MSR_IA32_PERF_GLOBAL_STATUS, MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET);
  @ ensures REQ_G2H_fixed_ctrl: hw_fx_ctrl == 0;
  @ ensures REQ_SAVE_metrics: metrics_saved{Pre, Post}(ctx);
  @ ensures REQ_METRICS_G2H_ctx_kept: !guest_metrics(ctx) ==>
  @   ctx->perf_metrics == \old(ctx->perf_metrics);
  @ ensures REQ_METRICS_G2H_kept: hw_metrics == \old(hw_metrics);
  @ ensures REQ_FRAME_gp_kept: \forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @   hw_gp_ctr[i] == \old(hw_gp_ctr[i]) && hw_gp_sel[i] == \old(hw_gp_sel[i]);
  @ ensures REQ_FRAME_fixed_kept: \forall integer j; 0 <= j < MPMU_MAX_FIXED ==>
  @   hw_fx_ctr[j] == \old(hw_fx_ctr[j]);
  @ ensures REQ_ORDER_trace_len: \old(tr_len) <= tr_len <= \old(tr_len) + 4;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_FRAME_writes: writes_owned_only(ctx, \old(tr_len), tr_len);
  @ ensures REQ_METRICS_ORDER_no_fc3: \forall integer k;
  @   \old(tr_len) <= k < tr_len ==>
  @   !wr_at(k, MPMU_MSR_IA32_FIXED_CTR0 + 3) &&
  @   !wr_at(k, MPMU_MSR_IA32_PERF_METRICS);
  @ ensures REQ_METRICS_G2H_untouched: !guest_metrics(ctx) ==>
  @   no_topdown_ops(\old(tr_len), tr_len);
  @*/
static void mpmu_intel_put_controls(struct mpmu_ctx *ctx)
{
	mpmu_intel_put_status(ctx);
	/*@ assert REQ_ORDER_put_status: quiesced(\at(tr_len, Pre), tr_len); */
	/*@ assert REQ_FRAME_put_status:
	  @   writes_owned_only(ctx, \at(tr_len, Pre), tr_len); */
	if (ctx->fixed_ctr_ctrl_hw)
		mpmu_wr_fixed_ctr_ctrl(0);
	/*@ assert REQ_ORDER_put_fx_ctrl: quiesced(\at(tr_len, Pre), tr_len); */
	/*@ assert REQ_FRAME_put_fx_ctrl:
	  @   writes_owned_only(ctx, \at(tr_len, Pre), tr_len); */
	/*@ assert REQ_METRICS_ORDER_put_fx_ctrl:
	  @   no_topdown_ops(\at(tr_len, Pre), tr_len); */
	/*@ assert REQ_G2H_status_kept: status_scrubbed_at(\at(tr_len, Pre),
	  @   MPMU_MSR_IA32_PERF_GLOBAL_STATUS,
	  @   MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET); */
	/* PERF_METRICS before any fixed counter 3 write, which disturbs it. */
	if (ctx->flags & MPMU_CTX_PERF_METRICS)
		ctx->perf_metrics = mpmu_rdpmc_metrics();
}

/*
 * Save and zero the counters, then PERF_METRICS: zeroing fixed counter 3
 * disturbs it, so its scrub comes last.
 */
/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_FEATURES: intel_features;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room:
  @   trace_room(3 * MPMU_MAX_GP + 2 * MPMU_MAX_FIXED + 1);
  @ requires REQ_VALIDATE_puttable: ctx_puttable(ctx);
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_G2H_sel_match: \forall integer i; 0 <= i < ctx->nr_gp ==>
  @   hw_gp_sel[i] == ctx->gp_eventsel_hw[i];
  @ requires REQ_METRICS_G2H_metrics_read: guest_metrics(ctx) ==>
  @   hw_metrics == ctx->perf_metrics;
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST,
  @         ctx->gp_counter[0 .. MPMU_MAX_GP - 1],
  @         ctx->fixed_counter[0 .. MPMU_MAX_FIXED - 1];
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ ensures REQ_SAVE_counters: \forall integer i; 0 <= i < ctx->nr_gp ==>
  @   ctx->gp_counter[i] == \old(hw_gp_ctr[i]);
  @ ensures REQ_SAVE_fixed: \forall integer j; 0 <= j < ctx->nr_fixed ==>
  @   ctx->fixed_counter[j] == \old(hw_fx_ctr[j]);
  @ ensures REQ_CLOSURE_counters: ctx_counters_ok(ctx);
  @ ensures REQ_G2H_counters: gp_clean(ctx);
  @ ensures REQ_G2H_fixed: \forall integer j; 0 <= j < ctx->nr_fixed ==>
  @   hw_fx_ctr[j] == 0;
  @ ensures REQ_METRICS_G2H: guest_metrics(ctx) ==> hw_metrics == 0;
  @ ensures REQ_FRAME_fx_ctrl_kept: hw_fx_ctrl == \old(hw_fx_ctrl);
  @ ensures REQ_FRAME_status_kept: hw_gstatus == \old(hw_gstatus);
  @ ensures REQ_FRAME_selectors: unowned_kept{Pre, Post}(ctx);
  @ ensures REQ_ORDER_trace_len: \old(tr_len) <= tr_len <=
  @   \old(tr_len) + 3 * MPMU_MAX_GP + 2 * MPMU_MAX_FIXED + 1;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_FRAME_writes: writes_owned_only(ctx, \old(tr_len), tr_len);
  @ ensures REQ_METRICS_ORDER_no_read: \forall integer k;
  @   \old(tr_len) <= k < tr_len ==> !rdpmc_at(k, MPMU_RDPMC_METRICS);
  @ ensures REQ_METRICS_G2H_untouched: !guest_metrics(ctx) ==>
  @   no_topdown_ops(\old(tr_len), tr_len);
  @*/
static void mpmu_intel_put_counters(struct mpmu_ctx *ctx)
{
	mpmu_put_gp_counters(ctx);
	/*@ assert REQ_METRICS_G2H_kept:
	  @   guest_metrics(ctx) ==> hw_metrics == ctx->perf_metrics; */
	mpmu_put_fixed_counters(ctx);
	/*@ assert REQ_METRICS_G2H_kept_or_fc3: guest_metrics(ctx) ==>
	  @   hw_metrics == ctx->perf_metrics || ctx->fixed_counter[3] != 0; */
	/*
	 * Scrub PERF_METRICS after fixed counter 3, for the same reason: it
	 * is unchanged since the read unless fixed counter 3 was zeroed.
	 */
	if ((ctx->flags & MPMU_CTX_PERF_METRICS) &&
	    (ctx->perf_metrics || ctx->fixed_counter[3]))
		mpmu_wr_perf_metrics(0);
}

int mpmu_intel_put_guest_context(struct mpmu_ctx *ctx)
{
	if (!mpmu_ctx_puttable(ctx))
		return -MPMU_EINVAL;

	/* Control and status first, so nothing guest-enabled survives. */
	mpmu_intel_put_controls(ctx);
	mpmu_intel_put_counters(ctx);
	/* REQ_SAVE in its three parts (one goal took 17 s in Z3). */
	/*@ assert REQ_SAVE_gp: \forall integer i; 0 <= i < ctx->nr_gp ==>
	  @   ctx->gp_counter[i] == \at(hw_gp_ctr[i], Pre); */
	/*@ assert REQ_SAVE_fx: \forall integer j; 0 <= j < ctx->nr_fixed ==>
	  @   ctx->fixed_counter[j] == \at(hw_fx_ctr[j], Pre); */
	/*@ assert REQ_SAVE_st: status_saved(ctx->global_status,
	  @   \at(hw_gstatus, Pre), ctx->global_status_rsvd); */
	/*@ assert REQ_CLOSURE_controls_kept: \at(ctx_controls_ok(ctx), Pre) ==>
	  @   ctx_controls_ok(ctx); */
	return 0;
}
