/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Switch cost bench (issue 10): operation counts, the independent cost
 * model of upstream Linux 7.0's mediated PMU load/put sequence, the lower
 * bound, and the per-instruction cycle table.
 *
 * The upstream model is written from shared/reference/upstream-kvm-mpmu.md
 * section 2 (ordered operations) and sections 4 and 6, not from upstream
 * code: it only counts, as a function of the configuration, KVM's software
 * PMU state and the hardware register values, which instructions upstream
 * executes per load + exit + put.
 */
#ifndef BENCH_MODEL_H
#define BENCH_MODEL_H

#include <stdbool.h>
#include "mpmu_types.h"
#include "mpmu_defs.h"

enum { OP_RDMSR, OP_WRMSR, OP_RDPMC, OP_VMREAD, OP_VMWRITE, OP_AUTOSTORE,
       OP_NR };
extern const char *const op_name[OP_NR];

/* What a WRMSR writes (for the "why" column). */
enum { W_CTR, W_SEL, W_FCTR, W_FCTRL, W_GCTL, W_ST_CLR, W_ST_SET, W_METRICS,
       W_OTHER, W_NR };
extern const char *const wr_name[W_NR];

struct opcount {
	double n[OP_NR];
	double wr[W_NR];	/* WRMSRs by target; they sum to n[OP_WRMSR] */
};

/* Hardware PMU registers (and the VMCS / MSR-store slot) at one instant. */
struct hwsnap {
	u64 gp_ctr[MPMU_MAX_GP];
	u64 gp_sel[MPMU_MAX_GP];
	u64 fx_ctr[MPMU_MAX_FIXED];
	u64 fx_ctrl;
	u64 gctl;
	u64 status;
	u64 metrics;
	u64 vmcs_guest_gctl;
	u64 autostore_gctl;
};

/* KVM's software PMU state of the vCPU (upstream's struct kvm_pmu view). */
struct swpmu {
	u32 amd;
	u32 nr_gp, nr_fixed;
	bool metrics;		/* fixed counter 3 + PERF_METRICS (section 6) */
	bool gctl_passthrough;	/* GLOBAL_* not intercepted (section 5) */
	bool exit_save;		/* VM_EXIT_SAVE_IA32_PERF_GLOBAL_CTRL */
	u64 counter[MPMU_MAX_GP];
	u64 eventsel_hw[MPMU_MAX_GP];	/* as upstream keeps it */
	u64 fixed_counter[MPMU_MAX_FIXED];
	u64 fixed_ctr_ctrl_hw;
	u64 global_ctrl;
	u64 global_status;
	u64 perf_metrics;
	u64 status_set_ok;	/* bits GLOBAL_STATUS_SET/StatusSet can set */
};

/*
 * One load + one hardware exit + one put. H_load: hardware before load;
 * H_exit: hardware after VM-exit (VMCS field, MSR-store slot); H_put:
 * hardware before put. S: software state before load (load side) and
 * the guest's state as it is when put starts (put side, S_put).
 */
void upstream_pair(const struct swpmu *S, const struct hwsnap *H_load,
		   const struct hwsnap *H_exit, const struct hwsnap *H_put,
		   struct opcount *load, struct opcount *exit_,
		   struct opcount *put);
void bound_pair(const struct swpmu *S, const struct hwsnap *H_load,
		const struct hwsnap *H_exit, const struct hwsnap *H_put,
		struct opcount *load, struct opcount *exit_,
		struct opcount *put);

/* Cycles per instruction; vendor 0 Intel, 1 AMD. */
extern const double cycles_per_op[2][OP_NR];
double op_cycles(u32 amd, const struct opcount *c);

static inline void op_add(struct opcount *d, const struct opcount *s)
{
	for (int k = 0; k < OP_NR; k++)
		d->n[k] += s->n[k];
	for (int k = 0; k < W_NR; k++)
		d->wr[k] += s->wr[k];
}

static inline void op_wr(struct opcount *c, int what)
{
	c->n[OP_WRMSR]++;
	c->wr[what]++;
}

#endif /* BENCH_MODEL_H */
