// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test cases of the core (src/) on the fake backend (mpmu_fake.c): what
 * reaches the register file, in which order, and what ends up in the
 * context.  Run by mpmu_kvm_test.c in the QEMU boot.
 */
#include <linux/string.h>

#include "mpmu.h"
#include "mpmu_hw.h"
#include "mpmu_hw_ops.h"
#include "mpmu_vmx.h"
#include "mpmu_fake.h"
#include "mpmu_cases.h"

#define NR_GP		4
#define NR_FIXED	3
#define HOST_GP		8
#define HOST_FIXED	4
#define CTR_RSVD	(~0ull << 48)

void mpmu_t_check(struct mpmu_t *t, bool ok, const char *expr, int line)
{
	if (ok)
		return;
	t->failures++;
	t->fail(t, expr, line);
}

static void guest_ctx(struct mpmu_ctx *ctx)
{
	u32 i;

	memset(ctx, 0, sizeof(*ctx));
	ctx->vendor = MPMU_VENDOR_INTEL;
	ctx->nr_gp = NR_GP;
	ctx->nr_fixed = NR_FIXED;
	ctx->host_nr_gp = HOST_GP;
	ctx->host_nr_fixed = HOST_FIXED;
	for (i = 0; i < NR_GP; i++) {
		ctx->gp_counter[i] = 0x1000ull * (i + 1);
		ctx->gp_eventsel[i] = MPMU_EVTSEL_EN | (0xc0 + i);
		ctx->gp_eventsel_hw[i] = ctx->gp_eventsel[i];
	}
	for (i = 0; i < NR_FIXED; i++)
		ctx->fixed_counter[i] = 0x2000ull * (i + 1);
	ctx->fixed_ctr_ctrl = 0x333;
	ctx->fixed_ctr_ctrl_hw = 0x333;
	ctx->global_ctrl = 0x70000000full;
	ctx->global_status = 0x3;
	ctx->counter_rsvd = CTR_RSVD;
	ctx->fixed_counter_rsvd = CTR_RSVD;
	ctx->host_counter_rsvd = CTR_RSVD;
	ctx->host_fixed_counter_rsvd = CTR_RSVD;
	ctx->eventsel_rsvd = 0xffffffff00200000ull;
	ctx->eventsel2_rsvd = ctx->eventsel_rsvd;
	ctx->fixed_ctr_ctrl_rsvd = ~0xfffull;
	ctx->global_ctrl_rsvd = ~0x70000000full;
	ctx->global_status_rsvd = ~(0x70000000full | (1ull << 63));
	ctx->host_status_set_rsvd = 1ull << MPMU_STATUS_COND_CHGD_BIT;
}

/* The host was using the PMU: everything non-zero, GLOBAL_CTRL on. */
static void dirty_host(void)
{
	u32 i;

	mpmu_fake_reset(HOST_GP, HOST_FIXED);
	for (i = 0; i < HOST_GP; i++) {
		mpmu_fake.gp_ctr[i] = 0xdead00ull + i;
		mpmu_fake.gp_sel[i] = MPMU_EVTSEL_EN | 0x3c;
	}
	for (i = 0; i < HOST_FIXED; i++)
		mpmu_fake.fx_ctr[i] = 0xbeef00ull + i;
	mpmu_fake.fx_ctrl = 0xbbb;
	mpmu_fake.gctl = 0xff;
	mpmu_fake.gstatus = 0x4;
}

static void expect_clean_run(struct mpmu_t *t)
{
	MT_EXPECT(t, mpmu_fake.bad_msr == 0);
	MT_EXPECT(t, mpmu_fake.order == 0);
	MT_EXPECT(t, mpmu_fake.rsvd == 0);
	MT_EXPECT(t, mpmu_fake.nr_ops <= MPMU_FAKE_LOG);
}

