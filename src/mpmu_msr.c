// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host-initiated access to the guest PMU context (what KVM_GET_MSRS and
 * KVM_SET_MSRS call) and the event filter. Nothing here touches hardware:
 * the context is the only state, and load is the only way into hardware.
 */
#include "mpmu.h"

/* Index of msr in a bank [base, base + n), or -1. */
/*@ requires REQ_RTE_bank: n <= MPMU_MAX_GP;
  @ assigns \nothing;
  @ exits \false;
  @ ensures REQ_VALIDATE_in_bank:
  @   base <= msr < base + n ==> \result == msr - base;
  @ ensures REQ_VALIDATE_not_in_bank:
  @   !(base <= msr < base + n) ==> \result == -1;
  @*/
static s32 mpmu_bank_index(u32 msr, u32 base, u32 n)
{
	if (msr >= base && msr - base < n)
		return (s32)(msr - base);
	return -1;
}

int mpmu_get_msr(const struct mpmu_ctx *ctx, u32 msr, u64 *data)
{
	s32 i;

	if (ctx->nr_gp > MPMU_MAX_GP || ctx->nr_fixed > MPMU_MAX_FIXED)
		return -MPMU_EINVAL;

	i = mpmu_bank_index(msr, MPMU_MSR_IA32_A_PMC0, ctx->nr_gp);
	if (i < 0)
		i = mpmu_bank_index(msr, MPMU_MSR_IA32_PMC0, ctx->nr_gp);
	if (i >= 0) {
		/* Modulo the guest's width: put saved the raw value. */
		*data = ctx->gp_counter[i] & MPMU_NOT64(ctx->counter_rsvd);
		return 0;
	}
	i = mpmu_bank_index(msr, MPMU_MSR_IA32_PERFEVTSEL0, ctx->nr_gp);
	if (i >= 0) {
		*data = ctx->gp_eventsel[i];
		return 0;
	}
	i = mpmu_bank_index(msr, MPMU_MSR_IA32_FIXED_CTR0, ctx->nr_fixed);
	if (i >= 0) {
		*data = ctx->fixed_counter[i] &
			MPMU_NOT64(ctx->fixed_counter_rsvd);
		return 0;
	}
	switch (msr) {
	case MPMU_MSR_IA32_FIXED_CTR_CTRL:
		*data = ctx->fixed_ctr_ctrl;
		return 0;
	case MPMU_MSR_IA32_PERF_GLOBAL_CTRL:
		*data = ctx->global_ctrl;
		return 0;
	case MPMU_MSR_IA32_PERF_GLOBAL_STATUS:
		*data = ctx->global_status;
		return 0;
	case MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET:
		/* Write-1-to-clear: reads as zero. */
		*data = 0;
		return 0;
	case MPMU_MSR_IA32_PERF_METRICS:
		if (!(ctx->flags & MPMU_CTX_PERF_METRICS))
			return -MPMU_ENOENT;
		*data = ctx->perf_metrics;
		return 0;
	default:
		return -MPMU_ENOENT;
	}
}

/* A valid value sets none of the reserved bits. */
/*@ assigns \nothing;
  @ exits \false;
  @ ensures REQ_VALIDATE_bits: \result != 0 <==> (val & rsvd) == 0;
  @*/
static int mpmu_valid_bits(u64 val, u64 rsvd)
{
	return (val & rsvd) == 0;
}

