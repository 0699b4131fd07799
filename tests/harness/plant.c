// SPDX-License-Identifier: GPL-2.0-only
/*
 * Planted bugs: wrong cores made from the real one by fault injection at
 * the accessor interface (sim.h, struct sim_inject). The harness
 * self-tests (t_selftest.c) check that every check catches its bug; the
 * fuzzer's planted-violation check (MPMU_FUZZ_PLANT) that `make fuzz`
 * fails. Each stands for a catalogue mutant of proofs/mutants/.
 */
#include <string.h>
#include "world.h"

#define ANY	0xffffffffu

static const struct world_plant_def {
	const char *name;
	u32 phase;
	struct sim_inject intel, amd;
	bool touch_host;	/* TOUCH the first counter past the guest's */
} plants[] = {
	/* load-metrics-before-fc3: fixed counter 3 written last. */
	{ "load-fc3-after-metrics", WORLD_INJ_LOAD,
	  .intel = { .kind = SIM_INJ_DEFER, .op = SIM_OP_WRMSR,
		     .lo = MPMU_MSR_IA32_FIXED_CTR0 + 3,
		     .hi = MPMU_MSR_IA32_FIXED_CTR0 + 3 } },
	/* put-fc3-zeroed-before-metrics-read. */
	{ "put-fc3-before-metrics-read", WORLD_INJ_PUT,
	  .intel = { .kind = SIM_INJ_TOUCH, .op = SIM_OP_RDPMC,
		     .lo = MPMU_RDPMC_METRICS, .hi = MPMU_RDPMC_METRICS,
		     .touch = MPMU_MSR_IA32_FIXED_CTR0 + 3,
		     .touch_keep = true } },
	/* put-metrics-not-scrubbed. */
	{ "put-metrics-not-scrubbed", WORLD_INJ_PUT,
	  .intel = { .kind = SIM_INJ_DROP, .op = SIM_OP_WRMSR,
		     .lo = MPMU_MSR_IA32_PERF_METRICS,
		     .hi = MPMU_MSR_IA32_PERF_METRICS, .zero_only = true } },
	/* vmx-autostore-no-writeback. */
	{ "refresh-no-writeback", WORLD_INJ_REFRESH,
	  .intel = { .kind = SIM_INJ_DROP, .op = SIM_OP_VMWRITE,
		     .lo = MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL,
		     .hi = MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL } },
	/* amd-globalctl-before-selectors: selectors after the enable. */
	{ "amd-selectors-after-enable", WORLD_INJ_LOAD,
	  .amd = { .kind = SIM_INJ_DEFER, .op = SIM_OP_WRMSR,
		   .lo = MPMU_MSR_AMD_PERF_CTL0,
		   .hi = MPMU_MSR_AMD_PERF_CTL0 + 2 * (MPMU_AMD_MAX_GP - 1),
		   .step = MPMU_MSR_AMD_STRIDE } },
	/* amd-guestonly-not-forced. */
	{ "amd-selectors-not-guestonly", WORLD_INJ_LOAD,
	  .amd = { .kind = SIM_INJ_MASK, .op = SIM_OP_WRMSR,
		   .lo = MPMU_MSR_AMD_PERF_CTL0,
		   .hi = MPMU_MSR_AMD_PERF_CTL0 + 2 * (MPMU_AMD_MAX_GP - 1),
		   .step = MPMU_MSR_AMD_STRIDE,
		   .mask = MPMU_AMD_EVTSEL_GUESTONLY } },
	/* amd-put-globalctl-cleared-late. */
	{ "amd-put-disables-late", WORLD_INJ_PUT,
	  .amd = { .kind = SIM_INJ_DEFER, .op = SIM_OP_WRMSR,
		   .lo = MPMU_MSR_AMD_GLOBAL_CTL,
		   .hi = MPMU_MSR_AMD_GLOBAL_CTL, .zero_only = true } },
	/* put-counter-zeroing-skipped (both vendors). */
	{ "put-counter-scrub-dropped", WORLD_INJ_PUT,
	  .intel = { .kind = SIM_INJ_DROP, .op = SIM_OP_WRMSR,
		     .lo = MPMU_MSR_IA32_A_PMC0,
		     .hi = MPMU_MSR_IA32_A_PMC0 + MPMU_MAX_GP - 1,
		     .zero_only = true },
	  .amd = { .kind = SIM_INJ_DROP, .op = SIM_OP_WRMSR,
		   .lo = MPMU_MSR_AMD_PERF_CTR0,
		   .hi = MPMU_MSR_AMD_PERF_CTR0 + 2 * (MPMU_AMD_MAX_GP - 1),
		   .step = MPMU_MSR_AMD_STRIDE, .zero_only = true } },
	/* put-zeroes-host-counter, amd-put-zeroes-host-counter. */
	{ "put-zeroes-host-counter", WORLD_INJ_PUT,
	  .intel = { .kind = SIM_INJ_TOUCH, .op = SIM_OP_RDPMC, .lo = 0,
		     .hi = ANY, .once = true },
	  .amd = { .kind = SIM_INJ_TOUCH, .op = SIM_OP_RDPMC, .lo = 0,
		   .hi = ANY, .once = true },
	  .touch_host = true },
	/* The same write with the value already there: only the per-write
	 * REQ-FRAME check can see it. */
	{ "put-rewrites-host-counter", WORLD_INJ_PUT,
	  .intel = { .kind = SIM_INJ_TOUCH, .op = SIM_OP_RDPMC, .lo = 0,
		     .hi = ANY, .once = true, .touch_keep = true },
	  .amd = { .kind = SIM_INJ_TOUCH, .op = SIM_OP_RDPMC, .lo = 0,
		   .hi = ANY, .once = true, .touch_keep = true },
	  .touch_host = true },
};

const char *world_plant_name(unsigned k)
{
	return k < sizeof(plants) / sizeof(plants[0]) ? plants[k].name : NULL;
}

bool world_plant(struct world *w, const char *name)
{
	const struct world_plant_def *p = NULL;
	bool intel = w->cfg->vendor == SIM_VENDOR_INTEL;
	unsigned k;

	for (k = 0; k < sizeof(plants) / sizeof(plants[0]); k++)
		if (!strcmp(plants[k].name, name))
			p = &plants[k];
	if (!p)
		return false;
	w->inj = intel ? p->intel : p->amd;
	if (!w->inj.kind)
		return false;		/* not on this vendor */
	if (p->touch_host) {
		if (w->gs.nr_gp >= w->cfg->nr_gp)
			return false;	/* no counter past the guest's */
		w->inj.touch = intel ? MPMU_MSR_IA32_A_PMC0 + w->gs.nr_gp :
			       MPMU_MSR_AMD_PERF_CTR0 +
			       MPMU_MSR_AMD_STRIDE * w->gs.nr_gp;
	}
	w->inj_phase = p->phase;
	return true;
}
