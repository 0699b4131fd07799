// SPDX-License-Identifier: GPL-2.0-only
/*
 * Harness self-tests: the switch world runs deliberately wrong cores
 * (copies of the src/ sequences with one mistake each, the mistakes the
 * issues name) and must fail. Each mutant runs twice: with every check,
 * where the expected message names the violated rule, and with the trace
 * checks off (w->check_trace), where the reference run, taint or
 * nothing-lost checks must still catch it unless the rule is an ordering
 * rule only the trace can see.
 */
#include <string.h>
#include "tf.h"
#include "mpmu_hw.h"

enum mut {
	M_NONE,
	M_METRICS_BEFORE_FC3,	/* load: PERF_METRICS before fixed counter 3 */
	M_FC3_BEFORE_METRICS_READ,	/* put: zero FC3, then read metrics */
	M_NO_METRICS_SCRUB,	/* put: PERF_METRICS left loaded */
	M_NO_WRITEBACK,		/* refresh: auto-store not written to VMCS */
	M_REFRESH_ON_FAILED,	/* refresh: ignores a failed VM-entry */
	M_AMD_CTL_BEFORE_SEL,	/* AMD load: enable before selectors */
	M_AMD_NO_GUESTONLY,	/* AMD load: selectors without GuestOnly */
	M_AMD_PUT_CTL_LATE,	/* AMD put: GlobalCtl := 0 after saving */
	M_PASS_RDPMC,		/* intercepts: RDPMC always passed through */
};
static enum mut mut;

static u64 rdmsr(u32 m) { return mpmu_hw_rdmsr(m); }
static void wrmsr(u32 m, u64 v) { mpmu_hw_wrmsr(m, v); }
static u64 rdpmc(u32 e) { return mpmu_hw_rdpmc(e); }

static int intel_load(struct mpmu_ctx *x)
{
	bool pm = x->flags & MPMU_CTX_PERF_METRICS;
	u64 hw, tg, clr, set, own;
	u32 i;

	wrmsr(MPMU_MSR_IA32_PERF_GLOBAL_CTRL, 0);
	for (i = 0; i < x->nr_gp; i++) {
		if (rdpmc(i) != x->gp_counter[i])
			wrmsr(MPMU_MSR_IA32_A_PMC0 + i, x->gp_counter[i]);
		wrmsr(MPMU_MSR_IA32_PERFEVTSEL0 + i, x->gp_eventsel_hw[i]);
	}
	if (pm && mut == M_METRICS_BEFORE_FC3)
		wrmsr(MPMU_MSR_IA32_PERF_METRICS, x->perf_metrics);
	for (i = 0; i < x->nr_fixed; i++)
		if (rdpmc(MPMU_RDPMC_FIXED | i) != x->fixed_counter[i])
			wrmsr(MPMU_MSR_IA32_FIXED_CTR0 + i,
			      x->fixed_counter[i]);
	if (pm && mut != M_METRICS_BEFORE_FC3)
		wrmsr(MPMU_MSR_IA32_PERF_METRICS, x->perf_metrics);
	/* As src/: only the guest's status bits (REQ-H2G). */
	own = x->global_status & ~x->global_status_rsvd;
	hw = rdmsr(MPMU_MSR_IA32_PERF_GLOBAL_STATUS);
	tg = hw ^ own;
	clr = hw & tg;
	set = own & tg & ~x->host_status_set_rsvd;
	if (clr)
		wrmsr(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET, clr);
	if (set)
		wrmsr(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET, set);
	wrmsr(MPMU_MSR_IA32_FIXED_CTR_CTRL, x->fixed_ctr_ctrl_hw);
	return 0;
}

static int intel_put(struct mpmu_ctx *x)
{
	bool pm = x->flags & MPMU_CTX_PERF_METRICS;
	u64 v;
	u32 i;

	v = rdmsr(MPMU_MSR_IA32_PERF_GLOBAL_STATUS);
	x->global_status = v & ~x->global_status_rsvd;	/* REQ-SAVE */
	if (v)
		wrmsr(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET, v);
	if (x->fixed_ctr_ctrl_hw)
		wrmsr(MPMU_MSR_IA32_FIXED_CTR_CTRL, 0);
	if (pm && mut != M_FC3_BEFORE_METRICS_READ)
		x->perf_metrics = rdpmc(MPMU_RDPMC_METRICS);
	for (i = 0; i < x->nr_gp; i++) {
		v = x->gp_counter[i] = rdpmc(i);
		if (v)
			wrmsr(MPMU_MSR_IA32_A_PMC0 + i, 0);
		if (x->gp_eventsel_hw[i])
			wrmsr(MPMU_MSR_IA32_PERFEVTSEL0 + i, 0);
	}
	for (i = 0; i < x->nr_fixed; i++) {
		v = x->fixed_counter[i] = rdpmc(MPMU_RDPMC_FIXED | i);
		if (v)
			wrmsr(MPMU_MSR_IA32_FIXED_CTR0 + i, 0);
	}
	if (pm && mut == M_FC3_BEFORE_METRICS_READ)
		x->perf_metrics = rdpmc(MPMU_RDPMC_METRICS);
	if (pm && mut != M_NO_METRICS_SCRUB)
		wrmsr(MPMU_MSR_IA32_PERF_METRICS, 0);
	return 0;
}