void mpmu_case_hw_ops_decode(struct mpmu_t *t)
{
	static const u32 want[][2] = {
		{ MPMU_TR_WRMSR, 0x4c3 }, { MPMU_TR_WRMSR, 0x187 },
		{ MPMU_TR_WRMSR, 0x30b }, { MPMU_TR_WRMSR, 0x38d },
		{ MPMU_TR_WRMSR, 0x38f }, { MPMU_TR_WRMSR, 0x390 },
		{ MPMU_TR_WRMSR, 0x391 }, { MPMU_TR_RDMSR, 0x38e },
		{ MPMU_TR_RDPMC, 3 }, { MPMU_TR_RDPMC, 0x40000001 },
	};
	u32 i;

	mpmu_fake_reset(HOST_GP, HOST_FIXED);
	mpmu_wr_gp_counter(2, 5);
	mpmu_wr_gp_eventsel(1, 6);
	mpmu_wr_fixed_counter(2, 7);
	mpmu_wr_fixed_ctr_ctrl(8);
	mpmu_wr_global_ctrl(9);
	mpmu_wr_status_reset(1);
	mpmu_wr_status_set(2);
	mpmu_fake.gctl = 0;
	mpmu_fake.fx_ctr[1] = 0x77;
	MT_EXPECT(t, mpmu_rd_global_status() == 2);
	MT_EXPECT(t, mpmu_rdpmc_gp(3) == 0);
	MT_EXPECT(t, mpmu_rdpmc_fixed(1) == 0x77);

	MT_EXPECT(t, mpmu_fake.nr_ops == ARRAY_SIZE(want));
	for (i = 0; i < ARRAY_SIZE(want) && i < mpmu_fake.nr_ops; i++) {
		MT_EXPECT(t, mpmu_fake.log[i].kind == want[i][0]);
		MT_EXPECT(t, mpmu_fake.log[i].reg == want[i][1]);
	}
	MT_EXPECT(t, mpmu_fake.gp_ctr[2] == 5 && mpmu_fake.gp_sel[1] == 6);
	MT_EXPECT(t, mpmu_fake.bad_msr == 0);
}

void mpmu_case_load_exact(struct mpmu_t *t)
{
	struct mpmu_ctx ctx;
	u32 i;

	guest_ctx(&ctx);
	dirty_host();
	MT_EXPECT(t, mpmu_load_guest_context(&ctx) == 0);
	for (i = 0; i < NR_GP; i++) {
		MT_EXPECT(t, mpmu_fake.gp_ctr[i] == ctx.gp_counter[i]);
		MT_EXPECT(t, mpmu_fake.gp_sel[i] == ctx.gp_eventsel_hw[i]);
	}
	for (i = 0; i < NR_FIXED; i++)
		MT_EXPECT(t, mpmu_fake.fx_ctr[i] == ctx.fixed_counter[i]);
	MT_EXPECT(t, mpmu_fake.fx_ctrl == ctx.fixed_ctr_ctrl_hw);
	MT_EXPECT(t, mpmu_fake.gstatus == ctx.global_status);
	/* VM-entry loads the guest GLOBAL_CTRL from the VMCS. */
	MT_EXPECT(t, mpmu_fake.gctl == 0);
	expect_clean_run(t);
}

void mpmu_case_load_global_ctrl_first(struct mpmu_t *t)
{
	struct mpmu_ctx ctx;
	u32 i;

	guest_ctx(&ctx);
	dirty_host();
	MT_EXPECT(t, mpmu_load_guest_context(&ctx) == 0);
	MT_EXPECT(t, mpmu_fake.nr_ops > 0);
	MT_EXPECT(t, mpmu_fake.log[0].kind == MPMU_TR_WRMSR);
	MT_EXPECT(t, mpmu_fake.log[0].reg == MPMU_MSR_IA32_PERF_GLOBAL_CTRL);
	MT_EXPECT(t, mpmu_fake.log[0].val == 0);
	for (i = 1; i < mpmu_fake.nr_ops && i < MPMU_FAKE_LOG; i++)
		MT_EXPECT(t, mpmu_fake.log[i].gctl == 0);
	expect_clean_run(t);
}

void mpmu_case_load_elides_equal_counters(struct mpmu_t *t)
{
	struct mpmu_ctx ctx;
	u32 i;

	guest_ctx(&ctx);
	dirty_host();
	for (i = 0; i < NR_GP; i++)
		mpmu_fake.gp_ctr[i] = ctx.gp_counter[i];
	mpmu_fake.fx_ctr[1] = ctx.fixed_counter[1];
	MT_EXPECT(t, mpmu_load_guest_context(&ctx) == 0);
	for (i = 0; i < NR_GP; i++) {
		MT_EXPECT(t, mpmu_fake_count(MPMU_TR_WRMSR,
					     MPMU_MSR_IA32_A_PMC0 + i) == 0);
		MT_EXPECT(t, mpmu_fake_count(MPMU_TR_WRMSR,
					     MPMU_MSR_IA32_PERFEVTSEL0 + i) == 1);
	}
	MT_EXPECT(t, mpmu_fake_count(MPMU_TR_WRMSR,
				     MPMU_MSR_IA32_FIXED_CTR0 + 1) == 0);
	MT_EXPECT(t, mpmu_fake_count(MPMU_TR_WRMSR,
				     MPMU_MSR_IA32_FIXED_CTR0 + 0) == 1);
	expect_clean_run(t);
}

