// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM's side of the verified mediated PMU switch core: the host facts the
 * core assumes (A_host_model), read once, and each mediated vCPU's struct
 * mpmu_ctx, which the core's load (before VM-entry) and put (after
 * VM-exit) work on in place.  The core validates the context before it
 * touches hardware and switches counters, selectors, FIXED_CTR_CTRL,
 * GLOBAL_STATUS and (AMD) PerfCntrGlobalCtl in one proved sequence.
 */
#include <linux/kvm_host.h>
#include <asm/cpuid/api.h>
#include <asm/msr.h>
#include <asm/perf_event.h>

#include "pmu.h"
#include "mpmu.h"
#include "mpmu_kvm.h"

static struct kvm_mpmu_host kvm_mpmu_host __read_mostly;

/* Counters 0 .. n-1 and fixed counters 0 .. m-1 as status bits. */
static u64 kvm_mpmu_counter_bits(u32 nr_gp, u32 nr_fixed)
{
	return (BIT_ULL(nr_gp) - 1) |
	       ((BIT_ULL(nr_fixed) - 1) << INTEL_PMC_IDX_FIXED);
}

/*
 * A counter of @width bits (CPUID.0AH EAX[23:16] GP, EDX[12:5] fixed; AMD
 * core counters are 48 bits, APM Vol. 2 13.2.1); RDPMC returns 0 above it.
 */
static u64 kvm_mpmu_width_mask(u32 width)
{
	return width >= 64 ? ~0ull : BIT_ULL(width) - 1;
}

/*
 * The GLOBAL_STATUS bits the host's GLOBAL_STATUS_SET may be asked to set
 * (SDM Vol. 3B 20.2.4, Vol. 4 MSR 391H): none before PMU v4, which added
 * the MSR; from v4 the overflow bits of the counters the host has, and bit
 * 48 (PERF_METRICS overflow) with PERF_CAPABILITIES[15].  The other bits
 * SET accepts (55, 58-62) are never the guest's, so the core is told they
 * are reserved: it then never writes them.
 */
u64 kvm_mpmu_status_settable(u32 version, u32 nr_gp, u32 nr_fixed,
			     bool perf_metrics)
{
	if (version < 4)
		return 0;
	return kvm_mpmu_counter_bits(nr_gp, nr_fixed) |
	       (perf_metrics ? BIT_ULL(GLOBAL_STATUS_PERF_METRICS_OVF_BIT) : 0);
}

/*
 * Intel: CPUID.0AH counts the GP counters (EAX[15:8]) and the fixed
 * counters 0 .. EDX[4:0]-1; from PMU v5, fixed counter i also exists if
 * ECX[i] is set (SDM Vol. 3B 20.2.5).  The core models counters 0 .. n-1
 * only: a host with a gap, or with more than it models, is refused.
 * PERF_METRICS is PERF_CAPABILITIES[15].
 */
int kvm_mpmu_host_intel(struct kvm_mpmu_host *host, u32 cpuid_0a_eax,
			u32 cpuid_0a_ecx, u32 cpuid_0a_edx, u64 perf_caps)
{
	union cpuid10_eax eax = { .full = cpuid_0a_eax };
	union cpuid10_edx edx = { .full = cpuid_0a_edx };
	u32 nr_fixed = edx.split.num_counters_fixed;
	u32 fixed = nr_fixed < 32 ? BIT(nr_fixed) - 1 : ~0u;

	if (eax.split.version_id >= 5)
		fixed |= cpuid_0a_ecx;
	nr_fixed = fls(fixed);
	if (fixed != (nr_fixed < 32 ? BIT(nr_fixed) - 1 : ~0u) ||
	    eax.split.num_counters > MPMU_MAX_GP || nr_fixed > MPMU_MAX_FIXED)
		return -EOPNOTSUPP;
	/* Counters narrower than a 32-bit write: not a real PMU. */
	if ((eax.split.num_counters && eax.split.bit_width < 32) ||
	    (nr_fixed && edx.split.bit_width_fixed < 32))
		return -EOPNOTSUPP;

	host->vendor = MPMU_VENDOR_INTEL;
	host->nr_gp = eax.split.num_counters;
	host->nr_fixed = nr_fixed;
	host->gp_counter_mask = kvm_mpmu_width_mask(eax.split.bit_width);
	host->fixed_counter_mask =
		nr_fixed ? kvm_mpmu_width_mask(edx.split.bit_width_fixed) : 0;
	host->flags = perf_caps & BIT_ULL(PERF_CAP_METRICS_IDX) ?
		      MPMU_CTX_HOST_PERF_METRICS : 0;
	host->status_set_rsvd =
		~kvm_mpmu_status_settable(eax.split.version_id, host->nr_gp,
					  host->nr_fixed, host->flags);
	return 0;
}

