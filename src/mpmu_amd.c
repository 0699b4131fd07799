// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD PerfMonV2 mediated PMU switch (contracts in mpmu_vendor.h).
 *
 * SVM does not switch PerfCntrGlobalCtl at VMRUN/#VMEXIT, so the core
 * does: load loads every selector with GuestOnly set (it cannot count host
 * code) while GlobalCtl is 0, and enables GlobalCtl last; put zeroes
 * GlobalCtl before anything else.
 */
#include "mpmu_vendor.h"
#include "mpmu_amd_ops.h"

/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ assigns \nothing;
  @ exits \false;
  @ ensures REQ_VALIDATE_amd_check_put: \result != 0 <==> amd_counts_ok(ctx);
  @*/
static int mpmu_amd_puttable(const struct mpmu_ctx *ctx)
{
	return ctx->vendor == MPMU_VENDOR_AMD &&
	       ctx->host_nr_gp <= MPMU_AMD_MAX_GP &&
	       ctx->nr_gp <= ctx->host_nr_gp && ctx->nr_fixed == 0 &&
	       !(ctx->flags & MPMU_CTX_PERF_METRICS);
}

/*@ assigns \nothing;
  @ exits \false;
  @ ensures REQ_AMD_GUESTONLY_sel: \result == amd_sel_hw(sel);
  @ ensures REQ_AMD_GUESTONLY_guest_only:
  @   (\result & MPMU_AMD_EVTSEL_GUESTONLY) != 0 &&
  @   (\result & MPMU_AMD_EVTSEL_HOSTONLY) == 0;
  @*/
static u64 mpmu_amd_sel_hw(u64 sel)
{
	return (sel & MPMU_NOT64(MPMU_AMD_EVTSEL_HOSTONLY)) |
	       MPMU_AMD_EVTSEL_GUESTONLY;
}

/*
 * The selector load writes: GuestOnly forced on one that can count, 0 on
 * one that cannot (EN clear), which also spares put a WRMSR.
 */
/*@ assigns \nothing;
  @ exits \false;
  @ ensures REQ_AMD_GUESTONLY_sel: \result == amd_load_sel(sel);
  @ ensures REQ_AMD_GUESTONLY_guest_only: (\result & MPMU_EVTSEL_EN) != 0 ==>
  @   (\result & MPMU_AMD_EVTSEL_GUESTONLY) != 0 &&
  @   (\result & MPMU_AMD_EVTSEL_HOSTONLY) == 0;
  @*/
static u64 mpmu_amd_load_sel(u64 sel)
{
	if (!(sel & MPMU_EVTSEL_EN))
		return 0;
	return mpmu_amd_sel_hw(sel);
}

/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ assigns \nothing;
  @ exits \false;
  @ ensures REQ_VALIDATE_amd_check: \result != 0 <==> amd_loadable(ctx);
  @*/
static int mpmu_amd_loadable(const struct mpmu_ctx *ctx)
{
	u32 i;

	if (!mpmu_amd_puttable(ctx))
		return 0;

	/*@ loop invariant REQ_RTE_bound: 0 <= i <= ctx->nr_gp;
	  @ loop invariant REQ_VALIDATE_scan: \forall integer k; 0 <= k < i ==>
	  @   (ctx->gp_counter[k] & ctx->host_counter_rsvd) == 0 &&
	  @   (amd_sel_hw(ctx->gp_eventsel_hw[k]) & MPMU_SEL_RSVD(ctx, k)) == 0;
	  @ loop assigns i;
	  @ loop variant ctx->nr_gp - i;
	  @*/
	for (i = 0; i < ctx->nr_gp; i++) {
		u64 sel = mpmu_amd_sel_hw(ctx->gp_eventsel_hw[i]);
		u64 rsvd = MPMU_SEL_RSVD(ctx, i);

		/* What hardware accepts: put saves raw RDPMC values. */
		if (ctx->gp_counter[i] & ctx->host_counter_rsvd)
			return 0;
		/* The mask as the invariant states it, for the check below. */
		/*@ assert REQ_VALIDATE_mask: rsvd == MPMU_SEL_RSVD(ctx, i); */
		if (sel & rsvd)
			return 0;
	}
	return (ctx->global_ctrl & ctx->global_ctrl_rsvd) == 0;
}

