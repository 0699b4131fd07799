/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Typed hardware operations: one function per register kind, proved once
 * against the generic RDMSR/WRMSR/RDPMC contracts of spec/mpmu_hw.h, so
 * the switch code reasons about small contracts.
 */
#ifndef MPMU_HW_OPS_H
#define MPMU_HW_OPS_H

#include "mpmu_types.h"
#include "mpmu_defs.h"
#include "mpmu_hw.h"

/*@ // Common post-state of a typed write: hardware stays well formed and
  @ // one trace entry is appended. What else changes is in quiet_frame
  @ // (GLOBAL_CTRL zero: the only way the core writes these registers).
  @ predicate wrote{L1, L2}(integer msr, integer v) =
  @   hw_wf{L2} && traced{L1, L2}(MPMU_TR_WRMSR, msr, v);
  @*/

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_fw_writes: hw_fw_writes != 0;
  @ requires REQ_RSVD_index: i < hw_nr_gp;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_ctr);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_H2G_written: hw_gp_ctr[i] == val;
  @ ensures REQ_ORDER_wrote: wrote{Pre, Post}(MPMU_MSR_IA32_A_PMC0 + i, val);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_GP_CTR, i);
  @*/
void mpmu_wr_gp_counter(u32 i, u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_RSVD_index: i < hw_nr_gp;
  @ requires REQ_RSVD: rsvd_free(val, MPMU_HW_SEL_RSVD(i));
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_H2G_written: hw_gp_sel[i] == val;
  @ ensures REQ_ORDER_wrote:
  @   wrote{Pre, Post}(MPMU_MSR_IA32_PERFEVTSEL0 + i, val);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_GP_SEL, i);
  @*/
void mpmu_wr_gp_eventsel(u32 i, u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_RSVD_index: j < hw_nr_fixed;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_fx_ctr);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_H2G_written: hw_fx_ctr[j] == val;
  @ ensures REQ_ORDER_wrote: wrote{Pre, Post}(MPMU_MSR_IA32_FIXED_CTR0 + j,
  @                          val);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_FX_CTR, j);
  @*/
void mpmu_wr_fixed_counter(u32 j, u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_v2: hw_pmu_version >= 2;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_fx_ctrl);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_H2G_written: hw_fx_ctrl == val;
  @ ensures REQ_ORDER_wrote: wrote{Pre, Post}(MPMU_MSR_IA32_FIXED_CTR_CTRL,
  @                          val);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_FX_CTRL, 0);
  @*/
void mpmu_wr_fixed_ctr_ctrl(u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_v2: hw_pmu_version >= 2;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_gctl);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_H2G_written: hw_gctl == val;
  @ ensures REQ_ORDER_wrote:
  @   wrote{Pre, Post}(MPMU_MSR_IA32_PERF_GLOBAL_CTRL, val);
  @ ensures REQ_FRAME_step: hw_step{Pre, Post}(MPMU_RK_GCTL, 0);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 && val == 0 ==>
  @   quiet_frame{Pre, Post}(MPMU_RK_GCTL, 0);
  @*/
void mpmu_wr_global_ctrl(u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_v2: hw_pmu_version >= 2;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_status_reset);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_G2H_cleared: \old(hw_gctl) == 0 ==>
  @                  hw_gstatus == (\old(hw_gstatus) & ~val);
  @ ensures REQ_ORDER_wrote:
  @   wrote{Pre, Post}(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET,
  @                          val);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_STATUS, 0);
  @*/
void mpmu_wr_status_reset(u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_status_set: hw_pmu_version >= 4;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_status_set);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_H2G_set: \old(hw_gctl) == 0 ==>
  @              hw_gstatus == (\old(hw_gstatus) | (val & ~hw_rsvd_gctl));
  @ ensures REQ_ORDER_wrote:
  @   wrote{Pre, Post}(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET,
  @                          val);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_STATUS, 0);
  @*/
void mpmu_wr_status_set(u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_v2: hw_pmu_version >= 2;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_traced: traced{Pre, Post}(MPMU_TR_RDMSR,
  @                           MPMU_MSR_IA32_PERF_GLOBAL_STATUS, \result);
  @ ensures REQ_SAVE_read: status_read(\result);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_rd_global_status(void);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_RSVD_index: i < hw_nr_gp;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_traced: traced{Pre, Post}(MPMU_TR_RDPMC, i, \result);
  @ ensures REQ_SAVE_read: \result == hw_gp_ctr[i];
  @ ensures REQ_CLOSURE_width: (\result & hw_rsvd_ctr) == 0;
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_rdpmc_gp(u32 i);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_RSVD_index: j < hw_nr_fixed;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_traced:
  @   traced{Pre, Post}(MPMU_TR_RDPMC, MPMU_RDPMC_FIXED + j, \result);
  @ ensures REQ_SAVE_read: \result == hw_fx_ctr[j];
  @ ensures REQ_CLOSURE_width: (\result & hw_rsvd_fx_ctr) == 0;
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_rdpmc_fixed(u32 j);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_exists: hw_has_metrics != 0;
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_H2G_written: hw_metrics == val;
  @ ensures REQ_ORDER_wrote: wrote{Pre, Post}(MPMU_MSR_IA32_PERF_METRICS,
  @                          val);
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_METRICS, 0);
  @*/
void mpmu_wr_perf_metrics(u64 val);

/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_FEATURES_exists: hw_has_metrics != 0;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ORDER_traced:
  @   traced{Pre, Post}(MPMU_TR_RDPMC, MPMU_RDPMC_METRICS, \result);
  @ ensures REQ_SAVE_read: \result == hw_metrics;
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_rdpmc_metrics(void);

#endif /* MPMU_HW_OPS_H */
