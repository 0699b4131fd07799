// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite "mpmu": the core (src/) on the fake backend, one KUnit case
 * per entry of mpmu_cases.def.
 */
#include <kunit/test.h>

#include "mpmu_cases.h"

static void mpmu_kunit_fail(struct mpmu_t *t, const char *expr, int line)
{
	struct kunit *test = t->priv;

	KUNIT_FAIL(test, "mpmu_cases.c:%d: expected %s", line, expr);
}

static void mpmu_kunit_run(struct kunit *test, void (*fn)(struct mpmu_t *))
{
	struct mpmu_t t = { .priv = test, .fail = mpmu_kunit_fail };

	fn(&t);
}

#define MPMU_CASE(name)							\
static void mpmu_kunit_##name(struct kunit *test)			\
{									\
	mpmu_kunit_run(test, mpmu_case_##name);				\
}

#include "mpmu_cases.def"
#undef MPMU_CASE

static struct kunit_case mpmu_kunit_cases[] = {
#define MPMU_CASE(name) KUNIT_CASE(mpmu_kunit_##name),
#include "mpmu_cases.def"
#undef MPMU_CASE
	{}
};

static struct kunit_suite mpmu_kunit_suite = {
	.name = "mpmu",
	.test_cases = mpmu_kunit_cases,
};

kunit_test_suite(mpmu_kunit_suite);

MODULE_DESCRIPTION("KUnit tests of the mediated PMU switch core");
MODULE_LICENSE("GPL");
