/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Executable checker of the accessor contracts of spec/mpmu_hw.h against
 * the simulator: every accessor call made while it is on is checked (its
 * requires imply that the simulated hardware accepts the operation, and
 * its ensures/behaviors hold on the pre and post states).
 */
#ifndef CONTRACT_H
#define CONTRACT_H

#include "sim.h"

/* Ghost constants of spec/mpmu_hw.h, as the glue derives them. */
struct xc_ghost {
	u32 vendor, nr_gp, nr_fixed, has_metrics, pmu_version, fw_writes;
	u64 rsvd_ctr, rsvd_fx_ctr, rsvd_sel, rsvd_sel2, rsvd_fx_ctrl, rsvd_gctl;
	u64 rsvd_status_reset, rsvd_status_set;
};

/* Names of the clauses checked; index = clause id. */
enum xc_clause {
	XC_WR_REQUIRES,		/* requires => the hardware accepts it */
	XC_WR_WF, XC_WR_TRACED, XC_WR_COMPLETE,
	XC_WR_GP_COUNTER, XC_WR_GP_EVENTSEL, XC_WR_FIXED_COUNTER,
	XC_WR_FIXED_CTR_CTRL, XC_WR_GLOBAL_CTRL, XC_WR_STATUS_RESET,
	XC_WR_STATUS_SET, XC_WR_PERF_METRICS,
	XC_RD_REQUIRES, XC_RD_WF, XC_RD_STEP, XC_RD_TRACED, XC_RD_STATUS,
	XC_PMC_REQUIRES, XC_PMC_WF, XC_PMC_STEP, XC_PMC_TRACED, XC_PMC_GP,
	XC_PMC_FIXED, XC_PMC_METRICS,
	/* AMD PerfMonV2 behaviours of mpmu_hw_wrmsr / mpmu_hw_rdmsr. */
	XC_WR_AMD_COUNTER, XC_WR_AMD_EVENTSEL, XC_WR_AMD_GLOBAL_CTL,
	XC_WR_AMD_STATUS_CLR, XC_WR_AMD_STATUS_SET, XC_RD_AMD_GLOBAL_CTL,
	/* VMCS accessors (spec/mpmu_vmx.h). */
	XC_VMR_REQUIRES, XC_VMR_WF, XC_VMR_STEP, XC_VMR_TRACED, XC_VMR_READ,
	XC_VMR_ASSIGNS,
	XC_VMW_REQUIRES, XC_VMW_WF, XC_VMW_STEP, XC_VMW_TRACED,
	XC_VMW_GUEST, XC_VMW_HOST, XC_VMW_ASSIGNS,
	/* VM-entry / VM-exit transitions (spec/mpmu_vmx_trans.h). */
	XC_ENTRY_REQUIRES, XC_ENTRY_WF, XC_ENTRY_LOADED, XC_ENTRY_STEP,
	XC_ENTRY_ASSIGNS,
	XC_FAIL_WF, XC_FAIL_HOST_LOADED, XC_FAIL_STEP, XC_FAIL_ASSIGNS,
	XC_EXIT_WF, XC_EXIT_SAVED, XC_EXIT_STORED, XC_EXIT_HOST_LOADED,
	XC_EXIT_STEP, XC_EXIT_ASSIGNS,
	/* The guest's run (spec/mpmu_vmx_trans.h, mpmu_hw_guest_run). */
	XC_RUN_WF, XC_RUN_GCTL, XC_RUN_GP, XC_RUN_FIXED, XC_RUN_METRICS,
	XC_RUN_ASSIGNS,
	/* SVM world switch (spec/mpmu_svm_trans.h). */
	XC_VMRUN_REQUIRES, XC_VMRUN_WF, XC_VMRUN_SWITCHED, XC_VMRUN_ASSIGNS,
	XC_VMEXIT_WF, XC_VMEXIT_SWITCHED, XC_VMEXIT_ASSIGNS,
	/* The guest's RDPMC when it does not exit (mpmu_hw_guest_rdpmc). */
	XC_GRDPMC_HW, XC_GRDPMC_GP,
	XC_NR
};

/* Which accessor or transition a clause belongs to (name up to '/'). */
void xc_clause_fn(enum xc_clause cl, char *buf, size_t n);

/* Transitions of spec/mpmu_vmx_trans.h, run on c and checked. */
enum xc_trans { XC_T_ENTRY, XC_T_ENTRY_FAILS, XC_T_EXIT, XC_T_VMRUN,
		XC_T_VMEXIT_SVM };
void xc_transition(struct sim_cpu *c, enum xc_trans t);

/*
 * Outcomes the contracts leave open (issue 25): a location a clause lets
 * change. For each clause and location, how often the simulator kept the
 * value and how often it changed it; the cross-check requires both, so
 * the simulator can produce every outcome the contract allows, not only
 * the ones it requires.
 */
enum xc_free {
	XC_F_GP_CTR,		/* a counting GP counter (hw_step) */
	XC_F_FX_CTR,		/* a counting fixed counter */
	XC_F_STATUS,		/* GLOBAL_STATUS while the PMU is active */
	XC_F_METRICS,		/* PERF_METRICS while the PMU is active */
	XC_F_METRICS_FC3,	/* PERF_METRICS after a fixed ctr 3 write */
	XC_F_METRICS_FC3_ZERO,	/* ... of 0, PERF_METRICS 0 before */
	XC_F_STATUS_WRITE,	/* status RESET/SET/CLR while active */
	XC_F_GCTL,		/* GLOBAL_CTRL, failed entry, no exit load */
	XC_F_NR
};
extern const char *const xc_free_name[XC_F_NR];

/*
 * mpmu_hw_guest_run: a guest with nr_gp GP and nr_fixed fixed counters runs
 * on c with the intercepts d in force (counting in guest mode, writing the
 * MSRs d passes through), and the contract is checked. seed drives it.
 */
struct mpmu_intercepts;
/* mpmu_hw_guest_rdpmc with RDPMC passed through: a guest RDPMC of ecx. */
void xc_guest_rdpmc(struct sim_cpu *c, u32 ecx);
void xc_guest_run(struct sim_cpu *c, u32 nr_gp, u32 nr_fixed,
		  const struct mpmu_intercepts *d, u64 seed);

struct xc_stats {
	u64 ops;
	u64 checked[XC_NR];	/* times the clause's assumes held */
	u64 havoc[XC_NR];	/* ... while the PMU was counting */
	u64 kept[XC_NR][XC_F_NR];	/* open location kept its value */
	u64 changed[XC_NR][XC_F_NR];	/* ... or changed */
	u64 outside;		/* requires false: contract silent */
	u64 outside_gp;		/* ... and the hardware faulted */
	u64 outside_feature;	/* ... only for want of a feature (the
				 * WRMSR would #GP: REQ-FEATURES) */
	u64 transitions;
	/* Guest runs where a counter the guest does not own changed (an
	 * enabled host counter counted): the frozen frame the contract had
	 * before issue 26 would have disagreed. */
	u64 run_unowned_changed;
	u32 failed;
	char msg[512];
};

extern const char *const xc_clause_name[XC_NR];

/* Bits no counter drives that hardware sets during the next accessor
 * call (the test sets them; spec/mpmu_hw.h, status_read). */
extern u64 xc_host_status;

void xc_ghost_from_config(const struct sim_config *cfg, struct xc_ghost *g);
void xc_enable(const struct sim_config *cfg, struct xc_stats *st);
void xc_disable(void);

#endif /* CONTRACT_H */
