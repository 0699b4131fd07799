// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-kernel tests of the core and of KVM's mapping (mpmu_kvm.c), built in
 * arch/x86/kvm of the patched tree and loaded in the QEMU boot.  Both run
 * on the fake register file (mpmu_fake.c), never on the real PMU, so the
 * module loads on any x86-64 CPU.  Prints "N passed, N failed".
 *
 * The mapping is this very file's: mpmu_kvm.c is included, so its static
 * host model can be set to fabricated hosts.
 */
#include <linux/kvm_host.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>

/* kvm.ko exports the mapping's symbols; this module's copy must not. */
#undef EXPORT_SYMBOL_FOR_KVM_INTERNAL
#define EXPORT_SYMBOL_FOR_KVM_INTERNAL(symbol)
#include "../mpmu_kvm.c"

#include "mpmu_fake.h"
#include "mpmu_cases.h"

#define T_NR_GP		4
#define T_NR_FIXED	3
#define T_WIDTH		40

/* Sapphire Rapids-like: PMU v5, 8 GP and 4 fixed counters, PERF_METRICS. */
#define SPR_0A_EAX	(5u | 8u << 8 | 48u << 16 | 8u << 24)
#define SPR_0A_EDX	(4u | 48u << 5)
/* 48-bit GP (EAX[23:16]) and fixed (EDX[12:5]) counters. */
#define W_GP		(48u << 16)
#define W_FX		(48u << 5)
#define PERF_CAPS_METRICS	BIT_ULL(PERF_CAP_METRICS_IDX)

static void mpmu_kvm_case_host_intel(struct mpmu_t *t)
{
	struct kvm_mpmu_host h;

	MT_EXPECT(t, !kvm_mpmu_host_intel(&h, SPR_0A_EAX, 0, SPR_0A_EDX,
					  PERF_CAPS_METRICS));
	MT_EXPECT(t, h.vendor == MPMU_VENDOR_INTEL);
	MT_EXPECT(t, h.nr_gp == 8 && h.nr_fixed == 4);
	MT_EXPECT(t, h.gp_counter_mask == GENMASK_ULL(47, 0));
	MT_EXPECT(t, h.fixed_counter_mask == GENMASK_ULL(47, 0));
	MT_EXPECT(t, h.flags == MPMU_CTX_HOST_PERF_METRICS);
	MT_EXPECT(t, h.status_set_rsvd == ~(0xf000000ffull | BIT_ULL(48)));

	/* Skylake-like: v4, 4 GP, 3 fixed, no PERF_METRICS. */
	MT_EXPECT(t, !kvm_mpmu_host_intel(&h, 4u | 4u << 8 | W_GP, 0,
					  3u | W_FX, 0));
	MT_EXPECT(t, h.nr_gp == 4 && h.nr_fixed == 3 && !h.flags);
	MT_EXPECT(t, h.status_set_rsvd == ~0x70000000full);

	/* v3 has no GLOBAL_STATUS_SET: nothing may be written there. */
	MT_EXPECT(t, !kvm_mpmu_host_intel(&h, 3u | 4u << 8 | W_GP, 0,
					  3u | W_FX, 0));
	MT_EXPECT(t, h.status_set_rsvd == ~0ull);
	MT_EXPECT(t, kvm_mpmu_status_settable(3, 8, 4, true) == 0);
	MT_EXPECT(t, kvm_mpmu_status_settable(5, 8, 4, false) ==
		     0xf000000ffull);

	/* v5: ECX adds fixed counter 3 to the three EDX counts. */
	MT_EXPECT(t, !kvm_mpmu_host_intel(&h, 5u | 8u << 8 | W_GP, BIT(3),
					  3u | W_FX, 0));
	MT_EXPECT(t, h.nr_fixed == 4);
	/* ...but a v4 ECX means nothing. */
	MT_EXPECT(t, !kvm_mpmu_host_intel(&h, 4u | 8u << 8 | W_GP, BIT(3),
					  3u | W_FX, 0));
	MT_EXPECT(t, h.nr_fixed == 3);

	/* Counters narrower than 32 bits: not a real PMU. */
	MT_EXPECT(t, kvm_mpmu_host_intel(&h, 4u | 4u << 8 | 16u << 16, 0,
					 3u | W_FX, 0) == -EOPNOTSUPP);
	MT_EXPECT(t, kvm_mpmu_host_intel(&h, 4u | 4u << 8 | W_GP, 0, 3u, 0) ==
		     -EOPNOTSUPP);

	/* More counters than the core models: no mediated PMU. */
	MT_EXPECT(t, kvm_mpmu_host_intel(&h, 5u | 10u << 8 | W_GP, 0,
					 3u | W_FX, 0) ==
		     -EOPNOTSUPP);
	MT_EXPECT(t, kvm_mpmu_host_intel(&h, 5u | 8u << 8 | W_GP, 0x70,
					 3u | W_FX, 0) ==
		     -EOPNOTSUPP);
}

