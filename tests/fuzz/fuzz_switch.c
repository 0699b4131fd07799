// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the input chooses the configuration, the guest PMU
 * shape, the host and guest seeds, the knobs and the number of switches;
 * two runs that differ only in the guest seed execute load/put on the
 * simulator with every property of the switch tests checked, and their
 * host observations must be equal. Any violation aborts with the reason.
 *
 * Every configuration of the switch tests: Skylake-like (VMX auto-store
 * path), Icelake-like (auto-store with PERF_METRICS), Sapphire-Rapids-like
 * (save control, PERF_METRICS), AMD PerfMonV2; every guest shape KVM can
 * build (fixed counter 3 exactly with PERF_METRICS). The input also sets
 * the rate of failed VM-entries and the guest's work per residency.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "world.h"


static u64 take(const u8 **p, size_t *n, unsigned bytes)
{
	u64 v = 0;

	while (bytes-- && *n) {
		v = v << 8 | **p;
		(*p)++;
		(*n)--;
	}
	return v;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct world a, b;
	const struct sim_config *cfg;
	struct gshape gs;
	u64 hs, g1, g2, n, k;
	u32 fail_rate;

	if (size < 4)
		return 0;
	cfg = sim_configs[take(&data, &size, 1) % sim_nr_configs];
	gs.nr_gp = (u32)(take(&data, &size, 1) % (cfg->nr_gp + 1));
	gs.nr_fixed = (u32)(take(&data, &size, 1) % (cfg->nr_fixed + 1));
	/* Fixed counter 3 comes with PERF_METRICS (bad input otherwise). */
	gs.metrics = gs.nr_fixed > 3;
	n = 1 + take(&data, &size, 1) % 64;
	fail_rate = (u32)(take(&data, &size, 1) % 9);	/* 0 = none */
	hs = take(&data, &size, 8);
	g1 = take(&data, &size, 8);
	g2 = take(&data, &size, 8) ^ 1;
	world_init(&a, cfg, &gs, hs, g1);
	world_init(&b, cfg, &gs, hs, g2);
	a.max_ops = b.max_ops = 1 + (u32)(take(&data, &size, 1) % 32);
	a.entry_fail_rate = b.entry_fail_rate = fail_rate;
	if (!world_run(&a, n)) {
		fprintf(stderr, "property violated: %s\n", a.err);
		abort();
	}
	if (!world_run(&b, n)) {
		fprintf(stderr, "property violated: %s\n", b.err);
		abort();
	}
	for (k = 0; k < a.obs_len; k++)
		if (k >= b.obs_len || a.obs[k] != b.obs[k]) {
			fprintf(stderr, "non-interference violated at switch "
				"%llu (%s)\n", (unsigned long long)k,
				cfg->name);
			abort();
		}
	world_free(&a);
	world_free(&b);
	return 0;
}