void mpmu_case_load_status_toggle(struct mpmu_t *t)
{
	struct mpmu_ctx ctx;
	u32 i;

	guest_ctx(&ctx);
	dirty_host();
	mpmu_fake.gstatus = 0x6;
	ctx.global_status = 0x3 | (1ull << 63);
	ctx.global_status_rsvd = 0;
	MT_EXPECT(t, mpmu_load_guest_context(&ctx) == 0);
	MT_EXPECT(t, mpmu_fake.gstatus == 0x3);
	for (i = 0; i < mpmu_fake.nr_ops && i < MPMU_FAKE_LOG; i++) {
		if (mpmu_fake.log[i].kind != MPMU_TR_WRMSR)
			continue;
		if (mpmu_fake.log[i].reg == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET)
			MT_EXPECT(t, mpmu_fake.log[i].val == 0x4);
		if (mpmu_fake.log[i].reg == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET)
			MT_EXPECT(t, mpmu_fake.log[i].val == 0x1);
	}
	expect_clean_run(t);

	/* Status already right: neither RESET nor SET is written. */
	guest_ctx(&ctx);
	dirty_host();
	mpmu_fake.gstatus = ctx.global_status;
	MT_EXPECT(t, mpmu_load_guest_context(&ctx) == 0);
	MT_EXPECT(t, mpmu_fake_count(MPMU_TR_WRMSR,
				     MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET) == 0);
	MT_EXPECT(t, mpmu_fake_count(MPMU_TR_WRMSR,
				     MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET) == 0);
}

void mpmu_case_load_rejects_bad_ctx(struct mpmu_t *t)
{
	struct mpmu_ctx ctx;

	guest_ctx(&ctx);
	ctx.nr_gp = HOST_GP + 1;
	dirty_host();
	MT_EXPECT(t, mpmu_load_guest_context(&ctx) == -MPMU_EINVAL);
	MT_EXPECT(t, mpmu_fake.nr_ops == 0);

	guest_ctx(&ctx);
	ctx.host_nr_gp = MPMU_MAX_GP + 1;
	ctx.nr_gp = MPMU_MAX_GP + 1;
	dirty_host();
	MT_EXPECT(t, mpmu_load_guest_context(&ctx) == -MPMU_EINVAL);
	MT_EXPECT(t, mpmu_fake.nr_ops == 0);

	guest_ctx(&ctx);
	ctx.gp_counter[1] |= 1ull << 50;
	dirty_host();
	MT_EXPECT(t, mpmu_load_guest_context(&ctx) == -MPMU_EINVAL);
	MT_EXPECT(t, mpmu_fake.nr_ops == 0);

	guest_ctx(&ctx);
	ctx.fixed_ctr_ctrl_hw |= 1ull << 20;
	dirty_host();
	MT_EXPECT(t, mpmu_load_guest_context(&ctx) == -MPMU_EINVAL);
	MT_EXPECT(t, mpmu_fake.nr_ops == 0);
	MT_EXPECT(t, mpmu_fake.gctl == 0xff);
}

/* After VM-exit: host GLOBAL_CTRL (0) loaded, guest values in hardware. */
static void guest_ran(const struct mpmu_ctx *ctx)
{
	u32 i;

	dirty_host();
	mpmu_fake.gctl = 0;
	for (i = 0; i < NR_GP; i++) {
		mpmu_fake.gp_ctr[i] = 0x5000ull + i;
		mpmu_fake.gp_sel[i] = ctx->gp_eventsel_hw[i];
	}
	for (i = 0; i < NR_FIXED; i++)
		mpmu_fake.fx_ctr[i] = 0x6000ull + i;
	mpmu_fake.fx_ctrl = ctx->fixed_ctr_ctrl_hw;
	mpmu_fake.gstatus = 0x5;
}