/* Counters (elided when RDPMC shows them equal), then GuestOnly selectors. */
/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_FEATURES: amd_features;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(3 * MPMU_MAX_GP);
  @ requires REQ_VALIDATE_amd_loadable: amd_loadable(ctx);
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_RSVD_model: rsvd_model(ctx);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_REST;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ ensures REQ_H2G_loaded: amd_gp_exact(ctx);
  @ ensures REQ_AMD_GUESTONLY_guest_only: amd_guest_only_loaded(ctx);
  @ ensures REQ_FRAME_unowned: unowned_kept{Pre, Post}(ctx);
  @ ensures REQ_FRAME_status_kept: hw_gstatus == \old(hw_gstatus);
  @ ensures REQ_FRAME_fx_ctrl_kept: hw_fx_ctrl == \old(hw_fx_ctrl);
  @ ensures REQ_ORDER_trace_len:
  @   \old(tr_len) <= tr_len <= \old(tr_len) + 3 * ctx->nr_gp;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_FRAME_writes: amd_writes_owned_only(ctx, \old(tr_len), tr_len);
  @ ensures REQ_H2G_amd_no_status_set:
  @   amd_no_status_set(\old(tr_len), tr_len);
  @*/
static void mpmu_amd_load_counters(const struct mpmu_ctx *ctx)
{
	u32 i;

	/*@ loop invariant REQ_RTE_bound: 0 <= i <= ctx->nr_gp;
	  @ loop invariant REQ_RSVD_wf: hw_wf;
	  @ loop invariant REQ_ORDER_gctl_zero: hw_gctl == 0;
	  @ loop invariant REQ_H2G_loop: \forall integer k; 0 <= k < i ==>
	  @   hw_gp_ctr[k] == ctx->gp_counter[k];
	  @ loop invariant REQ_H2G_loop: \forall integer k; 0 <= k < i ==>
	  @   hw_gp_sel[k] == amd_load_sel(ctx->gp_eventsel_hw[k]);
	  @ loop invariant REQ_H2G_loop: \forall integer k; 0 <= k < i ==>
	  @   (hw_gp_sel[k] & MPMU_EVTSEL_EN) != 0 ==>
	  @   (hw_gp_sel[k] & MPMU_AMD_EVTSEL_GUESTONLY) != 0 &&
	  @   (hw_gp_sel[k] & MPMU_AMD_EVTSEL_HOSTONLY) == 0;
	  @ loop invariant REQ_FRAME_kept:
	  @   \forall integer k; i <= k < MPMU_MAX_GP ==>
	  @   hw_gp_sel[k] == \at(hw_gp_sel[k], Pre);
	  @ loop invariant REQ_FRAME_kept: hw_gstatus == \at(hw_gstatus, Pre);
	  @ loop invariant REQ_FRAME_kept: hw_fx_ctrl == \at(hw_fx_ctrl, Pre);
	  @ loop invariant REQ_ORDER_trace_len: \at(tr_len, Pre) <= tr_len &&
	  @   tr_len <= \at(tr_len, Pre) + 3 * i;
	  @ loop invariant REQ_ORDER_quiesced:
	  @   quiesced(\at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_FRAME_writes:
	  @   amd_writes_owned_only(ctx, \at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_H2G_amd_no_status_set:
	  @   amd_no_status_set(\at(tr_len, Pre), tr_len);
	  @ loop assigns i, MPMU_HW_REGS,
	  @   tr_kind[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_reg[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_val[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1],
	  @   tr_gctl[\at(tr_len, Pre) .. MPMU_TRACE_MAX - 1], tr_len;
	  @ loop variant ctx->nr_gp - i;
	  @*/
	for (i = 0; i < ctx->nr_gp; i++) {
		u64 sel = mpmu_amd_load_sel(ctx->gp_eventsel_hw[i]);

		/* The per-bit step from amd_values_ok to REQ_RSVD, stated
		 * once so the prover need not find it (12 s to 0.1 s). */
		/*@ assert REQ_RSVD_sel_rsvd: \forall integer k; 0 <= k < 64 ==>
		  @   bit(sel, k) ==> bit(MPMU_SEL_RSVD(ctx, i), k) ==>
		  @   bit(sel & MPMU_SEL_RSVD(ctx, i), k);
		  @*/
		/*@ assert REQ_RSVD_ctr_rsvd: \forall integer k; 0 <= k < 64 ==>
		  @   bit(ctx->gp_counter[i], k) ==>
		  @   bit(ctx->host_counter_rsvd, k) ==>
		  @   bit(ctx->gp_counter[i] & ctx->host_counter_rsvd, k);
		  @*/
		if (mpmu_rdpmc_gp(i) != ctx->gp_counter[i])
			mpmu_amd_wr_counter(i, ctx->gp_counter[i]);
		mpmu_amd_wr_eventsel(i, sel);
	}
}

