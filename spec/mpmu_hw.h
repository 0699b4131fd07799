/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hardware model: one logical CPU's PMU as ghost state, the ghost trace
 * of hardware operations, and the contracts of the accessors the core calls.
 *
 * This file is the trusted base of the proofs. Every accessor contract
 * below is assumed, not proved; each cites the SDM/APM or kernel source it
 * encodes and the requirement (spec/requirements.md) it serves. The kernel
 * glue (kernel-glue/mpmu_glue.c) and the simulator (tests/sim) implement
 * these prototypes; the simulator cross-checks the contracts at run time.
 *
 * Ghost state lives in ACSL comments only: gcc and Kbuild see the plain
 * prototypes.
 *
 * Every trusted function here and in mpmu_vmx_model.h/mpmu_vmx_trans.h
 * says `exits \false`: it returns to its caller (the kernel primitives
 * behind them never end the program; a faulting WRMSR is fixed up and
 * returns). Without it WP keeps an "exits" path after each call, and its
 * dead-call smoke test, which asks whether some path leaves the call,
 * passes even when the returning postcondition or the assigns frame is
 * contradictory (measured: a WRMSR contract without tr_len in its assigns,
 * and a behavior ensuring hw_nr_gp > MPMU_MAX_GP, passed before and fail
 * with it).
 */
#ifndef MPMU_HW_H
#define MPMU_HW_H

#include "mpmu_types.h"
#include "mpmu_defs.h"

/* Length of the ghost trace and the room one load or put needs. */
#define MPMU_TRACE_MAX			4096
#define MPMU_TRACE_SWITCH_OPS		128

/* ACSL location sets: every PMU register, the next trace entry, the rest. */
#define MPMU_HW_REGS hw_gp_ctr[0 .. MPMU_MAX_GP - 1], \
	hw_gp_sel[0 .. MPMU_MAX_GP - 1], hw_fx_ctr[0 .. MPMU_MAX_FIXED - 1], \
	hw_fx_ctrl, hw_gctl, hw_gstatus, hw_metrics
#define MPMU_HW_COUNTING hw_gp_ctr[0 .. MPMU_MAX_GP - 1], \
	hw_fx_ctr[0 .. MPMU_MAX_FIXED - 1], hw_gstatus, hw_metrics
#define MPMU_TRACE_NEXT tr_kind[tr_len], tr_reg[tr_len], tr_val[tr_len], \
	tr_gctl[tr_len], tr_len
/*
 * A public entry point of the core opens a window of its own: it resets
 * the ghost trace (tr_len := 0, a ghost statement) and states its order
 * and frame claims on [0, tr_len). So no public contract requires room
 * left in the trace: a long-running vCPU never runs out of it.
 */
#define MPMU_TRACE_ALL tr_kind[0 .. MPMU_TRACE_MAX - 1], \
	tr_reg[0 .. MPMU_TRACE_MAX - 1], tr_val[0 .. MPMU_TRACE_MAX - 1], \
	tr_gctl[0 .. MPMU_TRACE_MAX - 1], tr_len
#define MPMU_TRACE_REST tr_kind[tr_len .. MPMU_TRACE_MAX - 1], \
	tr_reg[tr_len .. MPMU_TRACE_MAX - 1], \
	tr_val[tr_len .. MPMU_TRACE_MAX - 1], \
	tr_gctl[tr_len .. MPMU_TRACE_MAX - 1], tr_len

/* Trace entry kinds. */
#define MPMU_TR_RDMSR			1
#define MPMU_TR_WRMSR			2
#define MPMU_TR_RDPMC			3
#define MPMU_TR_VMREAD			4
#define MPMU_TR_VMWRITE			5

/* Register kinds for hw_step(): which register an operation writes. */
#define MPMU_RK_NONE			0
#define MPMU_RK_GP_CTR			1
#define MPMU_RK_GP_SEL			2
#define MPMU_RK_FX_CTR			3
#define MPMU_RK_FX_CTRL			4
#define MPMU_RK_GCTL			5
#define MPMU_RK_STATUS			6
#define MPMU_RK_METRICS			7

