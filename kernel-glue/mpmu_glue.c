// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel glue of the mediated PMU switch core: RDMSR, WRMSR and RDPMC on
 * the kernel's primitives.  One instruction each and no logic, so that the
 * accessor contracts of spec/mpmu_hw.h are the instruction semantics.
 * `make kernel` rejects any branch or loop in this file.
 *
 * Linked into kvm-intel.ko and kvm-amd.ko.
 */
#include <linux/version.h>
#include <linux/types.h>
#include <asm/msr.h>

#include "mpmu_glue.h"

#if KERNEL_VERSION(6, 16, 0) <= LINUX_VERSION_CODE

u64 mpmu_hw_rdmsr(u32 msr)
{
	u64 val;

	rdmsrq(msr, val);
	return val;
}

void mpmu_hw_wrmsr(u32 msr, u64 val)
{
	wrmsrq(msr, val);
}

u64 mpmu_hw_rdpmc(u32 ecx)
{
	return rdpmc(ecx);
}

#else

/*
 * Before 6.16: rdmsrl/wrmsrl, and rdpmcl() for a 64-bit RDPMC.  6.16 kept
 * the old names for a while as wrappers, so the test is on the version,
 * not on the presence of a macro.
 */
u64 mpmu_hw_rdmsr(u32 msr)
{
	u64 val;

	rdmsrl(msr, val);
	return val;
}

void mpmu_hw_wrmsr(u32 msr, u64 val)
{
	wrmsrl(msr, val);
}

u64 mpmu_hw_rdpmc(u32 ecx)
{
	u64 val;

	rdpmcl(ecx, val);
	return val;
}

#endif