/* Clear with StatusClr every bit read the guest's status does not have,
 * set the guest's (the bits its status mask leaves free) with StatusSet;
 * only differing bits are written. */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_FEATURES: amd_features;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(3);
  @ requires REQ_RSVD_set_mask: set_rsvd == hw_rsvd_status_set;
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT,
  @         tr_kind[tr_len + 1 .. tr_len + 2], tr_reg[tr_len + 1 .. tr_len + 2],
  @         tr_val[tr_len + 1 .. tr_len + 2],
  @         tr_gctl[tr_len + 1 .. tr_len + 2];
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ ensures REQ_H2G_restored:
  @   status_exact(hw_gstatus, guest, guest_rsvd, set_rsvd);
  @ ensures REQ_FRAME_gp_kept: \forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @   hw_gp_ctr[i] == \old(hw_gp_ctr[i]) && hw_gp_sel[i] == \old(hw_gp_sel[i]);
  @ ensures REQ_ORDER_trace_len: \old(tr_len) < tr_len <= \old(tr_len) + 3;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_H2G_status_guest_set: set_guest_only(\old(tr_len), tr_len,
  @   MPMU_MSR_AMD_GLOBAL_STATUS_SET, guest_rsvd);
  @ ensures REQ_FRAME_writes_global_only: writes_only_to(\old(tr_len), tr_len,
  @   MPMU_MSR_AMD_GLOBAL_STATUS_CLR, MPMU_MSR_AMD_GLOBAL_STATUS_SET);
  @*/
static void mpmu_amd_load_status(u64 guest, u64 guest_rsvd, u64 set_rsvd)
{
	u64 hw = mpmu_amd_rd_global_status();
	u64 own = guest & ~guest_rsvd;
	u64 toggle = hw ^ own;
	u64 clear = hw & toggle;
	u64 set = own & toggle & ~set_rsvd;

	if (clear)
		mpmu_amd_wr_status_clr(clear);
	if (set)
		mpmu_amd_wr_status_set(set);
}

/*
 * The load's last step: GlobalCtl := the guest's value. Nothing counted
 * before (GlobalCtl was 0) and nothing counts in host mode after (every
 * enabled selector is GuestOnly), so the step keeps every counter,
 * selector and the status. Stated once here: the load's goals use these
 * equalities instead of the hardware-step predicate.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_FEATURES: amd_features;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_gctl);
  @ requires REQ_AMD_GUESTONLY_guest_only_or_off:
  @   \forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @   bit(hw_gp_sel[i], 22) ==> guest_only(hw_gp_sel[i]);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_gctl_written: hw_gctl == val;
  @ ensures REQ_ORDER_trace_len: tr_len == \old(tr_len) + 1;
  @ ensures REQ_AMD_ORDER_enables_last: amd_enables_last(tr_len, val);
  @ ensures REQ_FRAME_kept: \forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @   hw_gp_ctr[i] == \old(hw_gp_ctr[i]) &&
  @   hw_gp_sel[i] == \old(hw_gp_sel[i]);
  @ ensures REQ_FRAME_status_kept: hw_gstatus == \old(hw_gstatus);
  @ ensures REQ_AMD_ORDER_host_quiet: !pmu_active;
  @*/
static void mpmu_amd_enable(u64 val)
{
	mpmu_amd_wr_global_ctl(val);
}