static void mpmu_kvm_case_host_amd(struct mpmu_t *t)
{
	struct kvm_mpmu_host h;

	MT_EXPECT(t, !kvm_mpmu_host_amd(&h, 6));
	MT_EXPECT(t, h.vendor == MPMU_VENDOR_AMD);
	MT_EXPECT(t, h.nr_gp == 6 && h.nr_fixed == 0 && !h.flags);
	MT_EXPECT(t, h.status_set_rsvd == ~0x3full);
	/* EBX[9:4] (LBR stack size) is not a counter count. */
	MT_EXPECT(t, !kvm_mpmu_host_amd(&h, 16u << 4 | 6u));
	MT_EXPECT(t, h.nr_gp == 6);
	MT_EXPECT(t, kvm_mpmu_host_amd(&h, 0) == -EOPNOTSUPP);
	MT_EXPECT(t, kvm_mpmu_host_amd(&h, 8) == -EOPNOTSUPP);
}

/* A guest PMU as KVM keeps it: 4 GP and 3 fixed 40-bit counters. */
/* IN_TX_CHECKPOINTED: the guest's on counter 2 only, and only with TSX. */
static void mpmu_kvm_case_sel2_rsvd(struct mpmu_t *t)
{
	struct kvm_pmu *pmu = kzalloc(sizeof(*pmu), GFP_KERNEL);
	const u64 rsvd = 0xfffffffc00280000ull;	/* IN_TX and IN_TXCP too */

	MT_EXPECT(t, pmu);
	if (!pmu)
		return;
	pmu->reserved_bits = rsvd;
	pmu->raw_event_mask = X86_RAW_EVENT_MASK;
	MT_EXPECT(t, kvm_mpmu_sel2_rsvd(pmu) == rsvd);
	pmu->reserved_bits = rsvd & ~HSW_IN_TX;	/* guest CPUID has TSX */
	pmu->raw_event_mask |= HSW_IN_TX | HSW_IN_TX_CHECKPOINTED;
	MT_EXPECT(t, kvm_mpmu_sel2_rsvd(pmu) ==
		     (rsvd & ~(HSW_IN_TX | HSW_IN_TX_CHECKPOINTED)));
	kfree(pmu);
}