int mpmu_set_msr(struct mpmu_ctx *ctx, u32 msr, u64 data)
{
	s32 i;

	if (ctx->nr_gp > MPMU_MAX_GP || ctx->nr_fixed > MPMU_MAX_FIXED)
		return -MPMU_EINVAL;

	/* Full width: a bit above the guest's width is refused (as KVM). */
	i = mpmu_bank_index(msr, MPMU_MSR_IA32_A_PMC0, ctx->nr_gp);
	if (i >= 0) {
		if (!mpmu_valid_bits(data, ctx->counter_rsvd) ||
		    !mpmu_valid_bits(data, ctx->host_counter_rsvd))
			return -MPMU_EINVAL;
		ctx->gp_counter[i] = data;
		/*@ assert REQ_CLOSURE_set_counter:
		  @   (ctx->gp_counter[i] & ctx->host_counter_rsvd) == 0; */
		return 0;
	}
	/* Legacy: modulo the guest's width (KVM pmc_write_counter). */
	i = mpmu_bank_index(msr, MPMU_MSR_IA32_PMC0, ctx->nr_gp);
	if (i >= 0) {
		u64 val = data & MPMU_NOT64(ctx->counter_rsvd);

		if (!mpmu_valid_bits(val, ctx->host_counter_rsvd))
			return -MPMU_EINVAL;
		ctx->gp_counter[i] = val;
		/*@ assert REQ_CLOSURE_set_legacy:
		  @   (ctx->gp_counter[i] & ctx->host_counter_rsvd) == 0; */
		return 0;
	}
	i = mpmu_bank_index(msr, MPMU_MSR_IA32_PERFEVTSEL0, ctx->nr_gp);
	if (i >= 0) {
		/* IN_TX_CHECKPOINTED is valid on counter 2 only. */
		u64 rsvd = MPMU_SEL_RSVD(ctx, i);
		u64 hw = data & MPMU_NOT64(MPMU_EVTSEL_EN);

		/*@ assert REQ_VALIDATE_sel_rsvd: rsvd == MPMU_SEL_RSVD(ctx, i); */
		if (!mpmu_valid_bits(data, rsvd))
			return -MPMU_EINVAL;
		/*@ assert REQ_CLOSURE_sel_hw: (hw & rsvd) == 0; */
		ctx->gp_eventsel[i] = data;
		/* Disabled in hardware until the event filter approves it. */
		ctx->gp_eventsel_hw[i] = hw;
		/*@ assert REQ_CLOSURE_set_eventsel:
		  @   (ctx->gp_eventsel_hw[i] & MPMU_SEL_RSVD(ctx, i)) == 0; */
		return 0;
	}
	i = mpmu_bank_index(msr, MPMU_MSR_IA32_FIXED_CTR0, ctx->nr_fixed);
	if (i >= 0) {
		/* Modulo the guest's width (KVM pmc_write_counter). */
		u64 val = data & MPMU_NOT64(ctx->fixed_counter_rsvd);

		if (!mpmu_valid_bits(val, ctx->host_fixed_counter_rsvd))
			return -MPMU_EINVAL;
		ctx->fixed_counter[i] = val;
		/*@ assert REQ_CLOSURE_set_fixed:
		  @   (ctx->fixed_counter[i] & ctx->host_fixed_counter_rsvd) == 0; */
		return 0;
	}
	switch (msr) {
	case MPMU_MSR_IA32_FIXED_CTR_CTRL:
		if (!mpmu_valid_bits(data, ctx->fixed_ctr_ctrl_rsvd))
			return -MPMU_EINVAL;
		ctx->fixed_ctr_ctrl = data;
		/* Every fixed counter off until the filter approves it. */
		ctx->fixed_ctr_ctrl_hw = 0;
		return 0;
	case MPMU_MSR_IA32_PERF_GLOBAL_CTRL:
		if (!mpmu_valid_bits(data, ctx->global_ctrl_rsvd))
			return -MPMU_EINVAL;
		ctx->global_ctrl = data;
		return 0;
	case MPMU_MSR_IA32_PERF_GLOBAL_STATUS:
		/* Read-only for the guest; the VMM restores it on migration. */
		if (!mpmu_valid_bits(data, ctx->global_status_rsvd))
			return -MPMU_EINVAL;
		ctx->global_status = data;
		return 0;
	case MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET:
		/* A host-initiated write clears nothing (as in KVM). */
		if (!mpmu_valid_bits(data, ctx->global_status_rsvd))
			return -MPMU_EINVAL;
		return 0;
	case MPMU_MSR_IA32_PERF_METRICS:
		if (!(ctx->flags & MPMU_CTX_PERF_METRICS))
			return -MPMU_ENOENT;
		ctx->perf_metrics = data;
		return 0;
	default:
		return -MPMU_ENOENT;
	}
}

/*@ requires REQ_RTE_valid: \valid_read(filter);
  @ requires REQ_RTE_filter: filter->nr_events <= MPMU_FILTER_MAX_EVENTS;
  @ assigns \nothing;
  @ exits \false;
  @ ensures REQ_FILTER_lookup: \result != 0 <==> event_allowed(filter, key);
  @*/