int mpmu_amd_load_guest_context(struct mpmu_ctx *ctx)
{
	if (!mpmu_amd_loadable(ctx))
		return -MPMU_EINVAL;

	mpmu_amd_wr_global_ctl(0);
	/*@ assert REQ_AMD_ORDER_first_op:
	  @   amd_starts_quiesced(\at(tr_len, Pre)) &&
	  @   tr_len == \at(tr_len, Pre) + 1; */
	mpmu_amd_load_counters(ctx);
	/*@ assert REQ_H2G_amd_status_set_none: set_guest_only(
	  @   \at(tr_len, Pre), tr_len, MPMU_MSR_AMD_GLOBAL_STATUS_SET,
	  @   ctx->global_status_rsvd); */
	mpmu_amd_load_status(ctx->global_status, ctx->global_status_rsvd,
			     ctx->host_status_set_rsvd);
	/*@ assert REQ_FRAME_writes:
	  @   amd_writes_owned_only(ctx, \at(tr_len, Pre), tr_len); */
	/*@ assert REQ_H2G_amd_status_set_so_far: set_guest_only(
	  @   \at(tr_len, Pre), tr_len, MPMU_MSR_AMD_GLOBAL_STATUS_SET,
	  @   ctx->global_status_rsvd); */
	/*@ assert REQ_AMD_GUESTONLY_owned:
	  @   \forall integer i; 0 <= i < ctx->nr_gp ==>
	  @   bit(hw_gp_sel[i], 22) ==> guest_only(hw_gp_sel[i]); */
	/*@ assert REQ_AMD_GUESTONLY_unowned_off: \forall integer i;
	  @   ctx->nr_gp <= i < MPMU_MAX_GP ==> !bit(hw_gp_sel[i], 22); */
	/* Last: from here on the guest's counters count, in guest mode only. */
	mpmu_amd_enable(ctx->global_ctrl);
	/*@ assert REQ_AMD_GUESTONLY_no_gp_counting:
	  @   \forall integer i; 0 <= i < MPMU_MAX_GP ==>
	  @   !gp_counting(i); */
	/*@ assert REQ_AMD_GUESTONLY_no_fx_counting:
	  @   \forall integer j; 0 <= j < MPMU_MAX_FIXED ==>
	  @   !fx_counting(j); */
	/*@ assert REQ_AMD_GUESTONLY_host_quiet: !pmu_active; */
	return 0;
}

/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_FEATURES: amd_features;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(3 * MPMU_MAX_GP);
  @ requires REQ_VALIDATE_amd_counts: amd_counts_ok(ctx);
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_G2H_sel_match: \forall integer i; 0 <= i < ctx->nr_gp ==>
  @   hw_gp_sel[i] == amd_load_sel(ctx->gp_eventsel_hw[i]);
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
  @ ensures REQ_FRAME_status_kept: hw_gstatus == \old(hw_gstatus);
  @ ensures REQ_ORDER_trace_len:
  @   \old(tr_len) <= tr_len <= \old(tr_len) + 3 * ctx->nr_gp;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_FRAME_writes: amd_writes_owned_only(ctx, \old(tr_len), tr_len);
  @*/
static void mpmu_amd_put_counters(struct mpmu_ctx *ctx)
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
	  @ loop invariant REQ_FRAME_kept: hw_gstatus == \at(hw_gstatus, Pre);
	  @ loop invariant REQ_ORDER_trace_len: \at(tr_len, Pre) <= tr_len &&
	  @   tr_len <= \at(tr_len, Pre) + 3 * i;
	  @ loop invariant REQ_ORDER_quiesced:
	  @   quiesced(\at(tr_len, Pre), tr_len);
	  @ loop invariant REQ_FRAME_writes:
	  @   amd_writes_owned_only(ctx, \at(tr_len, Pre), tr_len);
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
			mpmu_amd_wr_counter(i, 0);
		if (mpmu_amd_load_sel(ctx->gp_eventsel_hw[i]))
			mpmu_amd_wr_eventsel(i, 0);
	}
}

/*
 * Save the guest's bits of PerfCntrGlobalStatus (those its status mask
 * leaves free) and clear every bit read with StatusClr: a bit hardware set
 * for the host while the guest ran (LBR or counter freeze, 58/59) must not
 * enter the context, and no guest overflow bit may reach the host.
 */