/*
 * AMD PerfMonV2: CPUID 0x80000022 EBX[3:0] counts the core counters (AMD
 * APM Vol. 2 13.2); PerfCntrGlobalStatusSet sets their overflow bits.
 */
int kvm_mpmu_host_amd(struct kvm_mpmu_host *host, u32 cpuid_80000022_ebx)
{
	union cpuid_0x80000022_ebx ebx = { .full = cpuid_80000022_ebx };

	if (!ebx.split.num_core_pmc ||
	    ebx.split.num_core_pmc > MPMU_AMD_MAX_GP)
		return -EOPNOTSUPP;

	host->vendor = MPMU_VENDOR_AMD;
	host->nr_gp = ebx.split.num_core_pmc;
	host->nr_fixed = 0;
	host->gp_counter_mask = kvm_mpmu_width_mask(48);
	host->fixed_counter_mask = 0;
	host->flags = 0;
	host->status_set_rsvd = ~kvm_mpmu_counter_bits(host->nr_gp, 0);
	return 0;
}

/*
 * Called once, from kvm_init_pmu_capability(), with perf's view of the
 * host PMU; -EOPNOTSUPP: no mediated PMU.  On AMD the core's own
 * mpmu_amd_configure() decides first (PerfMonV2: the PMU version perf
 * reads from CPUID), as mpmu_vmx_configure() does for Intel (vmx/).
 */
int kvm_mpmu_host_init(const struct x86_pmu_capability *host_pmu)
{
	u32 eax, ebx, ecx, edx;
	u64 caps = 0;
	int r;

	if (boot_cpu_data.x86_vendor == X86_VENDOR_AMD ||
	    boot_cpu_data.x86_vendor == X86_VENDOR_HYGON) {
		r = mpmu_amd_configure(host_pmu->version);
		if (!r)
			r = kvm_mpmu_host_amd(&kvm_mpmu_host,
					      cpuid_ebx(EXT_PERFMON_DEBUG_FEATURES));
	} else {
		cpuid(0xa, &eax, &ebx, &ecx, &edx);
		if (boot_cpu_has(X86_FEATURE_PDCM))
			rdmsrq(MSR_IA32_PERF_CAPABILITIES, caps);
		r = kvm_mpmu_host_intel(&kvm_mpmu_host, eax, ecx, edx, caps);
	}
	if (r)
		pr_info("mediated PMU: host PMU outside the verified core's model\n");
	return r;
}

/*
 * IN_TX_CHECKPOINTED is the guest's on GP counter 2 only, when its CPUID
 * has TSX (SDM Vol. 3B 20.3.6.5; KVM's intel_pmu_set_msr() and
 * intel_pmu_refresh() agree).
 */
u64 kvm_mpmu_sel2_rsvd(const struct kvm_pmu *pmu)
{
	if (pmu->raw_event_mask & HSW_IN_TX_CHECKPOINTED)
		return pmu->reserved_bits & ~HSW_IN_TX_CHECKPOINTED;
	return pmu->reserved_bits;
}

/*
 * The context of @pmu for the core.  Counter values go as KVM holds them:
 * a counter that ran past the guest's width, or a 32-bit write that
 * hardware sign-extended, has bits above it, within the host's width
 * (what hardware accepts; the core checks that, REQ-CLOSURE).  The guest
 * never sees those bits: KVM's pmc_read_counter() masks them, as the
 * core's mpmu_get_msr() does.  Only the entries below the guest's counts
 * are filled: the core reads no others.
 */
