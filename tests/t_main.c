// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test runner: unit tests, bad input, randomized switches with the issue 6
 * properties, contract cross-check. Ends with "N passed, N failed".
 *
 * usage: mpmu_tests [--seed N] [--switches N] [--xc-ops N] [--only CFG]
 *                   [--results FILE] [--xc-json FILE] [--suite S] [-v]
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tf.h"

struct tf tf = { .switches = 100000, .xc_ops = 1000000 };

static char cur_msg[1024];
static char skip_msg[256];

void tf_begin(const char *name)
{
	tf.cur = name;
	tf.cur_failed = false;
	tf.cur_skipped = false;
	cur_msg[0] = skip_msg[0] = 0;
}

void tf_end(void)
{
	if (tf.cur_skipped) {
		tf.skipped++;
		printf("SKIP %s: %s\n", tf.cur, skip_msg);
		return;
	}
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

void tf_skip(const char *why)
{
	if (!tf.cur_skipped)
		snprintf(skip_msg, sizeof(skip_msg), "%s", why);
	tf.cur_skipped = true;
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
	if (!strcmp(suite, "all") || !strcmp(suite, "unit"))
		run_unit_tests();
	if (!strcmp(suite, "all") || !strcmp(suite, "badinput"))
		run_badinput_tests();
	if (!strcmp(suite, "all") || !strcmp(suite, "switch"))
		run_switch_tests(only);
	if (!strcmp(suite, "all") || !strcmp(suite, "selftest"))
		run_selftests();
	if (!strcmp(suite, "all") || !strcmp(suite, "xcheck"))
		run_xcheck_tests(only, xjson);
	if (tf.skipped)
		printf("%u skipped\n", tf.skipped);
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
