/* SPDX-License-Identifier: GPL-2.0-only */
/* Minimal test framework: named tests, value assertions, a tally. */
#ifndef TF_H
#define TF_H

#include <stdio.h>
#include "world.h"

struct tf {
	unsigned passed, failed;
	bool cur_failed;
	const char *cur;
	u64 seed;
	u64 switches;		/* per configuration */
	u64 xc_ops;		/* per configuration */
	bool verbose;
};
extern struct tf tf;

void tf_begin(const char *name);
void tf_end(void);
void tf_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define EXPECT(cond, ...) do { if (!(cond)) { \
	tf_fail(__FILE__, __LINE__, __VA_ARGS__); } } while (0)
#define EXPECT_EQ(a, b) do { u64 a_ = (u64)(a), b_ = (u64)(b); \
	if (a_ != b_) tf_fail(__FILE__, __LINE__, "%s = 0x%llx, expected " \
	"%s = 0x%llx", #a, (unsigned long long)a_, #b, \
	(unsigned long long)b_); } while (0)

void run_unit_tests(void);
void run_badinput_tests(void);
void run_switch_tests(const char *only);
void run_xcheck_tests(const char *only, const char *json);
void run_selftests(void);

#endif /* TF_H */
