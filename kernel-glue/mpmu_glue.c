// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel glue of the mediated PMU switch core: RDMSR, WRMSR and RDPMC on
 * the kernel's primitives.  One instruction each and no logic, so that the
 * accessor contracts of spec/mpmu_hw.h are the instruction semantics.
 * `make kernel` rejects any branch or loop in this file.
 *
 * Linked into kvm.ko with the core.
 */
#include <linux/types.h>
#include <asm/msr.h>

#include "mpmu_glue.h"

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