static void vmx_refresh(struct mpmu_ctx *x, const struct mpmu_vmx_cfg *cfg,
			u32 failed, u64 stored)
{
	u64 g;

	if (mut == M_REFRESH_ON_FAILED)
		failed = 0;
	if (failed)
		return;
	if (cfg->use_autostore) {
		g = stored;
		if (mut != M_NO_WRITEBACK)
			mpmu_hw_vmcs_write64(MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL,
					     g);
	} else {
		g = mpmu_hw_vmcs_read64(MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL);
	}
	x->global_ctrl = g;
}

static u32 amd_ctl(u32 i) { return MPMU_MSR_AMD_PERF_CTL0 + 2 * i; }
static u32 amd_ctr(u32 i) { return MPMU_MSR_AMD_PERF_CTR0 + 2 * i; }

static int amd_load(struct mpmu_ctx *x)
{
	u64 hw, tg, clr, set, sel, own;
	u32 i;

	wrmsr(MPMU_MSR_AMD_GLOBAL_CTL, 0);
	if (mut == M_AMD_CTL_BEFORE_SEL)
		wrmsr(MPMU_MSR_AMD_GLOBAL_CTL, x->global_ctrl);
	for (i = 0; i < x->nr_gp; i++) {
		if (rdpmc(i) != x->gp_counter[i])
			wrmsr(amd_ctr(i), x->gp_counter[i]);
		sel = x->gp_eventsel_hw[i] & ~MPMU_AMD_EVTSEL_HOSTONLY;
		if (mut == M_AMD_NO_GUESTONLY)
			sel &= ~MPMU_AMD_EVTSEL_GUESTONLY;
		else
			sel |= MPMU_AMD_EVTSEL_GUESTONLY;
		/* As src/mpmu_amd.c: a selector that cannot count is 0. */
		if (!(x->gp_eventsel_hw[i] & MPMU_EVTSEL_EN))
			sel = 0;
		wrmsr(amd_ctl(i), sel);
	}
	own = x->global_status & ~x->global_status_rsvd;
	hw = rdmsr(MPMU_MSR_AMD_GLOBAL_STATUS);
	tg = hw ^ own;
	clr = hw & tg;
	set = own & tg & ~x->host_status_set_rsvd;
	if (clr)
		wrmsr(MPMU_MSR_AMD_GLOBAL_STATUS_CLR, clr);
	if (set)
		wrmsr(MPMU_MSR_AMD_GLOBAL_STATUS_SET, set);
	if (mut != M_AMD_CTL_BEFORE_SEL)
		wrmsr(MPMU_MSR_AMD_GLOBAL_CTL, x->global_ctrl);
	return 0;
}

static int amd_put(struct mpmu_ctx *x)
{
	u64 v;
	u32 i;

	/* As src/: the guest's GlobalCtl first (REQ-SAVE). */
	x->global_ctrl = rdmsr(MPMU_MSR_AMD_GLOBAL_CTL);
	if (mut != M_AMD_PUT_CTL_LATE)
		wrmsr(MPMU_MSR_AMD_GLOBAL_CTL, 0);
	v = rdmsr(MPMU_MSR_AMD_GLOBAL_STATUS);
	x->global_status = v & ~x->global_status_rsvd;
	if (v)
		wrmsr(MPMU_MSR_AMD_GLOBAL_STATUS_CLR, v);
	for (i = 0; i < x->nr_gp; i++) {
		v = x->gp_counter[i] = rdpmc(i);
		if (v)
			wrmsr(amd_ctr(i), 0);
		wrmsr(amd_ctl(i), 0);
	}
	if (mut == M_AMD_PUT_CTL_LATE)
		wrmsr(MPMU_MSR_AMD_GLOBAL_CTL, 0);
	return 0;
}

static int mut_load(struct mpmu_ctx *x)
{
	return x->vendor == MPMU_VENDOR_AMD ? amd_load(x) : intel_load(x);
}

