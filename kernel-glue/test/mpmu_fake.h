/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fake accessor backend for in-kernel tests of the core: a register file
 * of one logical CPU's PMU behind mpmu_hw_*(), with the hardware rules the
 * model of spec/mpmu_hw.h assumes checked on every access.
 */
#ifndef MPMU_FAKE_H
#define MPMU_FAKE_H

#include "mpmu_types.h"
#include "mpmu_defs.h"

#define MPMU_FAKE_LOG		256

struct mpmu_fake_op {
	u32 kind;		/* MPMU_TR_* of spec/mpmu_hw.h */
	u32 reg;
	u64 val;
	u64 gctl;		/* GLOBAL_CTRL when the operation ran */
};

struct mpmu_fake_hw {
	u32 amd;		/* AMD PerfMonV2 MSRs instead of Intel's */
	u32 nr_gp;		/* host counters */
	u32 nr_fixed;
	u64 gp_ctr[MPMU_MAX_GP];
	u64 gp_sel[MPMU_MAX_GP];
	u64 fx_ctr[MPMU_MAX_FIXED];
	u64 fx_ctrl;
	u64 gctl;
	u64 gstatus;
	u64 metrics;
	u64 vmcs_guest_gctl;
	u64 vmcs_host_gctl;
	/* Rule violations: each is a #GP or #UD on real hardware. */
	u32 bad_msr;		/* unknown or read-only MSR, bad RDPMC index */
	u32 order;		/* counter/selector/fixed write, GLOBAL_CTRL != 0 */
	u32 host_count;		/* AMD: GlobalCtl on, a selector without GuestOnly */
	u32 rsvd;		/* reserved bit written */
	u32 nr_ops;
	struct mpmu_fake_op log[MPMU_FAKE_LOG];
};

extern struct mpmu_fake_hw mpmu_fake;

void mpmu_fake_reset(u32 nr_gp, u32 nr_fixed);
void mpmu_fake_reset_amd(u32 nr_gp);
u32 mpmu_fake_count(u32 kind, u32 reg);

#endif /* MPMU_FAKE_H */
