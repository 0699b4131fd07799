// SPDX-License-Identifier: GPL-2.0-only
/*
 * Contract cross-check: random states and random accessor calls on the
 * simulator, each checked against spec/mpmu_hw.h by sim/contract.c, with
 * counters counting during the calls (the contracts' counting havoc).
 * Writes the list of clauses covered to the JSON file given.
 */
#include <stdio.h>
#include <string.h>
#include "tf.h"
#include "contract.h"
#include "mpmu_hw.h"
#include "mpmu_vmx.h"

static u64 lowb(u32 n)
{
	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

static void randomize(struct sim_cpu *c, u64 *r)
{
	const struct sim_config *cfg = c->cfg;
	u64 m = sim_gp_ctr_mask(cfg);
	u32 i;

	for (i = 0; i < cfg->nr_gp; i++) {
		c->gp_ctr[i].v = rng_below(r, 2) ? m - rng_below(r, 4000) :
						   rng_next(r) & m;
		c->gp_sel[i].v = rng_next(r) & sim_sel_valid(cfg, i);
	}
	for (i = 0; i < cfg->nr_fixed; i++)
		c->fx_ctr[i].v = rng_below(r, 2) ?
			sim_fx_ctr_mask(cfg) - rng_below(r, 4000) :
			rng_next(r) & sim_fx_ctr_mask(cfg);
	c->fx_ctrl.v = rng_next(r) & sim_fx_ctrl_valid(cfg);
	c->gctl.v = rng_below(r, 3) ? rng_next(r) & sim_gctl_valid(cfg) : 0;
	c->status = rng_below(r, 2) ? rng_next(r) & sim_status_hw_bits(cfg) : 0;
	c->metrics.v = rng_below(r, 2) && cfg->has_metrics ? rng_next(r) : 0;
	if (cfg->vendor == SIM_VENDOR_AMD) {
		/* Guest selectors (GuestOnly) next to host ones. */
		for (i = 0; i < cfg->nr_gp; i++)
			if (rng_below(r, 2))
				c->gp_sel[i].v |= MPMU_AMD_EVTSEL_GUESTONLY;
		return;
	}
	/* VMCS: GLOBAL_CTRL fields, and controls among the allowed-1
	 * settings (others fail VM-entry's control checks, SDM 26.2.1). */
	c->vmcs_guest_gctl.v = rng_below(r, 8) ? rng_next(r) &
			       sim_gctl_valid(cfg) : rng_next(r);
	c->vmcs_host_gctl.v = rng_below(r, 4) ? 0 : rng_below(r, 8) ?
			      rng_next(r) & sim_gctl_valid(cfg) : rng_next(r);
	c->autostore_val.v = rng_next(r) & sim_gctl_valid(cfg);
	c->autostore_gctl = rng_below(r, 2);
	c->entry_ctls = rng_below(r, 4) ? MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL :
			0;
	c->exit_ctls = (rng_below(r, 4) ? MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL :
			0) | (cfg->has_exit_save && rng_below(r, 2) ?
			      MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL : 0);
}

static u32 pick_amd_msr(const struct sim_config *cfg, u64 *r)
{
	u32 i = (u32)rng_below(r, cfg->nr_gp + 1);

	switch (rng_below(r, 12)) {
	case 0:
	case 1:
		return MPMU_MSR_AMD_PERF_CTR0 + 2 * i;
	case 2:
	case 3:
		return MPMU_MSR_AMD_PERF_CTL0 + 2 * i;
	case 4:
	case 5:
		return MPMU_MSR_AMD_GLOBAL_CTL;
	case 6:
	case 7:
		return MPMU_MSR_AMD_GLOBAL_STATUS_CLR;
	case 8:
	case 9:
		return MPMU_MSR_AMD_GLOBAL_STATUS_SET;
	case 10:
		return rng_below(r, 2) ? SIM_MSR_K7_PERFCTR0 + (i & 3) :
					 SIM_MSR_K7_EVNTSEL0 + (i & 3);
	default: {
		static const u32 odd[] = { MPMU_MSR_AMD_GLOBAL_STATUS,
					   MPMU_MSR_IA32_PERF_GLOBAL_CTRL,
					   MPMU_MSR_AMD_PERF_CTL0 + 1 + 2 * 6,
					   0xc0000304, 0xc0010200 - 1 };
		return odd[rng_below(r, 5)];
	}
	}
}

static u64 pick_amd_val(const struct sim_config *cfg, u32 msr, u64 *r)
{
	u64 v = rng_next(r);

	if (rng_below(r, 8) == 0)
		return v;
	if (rng_below(r, 6) == 0)
		return 0;
	if (msr >= MPMU_MSR_AMD_PERF_CTL0 && msr < MPMU_MSR_AMD_PERF_CTL0 + 12)
		return (msr & 1) ? v & sim_gp_ctr_mask(cfg) :
				   v & sim_sel_valid(cfg,
					(msr - MPMU_MSR_AMD_PERF_CTL0) / 2);
	return v & lowb(cfg->nr_gp);
}

static u32 pick_msr(const struct sim_config *cfg, u64 *r)
{
	if (cfg->vendor == SIM_VENDOR_AMD)
		return pick_amd_msr(cfg, r);
	switch (rng_below(r, 14)) {
	case 0:
		return MPMU_MSR_IA32_A_PMC0 + (u32)rng_below(r, cfg->nr_gp + 1);
	case 1:
		return MPMU_MSR_IA32_PERFEVTSEL0 +
		       (u32)rng_below(r, cfg->nr_gp + 1);
	case 2:
		return MPMU_MSR_IA32_FIXED_CTR0 +
		       (u32)rng_below(r, cfg->nr_fixed + 1);
	case 3:
	case 4:
		return MPMU_MSR_IA32_FIXED_CTR_CTRL;
	case 5:
	case 6:
		return MPMU_MSR_IA32_PERF_GLOBAL_CTRL;
	case 7:
	case 8:
		return MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET;
	case 9:
	case 10:
		return MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET;
	case 11:
		return MPMU_MSR_IA32_PERF_METRICS;
	case 12:
		return MPMU_MSR_IA32_PMC0 + (u32)rng_below(r, cfg->nr_gp);
	default: {
		static const u32 odd[] = { MPMU_MSR_IA32_PERF_GLOBAL_STATUS,
					   MPMU_MSR_IA32_PERF_CAPABILITIES,
					   0x392, 0x1234, 0xc0000301 };
		return odd[rng_below(r, 5)];
	}
	}
}

static u64 pick_val(const struct sim_config *cfg, u32 msr, u64 *r)
{
	u64 v = rng_next(r);

	if (cfg->vendor == SIM_VENDOR_AMD)
		return pick_amd_val(cfg, msr, r);
	if (rng_below(r, 8) == 0)
		return v;	/* anything, reserved bits too */
	if (rng_below(r, 6) == 0)
		return 0;
	if (msr >= MPMU_MSR_IA32_A_PMC0 && msr < MPMU_MSR_IA32_A_PMC0 + 8)
		return v & sim_gp_ctr_mask(cfg);
	if (msr >= MPMU_MSR_IA32_PERFEVTSEL0 &&
	    msr < MPMU_MSR_IA32_PERFEVTSEL0 + 8)
		return v & 0xffffffffull;
	if (msr >= MPMU_MSR_IA32_FIXED_CTR0 &&
	    msr < MPMU_MSR_IA32_FIXED_CTR0 + 4)
		return v & sim_fx_ctr_mask(cfg);
	if (msr == MPMU_MSR_IA32_FIXED_CTR_CTRL)
		return v & lowb(4 * cfg->nr_fixed);
	if (msr == MPMU_MSR_IA32_PERF_GLOBAL_CTRL)
		return v & (lowb(cfg->nr_gp) | lowb(cfg->nr_fixed) << 32 |
			    1ull << 48);
	if (msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET ||
	    msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET)
		return v & (lowb(cfg->nr_gp) | lowb(cfg->nr_fixed) << 32 |
			    1ull << 48 | 1ull << 55 | 0x3full << 58);
	return v;
}

/*
 * A guest shape of this host and the intercepts in force: those
 * mpmu_intercept_decisions() makes for it, or (every other time) any
 * others the contract allows (selectors and FIXED_CTR_CTRL intercepted).
 */
static void guest_run(struct sim_cpu *c, u64 *r)
{
	const struct sim_config *cfg = c->cfg;
	struct mpmu_intercepts d;
	struct mpmu_ctx x;

	memset(&x, 0, sizeof(x));
	x.vendor = cfg->vendor == SIM_VENDOR_AMD ? MPMU_VENDOR_AMD :
		   MPMU_VENDOR_INTEL;
	x.host_nr_gp = cfg->nr_gp;
	x.host_nr_fixed = cfg->nr_fixed;
	x.nr_gp = (u32)rng_below(r, cfg->nr_gp + 1);
	x.nr_fixed = (u32)rng_below(r, cfg->nr_fixed + 1);
	x.flags = (x.nr_fixed > 3 ? MPMU_CTX_PERF_METRICS : 0) |
		  (cfg->has_metrics ? MPMU_CTX_HOST_PERF_METRICS : 0);
	if (rng_below(r, 2)) {
		mpmu_intercept_decisions(&x, (u32)rng_below(r, 2), &d);
	} else {
		memset(&d, 0, sizeof(d));
		d.pass_global_msrs = (u32)rng_below(r, 2);
		d.pass_rdpmc = (u32)rng_below(r, 2);
		d.pass_counter_msrs = (u32)rng_below(r, 2);
		d.pass_perf_metrics = (u32)rng_below(r, 2);
	}
	xc_guest_run(c, x.nr_gp, x.nr_fixed, &d, rng_next(r));
}

/* Does the clause's behaviour exist on this configuration? */
static bool clause_applies(const struct sim_config *cfg, enum xc_clause k)
{
	bool amd = cfg->vendor == SIM_VENDOR_AMD;

	switch (k) {
	case XC_WR_PERF_METRICS:
	case XC_PMC_METRICS:
		return cfg->has_metrics;
	case XC_WR_GP_COUNTER: case XC_WR_GP_EVENTSEL:
	case XC_WR_FIXED_COUNTER: case XC_WR_FIXED_CTR_CTRL:
	case XC_WR_GLOBAL_CTRL: case XC_WR_STATUS_RESET:
	case XC_WR_STATUS_SET: case XC_PMC_FIXED:
		return !amd;
	case XC_WR_AMD_COUNTER: case XC_WR_AMD_EVENTSEL:
	case XC_WR_AMD_GLOBAL_CTL: case XC_WR_AMD_STATUS_CLR:
	case XC_WR_AMD_STATUS_SET: case XC_RD_AMD_GLOBAL_CTL:
		return amd;
	case XC_RUN_WF: case XC_RUN_GCTL: case XC_RUN_GP: case XC_RUN_FIXED:
	case XC_RUN_METRICS: case XC_RUN_ASSIGNS:
		return true;
	case XC_VMRUN_REQUIRES: case XC_VMRUN_WF: case XC_VMRUN_SWITCHED:
	case XC_VMRUN_ASSIGNS: case XC_VMEXIT_WF: case XC_VMEXIT_SWITCHED:
	case XC_VMEXIT_ASSIGNS:
		return amd;
	case XC_GRDPMC_HW: case XC_GRDPMC_GP:
		return true;
	default:
		/* VMCS accessors and VMX transitions: VMX hosts only. */
		return k < XC_VMR_REQUIRES || !amd;
	}
}

static void write_json(FILE *f, const struct sim_config *cfg,
		       const struct xc_stats *st, bool last)
{
	unsigned k;

	fprintf(f, "    {\n      \"config\": \"%s\",\n", cfg->name);
	fprintf(f, "      \"operations\": %llu,\n",
		(unsigned long long)st->ops);
	fprintf(f, "      \"transitions\": %llu,\n",
		(unsigned long long)st->transitions);
	fprintf(f, "      \"within_requires\": %llu,\n",
		(unsigned long long)(st->ops + st->transitions - st->outside));
	fprintf(f, "      \"outside_requires\": %llu,\n",
		(unsigned long long)st->outside);
	fprintf(f, "      \"outside_requires_faulted\": %llu,\n",
		(unsigned long long)st->outside_gp);
	fprintf(f, "      \"disagreements\": %u,\n", st->failed);
	fprintf(f, "      \"clauses\": {\n");
	for (k = 0; k < XC_NR; k++)
		fprintf(f, "        \"%s\": {\"checked\": %llu, "
			"\"while_counting\": %llu}%s\n", xc_clause_name[k],
			(unsigned long long)st->checked[k],
			(unsigned long long)st->havoc[k],
			k + 1 < XC_NR ? "," : "");
	fprintf(f, "      }\n    }%s\n", last ? "" : ",");
}

/* Totals over the configurations run of one open location of a clause. */
static void outcome_totals(const struct xc_stats *st, unsigned nd,
			   unsigned k, unsigned f, u64 *kept, u64 *changed)
{
	unsigned c;

	*kept = *changed = 0;
	for (c = 0; c < nd; c++) {
		*kept += st[c].kept[k][f];
		*changed += st[c].changed[k][f];
	}
}

/*
 * Every location a clause leaves open (counting counters, status and
 * PERF_METRICS while counting, PERF_METRICS after a fixed counter 3
 * write, zero and zero included, ...) was seen both kept and changed:
 * the simulator produces each outcome the contract allows, so a core
 * that relies on one of them fails the tests as it fails the proof.
 */
static void check_outcomes(const struct xc_stats *st, unsigned nd)
{
	unsigned k, f, open = 0;
	u64 kept, changed;

	tf_begin("xcheck/outcomes");
	for (k = 0; k < XC_NR; k++)
		for (f = 0; f < XC_F_NR; f++) {
			outcome_totals(st, nd, k, f, &kept, &changed);
			if (!kept && !changed)
				continue;
			open++;
			EXPECT(kept && changed, "%s, %s: kept %llu times, "
			       "changed %llu times (the contract allows both)",
			       xc_clause_name[k], xc_free_name[f],
			       (unsigned long long)kept,
			       (unsigned long long)changed);
		}
	EXPECT(open >= 20, "only %u open locations seen", open);
	printf("xcheck/outcomes: %u (clause, open location) pairs, each "
	       "seen both kept and changed\n", open);
	tf_end();
}

static void write_outcomes(FILE *f, const struct xc_stats *st, unsigned nd)
{
	unsigned k, l, n = 0;
	u64 kept, changed;

	fprintf(f, "  \"outcomes\": [");
	for (k = 0; k < XC_NR; k++)
		for (l = 0; l < XC_F_NR; l++) {
			outcome_totals(st, nd, k, l, &kept, &changed);
			if (!kept && !changed)
				continue;
			fprintf(f, "%s\n    {\"clause\": \"%s\", \"location\": "
				"\"%s\", \"kept\": %llu, \"changed\": %llu}",
				n++ ? "," : "", xc_clause_name[k],
				xc_free_name[l], (unsigned long long)kept,
				(unsigned long long)changed);
		}
	fprintf(f, "\n  ],\n");
}

/* Accessors (and transitions) with at least one checked call. */
static void write_covered(FILE *f, const struct xc_stats *st,
			  const struct sim_config *const *done, unsigned nd)
{
	char fn[64], seen[XC_NR][64];
	unsigned k, j, ns = 0, c;
	u64 n;

	fprintf(f, "  \"covered\": [");
	for (k = 0; k < XC_NR; k++) {
		xc_clause_fn((enum xc_clause)k, fn, sizeof(fn));
		for (j = 0; j < ns; j++)
			if (!strcmp(seen[j], fn))
				break;
		if (j < ns)
			continue;
		for (n = 0, j = 0; j < XC_NR; j++) {
			char g[64];

			xc_clause_fn((enum xc_clause)j, g, sizeof(g));
			if (strcmp(g, fn))
				continue;
			for (c = 0; c < nd; c++)
				n += st[c].checked[j];
		}
		if (!n)
			continue;
		strcpy(seen[ns], fn);
		fprintf(f, "%s\"%s\"", ns ? ", " : "", fn);
		ns++;
	}
	fprintf(f, "],\n");
	(void)done;
}

/*
 * The outcome walk is not vacuous: the old simulator, where a fixed
 * counter 3 write of 0 kept PERF_METRICS 0, never produces the "changed"
 * outcome there (the blind spot of issue 25); the current one does.
 */
static void outcome_selftest(void)
{
	static struct sim_cpu c;
	struct xc_stats st;
	u64 r, n, changed[2];
	int bug;

	tf_begin("selftest/xcheck/outcomes");
	for (bug = 0; bug < 2; bug++) {
		memset(&st, 0, sizeof(st));
		sim_init(&c, &sim_cfg_spr);
		sim_set_current(&c);
		r = sim_mix(tf.seed ^ 0x6f7574ull);
		sim_bug = bug ? SIM_BUG_METRICS_ZERO_KEPT : 0;
		xc_enable(&sim_cfg_spr, &st);
		for (n = 0; n < 20000; n++) {
			if ((n & 63) == 0)
				randomize(&c, &r);
			if ((n & 255) == 0)
				sim_trace_reset(&c);
			if (rng_below(&r, 2))
				c.metrics.v = 0;
			mpmu_hw_wrmsr(MPMU_MSR_IA32_FIXED_CTR0 + 3,
				      rng_below(&r, 2) ? 0 : rng_next(&r) &
				      sim_fx_ctr_mask(&sim_cfg_spr));
			c.faults = 0;
		}
		xc_disable();
		sim_bug = 0;
		changed[bug] = st.changed[XC_WR_FIXED_COUNTER]
					 [XC_F_METRICS_FC3_ZERO];
		EXPECT(st.kept[XC_WR_FIXED_COUNTER][XC_F_METRICS_FC3_ZERO] +
		       changed[bug] > 0, "fixed counter 3 := 0 with "
		       "PERF_METRICS 0 never exercised");
	}
	EXPECT(changed[0] > 0 && changed[1] == 0, "PERF_METRICS changed by "
	       "a fixed counter 3 write of 0: %llu times, %llu with the old "
	       "simulator (expected > 0 and 0)",
	       (unsigned long long)changed[0], (unsigned long long)changed[1]);
	tf_end();
}

/*
 * The checker is not vacuous: with a deliberate simulator bug the
 * cross-check must report a disagreement naming the contract clause.
 */
static void xcheck_selftests(void)
{
	static const struct {
		u32 bug;
		const struct sim_config *cfg;
		const char *clause;
	} cases[] = {
		{ SIM_BUG_AMD_STATUS_CLR_NOP, &sim_cfg_amd,
		  "mpmu_hw_wrmsr/amd_status_clr" },
		{ SIM_BUG_AMD_SEL_DROPS_GUESTONLY, &sim_cfg_amd,
		  "mpmu_hw_wrmsr/amd_eventsel" },
		{ SIM_BUG_EXIT_HOST_FIRST, &sim_cfg_spr,
		  "mpmu_hw_vm_exit/ensures s" },	/* saved or stored */
		{ SIM_BUG_AUTOSTORE_STALE, &sim_cfg_skl4,
		  "mpmu_hw_vm_exit/ensures stored" },
		{ SIM_BUG_VMWRITE_HOST_FIELD, &sim_cfg_skl8,
		  "mpmu_hw_vmcs_write64/guest_field" },
	};
	static struct sim_cpu c;
	struct xc_stats st;
	char name[96];
	unsigned k;
	u64 r, n;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		snprintf(name, sizeof(name), "selftest/xcheck/%s",
			 cases[k].clause);
		tf_begin(name);
		memset(&st, 0, sizeof(st));
		sim_init(&c, cases[k].cfg);
		sim_set_current(&c);
		r = sim_mix(tf.seed ^ k);
		sim_bug = cases[k].bug;
		xc_enable(cases[k].cfg, &st);
		for (n = 0; n < 200000 && !st.failed; n++) {
			u32 kind = (u32)rng_below(&r, 6), reg;

			if ((n & 63) == 0)
				randomize(&c, &r);
			if ((n & 255) == 0)
				sim_trace_reset(&c);
			if (kind < 3) {
				reg = pick_msr(cases[k].cfg, &r);
				mpmu_hw_wrmsr(reg, pick_val(cases[k].cfg, reg,
							    &r));
			} else if (cases[k].cfg->vendor == SIM_VENDOR_AMD) {
				(void)mpmu_hw_rdmsr(MPMU_MSR_AMD_GLOBAL_STATUS);
			} else if (kind == 3) {
				mpmu_hw_vmcs_write64(
					MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL,
					rng_next(&r) &
					sim_gctl_valid(cases[k].cfg));
			} else {
				xc_transition(&c, XC_T_EXIT);
			}
			c.faults = 0;
		}
		xc_disable();
		sim_bug = 0;
		EXPECT(st.failed && strstr(st.msg, cases[k].clause),
		       "injected simulator bug %#x not reported as %s (%s)",
		       cases[k].bug, cases[k].clause,
		       st.failed ? st.msg : "no disagreement");
		tf_end();
	}
	outcome_selftest();
}

