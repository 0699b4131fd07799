// SPDX-License-Identifier: GPL-2.0-only
/*
 * Null accessor backend for the callgrind measurement: the accessors of
 * spec/mpmu_hw.h (and the VMCS ones) as plain loads and stores into a
 * register file, with no simulation, no trace and no checks, so that the
 * instructions callgrind counts are the core's own (the few instructions
 * of these functions are reported separately).
 */
#include "null_hw.h"

struct null_hw null_hw;

static u64 *reg(u32 msr)
{
	if (msr >= MPMU_MSR_IA32_A_PMC0 && msr < MPMU_MSR_IA32_A_PMC0 + 8)
		return &null_hw.gp_ctr[msr - MPMU_MSR_IA32_A_PMC0];
	if (msr >= MPMU_MSR_IA32_PERFEVTSEL0 &&
	    msr < MPMU_MSR_IA32_PERFEVTSEL0 + 8)
		return &null_hw.gp_sel[msr - MPMU_MSR_IA32_PERFEVTSEL0];
	if (msr >= MPMU_MSR_IA32_FIXED_CTR0 && msr < MPMU_MSR_IA32_FIXED_CTR0 + 4)
		return &null_hw.fx_ctr[msr - MPMU_MSR_IA32_FIXED_CTR0];
	if (msr >= MPMU_MSR_AMD_PERF_CTL0 && msr < MPMU_MSR_AMD_PERF_CTL0 + 12)
		return (msr - MPMU_MSR_AMD_PERF_CTL0) & 1 ?
		       &null_hw.gp_ctr[(msr - MPMU_MSR_AMD_PERF_CTL0) / 2] :
		       &null_hw.gp_sel[(msr - MPMU_MSR_AMD_PERF_CTL0) / 2];
	switch (msr) {
	case MPMU_MSR_IA32_FIXED_CTR_CTRL: return &null_hw.fx_ctrl;
	case MPMU_MSR_IA32_PERF_GLOBAL_CTRL:
	case MPMU_MSR_AMD_GLOBAL_CTL: return &null_hw.gctl;
	case MPMU_MSR_IA32_PERF_GLOBAL_STATUS:
	case MPMU_MSR_AMD_GLOBAL_STATUS: return &null_hw.status;
	case MPMU_MSR_IA32_PERF_METRICS: return &null_hw.metrics;
	default: return &null_hw.sink;
	}
}

void mpmu_hw_wrmsr(u32 msr, u64 val)
{
	switch (msr) {
	case MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET:
	case MPMU_MSR_AMD_GLOBAL_STATUS_CLR:
		null_hw.status &= ~val;
		return;
	case MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET:
	case MPMU_MSR_AMD_GLOBAL_STATUS_SET:
		null_hw.status |= val;
		return;
	}
	*reg(msr) = val;
}

u64 mpmu_hw_rdmsr(u32 msr)
{
	return *reg(msr);
}

u64 mpmu_hw_rdpmc(u32 ecx)
{
	if (ecx & MPMU_RDPMC_METRICS)
		return null_hw.metrics;
	if (ecx & MPMU_RDPMC_FIXED)
		return null_hw.fx_ctr[ecx & 3];
	return null_hw.gp_ctr[ecx & 7];
}

u64 mpmu_hw_vmcs_read64(u32 field)
{
	return field == MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL ? null_hw.vmcs_gctl : 0;
}

void mpmu_hw_vmcs_write64(u32 field, u64 val)
{
	if (field == MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL)
		null_hw.vmcs_gctl = val;
}

