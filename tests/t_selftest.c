// SPDX-License-Identifier: GPL-2.0-only
/*
 * Harness self-tests: the switch world runs deliberately wrong cores and
 * must fail. A wrong core is the real src/ with a planted bug
 * (harness/plant.c: an operation dropped, deferred, masked or added at
 * the accessor interface), or with one decision of src/ overridden by a
 * wrapper; nothing here copies src/, so nothing can drift from it. Each
 * runs twice: with every check, where the expected message names the
 * violated rule, and with the trace checks off (w->check_trace), where
 * the reference run, taint, value or nothing-lost checks must still catch
 * it unless the rule is one only the trace can see. A plant that never
 * fires fails its case.
 */
#include <string.h>
#include "tf.h"
#include "mpmu_hw.h"

/* Wrappers over src/: one decision made wrongly. */
static void refresh_ignores_failure(struct mpmu_ctx *x,
				    const struct mpmu_vmx_cfg *cfg,
				    u32 failed, u64 stored)
{
	(void)failed;
	mpmu_vmx_refresh_global_ctrl(x, cfg, 0, stored);
}

static void intercepts_pass_rdpmc(const struct mpmu_ctx *x, u32 widths_equal,
				  struct mpmu_intercepts *out)
{
	mpmu_intercept_decisions(x, widths_equal, out);
	out->pass_rdpmc = 1;
}

/* src/ with one entry point replaced (set up by run_selftests). */
static struct world_core refresh_core, rdpmc_core;

static const struct {
	const char *name;
	const char *plant;		/* harness/plant.c, or NULL */
	const struct world_core *core;	/* or a wrapper, or NULL: src/ */
	const struct sim_config *cfg;
	struct gshape gs;
	const char *expect;		/* with the trace checks */
	const char *expect_semantic;	/* without; NULL: order-only rule */
} cases[] = {
	{ "src_passes", NULL, NULL, &sim_cfg_spr, { 3, 4, true },
	  NULL, NULL },
	{ "src_passes_amd", NULL, NULL, &sim_cfg_amd, { 3, 0, false },
	  NULL, NULL },
	{ "metrics_before_fc3", "load-fc3-after-metrics", NULL, &sim_cfg_spr,
	  { 2, 4, true }, "PERF_METRICS written (op", "perf_metrics" },
	{ "fc3_before_metrics_read", "put-fc3-before-metrics-read", NULL,
	  &sim_cfg_icx, { 8, 4, true }, "FIXED_CTR3 written (op",
	  "ctx perf_metrics" },
	{ "metrics_not_scrubbed", "put-metrics-not-scrubbed", NULL,
	  &sim_cfg_spr, { 1, 4, true }, "perf_metrics[0]",
	  "perf_metrics[0]" },
	{ "autostore_not_written_back", "refresh-no-writeback", NULL,
	  &sim_cfg_skl4, { 4, 3, false }, "did not reach the VMCS",
	  "global_ctrl" },
	{ "refresh_after_failed_entry", NULL, &refresh_core, &sim_cfg_skl8,
	  { 5, 3, false }, "failed VM-entry", "REQ-ROUNDTRIP" },
	{ "amd_selectors_after_enable", "amd-selectors-after-enable", NULL,
	  &sim_cfg_amd, { 4, 0, false }, "written in the middle", NULL },
	{ "amd_selectors_not_guestonly", "amd-selectors-not-guestonly", NULL,
	  &sim_cfg_amd, { 6, 0, false }, "not GuestOnly", "" },
	{ "amd_put_disables_late", "amd-put-disables-late", NULL,
	  &sim_cfg_amd, { 6, 0, false }, "first operation", NULL },
	{ "counter_not_scrubbed", "put-counter-scrub-dropped", NULL,
	  &sim_cfg_skl8, { 5, 3, false }, "gp_ctr", "gp_ctr" },
	{ "amd_counter_not_scrubbed", "put-counter-scrub-dropped", NULL,
	  &sim_cfg_amd, { 5, 0, false }, "gp_ctr", "gp_ctr" },
	/* With the trace checks, whichever REQ-FRAME check sees it first:
	 * the per-write one when the host counter was counting. */
	{ "put_zeroes_host_counter", "put-zeroes-host-counter", NULL,
	  &sim_cfg_skl8, { 3, 3, false },
	  "REQ-FRAME: put", "REQ-FRAME: put changed host GP counter 3" },
	{ "amd_put_zeroes_host_counter", "put-zeroes-host-counter", NULL,
	  &sim_cfg_amd, { 2, 0, false },
	  "REQ-FRAME: put", "REQ-FRAME: put changed host GP counter 2" },
	{ "put_rewrites_host_counter", "put-rewrites-host-counter", NULL,
	  &sim_cfg_icx, { 7, 4, true }, "REQ-FRAME: put op", NULL },
	{ "rdpmc_passed_with_fewer_counters", NULL, &rdpmc_core,
	  &sim_cfg_skl8, { 3, 3, false }, "REQ-OWN", "" },
};

static struct world w;

/* Run the case; "" matches any failure, NULL expects success. */
static void run_case(unsigned k, bool trace, const char *expect)
{
	bool ok;
	u64 seed;

	for (seed = 0; seed < 4; seed++) {
		world_init(&w, cases[k].cfg, &cases[k].gs,
			   sim_mix(tf.seed ^ k ^ seed << 8), sim_mix(seed));
		if (cases[k].core)
			w.core = cases[k].core;
		if (cases[k].plant && !world_plant(&w, cases[k].plant)) {
			tf_fail(__FILE__, __LINE__, "plant %s does not apply",
				cases[k].plant);
			return;
		}
		w.check_trace = trace;
		world_set_intercepts(&w);
		ok = world_run(&w, 3000);
		world_free(&w);
		if (!ok)
			break;
	}
	if (cases[k].plant && !w.inj.fired)
		tf_fail(__FILE__, __LINE__, "plant %s never fired",
			cases[k].plant);
	if (!expect) {
		EXPECT(ok, "%s failed: %s", trace ? "" : "(semantic)", w.err);
		return;
	}
	if (ok) {
		if (trace || cases[k].expect_semantic)
			tf_fail(__FILE__, __LINE__, "bug %s not caught%s",
				cases[k].name, trace ? "" : " semantically");
		return;
	}
	EXPECT(strstr(w.err, expect), "bug %s caught for another reason "
	       "(expected \"%s\"): %s", cases[k].name, expect, w.err);
	if (tf.verbose)
		printf("     %s%s: %s\n", cases[k].name,
		       trace ? "" : " (semantic)", w.err);
}

void run_selftests(void)
{
	char name[96];
	unsigned k;

	refresh_core = world_real_core;
	refresh_core.name = "refresh after a failed VM-entry";
	refresh_core.vmx_refresh = refresh_ignores_failure;
	rdpmc_core = world_real_core;
	rdpmc_core.name = "RDPMC always passed through";
	rdpmc_core.intercepts = intercepts_pass_rdpmc;
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		snprintf(name, sizeof(name), "selftest/%s", cases[k].name);
		tf_begin(name);
		run_case(k, true, cases[k].expect);
		if (cases[k].expect_semantic ||
		    (!cases[k].plant && !cases[k].core))
			run_case(k, false, cases[k].expect_semantic);
		tf_end();
	}
}
