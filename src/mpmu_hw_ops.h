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

/*@ // With GLOBAL_CTRL zero before and after, nothing counts: every
  @ // register but the written one (wk, wi) keeps its exact value.
  @ predicate quiet_frame{L1, L2}(integer wk, integer wi) =
  @   (\forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @      !(wk == MPMU_RK_GP_CTR && wi == i) ==>
  @      \at(hw_gp_ctr[i], L2) == \at(hw_gp_ctr[i], L1)) &&
  @   (\forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @      !(wk == MPMU_RK_GP_SEL && wi == i) ==>
  @      \at(hw_gp_sel[i], L2) == \at(hw_gp_sel[i], L1)) &&
  @   (\forall integer j; 0 <= j < MPMU_MAX_FIXED ==>
  @      !(wk == MPMU_RK_FX_CTR && wi == j) ==>
  @      \at(hw_fx_ctr[j], L2) == \at(hw_fx_ctr[j], L1)) &&
  @   (wk != MPMU_RK_FX_CTRL ==> \at(hw_fx_ctrl, L2) == \at(hw_fx_ctrl, L1)) &&
  @   (wk != MPMU_RK_STATUS ==> \at(hw_gstatus, L2) == \at(hw_gstatus, L1)) &&
  @   (wk != MPMU_RK_METRICS && !(wk == MPMU_RK_FX_CTR && wi == 3) ==>
  @      \at(hw_metrics, L2) == \at(hw_metrics, L1));
  @*/

/*@ // Common frame of a typed write: hardware stays well formed, one trace
  @ // entry is appended, only register (wk, wi) is written.
  @ predicate wrote{L1, L2}(integer wk, integer wi, integer msr, integer v) =
  @   hw_wf{L2} && traced{L1, L2}(MPMU_TR_WRMSR, msr, v) &&
  @   hw_step{L1, L2}(wk, wi);
  @*/

/*@ requires hw_wf;
  @ requires trace_room: trace_room(1);
  @ requires index: i < hw_nr_gp;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_ctr);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ ensures written: hw_gp_ctr[i] == val;
  @ ensures wrote{Pre, Post}(MPMU_RK_GP_CTR, i, MPMU_MSR_IA32_A_PMC0 + i, val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_GP_CTR, i);
  @*/
void mpmu_wr_gp_counter(u32 i, u64 val);

/*@ requires hw_wf;
  @ requires trace_room: trace_room(1);
  @ requires index: i < hw_nr_gp;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_sel);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ ensures written: hw_gp_sel[i] == val;
  @ ensures wrote{Pre, Post}(MPMU_RK_GP_SEL, i,
  @                          MPMU_MSR_IA32_PERFEVTSEL0 + i, val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_GP_SEL, i);
  @*/
void mpmu_wr_gp_eventsel(u32 i, u64 val);

/*@ requires hw_wf;
  @ requires trace_room: trace_room(1);
  @ requires index: j < hw_nr_fixed;
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_fx_ctr);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ ensures written: hw_fx_ctr[j] == val;
  @ ensures wrote{Pre, Post}(MPMU_RK_FX_CTR, j, MPMU_MSR_IA32_FIXED_CTR0 + j,
  @                          val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_FX_CTR, j);
  @*/
void mpmu_wr_fixed_counter(u32 j, u64 val);

/*@ requires hw_wf;
  @ requires trace_room: trace_room(1);
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_fx_ctrl);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ ensures written: hw_fx_ctrl == val;
  @ ensures wrote{Pre, Post}(MPMU_RK_FX_CTRL, 0, MPMU_MSR_IA32_FIXED_CTR_CTRL,
  @                          val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_FX_CTRL, 0);
  @*/
void mpmu_wr_fixed_ctr_ctrl(u64 val);

/*@ requires hw_wf;
  @ requires trace_room: trace_room(1);
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_gctl);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ ensures written: hw_gctl == val;
  @ ensures wrote{Pre, Post}(MPMU_RK_GCTL, 0, MPMU_MSR_IA32_PERF_GLOBAL_CTRL,
  @                          val);
  @ ensures quiet: \old(hw_gctl) == 0 && val == 0 ==>
  @   quiet_frame{Pre, Post}(MPMU_RK_GCTL, 0);
  @*/
void mpmu_wr_global_ctrl(u64 val);

/*@ requires hw_wf;
  @ requires trace_room: trace_room(1);
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_status_reset);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ ensures cleared: !pmu_active{Pre} ==>
  @                  hw_gstatus == (\old(hw_gstatus) & ~val);
  @ ensures wrote{Pre, Post}(MPMU_RK_STATUS, 0,
  @                          MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET, val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_STATUS, 0);
  @*/
void mpmu_wr_status_reset(u64 val);

/*@ requires hw_wf;
  @ requires trace_room: trace_room(1);
  @ requires REQ_RSVD: rsvd_free(val, hw_rsvd_status_set);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ ensures set: !pmu_active{Pre} ==> hw_gstatus == (\old(hw_gstatus) | val);
  @ ensures wrote{Pre, Post}(MPMU_RK_STATUS, 0,
  @                          MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET, val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_STATUS, 0);
  @*/
void mpmu_wr_status_set(u64 val);

/*@ requires hw_wf;
  @ requires trace_room: trace_room(1);
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ ensures hw_wf;
  @ ensures hw_step{Pre, Post}(MPMU_RK_NONE, 0);
  @ ensures traced{Pre, Post}(MPMU_TR_RDMSR,
  @                           MPMU_MSR_IA32_PERF_GLOBAL_STATUS, \result);
  @ ensures read: \result == hw_gstatus;
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_rd_global_status(void);

/*@ requires hw_wf;
  @ requires trace_room: trace_room(1);
  @ requires index: i < hw_nr_gp;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ ensures hw_wf;
  @ ensures hw_step{Pre, Post}(MPMU_RK_NONE, 0);
  @ ensures traced{Pre, Post}(MPMU_TR_RDPMC, i, \result);
  @ ensures read: \result == hw_gp_ctr[i];
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_rdpmc_gp(u32 i);

/*@ requires hw_wf;
  @ requires trace_room: trace_room(1);
  @ requires index: j < hw_nr_fixed;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ ensures hw_wf;
  @ ensures hw_step{Pre, Post}(MPMU_RK_NONE, 0);
  @ ensures traced{Pre, Post}(MPMU_TR_RDPMC, MPMU_RDPMC_FIXED + j, \result);
  @ ensures read: \result == hw_fx_ctr[j];
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_rdpmc_fixed(u32 j);

/*@ requires hw_wf;
  @ requires trace_room: trace_room(1);
  @ requires exists: hw_has_metrics != 0;
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ ensures written: hw_metrics == val;
  @ ensures wrote{Pre, Post}(MPMU_RK_METRICS, 0, MPMU_MSR_IA32_PERF_METRICS,
  @                          val);
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_METRICS, 0);
  @*/
void mpmu_wr_perf_metrics(u64 val);

/*@ requires hw_wf;
  @ requires trace_room: trace_room(1);
  @ requires exists: hw_has_metrics != 0;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ ensures hw_wf;
  @ ensures hw_step{Pre, Post}(MPMU_RK_NONE, 0);
  @ ensures traced{Pre, Post}(MPMU_TR_RDPMC, MPMU_RDPMC_METRICS, \result);
  @ ensures read: \result == hw_metrics;
  @ ensures quiet: \old(hw_gctl) == 0 ==>
  @   hw_gctl == 0 && quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @*/
u64 mpmu_rdpmc_metrics(void);

#endif /* MPMU_HW_OPS_H */
