/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KVM's side of the verified mediated PMU switch core (arch/x86/kvm/mpmu/):
 * the host facts the core's contracts assume, each mediated vCPU's
 * struct mpmu_ctx, which load and put work on in place, and its
 * synchronisation with struct kvm_pmu.
 */
#ifndef ARCH_X86_KVM_MPMU_KVM_H
#define ARCH_X86_KVM_MPMU_KVM_H

#include <linux/types.h>

struct kvm_pmc;
struct kvm_pmu;
struct kvm_vcpu;
struct mpmu_ctx;
struct x86_pmu_capability;

/*
 * The host as the core's A_host_model describes it: the counters the PMU
 * really has (not KVM's capped counts) and their widths, whether it has
 * PERF_METRICS, and
 * the bits GLOBAL_STATUS_SET (AMD: PerfCntrGlobalStatusSet) cannot set.
 * Read once, when KVM decides whether to offer the mediated PMU.
 */
struct kvm_mpmu_host {
	u32 vendor;		/* MPMU_VENDOR_* */
	u32 nr_gp;
	u32 nr_fixed;
	u32 flags;		/* MPMU_CTX_HOST_PERF_METRICS */
	u64 gp_counter_mask;	/* the bits a GP counter has */
	u64 fixed_counter_mask;
	u64 status_set_rsvd;
};

u64 kvm_mpmu_status_settable(u32 version, u32 nr_gp, u32 nr_fixed,
			     bool perf_metrics);
int kvm_mpmu_host_intel(struct kvm_mpmu_host *host, u32 cpuid_0a_eax,
			u32 cpuid_0a_ecx, u32 cpuid_0a_edx, u64 perf_caps);
int kvm_mpmu_host_amd(struct kvm_mpmu_host *host, u32 cpuid_80000022_ebx);
int kvm_mpmu_host_init(const struct x86_pmu_capability *host_pmu);

u64 kvm_mpmu_sel2_rsvd(const struct kvm_pmu *pmu);
void kvm_mpmu_ctx_from_pmu(const struct kvm_mpmu_host *host,
			   const struct kvm_pmu *pmu, struct mpmu_ctx *ctx);
void kvm_mpmu_save_to_pmu(const struct mpmu_ctx *ctx, struct kvm_pmu *pmu);

int kvm_mpmu_vcpu_init(struct kvm_pmu *pmu, bool mediated);
void kvm_mpmu_vcpu_free(struct kvm_pmu *pmu);
void kvm_mpmu_sync(struct kvm_vcpu *vcpu, bool write);
void kvm_mpmu_counted(struct kvm_pmc *pmc);
struct mpmu_ctx *kvm_mpmu_ctx_of(struct kvm_vcpu *vcpu);
void kvm_mpmu_load(struct kvm_vcpu *vcpu);
void kvm_mpmu_put(struct kvm_vcpu *vcpu);

#endif /* ARCH_X86_KVM_MPMU_KVM_H */
