// SPDX-License-Identifier: GPL-2.0-only
/*
 * Smoke-test module for the QEMU boot: runs the core (src/) on the fake
 * backend in kernel context at init and prints "N passed, N failed".
 * It never touches the real PMU, so it loads on any x86-64 CPU.
 */
#include <linux/module.h>
#include <linux/printk.h>

#include "mpmu_cases.h"

struct mpmu_selftest_case {
	const char *name;
	void (*fn)(struct mpmu_t *t);
};

static const struct mpmu_selftest_case mpmu_selftest_cases[] = {
#define MPMU_CASE(name) { #name, mpmu_case_##name },
#include "mpmu_cases.def"
#undef MPMU_CASE
};

static const char *mpmu_selftest_current;

static void mpmu_selftest_fail(struct mpmu_t *t, const char *expr, int line)
{
	pr_err("mpmu_selftest: %s: mpmu_cases.c:%d: expected %s\n",
	       mpmu_selftest_current, line, expr);
}

static int __init mpmu_selftest_init(void)
{
	unsigned int i, passed = 0, failed = 0;

	for (i = 0; i < ARRAY_SIZE(mpmu_selftest_cases); i++) {
		struct mpmu_t t = { .fail = mpmu_selftest_fail };

		mpmu_selftest_current = mpmu_selftest_cases[i].name;
		mpmu_selftest_cases[i].fn(&t);
		if (t.failures)
			failed++;
		else
			passed++;
		pr_info("mpmu_selftest: %s %s\n", t.failures ? "FAIL" : "ok",
			mpmu_selftest_cases[i].name);
	}
	pr_warn("mpmu_selftest: %u passed, %u failed\n", passed, failed);
	return 0;
}

static void __exit mpmu_selftest_exit(void)
{
}

module_init(mpmu_selftest_init);
module_exit(mpmu_selftest_exit);
MODULE_DESCRIPTION("Mediated PMU switch core on a fake PMU: smoke test");
MODULE_LICENSE("GPL");
