// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target. The input is structured (issue 25), not a PRNG seed;
 * every byte is optional (missing ones read as 0):
 *
 *   0      configuration (skl4, skl8, icx, spr, amd)
 *   1, 2   guest GP and fixed counters (fixed counter 3 comes with
 *          PERF_METRICS; other shapes are bad input, t_badinput.c)
 *   3, 4   GP and fixed counter widths, 32 + b % 17
 *   5      switches, 1 + b % 64
 *   6      failed VM-entries: one in b % 9 (0: none)
 *   7      guest operations per residency, 1 + b % 32
 *   8      n = b % 17, then n values of 8 bytes: a pool both the host's
 *          and the guest's value generators draw from (collisions)
 *   then   8 bytes of host seed, 8 bytes of seed for the second guest
 *   rest   the first guest's choices, byte by byte: operation, index,
 *          values (harness/gen.c), the PRNG once they run out.
 *
 * Run A's guest follows the input, run B's its seed; the host behaves the
 * same in both, so their host observations must be equal
 * (non-interference). Both runs check every property of the switch
 * tests. A violation prints the reason and aborts: libFuzzer reports it,
 * saves the input and exits non-zero.
 *
 * MPMU_FUZZ_PLANT=<name> plants a bug of harness/plant.c in every run it
 * applies to: the check that `make fuzz` fails on a violation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "world.h"

static const char *plant;

struct in {
	const u8 *p;
	size_t n;
};

static u64 take(struct in *in, unsigned bytes)
{
	u64 v = 0;

	while (bytes--) {
		v <<= 8;
		if (in->n) {
			v |= *in->p++;
			in->n--;
		}
	}
	return v;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	plant = getenv("MPMU_FUZZ_PLANT");
	if (plant && !*plant)
		plant = NULL;
	if (plant)
		fprintf(stderr, "fuzz: planted bug %s\n", plant);
	return 0;
}

static void violated(const struct world *w)
{
	fprintf(stderr, "property violated: %s\n", w->err);
	abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct world a, b;
	static struct sim_config cfg;
	static u64 pool[16];
	struct in in = { data, size };
	struct gshape gs;
	u64 hs, g2, n, k;
	u32 fail_rate, max_ops, npool;

	cfg = *sim_configs[take(&in, 1) % sim_nr_configs];
	gs.nr_gp = (u32)(take(&in, 1) % (cfg.nr_gp + 1));
	gs.nr_fixed = (u32)(take(&in, 1) % (cfg.nr_fixed + 1));
	gs.metrics = gs.nr_fixed > 3;
	cfg.gp_width = 32 + (u32)(take(&in, 1) % 17);
	k = take(&in, 1);
	if (cfg.nr_fixed)
		cfg.fixed_width = 32 + (u32)(k % 17);
	n = 1 + take(&in, 1) % 64;
	fail_rate = (u32)(take(&in, 1) % 9);
	max_ops = 1 + (u32)(take(&in, 1) % 32);
	npool = (u32)(take(&in, 1) % 17);
	for (k = 0; k < npool; k++)
		pool[k] = take(&in, 8);
	hs = take(&in, 8);
	g2 = take(&in, 8);

	world_init(&a, &cfg, &gs, hs, 0);
	world_init(&b, &cfg, &gs, hs, g2 ^ 1);
	a.gsrc.script = in.p;
	a.gsrc.len = in.n;
	a.pool = b.pool = npool ? pool : NULL;
	a.npool = b.npool = npool;
	a.max_ops = b.max_ops = max_ops;
	a.entry_fail_rate = b.entry_fail_rate = fail_rate;
	if (plant) {
		world_plant(&a, plant);
		world_plant(&b, plant);
	}
	if (!world_run(&a, n))
		violated(&a);
	if (!world_run(&b, n))
		violated(&b);
	for (k = 0; k < a.obs_len; k++)
		if (k >= b.obs_len || a.obs[k] != b.obs[k]) {
			fprintf(stderr, "property violated: non-interference "
				"at switch %llu (%s): the host saw different "
				"values with another guest\n",
				(unsigned long long)k, cfg.name);
			abort();
		}
	world_free(&a);
	world_free(&b);
	return 0;
}