void kvm_mpmu_ctx_from_pmu(const struct kvm_mpmu_host *host,
			   const struct kvm_pmu *pmu, struct mpmu_ctx *ctx)
{
	bool amd = host->vendor == MPMU_VENDOR_AMD;
	u32 i;

	BUILD_BUG_ON(KVM_MAX_NR_GP_COUNTERS > MPMU_MAX_GP);
	BUILD_BUG_ON(KVM_MAX_NR_FIXED_COUNTERS > MPMU_MAX_FIXED);

	ctx->vendor = host->vendor;
	ctx->nr_gp = pmu->nr_arch_gp_counters;
	ctx->nr_fixed = pmu->nr_arch_fixed_counters;
	ctx->host_nr_gp = host->nr_gp;
	ctx->host_nr_fixed = host->nr_fixed;
	ctx->flags = host->flags;
	ctx->host_status_set_rsvd = host->status_set_rsvd;

	for (i = 0; i < pmu->nr_arch_gp_counters && i < MPMU_MAX_GP; i++) {
		ctx->gp_counter[i] = pmu->gp_counters[i].counter;
		ctx->gp_eventsel[i] = pmu->gp_counters[i].eventsel;
		ctx->gp_eventsel_hw[i] = pmu->gp_counters[i].eventsel_hw;
	}
	for (i = 0; i < pmu->nr_arch_fixed_counters && i < MPMU_MAX_FIXED; i++)
		ctx->fixed_counter[i] = pmu->fixed_counters[i].counter;
	ctx->fixed_ctr_ctrl = pmu->fixed_ctr_ctrl;
	ctx->fixed_ctr_ctrl_hw = pmu->fixed_ctr_ctrl_hw;
	ctx->global_ctrl = pmu->global_ctrl;
	ctx->global_status = pmu->global_status;
	ctx->perf_metrics = 0;

	ctx->counter_rsvd = ~pmu->counter_bitmask[KVM_PMC_GP];
	ctx->fixed_counter_rsvd = ~pmu->counter_bitmask[KVM_PMC_FIXED];
	ctx->host_counter_rsvd = ~host->gp_counter_mask;
	ctx->host_fixed_counter_rsvd = ~host->fixed_counter_mask;
	ctx->global_status_rsvd = pmu->global_status_rsvd;
	if (amd) {
		/*
		 * GuestOnly/HostOnly are reserved for the guest, but KVM sets
		 * GuestOnly in eventsel_hw itself.  PerfCntrGlobalCtl: the
		 * guest's counters, also for a PerfMonV1 guest, whose
		 * global_ctrl KVM sets to all of them with global_ctrl_rsvd
		 * left ~0.
		 */
		ctx->eventsel_rsvd = pmu->reserved_bits &
				     ~AMD64_EVENTSEL_HOST_GUEST_MASK;
		ctx->eventsel2_rsvd = ctx->eventsel_rsvd;
		ctx->fixed_ctr_ctrl_rsvd = ~0ull;
		ctx->global_ctrl_rsvd = ~(BIT_ULL(pmu->nr_arch_gp_counters) - 1);
		ctx->global_status_rsvd = ctx->global_ctrl_rsvd;
	} else {
		ctx->eventsel_rsvd = pmu->reserved_bits;
		ctx->eventsel2_rsvd = kvm_mpmu_sel2_rsvd(pmu);
		ctx->fixed_ctr_ctrl_rsvd = pmu->fixed_ctr_ctrl_rsvd;
		ctx->global_ctrl_rsvd = pmu->global_ctrl_rsvd;
	}
}

/*
 * What put saved: the counters, GLOBAL_STATUS and, on AMD, where SVM does
 * not switch it, PerfCntrGlobalCtl.
 */
void kvm_mpmu_save_to_pmu(const struct mpmu_ctx *ctx, struct kvm_pmu *pmu)
{
	u32 i;

	for (i = 0; i < pmu->nr_arch_gp_counters && i < MPMU_MAX_GP; i++)
		pmu->gp_counters[i].counter = ctx->gp_counter[i];
	for (i = 0; i < pmu->nr_arch_fixed_counters && i < MPMU_MAX_FIXED; i++)
		pmu->fixed_counters[i].counter = ctx->fixed_counter[i];
	pmu->global_status = ctx->global_status;
	if (ctx->vendor == MPMU_VENDOR_AMD)
		pmu->global_ctrl = ctx->global_ctrl;
}

/*
 * A mediated vCPU's PMU as the core keeps it, in place from one load to
 * the next.  Put saves the guest's counters and GLOBAL_STATUS (AMD: and
 * PerfCntrGlobalCtl) into ctx only, and the next load starts from ctx
 * again, so a run of entries and exits that KVM's PMU code never looks at
 * (the guest reads and writes its counters, GLOBAL_STATUS and
 * GLOBAL_CTRL directly) copies nothing, as upstream copies nothing.
 * KVM's PMU code calls kvm_mpmu_sync() before it reads struct kvm_pmu
 * (which then gets what put saved) or changes it (then load refills ctx
 * from it), as the register cache does with regs_avail and regs_dirty;
 * its emulated count writes through instead (kvm_mpmu_counted()).
 * Between load and put KVM changes no PMU state but GLOBAL_CTRL, which
 * the per-exit refresh writes to both on Intel and put saves on AMD.
 */
struct kvm_mpmu_vcpu {
	struct mpmu_ctx ctx;
	bool ctx_stale;		/* struct kvm_pmu changed since the fill */
	bool pmu_stale;		/* put saved into ctx only */
	bool refused;		/* load refused ctx: put saves nothing */
};

/* At vCPU creation, before the vCPU's first load; @mediated: can it be? */
int kvm_mpmu_vcpu_init(struct kvm_pmu *pmu, bool mediated)
{
	pmu->mpmu = NULL;
	if (!mediated)
		return 0;
	pmu->mpmu = kzalloc_obj(*pmu->mpmu, GFP_KERNEL_ACCOUNT);
	if (!pmu->mpmu)
		return -ENOMEM;
	pmu->mpmu->ctx_stale = true;
	return 0;
}

