// SPDX-License-Identifier: GPL-2.0-only
/*
 * Independent cost model of upstream Linux 7.0's mediated PMU switch, the
 * lower bound, and the cycle table (see model.h and README.md).
 *
 * Section numbers are those of shared/reference/upstream-kvm-mpmu.md.
 */
#include "model.h"

const char *const op_name[OP_NR] = {
	"rdmsr", "wrmsr", "rdpmc", "vmread", "vmwrite", "autostore",
};
const char *const wr_name[W_NR] = {
	"counter", "selector", "fixed counter", "FIXED_CTR_CTRL",
	"GLOBAL_CTRL", "status clear", "status set", "PERF_METRICS", "other",
};

/*
 * Cycles per instruction (README.md "Cycle table" gives the sources and
 * how uncertain each number is). Row 0: Intel (Emerald Rapids-class
 * derivation), row 1: AMD (Turin-class derivation).
 *
 * WRMSR - RDPMC is derived from upstream's own measurement (v6 34/44,
 * b0b6a8d3be16): replacing 11 counter WRMSRs by 11 RDPMCs saved ~1000
 * cycles per exit on Emerald Rapids (8 GP + 3 fixed), replacing 6 saved
 * ~900 cycles on Turin. RDPMC itself is an order-of-magnitude figure
 * (microcoded, tens of cycles). RDMSR of GLOBAL_STATUS, VMREAD and VMWRITE
 * are estimates. The MSR-store slot read is an ordinary L1 load.
 */
const double cycles_per_op[2][OP_NR] = {
	/*           rdmsr  wrmsr  rdpmc  vmread vmwrite autostore */
	[0] = {      60.0, 125.0,  35.0,  25.0,  25.0,   4.0 },
	[1] = {      60.0, 185.0,  35.0,   0.0,   0.0,   0.0 },
};

double op_cycles(u32 amd, const struct opcount *c)
{
	double s = 0;

	for (int k = 0; k < OP_NR; k++)
		s += c->n[k] * cycles_per_op[amd ? 1 : 0][k];
	return s;
}

static void zero(struct opcount *c)
{
	for (int k = 0; k < OP_NR; k++)
		c->n[k] = 0;
	for (int k = 0; k < W_NR; k++)
		c->wr[k] = 0;
}

/* ---- Upstream 7.0 ---- */

/* 2.1 step 4 (kvm_pmu_load_guest_pmcs): counter elided if RDPMC equal
 * (patch 34), selector unconditional; fixed counters elided if equal. */
static void up_load_pmcs(const struct swpmu *S, const struct hwsnap *H,
			 struct opcount *c)
{
	for (u32 i = 0; i < S->nr_gp; i++) {
		c->n[OP_RDPMC]++;
		if (H->gp_ctr[i] != S->counter[i])
			op_wr(c, W_CTR);
		op_wr(c, W_SEL);
	}
	for (u32 j = 0; j < S->nr_fixed; j++) {
		c->n[OP_RDPMC]++;
		if (H->fx_ctr[j] != S->fixed_counter[j])
			op_wr(c, W_FCTR);
	}
}

/* 2.3 step 2 (kvm_pmu_put_guest_pmcs): RDPMC, zero the counter if
 * non-zero, zero the selector if eventsel_hw != 0; fixed: RDPMC, zero if
 * non-zero. */
static void up_put_pmcs(const struct swpmu *S, const struct hwsnap *H,
			struct opcount *c)
{
	for (u32 i = 0; i < S->nr_gp; i++) {
		c->n[OP_RDPMC]++;
		if (H->gp_ctr[i])
			op_wr(c, W_CTR);
		if (S->eventsel_hw[i])
			op_wr(c, W_SEL);
	}
	for (u32 j = 0; j < S->nr_fixed; j++) {
		c->n[OP_RDPMC]++;
		if (H->fx_ctr[j])
			op_wr(c, W_FCTR);
	}
}

void upstream_pair(const struct swpmu *S, const struct hwsnap *HL,
		   const struct hwsnap *HX, const struct hwsnap *HP,
		   struct opcount *load, struct opcount *exit_,
		   struct opcount *put)
{
	u64 toggle;

	zero(load);
	zero(exit_);
	zero(put);
	(void)HX;

	/* Load: 2.1 step 2, GLOBAL_CTRL (AMD: PerfCntrGlobalCtl) := 0,
	 * unconditional on both vendors. Steps 1 and 3 (perf context,
	 * LVTPC) are outside the PMU register switch and not counted. */
	op_wr(load, W_GCTL);
	up_load_pmcs(S, HL, load);
	if (!S->amd) {
		/* 6: the Topdown series writes PERF_METRICS first in the
		 * vendor load, unconditionally (not in 7.0; modelled only
		 * for the PERF_METRICS configurations). */
		if (S->metrics)
			op_wr(load, W_METRICS);
		/* 2.2 steps 1-4: RDMSR status, RESET of hw & toggle, SET
		 * of guest & toggle. */
		load->n[OP_RDMSR]++;
		toggle = S->global_status ^ HL->status;
		if (HL->status & toggle)
			op_wr(load, W_ST_CLR);
		if (S->global_status & toggle)
			op_wr(load, W_ST_SET);
		/* 2.2 step 5: FIXED_CTR_CTRL, unconditional. */
		op_wr(load, W_FCTRL);
	} else {
		/* 2.5 load 1-3: StatusClr if hw != 0, StatusSet and
		 * GlobalCtl unconditional. */
		load->n[OP_RDMSR]++;
		if (HL->status)
			op_wr(load, W_ST_CLR);
		op_wr(load, W_ST_SET);
		op_wr(load, W_GCTL);
	}