static void fill_pmu(struct kvm_pmu *pmu, bool amd)
{
	u64 width = BIT_ULL(T_WIDTH) - 1;
	u32 i;

	pmu->version = 2;
	pmu->nr_arch_gp_counters = T_NR_GP;
	pmu->nr_arch_fixed_counters = amd ? 0 : T_NR_FIXED;
	pmu->counter_bitmask[KVM_PMC_GP] = width;
	pmu->counter_bitmask[KVM_PMC_FIXED] = amd ? 0 : width;
	for (i = 0; i < T_NR_GP; i++) {
		pmu->gp_counters[i].vcpu = pmu_to_vcpu(pmu);
		pmu->gp_counters[i].type = KVM_PMC_GP;
		pmu->gp_counters[i].idx = i;
		pmu->gp_counters[i].counter = 0x1000ull * (i + 1);
		pmu->gp_counters[i].eventsel = ARCH_PERFMON_EVENTSEL_ENABLE |
					       (0xc0 + i);
		pmu->gp_counters[i].eventsel_hw = pmu->gp_counters[i].eventsel;
		if (amd)
			pmu->gp_counters[i].eventsel_hw |=
				AMD64_EVENTSEL_GUESTONLY;
	}
	/* Ran past the guest's width: bit 40 is the host's, not the guest's. */
	pmu->gp_counters[1].counter = BIT_ULL(T_WIDTH) | 0x55;
	/* A 32-bit write hardware sign-extended to its 48 bits. */
	pmu->gp_counters[2].counter = 0xffff80000000ull;
	for (i = 0; !amd && i < T_NR_FIXED; i++) {
		pmu->fixed_counters[i].vcpu = pmu_to_vcpu(pmu);
		pmu->fixed_counters[i].type = KVM_PMC_FIXED;
		pmu->fixed_counters[i].idx = KVM_FIXED_PMC_BASE_IDX + i;
		pmu->fixed_counters[i].counter = 0x2000ull * (i + 1);
	}
	pmu->fixed_ctr_ctrl = amd ? 0 : 0x333;
	pmu->fixed_ctr_ctrl_hw = pmu->fixed_ctr_ctrl;
	pmu->fixed_ctr_ctrl_rsvd = amd ? ~0ull : ~0xfffull;
	pmu->global_ctrl = amd ? 0xf : 0x70000000full;
	pmu->global_ctrl_rsvd = ~pmu->global_ctrl;
	pmu->global_status = amd ? 0x5 : 0x100000003ull;
	pmu->global_status_rsvd = ~pmu->global_ctrl;
	pmu->reserved_bits = amd ? 0xfffffcf000280000ull : 0xffffffff00280000ull;
}

/* The host had the PMU busy: every counter and selector non-zero. */
static void busy_host(bool amd)
{
	u32 i;

	if (amd)
		mpmu_fake_reset_amd(6);
	else
		mpmu_fake_reset(8, 4);
	for (i = 0; i < mpmu_fake.nr_gp; i++) {
		mpmu_fake.gp_ctr[i] = 0xdead00ull + i;
		mpmu_fake.gp_sel[i] = 0x3c;	/* scheduled out: EN clear */
	}
	for (i = 0; i < mpmu_fake.nr_fixed; i++)
		mpmu_fake.fx_ctr[i] = 0xbeef00ull + i;
	mpmu_fake.gstatus = 0x8;
}

static void expect_rules_kept(struct mpmu_t *t)
{
	MT_EXPECT(t, mpmu_fake.bad_msr == 0);
	MT_EXPECT(t, mpmu_fake.order == 0);
	MT_EXPECT(t, mpmu_fake.rsvd == 0);
	MT_EXPECT(t, mpmu_fake.host_count == 0);
}

/*
 * A second load and put with no PMU exit in between (the guest ran with
 * its PMU passed through): load starts from the context put left, though
 * struct kvm_pmu still holds the values of the first load, and put saves
 * into the context again.  Nothing is copied either way.
 */
static void roundtrip_in_place(struct mpmu_t *t, struct kvm_vcpu *vcpu,
			       bool amd)
{
	struct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
	unsigned long flags;

	local_irq_save(flags);
	kvm_mpmu_load(vcpu);
	expect_rules_kept(t);
	MT_EXPECT(t, mpmu_fake.gp_ctr[0] == 0x1000ull + 100);
	MT_EXPECT(t, mpmu_fake.gp_ctr[3] == 0x4000ull + 400);
	MT_EXPECT(t, mpmu_fake.gstatus == (amd ? 0xdull : 0x10000000bull));
	MT_EXPECT(t, mpmu_fake.gctl == (amd ? 0x3 : 0));
	mpmu_fake.gp_ctr[0] += 5;
	if (amd)
		mpmu_fake.gctl = 0x3;
	kvm_mpmu_put(vcpu);
	local_irq_restore(flags);
	expect_rules_kept(t);
	MT_EXPECT(t, pmu->mpmu->pmu_stale && !pmu->mpmu->ctx_stale);
	MT_EXPECT(t, pmu->gp_counters[0].counter == 0x1000ull);
	MT_EXPECT(t, pmu->mpmu->ctx.gp_counter[0] == 0x1000ull + 105);
	/* The first pair's checks below expect the first put's values. */
	pmu->mpmu->ctx.gp_counter[0] -= 5;
}

