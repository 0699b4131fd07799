// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMX plumbing of the mediated PMU (contracts in mpmu_vmx.h).
 */
#include "mpmu_vmx.h"

/*@ ghost u64 vmcs_guest_gctl;
  @       u64 vmcs_host_gctl;
  @       u32 vmcs_entry_ctls;
  @       u32 vmcs_exit_ctls;
  @       u32 vmcs_autostore_gctl_on;
  @       u64 vmcs_autostore_gctl;
  @       u32 vmcs_entry_failed;
  @*/

int mpmu_vmx_configure(const struct mpmu_vmx_caps *caps,
		       struct mpmu_vmx_cfg *cfg)
{
	if (caps->pmu_version < 4 ||
	    !(caps->perf_capabilities & MPMU_PERF_CAP_FW_WRITES) ||
	    !(caps->entry_ctls_allowed & MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL) ||
	    !(caps->exit_ctls_allowed & MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL))
		return -MPMU_EOPNOTSUPP;

	cfg->entry_ctls = MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL;
	if (caps->exit_ctls_allowed & MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL) {
		cfg->exit_ctls = MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL |
				 MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL;
		cfg->use_autostore = 0;
	} else {
		/* Skylake/Icelake: the MSR-store list saves it instead. */
		cfg->exit_ctls = MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL;
		cfg->use_autostore = 1;
	}
	return 0;
}

void mpmu_vmx_refresh_global_ctrl(struct mpmu_ctx *ctx,
				  const struct mpmu_vmx_cfg *cfg,
				  u32 entry_failed, u64 stored)
{
	u64 gctl;

	/*@ ghost tr_len = 0; */
	if (entry_failed)
		return;

	if (cfg->use_autostore) {
		gctl = stored;
		/* The next VM-entry loads the VMCS field, not the slot. */
		mpmu_hw_vmcs_write64(MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL, gctl);
	} else {
		gctl = mpmu_hw_vmcs_read64(MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL);
	}
	ctx->global_ctrl = gctl;
}

int mpmu_vmx_write_global_ctrl(struct mpmu_ctx *ctx, u64 val)
{
	/*@ ghost tr_len = 0; */
	if (val & ctx->global_ctrl_rsvd)
		return -MPMU_EINVAL;
	/*@ assert REQ_VALIDATE_valid: (val & ctx->global_ctrl_rsvd) == 0; */
	/*@ assert REQ_RSVD_covered:
	  @   covers(ctx->global_ctrl_rsvd, hw_rsvd_gctl); */
	/*@ assert REQ_RSVD_guest_gctl: rsvd_free(val, hw_rsvd_gctl); */
	mpmu_hw_vmcs_write64(MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL, val);
	ctx->global_ctrl = val;
	return 0;
}

void mpmu_intercept_decisions(const struct mpmu_ctx *ctx, u32 widths_equal,
			      struct mpmu_intercepts *out)
{
	u32 same_counters = ctx->nr_gp == ctx->host_nr_gp &&
			    ctx->nr_fixed == ctx->host_nr_fixed;
	u32 guest_metrics = (ctx->flags & MPMU_CTX_PERF_METRICS) != 0;
	u32 host_metrics = (ctx->flags & MPMU_CTX_HOST_PERF_METRICS) != 0;

	out->pass_counter_msrs = 1;
	out->pass_selectors = 0;
	out->pass_fixed_ctr_ctrl = 0;
	out->pass_global_msrs = same_counters;
	out->pass_perf_metrics = guest_metrics;
	/* RDPMC reads hardware by index, including PERF_METRICS. */
	out->pass_rdpmc = same_counters && widths_equal &&
			  guest_metrics == host_metrics;
}