/*
 * Register banks of one logical CPU, indexed like the context arrays.
 * hw_gstatus holds the counter bits of GLOBAL_STATUS (PerfCntrGlobalStatus
 * on AMD) only: the overflow bit of each counter the host has, at the
 * position of its GLOBAL_CTRL enable (the bits hw_rsvd_gctl leaves free).
 * Only counting and RESET/SET writes change them. The other bits (55
 * ToPA PMI, 58 LBR frozen, 59 counters frozen, 60 ASCI, 61 uncore, 62 DS
 * buffer, 63 CondChgd, ...; AMD 58/59) belong to no counter: hardware may
 * set them at any time, so they are no ghost state and an RDMSR of the
 * register returns them unconstrained (status_read). SDM Vol. 4 table 2-2
 * (0x38E), Vol. 3B 20.2.4; facts 1.5, 5.
 */
/*@ ghost extern u64 hw_gp_ctr[MPMU_MAX_GP];
  @       extern u64 hw_gp_sel[MPMU_MAX_GP];
  @       extern u64 hw_fx_ctr[MPMU_MAX_FIXED];
  @       extern u64 hw_fx_ctrl;
  @       extern u64 hw_gctl;
  @       extern u64 hw_gstatus;
  @       extern u64 hw_metrics;
  @*/
/*
 * Constants of the host PMU (CPUID.0AH, PERF_CAPABILITIES; AMD CPUID
 * 0x80000022). Features are ghost facts of the host, not assumptions:
 * hw_pmu_version is the architectural PMU version (CPUID.0AH:EAX[7:0];
 * AMD: 2 with PerfMonV2), hw_fw_writes PERF_CAPABILITIES[13] (full-width
 * counter writes through IA32_A_PMCx, 0x4C1+), hw_has_metrics
 * PERF_CAPABILITIES[15]. Every accessor of a feature-gated MSR requires
 * its feature (wrmsr_present).
 */
/*@ ghost extern u32 hw_vendor;
  @       extern u32 hw_nr_gp;
  @       extern u32 hw_nr_fixed;
  @       extern u32 hw_has_metrics;
  @       extern u32 hw_pmu_version;
  @       extern u32 hw_fw_writes;
  @*/
/*
 * PMIs (SDM Vol. 3B 20.2.1, the INT bit; Vol. 3A, the local APIC LVT
 * performance counter register; kernel arch/x86/events/core.c,
 * perf_load_guest_lvtpc): the switch runs with IRQs off, but a PMU
 * interrupt is an NMI while the host's LVTPC is loaded, and host perf's
 * NMI handler (intel_pmu_handle_irq, amd_pmu_v2_handle_irq) writes
 * GLOBAL_CTRL (disables, then re-enables it with the host's events),
 * acknowledges GLOBAL_STATUS through RESET and rewrites its events'
 * counters, between any two operations of the switch. hw_pmi_masked is
 * set while the guest's LVTPC is loaded (perf_load_guest_lvtpc ..
 * perf_put_guest_lvtpc): a PMU interrupt is then the mediated vector, a
 * maskable IRQ held while IRQs are off, and perf's NMI handler returns
 * at once for any NMI (guest_lvtpc_loaded), so no handler writes a PMU
 * MSR. Every accessor contract holds only with it (requires pmi_masked):
 * the switch's callers must load the guest's LVTPC before load and
 * restore it after put (A_pmi_masked). GLOBAL_CTRL := 0 as load's first
 * write keeps new PMIs from being raised in the window: nothing counts.
 */
/*@ ghost extern u32 hw_pmi_masked;
  @*/
/*
 * Reserved bits of each writable MSR on this host (#GP if set). For the
 * counters they are the bits at and above the host's counter width
 * (CPUID.0AH:EAX[23:16], EDX[12:5]; AMD: 48), SDM Vol. 3B 20.2.2, facts
 * 1.7. IA32_PERFEVTSEL2 has a mask of its own: IN_TX_CHECKPOINTED (bit
 * 33) is valid on GP counter 2 only (SDM Vol. 3B 20.3.6.5; facts 1.2;
 * KVM intel_pmu_set_msr). AMD has no such bit (hw_rsvd_sel2 is then
 * hw_rsvd_sel). REQ-RSVD.
 */
