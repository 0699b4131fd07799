/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test cases of the core on the fake backend, run by the in-kernel test
 * module (mpmu_kvm_test.c) in the QEMU boot.
 */
#ifndef MPMU_CASES_H
#define MPMU_CASES_H

#include <linux/types.h>

struct mpmu_t {
	void *priv;
	void (*fail)(struct mpmu_t *t, const char *expr, int line);
	unsigned int failures;
};

void mpmu_t_check(struct mpmu_t *t, bool ok, const char *expr, int line);

#define MT_EXPECT(t, cond) mpmu_t_check(t, !!(cond), #cond, __LINE__)

/* One per entry of mpmu_cases.def. */
void mpmu_case_hw_ops_decode(struct mpmu_t *t);
void mpmu_case_load_exact(struct mpmu_t *t);
void mpmu_case_load_global_ctrl_first(struct mpmu_t *t);
void mpmu_case_load_elides_equal_counters(struct mpmu_t *t);
void mpmu_case_load_status_toggle(struct mpmu_t *t);
void mpmu_case_load_rejects_bad_ctx(struct mpmu_t *t);
void mpmu_case_put_saves_and_scrubs(struct mpmu_t *t);
void mpmu_case_put_skips_clean_registers(struct mpmu_t *t);
void mpmu_case_unowned_counters_untouched(struct mpmu_t *t);
void mpmu_case_roundtrip(struct mpmu_t *t);
void mpmu_case_vmx_refresh_save_ctrl(struct mpmu_t *t);
void mpmu_case_vmx_refresh_autostore(struct mpmu_t *t);
void mpmu_case_vmx_refresh_failed_entry(struct mpmu_t *t);

#endif /* MPMU_CASES_H */