/*
 * KVM's PMU code writes (as kvm_pmu_set_msr() does for a guest counter
 * write that exited): after kvm_mpmu_sync(vcpu, true) the next load
 * refills the context from struct kvm_pmu and loads the new value.
 */
static void roundtrip_after_write(struct mpmu_t *t, struct kvm_vcpu *vcpu)
{
	struct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
	unsigned long flags;

	kvm_mpmu_sync(vcpu, true);
	MT_EXPECT(t, pmu->mpmu->ctx_stale);
	pmu->gp_counters[0].counter = 0x42;
	local_irq_save(flags);
	kvm_mpmu_load(vcpu);
	MT_EXPECT(t, !pmu->mpmu->ctx_stale);
	MT_EXPECT(t, mpmu_fake.gp_ctr[0] == 0x42);
	mpmu_fake.gp_ctr[0] = 0x43;
	kvm_mpmu_put(vcpu);
	local_irq_restore(flags);
	expect_rules_kept(t);
	kvm_mpmu_sync(vcpu, false);
	MT_EXPECT(t, pmu->gp_counters[0].counter == 0x43);
}

/*
 * An exit that counts an emulated instruction (kvm_pmu_incr_counter()):
 * the count, and the overflow it causes, reach the context without a
 * refill, and the next load loads them.
 */
static void roundtrip_after_count(struct mpmu_t *t, struct kvm_vcpu *vcpu)
{
	struct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
	struct kvm_pmc *pmc = &pmu->gp_counters[1];
	unsigned long flags;

	/* A pair first: put leaves struct kvm_pmu behind the context. */
	local_irq_save(flags);
	kvm_mpmu_load(vcpu);
	kvm_mpmu_put(vcpu);
	local_irq_restore(flags);
	MT_EXPECT(t, pmu->mpmu->pmu_stale);
	/* As kvm_pmu_incr_counter() does, with its hooks. */
	kvm_mpmu_sync(vcpu, false);
	pmc->counter = pmu->counter_bitmask[KVM_PMC_GP];
	kvm_mpmu_counted(pmc);
	kvm_mpmu_sync(vcpu, false);
	pmc->counter = (pmc->counter + 1) & pmc_bitmask(pmc);
	if (!pmc->counter)
		pmu->global_status |= BIT_ULL(pmc->idx);
	kvm_mpmu_counted(pmc);
	MT_EXPECT(t, !pmu->mpmu->ctx_stale && !pmu->mpmu->pmu_stale);
	local_irq_save(flags);
	kvm_mpmu_load(vcpu);
	MT_EXPECT(t, !pmu->mpmu->ctx_stale);
	MT_EXPECT(t, mpmu_fake.gp_ctr[1] == 0);
	MT_EXPECT(t, mpmu_fake.gstatus & BIT_ULL(1));
	kvm_mpmu_put(vcpu);
	local_irq_restore(flags);
	expect_rules_kept(t);
	kvm_mpmu_sync(vcpu, false);
	MT_EXPECT(t, pmu->global_status & BIT_ULL(1));
}