/*@ ghost extern u64 hw_rsvd_ctr;
  @       extern u64 hw_rsvd_fx_ctr;
  @       extern u64 hw_rsvd_sel;
  @       extern u64 hw_rsvd_sel2;
  @       extern u64 hw_rsvd_fx_ctrl;
  @       extern u64 hw_rsvd_gctl;
  @       extern u64 hw_rsvd_status_reset;
  @       extern u64 hw_rsvd_status_set;
  @*/
/* Reserved bits of GP selector i (PERFEVTSEL i; AMD PERF_CTL i). */
#define MPMU_HW_SEL_RSVD(i) ((i) == 2 ? hw_rsvd_sel2 : hw_rsvd_sel)

/* The trace: one entry per hardware operation, in program order. */
/*@ ghost extern u32 tr_kind[MPMU_TRACE_MAX];
  @       extern u32 tr_reg[MPMU_TRACE_MAX];
  @       extern u64 tr_val[MPMU_TRACE_MAX];
  @       extern u64 tr_gctl[MPMU_TRACE_MAX];
  @       extern u32 tr_len;
  @*/

/*@ // Bit k of v. Register equalities that come out of bitwise
  @ // computations are stated bit by bit (proofs/README.md, "bitwise").
  @ predicate bit(integer v, integer k) = (v & (1 << k)) != 0;
  @
  @ predicate no_bits(integer v) =
  @   \forall integer k; 0 <= k < 64 ==> !bit(v, k);
  @
  @ // v sets no bit of the reserved mask r.
  @ predicate rsvd_free(integer v, integer r) =
  @   \forall integer k; 0 <= k < 64 ==> !(bit(v, k) && bit(r, k));
  @
  @ // Every bit reserved in h is reserved in g too.
  @ predicate covers(integer g, integer h) =
  @   \forall integer k; 0 <= k < 64 ==> bit(h, k) ==> bit(g, k);
  @
  @ predicate disjoint_bits(integer a, integer b) =
  @   \forall integer k; 0 <= k < 64 ==> !(bit(a, k) && bit(b, k));
  @
  @ lemma bit_nonzero: \forall integer v, k; bit(v, k) ==> v != 0;
  @*/

