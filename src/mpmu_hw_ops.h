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

/*@ requires hw_wf && is_intel;
  @ requires pmi_masked: hw_pmi_masked != 0;
  @ requires trace_room: trace_room(1);
  @ requires REQ_FEATURES_fw_writes: hw_fw_writes != 0;
  @ requires index: i < hw_nr_gp;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_ctr);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures written: hw_gp_ctr[i] == val;
  @ ensures wrote{Pre, Post}(MPMU_MSR_IA32_A_PMC0 + i, val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_GP_CTR, i);
  @*/
void mpmu_wr_gp_counter(u32 i, u64 val);

/*@ requires hw_wf && is_intel;
  @ requires pmi_masked: hw_pmi_masked != 0;
  @ requires trace_room: trace_room(1);
  @ requires index: i < hw_nr_gp;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_sel);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures written: hw_gp_sel[i] == val;
  @ ensures wrote{Pre, Post}(MPMU_MSR_IA32_PERFEVTSEL0 + i, val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_GP_SEL, i);
  @*/
void mpmu_wr_gp_eventsel(u32 i, u64 val);

/*@ requires hw_wf && is_intel;
  @ requires pmi_masked: hw_pmi_masked != 0;
  @ requires trace_room: trace_room(1);
  @ requires index: j < hw_nr_fixed;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_fx_ctr);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures written: hw_fx_ctr[j] == val;
  @ ensures wrote{Pre, Post}(MPMU_MSR_IA32_FIXED_CTR0 + j,
  @                          val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_FX_CTR, j);
  @*/
void mpmu_wr_fixed_counter(u32 j, u64 val);

/*@ requires hw_wf && is_intel;
  @ requires pmi_masked: hw_pmi_masked != 0;
  @ requires trace_room: trace_room(1);
  @ requires REQ_FEATURES_v2: hw_pmu_version >= 2;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_fx_ctrl);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures written: hw_fx_ctrl == val;
  @ ensures wrote{Pre, Post}(MPMU_MSR_IA32_FIXED_CTR_CTRL,
  @                          val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_FX_CTRL, 0);
  @*/
void mpmu_wr_fixed_ctr_ctrl(u64 val);

/*@ requires hw_wf && is_intel;
  @ requires pmi_masked: hw_pmi_masked != 0;
  @ requires trace_room: trace_room(1);
  @ requires REQ_FEATURES_v2: hw_pmu_version >= 2;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_gctl);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures written: hw_gctl == val;
  @ ensures wrote{Pre, Post}(MPMU_MSR_IA32_PERF_GLOBAL_CTRL, val);
  @ ensures hw_step{Pre, Post}(MPMU_RK_GCTL, 0);
  @ ensures quiet: \old(hw_gctl) == 0 && val == 0 ==>
  @   quiet_frame{Pre, Post}(MPMU_RK_GCTL, 0);
  @*/
void mpmu_wr_global_ctrl(u64 val);

/*@ requires hw_wf && is_intel;
  @ requires pmi_masked: hw_pmi_masked != 0;
  @ requires trace_room: trace_room(1);
  @ requires REQ_FEATURES_v2: hw_pmu_version >= 2;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_status_reset);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures cleared: \old(hw_gctl) == 0 ==>
  @                  hw_gstatus == (\old(hw_gstatus) & ~val);
  @ ensures wrote{Pre, Post}(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET,
  @                          val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_STATUS, 0);
  @*/
void mpmu_wr_status_reset(u64 val);

/*@ requires hw_wf && is_intel;
  @ requires pmi_masked: hw_pmi_masked != 0;
  @ requires trace_room: trace_room(1);
  @ requires REQ_FEATURES_status_set: hw_pmu_version >= 4;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_status_set);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures set: \old(hw_gctl) == 0 ==>
  @              hw_gstatus == (\old(hw_gstatus) | (val & ~hw_rsvd_gctl));
  @ ensures wrote{Pre, Post}(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET,
  @                          val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_STATUS, 0);
  @*/
void mpmu_wr_status_set(u64 val);

/*@ requires hw_wf && is_intel;
  @ requires pmi_masked: hw_pmi_masked != 0;
  @ requires trace_room: trace_room(1);
  @ requires REQ_FEATURES_v2: hw_pmu_version >= 2;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures traced{Pre, Post}(MPMU_TR_RDMSR,
  @                           MPMU_MSR_IA32_PERF_GLOBAL_STATUS, \result);
  @ ensures read: status_read(\result);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_rd_global_status(void);

/*@ requires hw_wf;
  @ requires pmi_masked: hw_pmi_masked != 0;
  @ requires trace_room: trace_room(1);
  @ requires index: i < hw_nr_gp;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures traced{Pre, Post}(MPMU_TR_RDPMC, i, \result);
  @ ensures read: \result == hw_gp_ctr[i];
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_rdpmc_gp(u32 i);

/*@ requires hw_wf && is_intel;
  @ requires pmi_masked: hw_pmi_masked != 0;
  @ requires trace_room: trace_room(1);
  @ requires index: j < hw_nr_fixed;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures traced{Pre, Post}(MPMU_TR_RDPMC, MPMU_RDPMC_FIXED + j, \result);
  @ ensures read: \result == hw_fx_ctr[j];
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_rdpmc_fixed(u32 j);

/*@ requires hw_wf && is_intel;
  @ requires pmi_masked: hw_pmi_masked != 0;
  @ requires trace_room: trace_room(1);
  @ requires exists: hw_has_metrics != 0;
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures written: hw_metrics == val;
  @ ensures wrote{Pre, Post}(MPMU_MSR_IA32_PERF_METRICS,
  @                          val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_METRICS, 0);
  @*/
void mpmu_wr_perf_metrics(u64 val);

/*@ requires hw_wf && is_intel;
  @ requires pmi_masked: hw_pmi_masked != 0;
  @ requires trace_room: trace_room(1);
  @ requires exists: hw_has_metrics != 0;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures traced{Pre, Post}(MPMU_TR_RDPMC, MPMU_RDPMC_METRICS, \result);
  @ ensures read: \result == hw_metrics;
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_rdpmc_metrics(void);

#endif /* MPMU_HW_OPS_H */
