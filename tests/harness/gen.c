// SPDX-License-Identifier: GPL-2.0-only
/* Value generators aiming at collisions and boundaries (see gen.h). */
#include "gen.h"

const u16 gen_events[8] = { 0x00c0, 0x003c, 0x013c, 0x412e, 0x00c4,
			    0x01a4, 0x0000, 0x00c5 };

/* Low halves that independent draws share (legacy-write boundaries). */
static const u32 low_halves[] = { 0, 1, 0x7fffffffu, 0x80000000u,
				  0xffffffffu, 0x12345678u };

static u64 lowb(u32 n)
{
	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

u64 gsrc_below(struct gsrc *s, u64 n)
{
	u64 v = 0;
	unsigned k;

	if (!n)
		return 0;
	if (!s->len) {
		*s->rng = sim_mix(*s->rng);
		return *s->rng % n;
	}
	/* One script byte per choice below 256, eight otherwise. */
	for (k = 0; k < (n <= 256 ? 1u : 8u) && s->len; k++) {
		v = v << 8 | *s->script++;
		s->len--;
	}
	return v % n;
}

u64 gsrc_u64(struct gsrc *s)
{
	u64 v = 0;
	unsigned k;

	if (s->len < 8) {
		*s->rng = sim_mix(*s->rng);
		return *s->rng;
	}
	for (k = 0; k < 8; k++)
		v = v << 8 | s->script[k];
	s->script += 8;
	s->len -= 8;
	return v;
}

static u64 pool_or_random(struct gsrc *s)
{
	if (s->npool && gsrc_below(s, 2))
		return s->pool[gsrc_below(s, s->npool)];
	return gsrc_u64(s);
}

u64 gen_counter(struct gsrc *s, u32 width)
{
	u64 m = lowb(width);
	u64 lo = low_halves[gsrc_below(s, sizeof(low_halves) /
					  sizeof(low_halves[0]))];

	switch (gsrc_below(s, 12)) {
	case 0:
		return 0;
	case 1:
		return m;				/* 2^width - 1 */
	case 2:
		return m - gsrc_below(s, 5000);	/* near overflow */
	case 3:
		return (1ull << 31) | (gsrc_below(s, 2) ? 0 : 1);
	case 4:					/* low half 0 */
		return ((gsrc_below(s, m >> 32) + 1) << 32) & m;
	case 5:					/* a shared low half */
	case 6:
		return (gsrc_u64(s) & m & ~0xffffffffull) | lo;
	case 7:
		return pool_or_random(s) & m;
	case 8:
		return gsrc_u64(s);			/* maybe reserved */
	case 9:
		return gsrc_below(s, 1000);
	default:
		return gsrc_u64(s) & m;
	}
}

u64 gen_status(struct gsrc *s, u64 defined)
{
	u64 v;

	switch (gsrc_below(s, 8)) {
	case 0:
		return 0;
	case 1:
	case 2:
		return defined;				/* every bit */
	case 3:
		v = gsrc_below(s, 64);
		return defined & (1ull << v);
	case 4:
		return pool_or_random(s) & defined;
	default:
		return gsrc_u64(s) & defined;
	}
}

u64 gen_selector(struct gsrc *s, u64 rsvd)
{
	u64 sel = gen_events[gsrc_below(s, 8)] | 3ull << 16 | MPMU_EVTSEL_EN;
	u64 k;

	switch (gsrc_below(s, 10)) {
	case 0:				/* as host perf programs it */
	case 1:
		return sel;
	case 2:
	case 3:
		return sel & ~MPMU_EVTSEL_EN;	/* differs only in EN */
	case 4:				/* differs in a reserved bit */
		if (!rsvd)
			return sel;
		do {
			k = gsrc_below(s, 64);
		} while (!((rsvd >> k) & 1));
		return sel | 1ull << k;
	case 5:
		return (sel & ~(3ull << 16)) | gsrc_below(s, 4) << 16 |
		       1ull << 20;		/* INT, USR/OS varied */
	case 6:
		return (gsrc_u64(s) & 0xffff) | gsrc_below(s, 4) << 16 |
		       (gsrc_below(s, 4) ? MPMU_EVTSEL_EN : 0);
	case 7:
		return pool_or_random(s);	/* anything */
	default:
		return (sel & ~(3ull << 16)) | gsrc_below(s, 4) << 16;
	}
}

u64 gen_metrics(struct gsrc *s)
{
	switch (gsrc_below(s, 6)) {
	case 0:
	case 1:
		return 0;
	case 2:
		return ~0ull;
	default:
		return pool_or_random(s);
	}
}