/*@ // Counting (SDM 20.2.2, 20.2.4): GP counter i counts iff GLOBAL_CTRL
  @ // bit i and its selector's EN bit are set; fixed counter j iff
  @ // GLOBAL_CTRL bit 32+j and its FIXED_CTR_CTRL enable field is non-zero.
  @ // A counting counter may hold any value after any operation (havoc).
  @ // AMD (APM Vol. 2 13.2.1.1; KVM svm/pmu.c): with EFER.SVME set, a
  @ // selector with GuestOnly (bit 40) and not HostOnly (bit 41) counts in
  @ // guest mode only; the core runs in host mode.
  @ predicate guest_only(integer sel) = bit(sel, 40) && !bit(sel, 41);
  @
  @ predicate gp_counting{L}(integer i) =
  @   \at(hw_gctl, L) != 0 && bit(\at(hw_gctl, L), i) &&
  @   bit(\at(hw_gp_sel[i], L), 22) &&
  @   !(hw_vendor == MPMU_VENDOR_AMD && guest_only(\at(hw_gp_sel[i], L)));
  @
  @ predicate fx_counting{L}(integer j) =
  @   \at(hw_gctl, L) != 0 && bit(\at(hw_gctl, L), 32 + j) &&
  @   (bit(\at(hw_fx_ctrl, L), 4 * j) || bit(\at(hw_fx_ctrl, L), 4 * j + 1));
  @
  @ predicate pmu_active{L} =
  @   (\exists integer i; 0 <= i < MPMU_MAX_GP && gp_counting{L}(i)) ||
  @   (\exists integer j; 0 <= j < MPMU_MAX_FIXED && fx_counting{L}(j));
  @
  @ predicate hw_wf{L} =
  @   hw_nr_gp <= MPMU_MAX_GP && hw_nr_fixed <= MPMU_MAX_FIXED &&
  @   rsvd_free(\at(hw_gstatus, L), hw_rsvd_gctl) &&
  @   rsvd_free(\at(hw_gctl, L), hw_rsvd_gctl) &&
  @   // AMD has no fixed counters: the ghost control register stays 0.
  @   (hw_vendor == MPMU_VENDOR_AMD ==> \at(hw_fx_ctrl, L) == 0);
  @
  @ // v is what an RDMSR of GLOBAL_STATUS can return: its counter bits
  @ // are hw_gstatus's, any other bit is whatever hardware set there (each
  @ // one a bit RESET can clear).
  @ predicate status_read{L}(integer v) =
  @   rsvd_free(v, hw_rsvd_status_reset) &&
  @   \forall integer k; 0 <= k < 64 ==> !bit(hw_rsvd_gctl, k) ==>
  @     (bit(v, k) <==> bit(\at(hw_gstatus, L), k));
  @
  @ predicate trace_room{L}(integer n) =
  @   \at(tr_len, L) + n <= MPMU_TRACE_MAX;
  @
  @ // Bit k of GLOBAL_CTRL enables a counter this host has: GP counter k,
  @ // fixed counter k - 32, or PERF_METRICS (bit 48); AMD PerfCntrGlobalCtl
  @ // bit i enables core counter i (SDM 20.2.4, facts 1.4; APM 13.2.2).
  @ predicate hw_ctr_bit(integer k) =
  @   (0 <= k < hw_nr_gp) ||
  @   (MPMU_GLOBAL_FIXED_SHIFT <= k < MPMU_GLOBAL_FIXED_SHIFT + hw_nr_fixed) ||
  @   (k == MPMU_GLOBAL_PERF_METRICS_BIT && hw_has_metrics != 0);
  @
  @ // The host's PMU as CPUID enumerates it: GLOBAL_CTRL accepts the
  @ // enable bit of every counter the host has and no other (setting
  @ // another #GPs, SDM 20.2.4); PERF_METRICS comes with fixed counter 3
  @ // (SDM 20.3.9.3); AMD has no fixed counters. REQ-H2G-GCTL.
  @ predicate hw_pmu_wf =
  @   (\forall integer k; 0 <= k < 64 ==>
  @      (!bit(hw_rsvd_gctl, k) <==> hw_ctr_bit(k))) &&
  @   (hw_has_metrics != 0 ==>
  @      hw_vendor == MPMU_VENDOR_INTEL && hw_nr_fixed > 3) &&
  @   (hw_vendor == MPMU_VENDOR_AMD ==> hw_nr_fixed == 0);
  @*/

/*@ // One hardware operation between L1 and L2 that writes register (wk,wi)
  @ // at most: everything else keeps its value, except counters that count
  @ // and the status/metrics they may update.
  @ predicate gp_ctr_kept{L1, L2}(integer i) =
  @   gp_counting{L1}(i) || gp_counting{L2}(i) ||
  @   \at(hw_gp_ctr[i], L2) == \at(hw_gp_ctr[i], L1);
  @
  @ predicate fx_ctr_kept{L1, L2}(integer j) =
  @   fx_counting{L1}(j) || fx_counting{L2}(j) ||
  @   \at(hw_fx_ctr[j], L2) == \at(hw_fx_ctr[j], L1);
  @
  @ predicate hw_step{L1, L2}(integer wk, integer wi) =
  @   (\forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @      !(wk == MPMU_RK_GP_CTR && wi == i) ==> gp_ctr_kept{L1, L2}(i)) &&
  @   (\forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @      !(wk == MPMU_RK_GP_SEL && wi == i) ==>
  @      \at(hw_gp_sel[i], L2) == \at(hw_gp_sel[i], L1)) &&
  @   (\forall integer j; 0 <= j < MPMU_MAX_FIXED ==>
  @      !(wk == MPMU_RK_FX_CTR && wi == j) ==> fx_ctr_kept{L1, L2}(j)) &&
  @   (wk != MPMU_RK_FX_CTRL ==> \at(hw_fx_ctrl, L2) == \at(hw_fx_ctrl, L1)) &&
  @   (wk != MPMU_RK_GCTL ==> \at(hw_gctl, L2) == \at(hw_gctl, L1)) &&
  @   (wk != MPMU_RK_STATUS ==> pmu_active{L1} || pmu_active{L2} ||
  @      \at(hw_gstatus, L2) == \at(hw_gstatus, L1)) &&
  @   (wk != MPMU_RK_METRICS && !(wk == MPMU_RK_FX_CTR && wi == 3) ==>
  @      pmu_active{L1} || pmu_active{L2} ||
  @      \at(hw_metrics, L2) == \at(hw_metrics, L1));
  @
  @ // The operation appended exactly one trace entry.
  @ predicate traced{L1, L2}(integer kind, integer reg, integer val) =
  @   \at(tr_len, L2) == \at(tr_len, L1) + 1 &&
  @   \at(tr_kind[\at(tr_len, L1)], L2) == kind &&
  @   \at(tr_reg[\at(tr_len, L1)], L2) == reg &&
  @   \at(tr_val[\at(tr_len, L1)], L2) == val &&
  @   \at(tr_gctl[\at(tr_len, L1)], L2) == \at(hw_gctl, L1);
  @*/

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