/*
 * REQ-FEATURES: hosts without a feature (PMU v3: no STATUS_SET; no
 * full-width writes: no 0x4C1+). Random WRMSRs must never disagree with
 * the contract, and some must fall outside its requires only for want of
 * the feature while the simulated CPU #GPs: without wrmsr_present the
 * contract would have promised those writes.
 */
static void xcheck_features(void)
{
	static const struct sim_config nofw = {
		.name = "skl-nofw", .vendor = SIM_VENDOR_INTEL, .version = 4,
		.nr_gp = 4, .nr_fixed = 3, .gp_width = 48, .fixed_width = 48,
		.has_tsx = true,
	};
	const struct sim_config *cfgs[] = { &sim_cfg_bdw, &nofw };
	static struct sim_cpu c;
	struct xc_stats st;
	char name[64];
	unsigned k;
	u64 r, n;

	for (k = 0; k < 2; k++) {
		snprintf(name, sizeof(name), "xcheck/features/%s",
			 cfgs[k]->name);
		tf_begin(name);
		memset(&st, 0, sizeof(st));
		sim_init(&c, cfgs[k]);
		sim_set_current(&c);
		r = sim_mix(tf.seed ^ 0xfea7ull ^ k);
		xc_enable(cfgs[k], &st);
		for (n = 0; n < 20000 && !st.failed; n++) {
			u32 reg = pick_msr(cfgs[k], &r);

			if ((n & 63) == 0)
				randomize(&c, &r);
			if ((n & 255) == 0)
				sim_trace_reset(&c);
			mpmu_hw_wrmsr(reg, pick_val(cfgs[k], reg, &r));
			c.faults = 0;
		}
		xc_disable();
		EXPECT(!st.failed, "%s", st.msg);
		EXPECT(st.outside_feature > 0, "no WRMSR was outside the "
		       "requires for want of a feature");
		tf_end();
	}
}