static int mut_put(struct mpmu_ctx *x)
{
	return x->vendor == MPMU_VENDOR_AMD ? amd_put(x) : intel_put(x);
}

static void mut_intercepts(const struct mpmu_ctx *x, u32 widths_equal,
			   struct mpmu_intercepts *out)
{
	mpmu_intercept_decisions(x, widths_equal, out);
	if (mut == M_PASS_RDPMC)
		out->pass_rdpmc = 1;
}

static const struct world_core mut_core = {
	.name = "mutant",
	.load = mut_load,
	.put = mut_put,
	.vmx_refresh = vmx_refresh,
	.amd_refresh = mpmu_amd_refresh_global_ctrl,
	.intercepts = mut_intercepts,
};

static const struct {
	const char *name;
	enum mut m;
	const struct sim_config *cfg;
	struct gshape gs;
	const char *expect;		/* with the trace checks */
	const char *expect_semantic;	/* without; NULL: order-only rule */
} cases[] = {
	{ "copy_of_src_passes", M_NONE, &sim_cfg_spr, { 3, 4, true },
	  NULL, NULL },
	{ "copy_of_src_passes_amd", M_NONE, &sim_cfg_amd, { 3, 0, false },
	  NULL, NULL },
	{ "metrics_before_fc3", M_METRICS_BEFORE_FC3, &sim_cfg_spr,
	  { 2, 4, true }, "PERF_METRICS written (op",
	  "perf_metrics" },
	{ "fc3_before_metrics_read", M_FC3_BEFORE_METRICS_READ, &sim_cfg_icx,
	  { 8, 4, true }, "FIXED_CTR3 written (op", "ctx perf_metrics" },
	{ "metrics_not_scrubbed", M_NO_METRICS_SCRUB, &sim_cfg_spr,
	  { 1, 4, true }, "perf_metrics[0]", "perf_metrics[0]" },
	{ "autostore_not_written_back", M_NO_WRITEBACK, &sim_cfg_skl4,
	  { 4, 3, false }, "did not reach the VMCS", "global_ctrl" },
	{ "refresh_after_failed_entry", M_REFRESH_ON_FAILED, &sim_cfg_skl8,
	  { 5, 3, false }, "failed VM-entry", "REQ-ROUNDTRIP" },
	{ "amd_enable_before_selectors", M_AMD_CTL_BEFORE_SEL, &sim_cfg_amd,
	  { 4, 0, false }, "PerfCntrGlobalCtl written in the middle", NULL },
	{ "amd_selectors_not_guestonly", M_AMD_NO_GUESTONLY, &sim_cfg_amd,
	  { 6, 0, false }, "not GuestOnly", "" },
	{ "amd_put_disables_late", M_AMD_PUT_CTL_LATE, &sim_cfg_amd,
	  { 6, 0, false }, "first operation", NULL },
	{ "rdpmc_passed_with_fewer_counters", M_PASS_RDPMC, &sim_cfg_skl8,
	  { 3, 3, false }, "REQ-OWN", "" },
};

static struct world w;

/* Run the mutant; "" matches any failure, NULL expects success. */
static void run_case(unsigned k, bool trace, const char *expect)
{
	bool ok;
	u64 seed;

	for (seed = 0; seed < 4; seed++) {
		world_init(&w, cases[k].cfg, &cases[k].gs,
			   sim_mix(tf.seed ^ k ^ seed << 8), sim_mix(seed));
		w.core = &mut_core;
		w.check_trace = trace;
		w.failed = false;
		world_set_intercepts(&w);
		ok = world_run(&w, 3000);
		world_free(&w);
		if (!ok)
			break;
	}
	if (!expect) {
		EXPECT(ok, "%s failed: %s", trace ? "" : "(semantic)", w.err);
		return;
	}
	if (ok) {
		if (trace || cases[k].expect_semantic)
			tf_fail(__FILE__, __LINE__, "mutant %s not caught%s",
				cases[k].name, trace ? "" : " semantically");
		return;
	}
	EXPECT(strstr(w.err, expect), "mutant %s caught for another reason "
	       "(expected \"%s\"): %s", cases[k].name, expect, w.err);
	if (tf.verbose)
		printf("     %s%s: %s\n", cases[k].name,
		       trace ? "" : " (semantic)", w.err);
}

void run_selftests(void)
{
	char name[96];
	unsigned k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		snprintf(name, sizeof(name), "selftest/%s", cases[k].name);
		tf_begin(name);
		mut = cases[k].m;
		run_case(k, true, cases[k].expect);
		if (cases[k].expect_semantic || cases[k].m == M_NONE)
			run_case(k, false, cases[k].expect_semantic);
		tf_end();
	}
	mut = M_NONE;
}