/*@ // MSR decode (SDM Vol. 4 table 2-2). Only the full-width counter
  @ // aliases are in the model: the core never writes 0xC1+i.
  @ predicate is_intel = hw_vendor == MPMU_VENDOR_INTEL;
  @ predicate is_amd = hw_vendor == MPMU_VENDOR_AMD;
  @ predicate is_gp_ctr_msr(integer m) = is_intel &&
  @   MPMU_MSR_IA32_A_PMC0 <= m < MPMU_MSR_IA32_A_PMC0 + hw_nr_gp;
  @ predicate is_gp_sel_msr(integer m) = is_intel &&
  @   MPMU_MSR_IA32_PERFEVTSEL0 <= m < MPMU_MSR_IA32_PERFEVTSEL0 + hw_nr_gp;
  @ predicate is_fx_ctr_msr(integer m) = is_intel &&
  @   MPMU_MSR_IA32_FIXED_CTR0 <= m < MPMU_MSR_IA32_FIXED_CTR0 + hw_nr_fixed;
  @
  @ // AMD PerfMonV2 core counters: PERF_CTL i = 0xC0010200 + 2i and
  @ // PERF_CTR i = 0xC0010201 + 2i (AMD PPR; msr-index.h MSR_F15H_PERF_*).
  @ predicate is_amd_ctl_msr(integer m) = is_amd &&
  @   MPMU_MSR_AMD_PERF_CTL0 <= m < MPMU_MSR_AMD_PERF_CTL0 + 2 * hw_nr_gp &&
  @   (m - MPMU_MSR_AMD_PERF_CTL0) % 2 == 0;
  @ predicate is_amd_ctr_msr(integer m) = is_amd &&
  @   MPMU_MSR_AMD_PERF_CTR0 <= m < MPMU_MSR_AMD_PERF_CTR0 + 2 * hw_nr_gp &&
  @   (m - MPMU_MSR_AMD_PERF_CTR0) % 2 == 0;
  @
  @ // Writable model MSRs. GLOBAL_STATUS (0x38E) is read-only: a WRMSR
  @ // to it #GPs (SDM Vol. 4 table 2-2), so it is not in the list.
  @ predicate wrmsr_writable(integer m) =
  @   is_gp_ctr_msr(m) || is_gp_sel_msr(m) || is_fx_ctr_msr(m) ||
  @   (is_intel && (m == MPMU_MSR_IA32_FIXED_CTR_CTRL ||
  @     m == MPMU_MSR_IA32_PERF_GLOBAL_CTRL ||
  @     m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET ||
  @     m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET ||
  @     (m == MPMU_MSR_IA32_PERF_METRICS && hw_has_metrics != 0))) ||
  @   is_amd_ctl_msr(m) || is_amd_ctr_msr(m) ||
  @   (is_amd && (m == MPMU_MSR_AMD_GLOBAL_CTL ||
  @     m == MPMU_MSR_AMD_GLOBAL_STATUS_CLR ||
  @     m == MPMU_MSR_AMD_GLOBAL_STATUS_SET));
  @
  @ // The MSR exists on this host (facts 1.1, 2, 5): the full-width
  @ // counter aliases need PERF_CAPABILITIES[13]; FIXED_CTR_CTRL and the
  @ // GLOBAL_* MSRs PMU version 2, STATUS_SET version 4 (SDM 20.2.4); AMD's
  @ // PerfCntrGlobal* MSRs and PerfCtrExtCore counters PerfMonV2. A WRMSR
  @ // to an absent MSR #GPs, which the kernel fixes up and skips silently:
  @ // the register is then not written (an unscrubbed register).
  @ predicate wrmsr_present(integer m) =
  @   (is_gp_ctr_msr(m) ==> hw_fw_writes != 0) &&
  @   (is_intel && (m == MPMU_MSR_IA32_FIXED_CTR_CTRL ||
  @      m == MPMU_MSR_IA32_PERF_GLOBAL_CTRL ||
  @      m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET) ==>
  @      hw_pmu_version >= 2) &&
  @   (is_intel && m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET ==>
  @      hw_pmu_version >= 4) &&
  @   (is_amd_ctl_msr(m) || is_amd_ctr_msr(m) ||
  @    (is_amd && (m == MPMU_MSR_AMD_GLOBAL_CTL ||
  @      m == MPMU_MSR_AMD_GLOBAL_STATUS_CLR ||
  @      m == MPMU_MSR_AMD_GLOBAL_STATUS_SET)) ==> hw_pmu_version >= 2);
  @
  @ // The host the switch runs on, what a successful mpmu_vmx_configure
  @ // or mpmu_amd_configure establishes: Intel PMU version 4 (STATUS_SET)
  @ // with full-width writes, or AMD PerfMonV2, enumerated consistently
  @ // (hw_pmu_wf). Load and put require it. REQ-FEATURES.
  @ predicate intel_features =
  @   is_intel && hw_pmu_version >= 4 && hw_fw_writes != 0;
  @ predicate amd_features = is_amd && hw_pmu_version >= 2;
  @ predicate pmu_configured = (intel_features || amd_features) && hw_pmu_wf;
  @
  @ // No reserved bit reaches the MSR (a reserved bit #GPs on Intel).
  @ predicate wrmsr_rsvd_free(integer m, integer v) =
  @   (is_gp_ctr_msr(m) ==> rsvd_free(v, hw_rsvd_ctr)) &&
  @   (is_gp_sel_msr(m) ==>
  @      rsvd_free(v, MPMU_HW_SEL_RSVD(m - MPMU_MSR_IA32_PERFEVTSEL0))) &&
  @   (is_fx_ctr_msr(m) ==> rsvd_free(v, hw_rsvd_fx_ctr)) &&
  @   (m == MPMU_MSR_IA32_FIXED_CTR_CTRL ==> rsvd_free(v, hw_rsvd_fx_ctrl)) &&
  @   (m == MPMU_MSR_IA32_PERF_GLOBAL_CTRL ==> rsvd_free(v, hw_rsvd_gctl)) &&
  @   (m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET ==>
  @      rsvd_free(v, hw_rsvd_status_reset)) &&
  @   (m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET ==>
  @      rsvd_free(v, hw_rsvd_status_set)) &&
  @   // AMD ignores reserved bits, but the core never writes them either.
  @   (is_amd_ctr_msr(m) ==> rsvd_free(v, hw_rsvd_ctr)) &&
  @   (is_amd_ctl_msr(m) ==>
  @      rsvd_free(v, MPMU_HW_SEL_RSVD((m - MPMU_MSR_AMD_PERF_CTL0) / 2))) &&
  @   (m == MPMU_MSR_AMD_GLOBAL_CTL ==> rsvd_free(v, hw_rsvd_gctl)) &&
  @   (m == MPMU_MSR_AMD_GLOBAL_STATUS_CLR ==>
  @      rsvd_free(v, hw_rsvd_status_reset)) &&
  @   (m == MPMU_MSR_AMD_GLOBAL_STATUS_SET ==>
  @      rsvd_free(v, hw_rsvd_status_set));
  @*/