/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ requires REQ_FEATURES: amd_features;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(2);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT, tr_kind[tr_len + 1],
  @         tr_reg[tr_len + 1], tr_val[tr_len + 1], tr_gctl[tr_len + 1],
  @         ctx->global_status;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ ensures REQ_SAVE_amd_status: status_saved(ctx->global_status,
  @   \old(hw_gstatus), ctx->global_status_rsvd);
  @ ensures REQ_G2H_amd_status: no_bits(hw_gstatus);
  @ ensures REQ_SAVE_amd_status_read: status_saved_read(ctx->global_status,
  @   tr_val[\old(tr_len)], ctx->global_status_rsvd);
  @ ensures REQ_G2H_amd_status_reset: status_scrubbed_at(\old(tr_len),
  @   MPMU_MSR_AMD_GLOBAL_STATUS, MPMU_MSR_AMD_GLOBAL_STATUS_CLR);
  @ ensures REQ_FRAME_gp_kept: \forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @   hw_gp_ctr[i] == \old(hw_gp_ctr[i]) && hw_gp_sel[i] == \old(hw_gp_sel[i]);
  @ ensures REQ_ORDER_trace_len: \old(tr_len) < tr_len <= \old(tr_len) + 2;
  @ ensures REQ_ORDER_quiesced: quiesced(\old(tr_len), tr_len);
  @ ensures REQ_FRAME_writes_global_only: writes_only_to(\old(tr_len), tr_len,
  @   MPMU_MSR_AMD_GLOBAL_STATUS_CLR, MPMU_MSR_AMD_GLOBAL_STATUS_CLR);
  @*/
static void mpmu_amd_put_status(struct mpmu_ctx *ctx)
{
	u64 status = mpmu_amd_rd_global_status();

	/*@ assert REQ_G2H_amd_status_read: rd_at(\at(tr_len, Pre),
	  @   MPMU_MSR_AMD_GLOBAL_STATUS) && tr_val[\at(tr_len, Pre)] == status;
	  @*/
	ctx->global_status = status & ~ctx->global_status_rsvd;
	if (status)
		mpmu_amd_wr_status_clr(status);
}

/*
 * Put's first step: the guest's GlobalCtl into the context (SVM does not
 * switch it, so hardware still holds it; a refresh after #VMEXIT may have
 * read it already), then GlobalCtl := 0, so nothing the guest enabled
 * counts from here on. Nothing counts in host mode before (A_amd_host_quiet):
 * the step keeps every counter, selector and the status.
 */
/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_FEATURES: amd_features;
  @ requires REQ_ORDER_quiet: !pmu_active;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(2);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT, tr_kind[tr_len + 1],
  @         tr_reg[tr_len + 1], tr_val[tr_len + 1], tr_gctl[tr_len + 1],
  @         ctx->global_ctrl;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_gctl_zero: hw_gctl == 0;
  @ ensures REQ_SAVE_amd_global_ctl: ctx->global_ctrl == \old(hw_gctl);
  @ ensures REQ_AMD_ORDER_put_first: amd_put_starts(\old(tr_len)) &&
  @   tr_len == \old(tr_len) + 2;
  @ ensures REQ_FRAME_kept: \forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @   hw_gp_ctr[i] == \old(hw_gp_ctr[i]) &&
  @   hw_gp_sel[i] == \old(hw_gp_sel[i]);
  @ ensures REQ_FRAME_status_kept: hw_gstatus == \old(hw_gstatus);
  @*/
static void mpmu_amd_put_quiesce(struct mpmu_ctx *ctx)
{
	ctx->global_ctrl = mpmu_amd_rd_global_ctl();
	/* First write: nothing the guest enabled may count from here on. */
	mpmu_amd_wr_global_ctl(0);
}

int mpmu_amd_put_guest_context(struct mpmu_ctx *ctx)
{
	if (!mpmu_amd_puttable(ctx))
		return -MPMU_EINVAL;

	mpmu_amd_put_quiesce(ctx);
	mpmu_amd_put_status(ctx);
	/*@ assert REQ_ORDER_step: quiesced(\at(tr_len, Pre) + 2, tr_len) &&
	  @   amd_writes_owned_only(ctx, \at(tr_len, Pre), tr_len); */
	mpmu_amd_put_counters(ctx);
	return 0;
}

int mpmu_amd_configure(u32 pmu_version)
{
	/* PerfMonV2: the global control and status MSRs load and put use. */
	if (pmu_version < 2)
		return -MPMU_EOPNOTSUPP;
	return 0;
}

/*
 * After #VMEXIT, when the guest owns PerfCntrGlobalCtl (passed through):
 * hardware still holds the guest's value, since SVM does not switch it.
 */
int mpmu_amd_refresh_global_ctrl(struct mpmu_ctx *ctx)
{
	/*@ ghost tr_len = 0; */
	if (ctx->vendor != MPMU_VENDOR_AMD)
		return -MPMU_EINVAL;
	ctx->global_ctrl = mpmu_amd_rd_global_ctl();
	return 0;
}
