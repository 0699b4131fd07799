/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel glue of the mediated PMU switch core: build-time checks that the
 * constants of the hardware model (spec/mpmu_defs.h) are the kernel's own.
 * Nothing here generates code.
 */
#ifndef MPMU_GLUE_H
#define MPMU_GLUE_H

#include <linux/build_bug.h>
#include <asm/msr-index.h>
#include <asm/perf_event.h>
#include <asm/vmx.h>

#include "mpmu_hw.h"

/*
 * SDM Vol. 3C B.2 / vmx_ops.h vmcs_check64(): a 64-bit VMCS field has
 * width bits 14:13 == 01 and the access-type bit 0 clear ("full").
 */
#define MPMU_VMCS_FIELD_IS_FULL64(f)	(((f) & 0x6001) == 0x2000)

/* Intel MSRs. */
static_assert(MPMU_MSR_IA32_PMC0 == MSR_IA32_PERFCTR0);
static_assert(MPMU_MSR_IA32_PERFEVTSEL0 == MSR_P6_EVNTSEL0);
static_assert(MPMU_MSR_IA32_FIXED_CTR0 == MSR_CORE_PERF_FIXED_CTR0);
static_assert(MPMU_MSR_IA32_PERF_METRICS == MSR_PERF_METRICS);
static_assert(MPMU_MSR_IA32_PERF_CAPABILITIES == MSR_IA32_PERF_CAPABILITIES);
static_assert(MPMU_MSR_IA32_FIXED_CTR_CTRL == MSR_CORE_PERF_FIXED_CTR_CTRL);
static_assert(MPMU_MSR_IA32_PERF_GLOBAL_STATUS == MSR_CORE_PERF_GLOBAL_STATUS);
static_assert(MPMU_MSR_IA32_PERF_GLOBAL_CTRL == MSR_CORE_PERF_GLOBAL_CTRL);
static_assert(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET ==
	      MSR_CORE_PERF_GLOBAL_OVF_CTRL);
static_assert(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET ==
	      MSR_CORE_PERF_GLOBAL_STATUS_SET);
static_assert(MPMU_MSR_IA32_A_PMC0 == MSR_IA32_PMC0);

/* AMD PerfMonV2 MSRs. */
static_assert(MPMU_MSR_AMD_GLOBAL_STATUS == MSR_AMD64_PERF_CNTR_GLOBAL_STATUS);
static_assert(MPMU_MSR_AMD_GLOBAL_CTL == MSR_AMD64_PERF_CNTR_GLOBAL_CTL);
static_assert(MPMU_MSR_AMD_GLOBAL_STATUS_CLR ==
	      MSR_AMD64_PERF_CNTR_GLOBAL_STATUS_CLR);
static_assert(MPMU_MSR_AMD_GLOBAL_STATUS_SET ==
	      MSR_AMD64_PERF_CNTR_GLOBAL_STATUS_SET);
static_assert(MPMU_MSR_AMD_PERF_CTL0 == MSR_F15H_PERF_CTL0);
static_assert(MPMU_MSR_AMD_PERF_CTR0 == MSR_F15H_PERF_CTR0);

/* RDPMC encodings and selector bits. */
static_assert(MPMU_RDPMC_FIXED == INTEL_PMC_FIXED_RDPMC_BASE);
static_assert(MPMU_RDPMC_METRICS == INTEL_PMC_FIXED_RDPMC_METRICS);
static_assert(MPMU_EVTSEL_EN == ARCH_PERFMON_EVENTSEL_ENABLE);
static_assert(MPMU_AMD_EVTSEL_GUESTONLY == AMD64_EVENTSEL_GUESTONLY);
static_assert(MPMU_AMD_EVTSEL_HOSTONLY == AMD64_EVENTSEL_HOSTONLY);

/* VMCS fields (64-bit, full) and controls. */
static_assert(MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL == GUEST_IA32_PERF_GLOBAL_CTRL);
static_assert(MPMU_VMCS_HOST_PERF_GLOBAL_CTRL == HOST_IA32_PERF_GLOBAL_CTRL);
static_assert(MPMU_VMCS_FIELD_IS_FULL64(MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL));
static_assert(MPMU_VMCS_FIELD_IS_FULL64(MPMU_VMCS_HOST_PERF_GLOBAL_CTRL));
static_assert(MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL ==
	      VM_ENTRY_LOAD_IA32_PERF_GLOBAL_CTRL);
static_assert(MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL ==
	      VM_EXIT_LOAD_IA32_PERF_GLOBAL_CTRL);
static_assert(MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL ==
	      VM_EXIT_SAVE_IA32_PERF_GLOBAL_CTRL);

#endif /* MPMU_GLUE_H */
