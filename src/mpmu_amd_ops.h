/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Typed AMD PerfMonV2 operations, proved once against the generic
 * WRMSR/RDMSR contracts (stride-2 counter/selector decode included).
 */
#ifndef MPMU_AMD_OPS_H
#define MPMU_AMD_OPS_H

#include "mpmu_hw_ops.h"

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_amd;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_perfmon_v2: hw_pmu_version >= 2;
  @ requires REQ_RSVD_index: i < hw_nr_gp;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_ctr);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_H2G_written: hw_gp_ctr[i] == val;
  @ ensures REQ_ORDER_wrote:
  @   wrote{Pre, Post}(MPMU_MSR_AMD_PERF_CTR0 + 2 * i, val);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_GP_CTR, i);
  @*/
void mpmu_amd_wr_counter(u32 i, u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_amd;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_perfmon_v2: hw_pmu_version >= 2;
  @ requires REQ_RSVD_index: i < hw_nr_gp;
  @ requires REQ_RSVD: rsvd_free(val, MPMU_HW_SEL_RSVD(i));
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_H2G_written: hw_gp_sel[i] == val;
  @ ensures REQ_ORDER_wrote:
  @   wrote{Pre, Post}(MPMU_MSR_AMD_PERF_CTL0 + 2 * i, val);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_GP_SEL, i);
  @*/
void mpmu_amd_wr_eventsel(u32 i, u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_amd;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_perfmon_v2: hw_pmu_version >= 2;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_gctl);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_H2G_written: hw_gctl == val;
  @ ensures REQ_ORDER_wrote: wrote{Pre, Post}(MPMU_MSR_AMD_GLOBAL_CTL, val);
  @ ensures REQ_FRAME_step: hw_step{Pre, Post}(MPMU_RK_GCTL, 0);
  @*/
void mpmu_amd_wr_global_ctl(u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_amd;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_perfmon_v2: hw_pmu_version >= 2;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_status_reset);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_G2H_cleared: \old(hw_gctl) == 0 ==>
  @                  hw_gstatus == (\old(hw_gstatus) & ~val);
  @ ensures REQ_ORDER_wrote:
  @   wrote{Pre, Post}(MPMU_MSR_AMD_GLOBAL_STATUS_CLR, val);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_STATUS, 0);
  @*/
void mpmu_amd_wr_status_clr(u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_amd;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_perfmon_v2: hw_pmu_version >= 2;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_status_set);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_H2G_set: \old(hw_gctl) == 0 ==>
  @              hw_gstatus == (\old(hw_gstatus) | (val & ~hw_rsvd_gctl));
  @ ensures REQ_ORDER_wrote:
  @   wrote{Pre, Post}(MPMU_MSR_AMD_GLOBAL_STATUS_SET, val);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_STATUS, 0);
  @*/
void mpmu_amd_wr_status_set(u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_amd;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_perfmon_v2: hw_pmu_version >= 2;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_traced:
  @   traced{Pre, Post}(MPMU_TR_RDMSR, MPMU_MSR_AMD_GLOBAL_STATUS,
  @                           \result);
  @ ensures REQ_SAVE_read: status_read(\result);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_amd_rd_global_status(void);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_amd;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_perfmon_v2: hw_pmu_version >= 2;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_FRAME_step: hw_step{Pre, Post}(MPMU_RK_NONE, 0);
  @ ensures REQ_ORDER_traced:
  @   traced{Pre, Post}(MPMU_TR_RDMSR, MPMU_MSR_AMD_GLOBAL_CTL,
  @                           \result);
  @ ensures REQ_SAVE_read: \result == hw_gctl;
  @*/
u64 mpmu_amd_rd_global_ctl(void);

#endif /* MPMU_AMD_OPS_H */