	/* Per hardware exit: 3 (VMX refresh) / 2.5 (svm_vcpu_run). */
	if (S->gctl_passthrough) {
		if (S->amd) {
			exit_->n[OP_RDMSR]++;
		} else if (S->exit_save) {
			exit_->n[OP_VMREAD]++;
		} else {
			exit_->n[OP_AUTOSTORE]++;
			exit_->n[OP_VMWRITE]++;	/* unconditional */
		}
	}

	/* Put. */
	if (!S->amd) {
		/* 2.4: RDMSR status, RESET if non-zero, FIXED_CTR_CTRL := 0
		 * if fixed_ctr_ctrl_hw != 0. */
		put->n[OP_RDMSR]++;
		if (HP->status)
			op_wr(put, W_ST_CLR);
		if (S->fixed_ctr_ctrl_hw)
			op_wr(put, W_FCTRL);
		/* 6: RDPMC of PERF_METRICS, zeroed if non-zero, before the
		 * generic code zeroes fixed counter 3. */
		if (S->metrics) {
			put->n[OP_RDPMC]++;
			if (HP->metrics)
				op_wr(put, W_METRICS);
		}
	} else {
		/* 2.5 put 1-3. */
		op_wr(put, W_GCTL);
		put->n[OP_RDMSR]++;
		if (HP->status)
			op_wr(put, W_ST_CLR);
	}
	up_put_pmcs(S, HP, put);
}

/* ---- Lower bound ---- */

/*
 * The fewest operations any correct switch needs, given an oracle for the
 * hardware values at load (no load-side reads): a register is written at
 * load iff its hardware value differs from what the guest must see, and
 * at put iff it holds guest data the host must not see; reads are only
 * those of state the guest can change without an exit (its counters,
 * GLOBAL_STATUS, PERF_METRICS, GLOBAL_CTRL when passed through).
 *
 * Selectors are intercepted, so a selector the guest has disabled only
 * needs EN clear in hardware; an enabled one needs its exact filtered
 * value (AMD: with GuestOnly).
 */
void bound_pair(const struct swpmu *S, const struct hwsnap *HL,
		const struct hwsnap *HX, const struct hwsnap *HP,
		struct opcount *load, struct opcount *exit_,
		struct opcount *put)
{
	bool fc3_written = false, zeroed;

	zero(load);
	zero(exit_);
	zero(put);

	for (u32 i = 0; i < S->nr_gp; i++) {
		u64 t = S->eventsel_hw[i];

		if (HL->gp_ctr[i] != S->counter[i])
			op_wr(load, W_CTR);
		if (t & MPMU_EVTSEL_EN ? HL->gp_sel[i] != t :
		    (HL->gp_sel[i] & MPMU_EVTSEL_EN) != 0)
			op_wr(load, W_SEL);
	}
	for (u32 j = 0; j < S->nr_fixed; j++) {
		if (HL->fx_ctr[j] != S->fixed_counter[j]) {
			op_wr(load, W_FCTR);
			if (j == 3)
				fc3_written = true;
		}
	}
	if (!S->amd) {
		if (S->metrics &&
		    (HL->metrics != S->perf_metrics || fc3_written))
			op_wr(load, W_METRICS);
		if (HL->fx_ctrl != S->fixed_ctr_ctrl_hw)
			op_wr(load, W_FCTRL);
	}
	if (HL->status & ~S->global_status)
		op_wr(load, W_ST_CLR);
	if (S->global_status & ~HL->status & S->status_set_ok)
		op_wr(load, W_ST_SET);
	/* GLOBAL_CTRL must be 0 while counters and selectors change. */
	zeroed = HL->gctl && load->n[OP_WRMSR] > 0;
	if (zeroed)
		op_wr(load, W_GCTL);
	/* AMD: GlobalCtl := guest last (SVM does not load it). */
	if (S->amd && S->global_ctrl != (zeroed ? 0 : HL->gctl))
		op_wr(load, W_GCTL);

	if (S->gctl_passthrough) {
		if (S->amd) {
			exit_->n[OP_RDMSR]++;
		} else if (S->exit_save) {
			exit_->n[OP_VMREAD]++;
		} else {
			exit_->n[OP_AUTOSTORE]++;
			/* The next entry loads the VMCS field: write it only
			 * if the guest changed GLOBAL_CTRL. */
			if (HX->autostore_gctl != HX->vmcs_guest_gctl)
				exit_->n[OP_VMWRITE]++;
		}
	}

	/* Put. AMD: GlobalCtl := 0 first if the guest left it enabled
	 * (Intel: VM-exit loaded the host value 0). */
	if (S->amd && HP->gctl)
		op_wr(put, W_GCTL);
	put->n[OP_RDMSR]++;			/* GLOBAL_STATUS */
	if (HP->status)
		op_wr(put, W_ST_CLR);
	if (!S->amd && HP->fx_ctrl)
		op_wr(put, W_FCTRL);
	for (u32 i = 0; i < S->nr_gp; i++) {
		put->n[OP_RDPMC]++;
		if (HP->gp_ctr[i])
			op_wr(put, W_CTR);
		if (S->eventsel_hw[i] & MPMU_EVTSEL_EN)
			op_wr(put, W_SEL);
	}
	fc3_written = false;
	for (u32 j = 0; j < S->nr_fixed; j++) {
		put->n[OP_RDPMC]++;
		if (HP->fx_ctr[j]) {
			op_wr(put, W_FCTR);
			if (j == 3)
				fc3_written = true;
		}
	}
	/* PERF_METRICS: read, and zero after any fixed counter 3 write
	 * (which re-bases it, pmu-hw-facts section 3). */
	if (!S->amd && S->metrics) {
		put->n[OP_RDPMC]++;
		if (HP->metrics || fc3_written)
			op_wr(put, W_METRICS);
	}
}