void mpmu_case_put_saves_and_scrubs(struct mpmu_t *t)
{
	struct mpmu_ctx ctx;
	u32 i;

	guest_ctx(&ctx);
	guest_ran(&ctx);
	MT_EXPECT(t, mpmu_put_guest_context(&ctx) == 0);
	for (i = 0; i < NR_GP; i++) {
		MT_EXPECT(t, ctx.gp_counter[i] == 0x5000ull + i);
		MT_EXPECT(t, mpmu_fake.gp_ctr[i] == 0);
		MT_EXPECT(t, mpmu_fake.gp_sel[i] == 0);
	}
	for (i = 0; i < NR_FIXED; i++) {
		MT_EXPECT(t, ctx.fixed_counter[i] == 0x6000ull + i);
		MT_EXPECT(t, mpmu_fake.fx_ctr[i] == 0);
	}
	MT_EXPECT(t, ctx.global_status == 0x5);
	MT_EXPECT(t, mpmu_fake.gstatus == 0);
	MT_EXPECT(t, mpmu_fake.fx_ctrl == 0);
	MT_EXPECT(t, mpmu_fake.gctl == 0);
	expect_clean_run(t);
}

void mpmu_case_put_skips_clean_registers(struct mpmu_t *t)
{
	struct mpmu_ctx ctx;
	u32 i;

	guest_ctx(&ctx);
	for (i = 0; i < NR_GP; i++)
		ctx.gp_eventsel_hw[i] = 0;
	ctx.fixed_ctr_ctrl_hw = 0;
	mpmu_fake_reset(HOST_GP, HOST_FIXED);
	MT_EXPECT(t, mpmu_put_guest_context(&ctx) == 0);
	for (i = 0; i < mpmu_fake.nr_ops && i < MPMU_FAKE_LOG; i++)
		MT_EXPECT(t, mpmu_fake.log[i].kind != MPMU_TR_WRMSR);
	MT_EXPECT(t, ctx.global_status == 0 && ctx.gp_counter[0] == 0);
	expect_clean_run(t);
}

static u32 touches_unowned(void)
{
	u32 i, n = 0;

	for (i = 0; i < mpmu_fake.nr_ops && i < MPMU_FAKE_LOG; i++) {
		u32 r = mpmu_fake.log[i].reg;

		if (mpmu_fake.log[i].kind == MPMU_TR_RDPMC)
			n += (r >= NR_GP && r < MPMU_RDPMC_FIXED) ||
			     r >= MPMU_RDPMC_FIXED + NR_FIXED;
		else if (mpmu_fake.log[i].kind == MPMU_TR_WRMSR)
			n += (r >= MPMU_MSR_IA32_A_PMC0 + NR_GP &&
			      r < MPMU_MSR_IA32_A_PMC0 + MPMU_MAX_GP) ||
			     (r >= MPMU_MSR_IA32_PERFEVTSEL0 + NR_GP &&
			      r < MPMU_MSR_IA32_PERFEVTSEL0 + MPMU_MAX_GP) ||
			     (r >= MPMU_MSR_IA32_FIXED_CTR0 + NR_FIXED &&
			      r < MPMU_MSR_IA32_FIXED_CTR0 + MPMU_MAX_FIXED);
	}
	return n;
}

void mpmu_case_unowned_counters_untouched(struct mpmu_t *t)
{
	struct mpmu_ctx ctx;

	guest_ctx(&ctx);
	dirty_host();
	MT_EXPECT(t, mpmu_load_guest_context(&ctx) == 0);
	MT_EXPECT(t, touches_unowned() == 0);
	MT_EXPECT(t, mpmu_fake.gp_ctr[5] == 0xdead05);
	MT_EXPECT(t, mpmu_fake.gp_sel[5] == (MPMU_EVTSEL_EN | 0x3c));
	MT_EXPECT(t, mpmu_fake.fx_ctr[3] == 0xbeef03);

	guest_ran(&ctx);
	MT_EXPECT(t, mpmu_put_guest_context(&ctx) == 0);
	MT_EXPECT(t, touches_unowned() == 0);
	MT_EXPECT(t, mpmu_fake.gp_ctr[NR_GP] == 0xdead00ull + NR_GP);
	MT_EXPECT(t, mpmu_fake.fx_ctr[NR_FIXED] == 0xbeef00ull + NR_FIXED);
}

