// SPDX-License-Identifier: GPL-2.0-only
/*
 * Randomized switches: every configuration, every guest shape (0..max GP
 * and fixed counters, with and without PERF_METRICS where the host has
 * it). Each shape runs twice with the same host seed and different guest
 * seeds: both runs check transparency, nothing-lost, taint and order on
 * every switch, and their host observations must be identical
 * (non-interference).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tf.h"

/* The guest's side of a run: its private PMU and what it did. */
static u64 ref_hash(const struct world *w)
{
	u64 h = sim_mix(w->st.guest_ops ^ w->st.guest_reads << 20);
	u32 i;

	for (i = 0; i < MPMU_MAX_GP; i++)
		h = sim_mix(h ^ w->ref.gp_ctr[i].v ^ w->ref_sel[i]);
	for (i = 0; i < MPMU_MAX_FIXED; i++)
		h = sim_mix(h ^ w->ref.fx_ctr[i].v);
	return sim_mix(h ^ w->ref.gctl.v ^ w->ref.status ^ w->ref.metrics.v);
}

static void run_shape(const struct sim_config *cfg, const struct gshape *gs,
		      u64 n, struct world_stats *tot)
{
	static struct world a, b;
	char name[96];
	u64 hs = sim_mix(tf.seed ^ ((u64)gs->nr_gp << 8 | gs->nr_fixed << 4 |
				    gs->metrics) ^ sim_mix((u64)cfg->nr_gp *
							   131 + cfg->nr_fixed +
							   cfg->vendor) ^
			   (u64)cfg->name[0] << 40 ^ (u64)cfg->name[1] << 48);
	u64 k;

	snprintf(name, sizeof(name), "switch/%s/gp%u-fx%u%s-w%u", cfg->name,
		 gs->nr_gp, gs->nr_fixed, gs->metrics ? "-metrics" : "",
		 cfg->gp_width);
	tf_begin(name);
	world_init(&a, cfg, gs, hs, sim_mix(hs + 1));
	world_init(&b, cfg, gs, hs, sim_mix(hs + 2));
	if (!world_run(&a, n))
		tf_fail(__FILE__, __LINE__, "%s", a.err);
	else if (!world_run(&b, n))
		tf_fail(__FILE__, __LINE__, "%s", b.err);
	else {
		for (k = 0; k < a.obs_len && k < b.obs_len; k++)
			if (a.obs[k] != b.obs[k])
				break;
		if (k < a.obs_len || a.obs_len != b.obs_len)
			tf_fail(__FILE__, __LINE__, "non-interference: host "
				"observations differ at switch %llu between "
				"two runs that differ only in the guest",
				(unsigned long long)k);
		/* The runs must really differ on the guest side. */
		EXPECT(ref_hash(&a) != ref_hash(&b) || gs->nr_gp + gs->nr_fixed
		       == 0, "guest activity identical in both runs");
	}
	tot->switches += a.st.switches + b.st.switches;
	tot->entries += a.st.entries + b.st.entries;
	tot->guest_ops += a.st.guest_ops + b.st.guest_ops;
	tot->guest_reads += a.st.guest_reads + b.st.guest_reads;
	tot->guest_faults += a.st.guest_faults + b.st.guest_faults;
	tot->intercepted += a.st.intercepted + b.st.intercepted;
	tot->coincidences += a.st.coincidences + b.st.coincidences;
	tot->guest_overflows += a.ref.nr_overflows + b.ref.nr_overflows;
	tot->host_overflows += a.cpu.nr_overflows + b.cpu.nr_overflows;
	tot->core_ops += a.st.core_ops + b.st.core_ops;
	tot->filter_changes += a.st.filter_changes + b.st.filter_changes;
	tot->failed_entries += a.st.failed_entries + b.st.failed_entries;
	tot->refreshes += a.st.refreshes + b.st.refreshes;
	tot->autostore_refreshes += a.st.autostore_refreshes +
				    b.st.autostore_refreshes;
	tot->own_checks += a.st.own_checks + b.st.own_checks;
	world_free(&a);
	world_free(&b);
	tf_end();
}

