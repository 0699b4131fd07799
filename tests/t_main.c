// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test runner: unit tests, bad input, randomized switches with the issue 6
 * properties, contract cross-check. Ends with "N passed, N failed".
 *
 * usage: mpmu_tests [--seed N] [--switches N] [--xc-ops N] [--only CFG]
 *                   [--results FILE] [--xc-json FILE] [--suite S,S] [-v]
 * Suites: unit, badinput, switch, selftest, xcheck (default: all).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tf.h"

struct tf tf = { .switches = 100000, .xc_ops = 1000000 };

static char cur_msg[1024];

void tf_begin(const char *name)
{
	tf.cur = name;
	tf.cur_failed = false;
	cur_msg[0] = 0;
}

void tf_end(void)
{
	if (tf.cur_failed) {
		tf.failed++;
		printf("FAIL %s: %s\n", tf.cur, cur_msg);
		return;
	}
	tf.passed++;
	if (tf.verbose)
		printf("ok   %s\n", tf.cur);
}

void tf_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!tf.cur_failed) {
		n = snprintf(cur_msg, sizeof(cur_msg), "(%s:%d) ", file, line);
		va_start(ap, fmt);
		vsnprintf(cur_msg + n, sizeof(cur_msg) - n, fmt, ap);
		va_end(ap);
	}
	tf.cur_failed = true;
}

/* Is name in the comma-separated list of suites (or is it "all")? */
static bool want(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	if (!strcmp(list, "all"))
		return true;
	for (p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ',') && (!p[n] || p[n] == ','))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	const char *results = NULL, *xjson = NULL, *only = NULL;
	const char *suite = "all";
	const char *env = getenv("SEED");
	time_t t0 = time(NULL);
	int i;
	FILE *f;

	tf.seed = env && *env ? strtoull(env, NULL, 0) : (u64)time(NULL);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			tf.seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--switches") && i + 1 < argc)
			tf.switches = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--xc-ops") && i + 1 < argc)
			tf.xc_ops = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else if (!strcmp(argv[i], "--results") && i + 1 < argc)
			results = argv[++i];
		else if (!strcmp(argv[i], "--xc-json") && i + 1 < argc)
			xjson = argv[++i];
		else if (!strcmp(argv[i], "--suite") && i + 1 < argc)
			suite = argv[++i];
		else if (!strcmp(argv[i], "-v"))
			tf.verbose = true;
		else {
			fprintf(stderr, "unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	printf("SEED=%llu (reproduce: make -C tests run SEED=%llu)\n",
	       (unsigned long long)tf.seed, (unsigned long long)tf.seed);
	if (want(suite, "unit"))
		run_unit_tests();
	if (want(suite, "badinput"))
		run_badinput_tests();
	if (want(suite, "switch"))
		run_switch_tests(only);
	if (want(suite, "selftest"))
		run_selftests();
	if (want(suite, "xcheck"))
		run_xcheck_tests(only, xjson);
	printf("runtime %lds\n", (long)(time(NULL) - t0));
	printf("%u passed, %u failed\n", tf.passed, tf.failed);
	if (results) {
		f = fopen(results, "w");
		if (f) {
			fprintf(f, "%u passed, %u failed\n", tf.passed,
				tf.failed);
			fclose(f);
		}
	}
	return tf.failed ? 1 : 0;
}
