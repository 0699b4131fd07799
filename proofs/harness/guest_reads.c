// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's own reads of the PMU, under the intercepts
 * mpmu_intercept_decisions() decides and KVM programs (RDPMC exiting and
 * the MSR bitmap; spec/mpmu_vmx_trans.h, mpmu_hw_guest_rdpmc and
 * mpmu_hw_guest_rdmsr). REQ-OWN: a read hardware answers reads a
 * register the guest owns. REQ-METRICS-HIDDEN: a guest without
 * PERF_METRICS can read neither PERF_METRICS nor fixed counter 3: its
 * reads exit (or #GP), and KVM's emulation from the context
 * (mpmu_get_msr) refuses them. Proved by `make proof`, never compiled
 * into the kernel.
 */
#include "mpmu.h"
#include "mpmu_vmx.h"
#include "mpmu_vmx_trans.h"

/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_VALIDATE_counts: ctx_counts_ok(ctx);
  @ requires REQ_VALIDATE_metrics: ctx_metrics_ok(ctx);
  @ exits \false;
  @*/
void mpmu_guest_reads(const struct mpmu_ctx *ctx, u32 widths_equal, u32 ecx,
		      u32 msr)
{
	struct mpmu_intercepts icpt;
	u64 v = 0;
	u32 r;

	mpmu_intercept_decisions(ctx, widths_equal, &icpt);
	r = mpmu_hw_guest_rdpmc(ecx, &icpt, &v);
	/*@ assert REQ_OWN_guest_rdpmc: r == MPMU_GUEST_READ_HW ==>
	  @   (0 <= ecx < ctx->nr_gp) ||
	  @   (MPMU_RDPMC_FIXED <= ecx < MPMU_RDPMC_FIXED + ctx->nr_fixed) ||
	  @   (ecx == MPMU_RDPMC_METRICS && guest_metrics(ctx)); */
	r = mpmu_hw_guest_rdmsr(ctx, &icpt, msr, &v);
	/*@ assert REQ_OWN_guest_rdmsr: r == MPMU_GUEST_READ_HW ==>
	  @   ctx_gp_ctr_msr(ctx, msr) || ctx_fx_ctr_msr(ctx, msr) ||
	  @   (ctx->nr_gp == ctx->host_nr_gp &&
	  @    ctx->nr_fixed == ctx->host_nr_fixed &&
	  @    (msr == MPMU_MSR_IA32_PERF_GLOBAL_CTRL ||
	  @     msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS ||
	  @     msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET)) ||
	  @   (msr == MPMU_MSR_IA32_PERF_METRICS && guest_metrics(ctx)); */
}

/*@ requires REQ_RTE_valid: \valid_read(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_VALIDATE_host: host_model(ctx);
  @ requires REQ_VALIDATE_counts: ctx_counts_ok(ctx);
  @ requires REQ_VALIDATE_metrics: ctx_metrics_ok(ctx);
  @ requires REQ_METRICS_HIDDEN_no_metrics: !guest_metrics(ctx);
  @ exits \false;
  @*/
void mpmu_guest_metrics_hidden(const struct mpmu_ctx *ctx, u32 widths_equal)
{
	struct mpmu_intercepts icpt;
	u64 v = 0;
	u32 r;
	int rc;

	mpmu_intercept_decisions(ctx, widths_equal, &icpt);
	r = mpmu_hw_guest_rdpmc(MPMU_RDPMC_METRICS, &icpt, &v);
	/*@ assert REQ_METRICS_HIDDEN_rdpmc_metrics: r != MPMU_GUEST_READ_HW; */
	r = mpmu_hw_guest_rdpmc(MPMU_RDPMC_FIXED + 3, &icpt, &v);
	/*@ assert REQ_METRICS_HIDDEN_rdpmc_fc3: r != MPMU_GUEST_READ_HW; */
	r = mpmu_hw_guest_rdmsr(ctx, &icpt, MPMU_MSR_IA32_PERF_METRICS, &v);
	/*@ assert REQ_METRICS_HIDDEN_rdmsr_metrics:
	  @   r == MPMU_GUEST_READ_EXIT; */
	r = mpmu_hw_guest_rdmsr(ctx, &icpt, MPMU_MSR_IA32_FIXED_CTR0 + 3, &v);
	/*@ assert REQ_METRICS_HIDDEN_rdmsr_fc3: r == MPMU_GUEST_READ_EXIT; */
	/* KVM emulates the exits from the context, which refuses both. */
	rc = mpmu_get_msr(ctx, MPMU_MSR_IA32_PERF_METRICS, &v);
	/*@ assert REQ_METRICS_HIDDEN_emulated_metrics: rc == -MPMU_ENOENT; */
	rc = mpmu_get_msr(ctx, MPMU_MSR_IA32_FIXED_CTR0 + 3, &v);
	/*@ assert REQ_METRICS_HIDDEN_emulated_fc3: rc == -MPMU_ENOENT; */
}