void kvm_mpmu_vcpu_free(struct kvm_pmu *pmu)
{
	kfree(pmu->mpmu);
	pmu->mpmu = NULL;
}

/*
 * Before KVM's PMU code reads (@write false) or may change (@write true)
 * the PMU state of @vcpu outside load and put.
 */
void kvm_mpmu_sync(struct kvm_vcpu *vcpu, bool write)
{
	struct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
	struct kvm_mpmu_vcpu *m = pmu->mpmu;

	if (!m)
		return;
	if (m->pmu_stale) {
		kvm_mpmu_save_to_pmu(&m->ctx, pmu);
		m->pmu_stale = false;
	}
	if (write)
		m->ctx_stale = true;
}

/*
 * After KVM's emulated count of @pmc (kvm_pmu_incr_counter(), with
 * kvm_mpmu_sync(vcpu, false) before it): the context takes the new count
 * and GLOBAL_STATUS, so an exit that only counts an emulated instruction
 * costs no refill.
 */
void kvm_mpmu_counted(struct kvm_pmc *pmc)
{
	struct kvm_pmu *pmu = pmc_to_pmu(pmc);
	struct kvm_mpmu_vcpu *m = pmu->mpmu;
	u32 i;

	if (!m || m->ctx_stale)
		return;
	if (pmc_is_gp(pmc)) {
		i = pmc->idx;
		if (i < MPMU_MAX_GP)
			m->ctx.gp_counter[i] = pmc->counter;
	} else {
		i = pmc->idx - KVM_FIXED_PMC_BASE_IDX;
		if (i < MPMU_MAX_FIXED)
			m->ctx.fixed_counter[i] = pmc->counter;
	}
	m->ctx.global_status = pmu->global_status;
}

/* @vcpu's context, for the per-exit refresh between load and put. */
struct mpmu_ctx *kvm_mpmu_ctx_of(struct kvm_vcpu *vcpu)
{
	return &vcpu_to_pmu(vcpu)->mpmu->ctx;
}
EXPORT_SYMBOL_FOR_KVM_INTERNAL(kvm_mpmu_ctx_of);

/*
 * Before VM-entry, IRQs off, after perf_load_guest_context() (host events
 * off) and with the guest's LVTPC loaded; @vcpu has a mediated PMU, so
 * kvm_pmu_init() gave it its context.  The core writes GLOBAL_CTRL := 0
 * first, so the caller does not.  It refuses only a context that
 * contradicts the host model (a KVM bug; REQ-CLOSURE: never a state a
 * guest reaches); it then touched nothing, so scrub what the guest owns
 * rather than leave host values for the guest, and let put save nothing:
 * KVM's copy of the guest's PMU, brought up to date first, stays as it
 * was.
 */
void kvm_mpmu_load(struct kvm_vcpu *vcpu)
{
	struct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
	struct kvm_mpmu_vcpu *m = pmu->mpmu;
	int r;

	if (unlikely(m->ctx_stale)) {
		kvm_mpmu_ctx_from_pmu(&kvm_mpmu_host, pmu, &m->ctx);
		m->ctx_stale = false;
	}
	m->refused = false;
	r = mpmu_load_guest_context(&m->ctx);
	if (likely(!r))
		return;
	pr_warn_once("mediated PMU: load refused vCPU %d's context (%d), PMU scrubbed\n",
		     vcpu->vcpu_id, r);
	kvm_mpmu_sync(vcpu, true);
	m->refused = true;
	/* Put's A_exit_gctl_zero: load stopped before its first write. */
	mpmu_hw_wrmsr(m->ctx.vendor == MPMU_VENDOR_AMD ?
		      MPMU_MSR_AMD_GLOBAL_CTL : MPMU_MSR_IA32_PERF_GLOBAL_CTRL,
		      0);
	mpmu_put_guest_context(&m->ctx);
}

/*
 * After VM-exit, IRQs off: save the guest's PMU into its context and
 * scrub it.  struct kvm_pmu gets the saved values when KVM's PMU code
 * next asks (kvm_mpmu_sync()), or now if that code changed it during the
 * run (it does not: defensive) and the context is refilled anyway.
 */
void kvm_mpmu_put(struct kvm_vcpu *vcpu)
{
	struct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
	struct kvm_mpmu_vcpu *m = pmu->mpmu;
	int r;

	r = mpmu_put_guest_context(&m->ctx);
	if (unlikely(r)) {
		pr_warn_once("mediated PMU: put refused vCPU %d's context (%d)\n",
			     vcpu->vcpu_id, r);
		kvm_mpmu_sync(vcpu, true);
		return;
	}
	if (unlikely(m->refused)) {
		m->refused = false;
		return;
	}
	if (unlikely(m->ctx_stale))
		kvm_mpmu_save_to_pmu(&m->ctx, pmu);
	else
		m->pmu_stale = true;
}