/*
 * A fixed counter 3 write of 0 over a PERF_METRICS of 0 is rare in the
 * random mix (a few per run): drive it often enough that both outcomes
 * the contract allows show up whatever the seed (kept 1/4 each time).
 */
static void metrics_edge(struct sim_cpu *c, const struct sim_config *cfg,
			 u64 *r)
{
	unsigned n;

	if (!cfg->has_metrics)
		return;
	c->havoc = true;
	for (n = 0; n < 128; n++) {
		c->havoc_rng = rng_next(r);
		c->metrics.v = 0;
		mpmu_hw_wrmsr(MPMU_MSR_IA32_FIXED_CTR0 + 3, 0);
		c->faults = 0;
	}
}

void run_xcheck_tests(const char *only, const char *json)
{
	static struct sim_cpu c;
	static struct xc_stats st[8];
	const struct sim_config *done[8];
	unsigned ci, nd = 0, k;
	FILE *f;

	if (!only) {
		xcheck_selftests();
		xcheck_features();
	}

	for (ci = 0; ci < sim_nr_configs; ci++) {
		const struct sim_config *cfg = sim_configs[ci];
		bool intel = cfg->vendor == SIM_VENDOR_INTEL;
		char name[64];
		u64 r = sim_mix(tf.seed ^ 0x7863ull ^ ci), n;

		if (only && strcmp(only, cfg->name))
			continue;
		snprintf(name, sizeof(name), "xcheck/%s", cfg->name);
		tf_begin(name);
		memset(&st[nd], 0, sizeof(st[nd]));
		sim_init(&c, cfg);
		sim_set_current(&c);
		xc_enable(cfg, &st[nd]);
		for (n = 0; st[nd].ops < tf.xc_ops; n++) {
			u32 kind = (u32)rng_below(&r, intel ? 16 : 13), reg;

			if ((n & 63) == 0)
				randomize(&c, &r);
			if ((n & 255) == 0)
				sim_trace_reset(&c);
			c.bg_on = rng_below(&r, 4) != 0;
			c.bg.instr = rng_below(&r, 3000);
			c.bg.cycles = rng_below(&r, 3000);
			c.bg.ref = rng_below(&r, 3000);
			c.bg.slots = rng_below(&r, 9000);
			c.bg.seed = rng_next(&r);
			c.bg.cpl = rng_below(&r, 2) ? 3 : 0;
			c.write_taint = rng_below(&r, 2) ? T_GUEST : T_HOST;
			/* Unspecified outcomes: adversarial or fixed. */
			c.havoc = rng_below(&r, 2);
			c.havoc_rng = rng_next(&r);
			/* Host-only GLOBAL_STATUS bits (55, 58-62, 63) set by
			 * hardware while the call runs. */
			xc_host_status = rng_below(&r, 4) ? 0 : rng_next(&r) &
				sim_status_hw_bits(cfg) & ~sim_gctl_valid(cfg);
			if (kind == (intel ? 15u : 10u)) {
				if (rng_below(&r, 2))
					guest_run(&c, &r);
				else
					xc_guest_rdpmc(&c, rng_below(&r, 4) ?
						(u32)rng_below(&r, cfg->nr_gp + 2) |
						(rng_below(&r, 2) ?
						 MPMU_RDPMC_FIXED : 0) :
						MPMU_RDPMC_METRICS);
			} else if (!intel && kind > 10) {
				xc_transition(&c, kind == 11 ? XC_T_VMRUN :
					      XC_T_VMEXIT_SVM);
			} else if (kind < 6) {
				reg = pick_msr(cfg, &r);
				mpmu_hw_wrmsr(reg, pick_val(cfg, reg, &r));
			} else if (kind < 8) {
				reg = rng_below(&r, 6) ? (intel ?
				      MPMU_MSR_IA32_PERF_GLOBAL_STATUS :
				      rng_below(&r, 2) ?
				      MPMU_MSR_AMD_GLOBAL_STATUS :
				      MPMU_MSR_AMD_GLOBAL_CTL) :
				      pick_msr(cfg, &r);
				(void)mpmu_hw_rdmsr(reg);
			} else if (kind < 10) {
				reg = (u32)rng_below(&r, cfg->nr_gp + 1);
				if (rng_below(&r, 3) == 0)
					reg = MPMU_RDPMC_FIXED |
					      (u32)rng_below(&r,
							     cfg->nr_fixed + 1);
				if (rng_below(&r, 8) == 0)
					reg = MPMU_RDPMC_METRICS;
				(void)mpmu_hw_rdpmc(reg);
			} else if (kind < 11) {
				reg = rng_below(&r, 6) ?
				      MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL :
				      rng_below(&r, 2) ?
				      MPMU_VMCS_HOST_PERF_GLOBAL_CTRL : 0x4402;
				(void)mpmu_hw_vmcs_read64(reg);
			} else if (kind < 12) {
				reg = rng_below(&r, 2) ?
				      MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL :
				      rng_below(&r, 6) ?
				      MPMU_VMCS_HOST_PERF_GLOBAL_CTRL : 0x2802;
				mpmu_hw_vmcs_write64(reg, rng_below(&r, 8) ?
					rng_next(&r) & sim_gctl_valid(cfg) :
					rng_next(&r));
			} else {
				xc_transition(&c, (enum xc_trans)(kind - 12));
			}
			c.faults = 0;
			if (st[nd].failed)
				break;
		}
		c.bg_on = false;
		xc_host_status = 0;
		metrics_edge(&c, cfg, &r);
		xc_disable();
		if (st[nd].failed)
			tf_fail(__FILE__, __LINE__, "%s (after %llu ops)",
				st[nd].msg, (unsigned long long)st[nd].ops);
		for (k = 0; k < XC_NR; k++)
			EXPECT(st[nd].checked[k] > 0 ||
			       !clause_applies(cfg, (enum xc_clause)k),
			       "clause %s never exercised", xc_clause_name[k]);
		EXPECT(st[nd].havoc[XC_RD_STEP] > 0 &&
		       st[nd].havoc[XC_PMC_STEP] > 0,
		       "counting havoc never exercised");
		EXPECT(st[nd].run_unowned_changed > 0,
		       "no guest run made a counter it does not own count");
		printf("xcheck/%s: %llu accessor calls + %llu VM transitions, "
		       "%llu within the contracts' requires (%llu outside, "
		       "%llu of them #GP), %u disagreements\n", cfg->name,
		       (unsigned long long)st[nd].ops,
		       (unsigned long long)st[nd].transitions,
		       (unsigned long long)(st[nd].ops + st[nd].transitions -
					    st[nd].outside),
		       (unsigned long long)st[nd].outside,
		       (unsigned long long)st[nd].outside_gp, st[nd].failed);
		done[nd++] = cfg;
		tf_end();
	}
	if (!only)
		check_outcomes(st, nd);
	if (!json)
		return;
	f = fopen(json, "w");
	if (!f)
		return;
	fprintf(f, "{\n  \"seed\": %llu,\n"
		"  \"contracts\": \"spec/mpmu_hw.h\",\n",
		(unsigned long long)tf.seed);
	fprintf(f, "  \"checker\": \"tests/sim/contract.c (hand-written; "
		"E-ACSL not in Debian frama-c-base)\",\n");
	fprintf(f, "  \"contracts_vmx\": [\"spec/mpmu_vmx.h\", "
		"\"spec/mpmu_vmx_trans.h\", \"spec/mpmu_svm_trans.h\"],\n");
	write_covered(f, st, done, nd);
	fprintf(f, "  \"not_covered\": [],\n"
		"  \"notes\": [\"mpmu_hw_guest_run: guests of every shape "
		"with the intercepts mpmu_intercept_decisions() makes or any "
		"others the contract allows, counting in guest mode and "
		"writing what is passed through\", \"VMCS accessors and VM transitions are "
		"exercised on the Intel configurations only; their contracts "
		"do not require is_intel\", \"mpmu_hw_vm_entry_fails is the "
		"late kind (SDM 27.8, host state loaded); an early VMfailValid "
		"loads nothing and is not in the model\", \"VMX controls "
		"are drawn among the allowed-1 settings\", \"AMD counting "
		"with EFER.SVME=1, in host mode\"],\n");
	write_outcomes(f, st, nd);
	fprintf(f, "  \"configs\": [\n");
	for (k = 0; k < nd; k++)
		write_json(f, done[k], &st[k], k + 1 == nd);
	fprintf(f, "  ]\n}\n");
	fclose(f);
}
