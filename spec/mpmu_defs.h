/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Architectural constants of the PMU model: MSR numbers, bit positions,
 * RDPMC encodings, VMCS field encodings and the core's limits.
 *
 * Every number cites its source: Intel SDM Vol. 4 (MSR tables), SDM Vol. 3B
 * ch. 20 "Performance Monitoring", SDM Vol. 3C ch. 25-28 (VMCS, VM entry,
 * VM exit), AMD APM Vol. 2 ch. 13 / PPR (PerfMonV2), and the Linux headers
 * arch/x86/include/asm/msr-index.h, perf_event.h and vmx.h.
 */
#ifndef MPMU_DEFS_H
#define MPMU_DEFS_H

/* Limits of the context arrays (KVM: KVM_MAX_NR_GP_COUNTERS). */
#define MPMU_MAX_GP			8
/* Fixed counters 0-2 plus fixed counter 3 (TOPDOWN.SLOTS). */
#define MPMU_MAX_FIXED			4
/* AMD PerfMonV2 core counters (CPUID 0x80000022 EBX[3:0], KVM cap 6). */
#define MPMU_AMD_MAX_GP			6

/* CPU vendors (struct mpmu_ctx.vendor, ghost hw_vendor). */
#define MPMU_VENDOR_INTEL		0u
#define MPMU_VENDOR_AMD			1u

/* Intel architectural MSRs (SDM Vol. 4 table 2-2). */
#define MPMU_MSR_IA32_PMC0		0x0c1u	/* legacy, sign-extending */
#define MPMU_MSR_IA32_PERFEVTSEL0	0x186u
#define MPMU_MSR_IA32_FIXED_CTR0	0x309u
#define MPMU_MSR_IA32_PERF_METRICS	0x329u
#define MPMU_MSR_IA32_PERF_CAPABILITIES	0x345u
#define MPMU_MSR_IA32_FIXED_CTR_CTRL	0x38du
#define MPMU_MSR_IA32_PERF_GLOBAL_STATUS	0x38eu	/* read-only */
#define MPMU_MSR_IA32_PERF_GLOBAL_CTRL	0x38fu
#define MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET	0x390u	/* a.k.a. OVF_CTRL */
#define MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET	0x391u	/* PMU v4+ */
#define MPMU_MSR_IA32_A_PMC0		0x4c1u	/* full-width alias */

/* AMD PerfMonV2 MSRs (AMD PPR; msr-index.h MSR_AMD64_PERF_CNTR_GLOBAL_*). */
#define MPMU_MSR_AMD_GLOBAL_STATUS	0xc0000300u	/* read-only */
#define MPMU_MSR_AMD_GLOBAL_CTL		0xc0000301u
#define MPMU_MSR_AMD_GLOBAL_STATUS_CLR	0xc0000302u
#define MPMU_MSR_AMD_GLOBAL_STATUS_SET	0xc0000303u
#define MPMU_MSR_AMD_PERF_CTL0		0xc0010200u	/* stride 2 */
#define MPMU_MSR_AMD_PERF_CTR0		0xc0010201u	/* stride 2 */
#define MPMU_MSR_AMD_STRIDE		2u

/* RDPMC ECX encodings (SDM Vol. 2B RDPMC): type in ECX[31:16]. */
#define MPMU_RDPMC_FIXED		(1u << 30)
#define MPMU_RDPMC_METRICS		(1u << 29)

/*
 * 64-bit complement of a mask, written so that C and ACSL agree: in ACSL
 * `~x` is the complement of a mathematical integer (a negative number),
 * which WP does not identify with the u64 constant gcc computes.
 */
#define MPMU_NOT64(x)			(0xffffffffffffffffull - (x))

/* IA32_PERFEVTSELx / AMD PERF_CTLx (SDM 20.2.1.1, APM 13.2.1). */
#define MPMU_EVTSEL_EVENT_UMASK		0xffffull
#define MPMU_EVTSEL_EN			(1ull << 22)
#define MPMU_AMD_EVTSEL_GUESTONLY	(1ull << 40)
#define MPMU_AMD_EVTSEL_HOSTONLY	(1ull << 41)

/* IA32_FIXED_CTR_CTRL: 4-bit field per fixed counter, enable in [1:0]. */
#define MPMU_FIXED_CTRL_FIELD_BITS	4u
#define MPMU_FIXED_CTRL_EN_MASK		0x3ull

/* IA32_PERF_GLOBAL_CTRL / STATUS bit positions (SDM 20.2.4). */
#define MPMU_GLOBAL_FIXED_SHIFT		32u
#define MPMU_GLOBAL_PERF_METRICS_BIT	48u
#define MPMU_STATUS_COND_CHGD_BIT	63u	/* STATUS_SET cannot set it */

/* IA32_PERF_CAPABILITIES (SDM Vol. 4 table 2-2, MSR 0x345). */
#define MPMU_PERF_CAP_FW_WRITES		(1ull << 13)
#define MPMU_PERF_CAP_PERF_METRICS	(1ull << 15)

/* VMCS encodings and controls (SDM Vol. 3C appendix B, 25.7/25.8). */
#define MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL	0x2808u
#define MPMU_VMCS_HOST_PERF_GLOBAL_CTRL		0x2c04u
#define MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL	(1u << 13)
#define MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL	(1u << 12)
#define MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL	(1u << 30)

/* Error codes, returned negated (the glue maps them to -EINVAL etc.). */
#define MPMU_EPERM			1	/* read-only register */
#define MPMU_ENOENT			2	/* not this guest's register */
#define MPMU_EINVAL			22	/* reserved bit or bad index */
#define MPMU_EOPNOTSUPP			95	/* host PMU cannot do it */

#endif /* MPMU_DEFS_H */
