/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Value generators that aim at collisions and boundaries (issue 25): the
 * bugs a write-elision or a mask slip hides behind need equal low 32-bit
 * halves, counters at 2^width - 1, status words with every defined bit,
 * selectors that differ only in EN or in a reserved bit. Random values
 * almost never produce them.
 *
 * Every choice goes through a source: a PRNG, or the fuzzer's input
 * (script bytes first, the PRNG once they run out), plus an optional pool
 * of values the input names, which host and guest draw from alike.
 */
#ifndef GEN_H
#define GEN_H

#include <stddef.h>
#include "sim.h"

struct gsrc {
	u64 *rng;		/* PRNG state (splitmix64 via sim_mix) */
	const u8 *script;	/* fuzzer input, consumed first */
	size_t len;
	const u64 *pool;	/* values named by the input; NULL: none */
	u32 npool;
};

/* A choice below n (0 if n is 0); a full 64-bit value. */
u64 gsrc_below(struct gsrc *s, u64 n);
u64 gsrc_u64(struct gsrc *s);

/*
 * A counter value for a counter of this width: 0, 1, 2^width - 1 and just
 * below, the sign bit of the legacy 32-bit write, 2^32 and multiples
 * (low half 0), a low half from a small shared list with random high bits
 * (so that two independent values often share their low half), pool
 * values, random values; now and then a value above the width (reserved).
 */
u64 gen_counter(struct gsrc *s, u32 width);

/* A status word over the defined bits: none, one, all, or a subset. */
u64 gen_status(struct gsrc *s, u64 defined);

/*
 * A selector: one of the events both host and guest use, USR|OS|EN as
 * host perf programs it, or the same with EN clear, or with one bit of
 * `rsvd` (reserved for the writer) set, or INT, or random bits.
 */
u64 gen_selector(struct gsrc *s, u64 rsvd);

/* A PERF_METRICS value: 0 (often), all ones, a pool value or random. */
u64 gen_metrics(struct gsrc *s);

/* The event codes of gen_selector (host perf uses the first five). */
extern const u16 gen_events[8];

#endif /* GEN_H */