/*
 * The guest shapes KVM can build on this host: 0..max GP counters; on
 * Intel 0..3 fixed counters, and fixed counter 3 exactly when the guest
 * has PERF_METRICS (PERF_CAPABILITIES[15]), which needs the host to have
 * it; on AMD no fixed counters. Other shapes are bad input (t_badinput.c).
 */
static u32 shapes(const struct sim_config *cfg, struct gshape *out)
{
	u32 n = 0, g, f, m;

	for (g = 0; g <= cfg->nr_gp; g++)
		for (f = 0; f <= cfg->nr_fixed; f++)
			for (m = 0; m <= (cfg->has_metrics ? 1u : 0u); m++) {
				if ((f > 3) != (m != 0))
					continue;
				out[n].nr_gp = g;
				out[n].nr_fixed = f;
				out[n].metrics = m;
				n++;
			}
	return n;
}

/*
 * Counter widths (CPUID.0AH EAX[23:16] and EDX[12:5]) from 32 to 48: each
 * shape of a configuration runs with its own pair, so every width occurs
 * in each Intel configuration (20 to 45 shapes), 7 of them on AMD.
 */
static void shape_widths(const struct sim_config *cfg, unsigned ci, u32 k,
			 struct sim_config *out)
{
	*out = *cfg;
	out->gp_width = 32 + (k * 5 + ci * 3) % 17;
	if (cfg->nr_fixed)
		out->fixed_width = 32 + (k * 7 + ci) % 17;
}

void run_switch_tests(const char *only)
{
	static struct gshape gs[(MPMU_MAX_GP + 1) * (MPMU_MAX_FIXED + 1) * 2];
	static struct sim_config wcfg;
	unsigned ci;

	for (ci = 0; ci < sim_nr_configs; ci++) {
		const struct sim_config *cfg = sim_configs[ci];
		struct world_stats tot;
		u32 nshapes, k;
		u64 per;

		if (only && strcmp(only, cfg->name))
			continue;
		memset(&tot, 0, sizeof(tot));
		nshapes = shapes(cfg, gs);
		/* Two runs per shape; at least tf.switches per config. */
		per = (tf.switches + 2 * nshapes - 1) / (2 * nshapes);
		if (per < 200)
			per = 200;
		for (k = 0; k < nshapes; k++) {
			shape_widths(cfg, ci, k, &wcfg);
			run_shape(&wcfg, &gs[k], per, &tot);
		}
		printf("switch/%s: %llu switches (%llu VM-entries, %llu failed "
		       "VM-entries, %llu GLOBAL_CTRL refreshes%s) over %u guest "
		       "shapes, %llu guest ops (%llu reads, %llu checked for "
		       "ownership, %llu #GP, %llu intercepted), %llu guest / "
		       "%llu host overflows, %llu core hw ops, %llu filter "
		       "changes, %llu taint coincidences\n", cfg->name,
		       (unsigned long long)tot.switches,
		       (unsigned long long)tot.entries,
		       (unsigned long long)tot.failed_entries,
		       (unsigned long long)tot.refreshes,
		       cfg->vendor == SIM_VENDOR_AMD ? " via RDMSR" :
		       tot.autostore_refreshes ? " via the MSR-store list" :
		       " via the exit save control", nshapes,
		       (unsigned long long)tot.guest_ops,
		       (unsigned long long)tot.guest_reads,
		       (unsigned long long)tot.own_checks,
		       (unsigned long long)tot.guest_faults,
		       (unsigned long long)tot.intercepted,
		       (unsigned long long)tot.guest_overflows,
		       (unsigned long long)tot.host_overflows,
		       (unsigned long long)tot.core_ops,
		       (unsigned long long)tot.filter_changes,
		       (unsigned long long)tot.coincidences);
	}
}
