// SPDX-License-Identifier: GPL-2.0-only
/*
 * Typed hardware operations (contracts in mpmu_hw_ops.h) and the one
 * definition of the ghost hardware state declared in spec/mpmu_hw.h.
 */
#include "mpmu_hw_ops.h"
#include "mpmu_amd_ops.h"

/*@ ghost u64 hw_gp_ctr[MPMU_MAX_GP];
  @       u64 hw_gp_sel[MPMU_MAX_GP];
  @       u64 hw_fx_ctr[MPMU_MAX_FIXED];
  @       u64 hw_fx_ctrl;
  @       u64 hw_gctl;
  @       u64 hw_gstatus;
  @       u64 hw_metrics;
  @       u32 hw_vendor;
  @       u32 hw_nr_gp;
  @       u32 hw_nr_fixed;
  @       u32 hw_has_metrics;
  @       u32 hw_pmu_version;
  @       u32 hw_fw_writes;
  @       u32 hw_pmi_masked;
  @       u64 hw_rsvd_ctr;
  @       u64 hw_rsvd_fx_ctr;
  @       u64 hw_rsvd_sel;
  @       u64 hw_rsvd_sel2;
  @       u64 hw_rsvd_fx_ctrl;
  @       u64 hw_rsvd_gctl;
  @       u64 hw_rsvd_status_reset;
  @       u64 hw_rsvd_status_set;
  @       u32 tr_kind[MPMU_TRACE_MAX];
  @       u32 tr_reg[MPMU_TRACE_MAX];
  @       u64 tr_val[MPMU_TRACE_MAX];
  @       u64 tr_gctl[MPMU_TRACE_MAX];
  @       u32 tr_len;
  @*/

void mpmu_wr_gp_counter(u32 i, u64 val)
{
	/* Full-width alias: the legacy 0xC1 MSR would sign-extend bit 31. */
	mpmu_hw_wrmsr(MPMU_MSR_IA32_A_PMC0 + i, val);
}

void mpmu_wr_gp_eventsel(u32 i, u64 val)
{
	mpmu_hw_wrmsr(MPMU_MSR_IA32_PERFEVTSEL0 + i, val);
}

void mpmu_wr_fixed_counter(u32 j, u64 val)
{
	mpmu_hw_wrmsr(MPMU_MSR_IA32_FIXED_CTR0 + j, val);
}

void mpmu_wr_fixed_ctr_ctrl(u64 val)
{
	mpmu_hw_wrmsr(MPMU_MSR_IA32_FIXED_CTR_CTRL, val);
}

void mpmu_wr_global_ctrl(u64 val)
{
	mpmu_hw_wrmsr(MPMU_MSR_IA32_PERF_GLOBAL_CTRL, val);
}

void mpmu_wr_status_reset(u64 val)
{
	mpmu_hw_wrmsr(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET, val);
}

void mpmu_wr_status_set(u64 val)
{
	mpmu_hw_wrmsr(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET, val);
}

u64 mpmu_rd_global_status(void)
{
	return mpmu_hw_rdmsr(MPMU_MSR_IA32_PERF_GLOBAL_STATUS);
}

u64 mpmu_rdpmc_gp(u32 i)
{
	return mpmu_hw_rdpmc(i);
}

u64 mpmu_rdpmc_fixed(u32 j)
{
	return mpmu_hw_rdpmc(MPMU_RDPMC_FIXED + j);
}

void mpmu_wr_perf_metrics(u64 val)
{
	mpmu_hw_wrmsr(MPMU_MSR_IA32_PERF_METRICS, val);
}

u64 mpmu_rdpmc_metrics(void)
{
	return mpmu_hw_rdpmc(MPMU_RDPMC_METRICS);
}

void mpmu_amd_wr_counter(u32 i, u64 val)
{
	/* PerfMonV2 core counters interleave with their selectors. */
	mpmu_hw_wrmsr(MPMU_MSR_AMD_PERF_CTR0 + MPMU_MSR_AMD_STRIDE * i, val);
}

void mpmu_amd_wr_eventsel(u32 i, u64 val)
{
	mpmu_hw_wrmsr(MPMU_MSR_AMD_PERF_CTL0 + MPMU_MSR_AMD_STRIDE * i, val);
}

void mpmu_amd_wr_global_ctl(u64 val)
{
	mpmu_hw_wrmsr(MPMU_MSR_AMD_GLOBAL_CTL, val);
}

void mpmu_amd_wr_status_clr(u64 val)
{
	mpmu_hw_wrmsr(MPMU_MSR_AMD_GLOBAL_STATUS_CLR, val);
}

void mpmu_amd_wr_status_set(u64 val)
{
	mpmu_hw_wrmsr(MPMU_MSR_AMD_GLOBAL_STATUS_SET, val);
}

u64 mpmu_amd_rd_global_status(void)
{
	return mpmu_hw_rdmsr(MPMU_MSR_AMD_GLOBAL_STATUS);
}

u64 mpmu_amd_rd_global_ctl(void)
{
	return mpmu_hw_rdmsr(MPMU_MSR_AMD_GLOBAL_CTL);
}