void mpmu_case_roundtrip(struct mpmu_t *t)
{
	struct mpmu_ctx ctx;
	u32 i;

	guest_ctx(&ctx);
	dirty_host();
	MT_EXPECT(t, mpmu_load_guest_context(&ctx) == 0);
	/* The guest runs: GLOBAL_CTRL on, counters move, a PMI is pending. */
	mpmu_fake.gctl = ctx.global_ctrl;
	for (i = 0; i < NR_GP; i++)
		mpmu_fake.gp_ctr[i] += 100 + i;
	mpmu_fake.fx_ctr[0] += 7;
	mpmu_fake.gstatus |= 0x8;
	mpmu_fake.gctl = 0;	/* VM-exit loads the host value */
	MT_EXPECT(t, mpmu_put_guest_context(&ctx) == 0);
	for (i = 0; i < NR_GP; i++)
		MT_EXPECT(t, ctx.gp_counter[i] == 0x1000ull * (i + 1) + 100 + i);
	MT_EXPECT(t, ctx.fixed_counter[0] == 0x2000ull + 7);
	MT_EXPECT(t, ctx.global_status == 0xb);
	expect_clean_run(t);

	/* The host uses the PMU, then the guest comes back. */
	dirty_host();
	MT_EXPECT(t, mpmu_load_guest_context(&ctx) == 0);
	for (i = 0; i < NR_GP; i++)
		MT_EXPECT(t, mpmu_fake.gp_ctr[i] == ctx.gp_counter[i]);
	MT_EXPECT(t, mpmu_fake.fx_ctr[0] == ctx.fixed_counter[0]);
	MT_EXPECT(t, mpmu_fake.gstatus == 0xb);
	expect_clean_run(t);
}

/* Sapphire Rapids and later: VM-exit saved GLOBAL_CTRL in the VMCS. */
void mpmu_case_vmx_refresh_save_ctrl(struct mpmu_t *t)
{
	struct mpmu_vmx_cfg cfg = { .use_autostore = 0 };
	struct mpmu_ctx ctx;

	guest_ctx(&ctx);
	mpmu_fake_reset(HOST_GP, HOST_FIXED);
	mpmu_fake.vmcs_guest_gctl = 0x700000003ull;
	mpmu_vmx_refresh_global_ctrl(&ctx, &cfg, 0, 0xdead);
	MT_EXPECT(t, ctx.global_ctrl == 0x700000003ull);
	MT_EXPECT(t, mpmu_fake_count(MPMU_TR_VMREAD,
				     MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL) == 1);
	MT_EXPECT(t, mpmu_fake_count(MPMU_TR_VMWRITE,
				     MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL) == 0);
	MT_EXPECT(t, mpmu_fake.bad_msr == 0);
}

/* Skylake/Icelake: the MSR-store slot, written back to the VMCS field. */
void mpmu_case_vmx_refresh_autostore(struct mpmu_t *t)
{
	struct mpmu_vmx_cfg cfg = { .use_autostore = 1 };
	struct mpmu_ctx ctx;

	guest_ctx(&ctx);
	mpmu_fake_reset(HOST_GP, HOST_FIXED);
	mpmu_fake.vmcs_guest_gctl = 0xdead;
	/* The caller (vmx.c) passes what the slot holds. */
	mpmu_vmx_refresh_global_ctrl(&ctx, &cfg, 0, 0x100000005ull);
	MT_EXPECT(t, ctx.global_ctrl == 0x100000005ull);
	MT_EXPECT(t, mpmu_fake.vmcs_guest_gctl == 0x100000005ull);
	MT_EXPECT(t, mpmu_fake.bad_msr == 0);
}

/* A failed VM-entry ran no guest code: nothing is read or written. */
void mpmu_case_vmx_refresh_failed_entry(struct mpmu_t *t)
{
	struct mpmu_vmx_cfg cfg = { .use_autostore = 1 };
	struct mpmu_ctx ctx;

	guest_ctx(&ctx);
	mpmu_fake_reset(HOST_GP, HOST_FIXED);
	mpmu_vmx_refresh_global_ctrl(&ctx, &cfg, 1, 0x1);
	MT_EXPECT(t, ctx.global_ctrl == 0x70000000full);
	MT_EXPECT(t, mpmu_fake.nr_ops == 0);
}