/*
 * WRMSR (SDM Vol. 2B WRMSR; Vol. 3B 20.2). Trusted. REQ-RSVD, REQ-ORDER,
 * REQ-FEATURES.
 * RESET clears the bits written as 1 and SET sets them (SDM 20.2.4,
 * "IA32_PERF_GLOBAL_STATUS_RESET/SET"; of hw_gstatus, the counter
 * bits); a fixed counter 3 write leaves PERF_METRICS unspecified
 * (SDM 20.3.9.3: write fixed counter 3 first).
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_RSVD_writable: wrmsr_writable(msr);
  @ requires REQ_FEATURES_present: wrmsr_present(msr);
  @ requires REQ_RSVD_reserved_bits: wrmsr_rsvd_free(msr, val);
  @ assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures traced{Pre, Post}(MPMU_TR_WRMSR, msr, val);
  @ behavior gp_counter:
  @   assumes is_gp_ctr_msr(msr);
  @   ensures hw_gp_ctr[msr - MPMU_MSR_IA32_A_PMC0] == val;
  @   ensures hw_step{Pre, Post}(MPMU_RK_GP_CTR, msr - MPMU_MSR_IA32_A_PMC0);
  @ behavior gp_eventsel:
  @   assumes is_gp_sel_msr(msr);
  @   ensures hw_gp_sel[msr - MPMU_MSR_IA32_PERFEVTSEL0] == val;
  @   ensures hw_step{Pre, Post}(MPMU_RK_GP_SEL,
  @                              msr - MPMU_MSR_IA32_PERFEVTSEL0);
  @ behavior fixed_counter:
  @   assumes is_fx_ctr_msr(msr);
  @   ensures hw_fx_ctr[msr - MPMU_MSR_IA32_FIXED_CTR0] == val;
  @   ensures hw_step{Pre, Post}(MPMU_RK_FX_CTR,
  @                              msr - MPMU_MSR_IA32_FIXED_CTR0);
  @ behavior fixed_ctr_ctrl:
  @   assumes is_intel && msr == MPMU_MSR_IA32_FIXED_CTR_CTRL;
  @   ensures hw_fx_ctrl == val;
  @   ensures hw_step{Pre, Post}(MPMU_RK_FX_CTRL, 0);
  @ behavior global_ctrl:
  @   assumes is_intel && msr == MPMU_MSR_IA32_PERF_GLOBAL_CTRL;
  @   ensures hw_gctl == val;
  @   ensures hw_step{Pre, Post}(MPMU_RK_GCTL, 0);
  @ behavior status_reset:
  @   assumes is_intel && msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET;
  @   ensures !pmu_active{Pre} ==> hw_gstatus == (\old(hw_gstatus) & ~val);
  @   ensures hw_step{Pre, Post}(MPMU_RK_STATUS, 0);
  @ behavior status_set:
  @   assumes is_intel && msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET;
  @   ensures !pmu_active{Pre} ==>
  @     hw_gstatus == (\old(hw_gstatus) | (val & ~hw_rsvd_gctl));
  @   ensures hw_step{Pre, Post}(MPMU_RK_STATUS, 0);
  @ behavior perf_metrics:
  @   assumes is_intel && msr == MPMU_MSR_IA32_PERF_METRICS;
  @   ensures hw_metrics == val;
  @   ensures hw_step{Pre, Post}(MPMU_RK_METRICS, 0);
  @ behavior amd_counter:
  @   assumes is_amd_ctr_msr(msr);
  @   ensures hw_gp_ctr[(msr - MPMU_MSR_AMD_PERF_CTR0) / 2] == val;
  @   ensures hw_step{Pre, Post}(MPMU_RK_GP_CTR,
  @                              (msr - MPMU_MSR_AMD_PERF_CTR0) / 2);
  @ behavior amd_eventsel:
  @   assumes is_amd_ctl_msr(msr);
  @   ensures hw_gp_sel[(msr - MPMU_MSR_AMD_PERF_CTL0) / 2] == val;
  @   ensures hw_step{Pre, Post}(MPMU_RK_GP_SEL,
  @                              (msr - MPMU_MSR_AMD_PERF_CTL0) / 2);
  @ behavior amd_global_ctl:
  @   assumes is_amd && msr == MPMU_MSR_AMD_GLOBAL_CTL;
  @   ensures hw_gctl == val;
  @   ensures hw_step{Pre, Post}(MPMU_RK_GCTL, 0);
  @ behavior amd_status_clr:
  @   assumes is_amd && msr == MPMU_MSR_AMD_GLOBAL_STATUS_CLR;
  @   ensures !pmu_active{Pre} ==> hw_gstatus == (\old(hw_gstatus) & ~val);
  @   ensures hw_step{Pre, Post}(MPMU_RK_STATUS, 0);
  @ behavior amd_status_set:
  @   assumes is_amd && msr == MPMU_MSR_AMD_GLOBAL_STATUS_SET;
  @   ensures !pmu_active{Pre} ==>
  @     hw_gstatus == (\old(hw_gstatus) | (val & ~hw_rsvd_gctl));
  @   ensures hw_step{Pre, Post}(MPMU_RK_STATUS, 0);
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
void mpmu_hw_wrmsr(u32 msr, u64 val);

/*
 * RDMSR (SDM Vol. 2B RDMSR; AMD APM Vol. 3 RDMSR). Trusted. The core reads
 * GLOBAL_STATUS and, on AMD after #VMEXIT, PerfCntrGlobalCtl (which SVM
 * does not switch) only:
 * counters are read with RDPMC and selectors/FIXED_CTR_CTRL are always
 * intercepted, so the context copy is authoritative. GLOBAL_STATUS
 * exists from PMU version 2 on, AMD's from PerfMonV2. REQ-SAVE,
 * REQ-FEATURES.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_RSVD_readable:
  @   (is_intel && msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS) ||
  @   (is_amd && (msr == MPMU_MSR_AMD_GLOBAL_STATUS ||
  @               msr == MPMU_MSR_AMD_GLOBAL_CTL));
  @ requires REQ_FEATURES_present: hw_pmu_version >= 2;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures hw_step{Pre, Post}(MPMU_RK_NONE, 0);
  @ ensures traced{Pre, Post}(MPMU_TR_RDMSR, msr, \result);
  @ behavior global_status:
  @   assumes msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS ||
  @           msr == MPMU_MSR_AMD_GLOBAL_STATUS;
  @   ensures status_read(\result);
  @ behavior amd_global_ctl:
  @   assumes msr == MPMU_MSR_AMD_GLOBAL_CTL;
  @   ensures \result == hw_gctl;
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
u64 mpmu_hw_rdmsr(u32 msr);

/*@ predicate rdpmc_valid(integer ecx) =
  @   (0 <= ecx < hw_nr_gp) ||
  @   (MPMU_RDPMC_FIXED <= ecx < MPMU_RDPMC_FIXED + hw_nr_fixed) ||
  @   (ecx == MPMU_RDPMC_METRICS && hw_has_metrics != 0);
  @*/