static int mpmu_event_allowed(const struct mpmu_event_filter *filter, u64 key)
{
	u32 k;

	/*@ loop invariant REQ_RTE_bound: 0 <= k <= filter->nr_events;
	  @ loop invariant REQ_FILTER_scan: \forall integer m; 0 <= m < k ==>
	  @   filter->events[m] != key;
	  @ loop assigns k;
	  @ loop variant filter->nr_events - k;
	  @*/
	for (k = 0; k < filter->nr_events; k++) {
		if (filter->events[k] == key)
			return 1;
	}
	return 0;
}

/*
 * The FIXED_CTR_CTRL fields hardware may get: the 4-bit field of every
 * fixed counter the guest has and the filter allows. The fields are
 * disjoint, so adding them is OR-ing them.
 */
/*@ assigns \nothing;
  @ exits \false;
  @ ensures REQ_FILTER_mask: \result == fixed_allowed_mask(allowed, nr_fixed);
  @*/
static u64 mpmu_fixed_allowed_mask(u32 allowed, u32 nr_fixed)
{
	u64 mask = 0;

	if (nr_fixed > 0 && (allowed & 1u))
		mask += 0xfull;
	if (nr_fixed > 1 && (allowed & 2u))
		mask += 0xf0ull;
	if (nr_fixed > 2 && (allowed & 4u))
		mask += 0xf00ull;
	if (nr_fixed > 3 && (allowed & 8u))
		mask += 0xf000ull;
	return mask;
}

void mpmu_refresh_event_filter(struct mpmu_ctx *ctx,
			       const struct mpmu_event_filter *filter)
{
	u32 i;
	u32 nr_gp = ctx->nr_gp < MPMU_MAX_GP ? ctx->nr_gp : MPMU_MAX_GP;

	/*@ loop invariant REQ_RTE_bound: 0 <= i <= nr_gp;
	  @ loop invariant REQ_FILTER_scan: \forall integer k; 0 <= k < i ==>
	  @   gp_filtered(filter, ctx->gp_eventsel[k], ctx->gp_eventsel_hw[k]);
	  @ loop invariant REQ_CLOSURE_scan: \forall integer k; 0 <= k < i ==>
	  @   (ctx->gp_eventsel[k] & MPMU_SEL_RSVD(ctx, k)) == 0 ==>
	  @   (ctx->gp_eventsel_hw[k] & MPMU_SEL_RSVD(ctx, k)) == 0;
	  @ loop assigns i, ctx->gp_eventsel_hw[0 .. MPMU_MAX_GP - 1];
	  @ loop variant nr_gp - i;
	  @*/
	for (i = 0; i < nr_gp; i++) {
		u64 sel = ctx->gp_eventsel[i];
		u64 hw;
		/*
		 * Mask (ghost) and copy stay locals until the one write: no
		 * goal then separates the written element from the mask
		 * fields, and the two copies meet before any bitwise fact is
		 * needed about them.
		 */
		/*@ ghost u64 mask = MPMU_SEL_RSVD(ctx, i); */

		if (mpmu_event_allowed(filter, sel & MPMU_EVTSEL_EVENT_UMASK)) {
			hw = sel;
			/*@ assert REQ_FILTER_allowed: event_allowed(filter,
			  @   sel & MPMU_EVTSEL_EVENT_UMASK); */
		} else {
			hw = sel & MPMU_NOT64(MPMU_EVTSEL_EN);
			/*@ assert REQ_CLOSURE_disallowed: (sel & mask) == 0 ==>
			  @   (hw & mask) == 0; */
			/*@ assert REQ_FILTER_no_enable:
			  @   (hw & MPMU_EVTSEL_EN) == 0; */
			/*@ assert REQ_FILTER_disallowed: !event_allowed(filter,
			  @   sel & MPMU_EVTSEL_EVENT_UMASK); */
		}
		ctx->gp_eventsel_hw[i] = hw;
		/*@ assert REQ_FILTER_this_one:
		  @   gp_filtered(filter, ctx->gp_eventsel[i],
		  @                              ctx->gp_eventsel_hw[i]); */
		/*@ assert REQ_CLOSURE_kept: mask == MPMU_SEL_RSVD(ctx, i) &&
		  @   sel == ctx->gp_eventsel[i] &&
		  @   hw == ctx->gp_eventsel_hw[i]; */
	}
	ctx->fixed_ctr_ctrl_hw = ctx->fixed_ctr_ctrl &
		mpmu_fixed_allowed_mask(filter->fixed_allowed, ctx->nr_fixed);
}