static void mapping_roundtrip(struct mpmu_t *t, bool amd)
{
	struct kvm_vcpu *vcpu = kzalloc(sizeof(*vcpu), GFP_KERNEL);
	u64 width = BIT_ULL(T_WIDTH) - 1;
	unsigned long flags;
	struct kvm_pmu *pmu;
	u32 i;

	MT_EXPECT(t, vcpu);
	if (!vcpu)
		return;
	pmu = vcpu_to_pmu(vcpu);
	fill_pmu(pmu, amd);
	if (amd)
		MT_EXPECT(t, !kvm_mpmu_host_amd(&kvm_mpmu_host, 6));
	else
		MT_EXPECT(t, !kvm_mpmu_host_intel(&kvm_mpmu_host, SPR_0A_EAX,
						  0, SPR_0A_EDX,
						  PERF_CAPS_METRICS));
	busy_host(amd);
	MT_EXPECT(t, !kvm_mpmu_vcpu_init(pmu, true));
	if (!pmu->mpmu)
		goto out;

	/* As KVM runs them: IRQs off from load to put, on one CPU. */
	local_irq_save(flags);
	kvm_mpmu_load(vcpu);
	/* The first load fills the vCPU's context; the refresh writes it. */
	MT_EXPECT(t, !pmu->mpmu->ctx_stale);
	MT_EXPECT(t, kvm_mpmu_ctx_of(vcpu) == &pmu->mpmu->ctx);
	expect_rules_kept(t);
	/*
	 * Load restores counters as KVM holds them, bits above the guest's
	 * width included (REQ-CLOSURE: never refused for them).
	 */
	for (i = 0; i < T_NR_GP; i++) {
		MT_EXPECT(t, mpmu_fake.gp_ctr[i] ==
			     pmu->gp_counters[i].counter);
		MT_EXPECT(t, mpmu_fake.gp_sel[i] ==
			     pmu->gp_counters[i].eventsel_hw);
	}
	MT_EXPECT(t, mpmu_fake.gp_ctr[1] == (BIT_ULL(T_WIDTH) | 0x55));
	MT_EXPECT(t, mpmu_fake.gp_ctr[2] == 0xffff80000000ull);
	for (i = T_NR_GP; i < mpmu_fake.nr_gp; i++)
		MT_EXPECT(t, mpmu_fake.gp_ctr[i] == 0xdead00ull + i);
	for (i = 0; i < pmu->nr_arch_fixed_counters; i++)
		MT_EXPECT(t, mpmu_fake.fx_ctr[i] ==
			     pmu->fixed_counters[i].counter);
	MT_EXPECT(t, mpmu_fake.fx_ctrl == pmu->fixed_ctr_ctrl_hw);
	MT_EXPECT(t, mpmu_fake.gstatus == pmu->global_status);
	/* Intel: VM-entry loads GLOBAL_CTRL; AMD: load enables it last. */
	MT_EXPECT(t, mpmu_fake.gctl == (amd ? pmu->global_ctrl : 0));

	/* The guest runs: its counters move, one overflows. */
	for (i = 0; i < T_NR_GP; i++)
		mpmu_fake.gp_ctr[i] += 100 * (i + 1);
	mpmu_fake.gstatus |= BIT_ULL(3);
	if (amd)
		mpmu_fake.gctl = 0x3;	/* the guest wrote its GlobalCtl */
	else
		mpmu_fake.gctl = 0;	/* VM-exit loaded the host's 0 */

	kvm_mpmu_put(vcpu);
	local_irq_restore(flags);
	expect_rules_kept(t);
	/* Put saved into the context only: struct kvm_pmu is behind. */
	MT_EXPECT(t, pmu->mpmu->pmu_stale);
	MT_EXPECT(t, pmu->gp_counters[0].counter == 0x1000ull);
	roundtrip_in_place(t, vcpu, amd);
	/* KVM's PMU code reads: it gets what put saved, ctx stays valid. */
	kvm_mpmu_sync(vcpu, false);
	MT_EXPECT(t, !pmu->mpmu->pmu_stale && !pmu->mpmu->ctx_stale);
	MT_EXPECT(t, pmu->gp_counters[0].counter == 0x1000ull + 100);
	MT_EXPECT(t, pmu->gp_counters[1].counter ==
		     (BIT_ULL(T_WIDTH) | (0x55 + 200)));
	/* What the guest reads: modulo its width (pmc_read_counter()). */
	MT_EXPECT(t, (pmu->gp_counters[1].counter & width) == 0x55 + 200);
	MT_EXPECT(t, (pmu->gp_counters[2].counter & width) ==
		     0xff80000000ull + 300);
	MT_EXPECT(t, pmu->global_status == (amd ? 0xdull : 0x10000000bull));
	/* AMD: put saved the guest's GlobalCtl; Intel: VM-exit did. */
	MT_EXPECT(t, pmu->global_ctrl == (amd ? 0x3 : 0x70000000full));
	for (i = 0; i < T_NR_GP; i++)
		MT_EXPECT(t, !mpmu_fake.gp_ctr[i] && !mpmu_fake.gp_sel[i]);
	for (i = T_NR_GP; i < mpmu_fake.nr_gp; i++)
		MT_EXPECT(t, mpmu_fake.gp_ctr[i] == 0xdead00ull + i);
	for (i = 0; i < pmu->nr_arch_fixed_counters; i++)
		MT_EXPECT(t, !mpmu_fake.fx_ctr[i]);
	MT_EXPECT(t, !mpmu_fake.fx_ctrl && !mpmu_fake.gstatus &&
		  !mpmu_fake.gctl);
	roundtrip_after_write(t, vcpu);
	roundtrip_after_count(t, vcpu);
	kvm_mpmu_vcpu_free(pmu);
out:
	kfree(vcpu);
}

