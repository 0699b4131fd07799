// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel glue of the mediated PMU switch core, VMX part: VMREAD/VMWRITE of
 * 64-bit VMCS fields.  One operation each and no logic; `make kernel`
 * rejects any branch or loop in this file.
 *
 * vmcs_read64()/vmcs_write64() are static inlines of KVM's vmx_ops.h, so
 * this file is compiled into kvm-intel.ko.
 *
 * Field numbers: vmcs_check64() only checks the field width when the field
 * is a compile-time constant; through the core's generic accessor the
 * field is a run-time value.  The core passes nothing but the constants of
 * spec/mpmu_defs.h (MPMU_VMCS_*), so mpmu_glue.h checks exactly those at
 * build time (equal to the kernel's encodings, 64-bit "full" width) and the
 * accessors forward the field unchanged: no switch, no per-field table.
 *
 * The VM-exit MSR-store slot has no accessor: vmx.c reads it itself and
 * passes the value to mpmu_vmx_refresh_global_ctrl().
 */
#include <linux/kvm_host.h>

#include "vmx.h"
#include "vmx_ops.h"

#include "mpmu_glue.h"

u64 mpmu_hw_vmcs_read64(u32 field)
{
	return vmcs_read64(field);
}

void mpmu_hw_vmcs_write64(u32 field, u64 val)
{
	vmcs_write64(field, val);
}
