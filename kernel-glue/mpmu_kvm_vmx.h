/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMX side of the verified mediated PMU core: how PERF_GLOBAL_CTRL is
 * switched at VM-entry/VM-exit, decided once by the core (REQ-SKL), and
 * its refresh after every VM-exit (REQ-ROUNDTRIP).
 */
#ifndef ARCH_X86_KVM_VMX_MPMU_KVM_VMX_H
#define ARCH_X86_KVM_VMX_MPMU_KVM_VMX_H

#include <linux/types.h>

#include "mpmu/mpmu_vmx.h"

struct kvm_pmu;

extern struct mpmu_vmx_cfg kvm_mpmu_vmx_cfg;

int kvm_mpmu_vmx_configure(u32 pmu_version, u64 perf_caps);
void kvm_mpmu_vmx_refresh(struct kvm_pmu *pmu, u64 stored);

#endif /* ARCH_X86_KVM_VMX_MPMU_KVM_VMX_H */