/*
 * RDPMC (SDM Vol. 2B RDPMC): ECX = i reads GP counter i, bit 30 | j fixed
 * counter j, bit 29 PERF_METRICS. Any other encoding #GPs. Trusted.
 * REQ-SAVE, REQ-METRICS-G2H. A counter holds no bit at or above the
 * host's counter width, and RDPMC returns 0 in unimplemented bits (SDM
 * Vol. 2B RDPMC; Vol. 3B 20.2.2; facts 1.7, 6): a value read has no bit
 * of hw_rsvd_ctr (hw_rsvd_fx_ctr), so it can be written back. REQ-CLOSURE.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_RSVD_valid_index: rdpmc_valid(ecx);
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures hw_step{Pre, Post}(MPMU_RK_NONE, 0);
  @ ensures traced{Pre, Post}(MPMU_TR_RDPMC, ecx, \result);
  @ behavior gp:
  @   assumes 0 <= ecx < hw_nr_gp;
  @   ensures \result == hw_gp_ctr[ecx];
  @   ensures (\result & hw_rsvd_ctr) == 0;
  @ behavior fixed:
  @   assumes MPMU_RDPMC_FIXED <= ecx < MPMU_RDPMC_FIXED + hw_nr_fixed;
  @   ensures \result == hw_fx_ctr[ecx - MPMU_RDPMC_FIXED];
  @   ensures (\result & hw_rsvd_fx_ctr) == 0;
  @ behavior metrics:
  @   assumes ecx == MPMU_RDPMC_METRICS;
  @   ensures \result == hw_metrics;
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
u64 mpmu_hw_rdpmc(u32 ecx);

#endif /* MPMU_HW_H */

/* VMCS accessors and the VMX model (their contracts use the above). */
#include "mpmu_vmx_model.h"