static void mpmu_kvm_case_intel_roundtrip(struct mpmu_t *t)
{
	mapping_roundtrip(t, false);
}

static void mpmu_kvm_case_amd_roundtrip(struct mpmu_t *t)
{
	mapping_roundtrip(t, true);
}

/*
 * A context that contradicts the host model (a KVM bug: more guest
 * counters than the host has): load refuses it before any write, the
 * caller zeroes GLOBAL_CTRL and scrubs with a put, which refuses too; no
 * rule is broken either way, and KVM's copy of the guest PMU is kept.
 */
static void mpmu_kvm_case_refused_context(struct mpmu_t *t)
{
	struct kvm_vcpu *vcpu = kzalloc(sizeof(*vcpu), GFP_KERNEL);
	unsigned long flags;

	MT_EXPECT(t, vcpu);
	if (!vcpu)
		return;
	fill_pmu(vcpu_to_pmu(vcpu), false);
	MT_EXPECT(t, !kvm_mpmu_host_intel(&kvm_mpmu_host,
					  4u | 2u << 8 | W_GP, 0, 3u | W_FX, 0));
	busy_host(false);
	MT_EXPECT(t, !kvm_mpmu_vcpu_init(vcpu_to_pmu(vcpu), true));
	if (!vcpu_to_pmu(vcpu)->mpmu)
		goto out;
	mpmu_fake.gctl = 0x3;
	local_irq_save(flags);
	kvm_mpmu_load(vcpu);
	MT_EXPECT(t, mpmu_fake.nr_ops == 1);
	MT_EXPECT(t, mpmu_fake.gctl == 0);
	MT_EXPECT(t, mpmu_fake.gp_ctr[0] == 0xdead00ull);
	kvm_mpmu_put(vcpu);
	local_irq_restore(flags);
	MT_EXPECT(t, mpmu_fake.gp_ctr[0] == 0xdead00ull);
	kvm_mpmu_sync(vcpu, false);
	MT_EXPECT(t, vcpu_to_pmu(vcpu)->gp_counters[0].counter == 0x1000ull);
	/* The next load refills the context: the scrub overwrote it. */
	MT_EXPECT(t, vcpu_to_pmu(vcpu)->mpmu->ctx_stale);
	kvm_mpmu_vcpu_free(vcpu_to_pmu(vcpu));
out:
	kfree(vcpu);
}

/*
 * A selector KVM should have refused (a KVM bug: reserved bit 21 in
 * eventsel_hw): load refuses, the caller scrubs what the guest owns, and
 * put scrubs again without saving over KVM's copy.
 */
