// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMX side of the verified mediated PMU core.  kvm_mpmu_vmx_cfg is the
 * core's configuration: vmx.c sets the VMCS controls and the MSR-store
 * list from it (the core's A_vmx_configured), and the refresh after
 * VM-exit reads the guest's PERF_GLOBAL_CTRL the same way.
 */
#include <linux/kvm_host.h>

#include "capabilities.h"
#include "pmu.h"
#include "mpmu/mpmu_kvm.h"
#include "mpmu_kvm_vmx.h"

struct mpmu_vmx_cfg kvm_mpmu_vmx_cfg __ro_after_init;

/* From intel_pmu_is_mediated_pmu_supported(), at module init. */
int kvm_mpmu_vmx_configure(u32 pmu_version, u64 perf_caps)
{
	struct mpmu_vmx_caps caps = {
		.pmu_version = pmu_version,
		.entry_ctls_allowed = vmcs_config.vmentry_ctrl,
		.exit_ctls_allowed = vmcs_config.vmexit_ctrl,
		.perf_capabilities = perf_caps,
	};

	return mpmu_vmx_configure(&caps, &kvm_mpmu_vmx_cfg);
}

/*
 * After a successful VM-exit, when the guest writes PERF_GLOBAL_CTRL
 * directly: @stored is what the exit put in the MSR-store slot (vmx.c
 * looked it up), used only without the "save" exit control.  The core
 * writes the guest's value into the vCPU's loaded context (put starts
 * from it), and KVM keeps its copy, which its fastpath consults.
 */
void kvm_mpmu_vmx_refresh(struct kvm_pmu *pmu, u64 stored)
{
	struct mpmu_ctx *ctx = kvm_mpmu_ctx_of(pmu_to_vcpu(pmu));

	mpmu_vmx_refresh_global_ctrl(ctx, &kvm_mpmu_vmx_cfg, 0, stored);
	pmu->global_ctrl = ctx->global_ctrl;
}