static void mpmu_kvm_case_refused_values(struct mpmu_t *t)
{
	struct kvm_vcpu *vcpu = kzalloc(sizeof(*vcpu), GFP_KERNEL);
	struct kvm_pmu *pmu;
	unsigned long flags;
	u32 i;

	MT_EXPECT(t, vcpu);
	if (!vcpu)
		return;
	pmu = vcpu_to_pmu(vcpu);
	fill_pmu(pmu, false);
	pmu->gp_counters[3].eventsel_hw |= BIT_ULL(21);
	MT_EXPECT(t, !kvm_mpmu_host_intel(&kvm_mpmu_host, SPR_0A_EAX, 0,
					  SPR_0A_EDX, PERF_CAPS_METRICS));
	busy_host(false);
	MT_EXPECT(t, !kvm_mpmu_vcpu_init(pmu, true));
	if (!pmu->mpmu)
		goto out;
	local_irq_save(flags);
	kvm_mpmu_load(vcpu);
	expect_rules_kept(t);
	for (i = 0; i < T_NR_GP; i++)
		MT_EXPECT(t, !mpmu_fake.gp_ctr[i] && !mpmu_fake.gp_sel[i]);
	MT_EXPECT(t, mpmu_fake.gp_ctr[T_NR_GP] == 0xdead00ull + T_NR_GP);
	mpmu_fake.gp_ctr[0] = 0x777;	/* the guest wrote a counter */
	kvm_mpmu_put(vcpu);
	local_irq_restore(flags);
	expect_rules_kept(t);
	MT_EXPECT(t, !mpmu_fake.gp_ctr[0]);
	kvm_mpmu_sync(vcpu, false);
	MT_EXPECT(t, pmu->gp_counters[0].counter == 0x1000ull);
	MT_EXPECT(t, pmu->gp_counters[3].counter == 0x4000ull);
	kvm_mpmu_vcpu_free(pmu);
out:
	kfree(vcpu);
}

struct mpmu_kvm_test_case {
	const char *name;
	void (*fn)(struct mpmu_t *t);
};

static const struct mpmu_kvm_test_case mpmu_kvm_test_cases[] = {
#define MPMU_CASE(name) { "core/" #name, mpmu_case_##name },
#include "mpmu_cases.def"
#undef MPMU_CASE
	{ "kvm/host_intel", mpmu_kvm_case_host_intel },
	{ "kvm/host_amd", mpmu_kvm_case_host_amd },
	{ "kvm/sel2_rsvd", mpmu_kvm_case_sel2_rsvd },
	{ "kvm/intel_roundtrip", mpmu_kvm_case_intel_roundtrip },
	{ "kvm/amd_roundtrip", mpmu_kvm_case_amd_roundtrip },
	{ "kvm/refused_context", mpmu_kvm_case_refused_context },
	{ "kvm/refused_values", mpmu_kvm_case_refused_values },
};

static const char *mpmu_kvm_test_current;

static void mpmu_kvm_test_fail(struct mpmu_t *t, const char *expr, int line)
{
	pr_err("mpmu_kvm_test: %s: line %d: expected %s\n",
	       mpmu_kvm_test_current, line, expr);
}

static int __init mpmu_kvm_test_init(void)
{
	unsigned int i, passed = 0, failed = 0;

	for (i = 0; i < ARRAY_SIZE(mpmu_kvm_test_cases); i++) {
		struct mpmu_t t = { .fail = mpmu_kvm_test_fail };

		mpmu_kvm_test_current = mpmu_kvm_test_cases[i].name;
		mpmu_kvm_test_cases[i].fn(&t);
		if (t.failures)
			failed++;
		else
			passed++;
		pr_info("mpmu_kvm_test: %s %s\n", t.failures ? "FAIL" : "ok",
			mpmu_kvm_test_cases[i].name);
	}
	pr_warn("mpmu_kvm_test: %u passed, %u failed\n", passed, failed);
	return 0;
}

static void __exit mpmu_kvm_test_exit(void)
{
}

module_init(mpmu_kvm_test_init);
module_exit(mpmu_kvm_test_exit);
MODULE_DESCRIPTION("Verified mediated PMU core and KVM mapping on a fake PMU");
MODULE_LICENSE("GPL");
