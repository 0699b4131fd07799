/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VM-entry, guest execution and VM-exit as hardware transitions, for the
 * round-trip theorem (proofs/harness/roundtrip.c). Trusted base. No code
 * implements these: they are what the CPU does between KVM's calls.
 */
#ifndef MPMU_VMX_TRANS_H
#define MPMU_VMX_TRANS_H

#include "mpmu_vmx_model.h"

struct mpmu_ctx;
struct mpmu_intercepts;

/*
 * Successful VM-entry (SDM 27.3.2.1): with the "load IA32_PERF_GLOBAL_CTRL"
 * entry control the guest field is loaded; a reserved bit in it fails the
 * entry (27.3.1.1), hence the precondition. REQ-ROUNDTRIP.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_ROUNDTRIP_entry_load: ctl(vmcs_entry_ctls,
  @                          MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL);
  @ requires REQ_RSVD_entry: rsvd_free(vmcs_guest_gctl, hw_rsvd_gctl);
  @ assigns hw_gctl, MPMU_HW_COUNTING;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures loaded: hw_gctl == vmcs_guest_gctl;
  @ ensures hw_step{Pre, Post}(MPMU_RK_GCTL, 0);
  @*/
void mpmu_hw_vm_entry(void);

/*
 * Failed VM-entry after the checks of 27.3.1 (SDM Vol. 3C 27.8): no guest
 * code runs, nothing is saved or stored, host state is loaded as for a
 * VM-exit. REQ-ROUNDTRIP.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_host_field: rsvd_free(vmcs_host_gctl, hw_rsvd_gctl);
  @ assigns hw_gctl, MPMU_HW_COUNTING;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures host_loaded: ctl(vmcs_exit_ctls, MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL)
  @   ==> hw_gctl == vmcs_host_gctl;
  @ ensures hw_step{Pre, Post}(MPMU_RK_GCTL, 0);
  @*/
void mpmu_hw_vm_entry_fails(void);

/*@ // ---- What may change while the guest runs (mpmu_hw_guest_run). ----
  @ // d is the set of intercepts in force (what mpmu_intercept_decisions
  @ // decided and KVM programmed into the MSR bitmap and RDPMC exiting).
  @ // GLOBAL_CTRL bit k may be set at some point of the run: it was set at
  @ // VM-entry, or the guest writes GLOBAL_CTRL itself (passed through),
  @ // where hardware accepts every bit it does not reserve.
  @ predicate gctl_may_set{L}(struct mpmu_intercepts *d, integer k) =
  @   bit(\at(hw_gctl, L), k) ||
  @   (d->pass_global_msrs != 0 && !bit(hw_rsvd_gctl, k));
  @
  @ // GP counter i may change: the guest writes it (its own counter MSRs
  @ // are passed through), or it counts in guest mode: GLOBAL_CTRL bit i
  @ // and its selector's EN (selectors are intercepted: EN stays as at
  @ // VM-entry). GuestOnly/HostOnly only narrow counting on AMD.
  @ predicate guest_gp_may_change{L}(struct mpmu_ctx *c,
  @                                  struct mpmu_intercepts *d, integer i) =
  @   (i < c->nr_gp && d->pass_counter_msrs != 0) ||
  @   (bit(\at(hw_gp_sel[i], L), 22) && gctl_may_set{L}(d, i));
  @
  @ // Fixed counter j likewise, with its FIXED_CTR_CTRL enable field; a
  @ // passed-through RDPMC of PERF_METRICS may clear fixed counter 3 (the
  @ // metrics clear mode, facts 3).
  @ predicate guest_fx_may_change{L}(struct mpmu_ctx *c,
  @                                  struct mpmu_intercepts *d, integer j) =
  @   (j < c->nr_fixed && d->pass_counter_msrs != 0) ||
  @   ((bit(\at(hw_fx_ctrl, L), 4 * j) || bit(\at(hw_fx_ctrl, L), 4 * j + 1)) &&
  @    gctl_may_set{L}(d, MPMU_GLOBAL_FIXED_SHIFT + j)) ||
  @   (j == 3 && j < hw_nr_fixed && d->pass_rdpmc != 0);
  @
  @ // PERF_METRICS: the guest writes it (passed through), or fixed counter
  @ // 3, which drives it, changes (SDM 20.3.9.3).
  @ predicate guest_metrics_may_change{L}(struct mpmu_ctx *c,
  @                                       struct mpmu_intercepts *d) =
  @   d->pass_perf_metrics != 0 || guest_fx_may_change{L}(c, d, 3);
  @*/

/*
 * The guest runs, with the intercepts @icpt in force (KVM programs them
 * from mpmu_intercept_decisions(): kernel arch/x86/kvm/vmx/vmx.c,
 * vmx_recalc_pmu_msr_intercepts; svm.c, svm_recalc_pmu_msr_intercepts).
 * Any counter, owned or not, GP or fixed, and PERF_METRICS with fixed
 * counter 3, may change while GLOBAL_CTRL and its selector or
 * FIXED_CTR_CTRL field enable it (SDM Vol. 3B 20.2.2, 20.2.4; APM Vol. 2
 * 13.2.1), and the guest writes the counter MSRs passed through to it.
 * GLOBAL_CTRL changes only if passed through, to any value hardware
 * accepts; GLOBAL_STATUS (its counter bits) may change in any way.
 * Selectors and FIXED_CTR_CTRL are intercepted, so they keep their value
 * (SDM Vol. 3C 25.1.3 RDPMC exiting, 25.6.9 MSR bitmaps).
 * REQ-ROUNDTRIP, REQ-H2G-GCTL.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RTE_valid_0: \valid_read(ctx);
  @ requires REQ_RTE_valid_1: \valid_read(icpt);
  @ requires REQ_OWN_intercepted: icpt->pass_selectors == 0 &&
  @   icpt->pass_fixed_ctr_ctrl == 0;
  @ assigns hw_gp_ctr[0 .. MPMU_MAX_GP - 1],
  @         hw_fx_ctr[0 .. MPMU_MAX_FIXED - 1], hw_gstatus, hw_metrics,
  @         hw_gctl;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures gctl: icpt->pass_global_msrs == 0 ==> hw_gctl == \old(hw_gctl);
  @ ensures gp: \forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @   !guest_gp_may_change{Pre}(ctx, icpt, i) ==>
  @   hw_gp_ctr[i] == \old(hw_gp_ctr[i]);
  @ ensures fixed: \forall integer j; 0 <= j < MPMU_MAX_FIXED ==>
  @   !guest_fx_may_change{Pre}(ctx, icpt, j) ==>
  @   hw_fx_ctr[j] == \old(hw_fx_ctr[j]);
  @ ensures metrics: !guest_metrics_may_change{Pre}(ctx, icpt) ==>
  @   hw_metrics == \old(hw_metrics);
  @*/
void mpmu_hw_guest_run(const struct mpmu_ctx *ctx,
		       const struct mpmu_intercepts *icpt);

/*@ // What a guest RDPMC with ECX = e returns when RDPMC does not exit:
  @ // the hardware register the encoding selects (SDM Vol. 2B RDPMC), the
  @ // host's included.
  @ predicate rdpmc_reads(integer e, integer v) =
  @   (0 <= e < hw_nr_gp ==> v == hw_gp_ctr[e]) &&
  @   (MPMU_RDPMC_FIXED <= e < MPMU_RDPMC_FIXED + hw_nr_fixed ==>
  @      v == hw_fx_ctr[e - MPMU_RDPMC_FIXED]) &&
  @   (e == MPMU_RDPMC_METRICS && hw_has_metrics != 0 ==> v == hw_metrics);
  @
  @ // MSR m is passed through to the guest under the intercepts d, as KVM
  @ // programs the MSR bitmap from them (kernel arch/x86/kvm/vmx/vmx.c,
  @ // vmx_recalc_pmu_msr_intercepts): the guest's own counter MSRs (both
  @ // aliases) and fixed counters, the GLOBAL_* MSRs, PERF_METRICS, the
  @ // selectors and FIXED_CTR_CTRL, each when d passes them.
  @ predicate msr_passed(struct mpmu_ctx *c, struct mpmu_intercepts *d,
  @                      integer m) =
  @   (d->pass_counter_msrs != 0 &&
  @      (ctx_gp_ctr_msr(c, m) || ctx_fx_ctr_msr(c, m))) ||
  @   (d->pass_global_msrs != 0 &&
  @      (m == MPMU_MSR_IA32_PERF_GLOBAL_CTRL ||
  @       m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS ||
  @       m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET)) ||
  @   (d->pass_perf_metrics != 0 && m == MPMU_MSR_IA32_PERF_METRICS) ||
  @   (d->pass_selectors != 0 && ctx_gp_sel_msr(c, m)) ||
  @   (d->pass_fixed_ctr_ctrl != 0 && m == MPMU_MSR_IA32_FIXED_CTR_CTRL);
  @*/

/* Outcomes of a guest read: hardware answered, VM exit, #GP in the guest. */
#define MPMU_GUEST_READ_HW		0
#define MPMU_GUEST_READ_EXIT		1
#define MPMU_GUEST_READ_GP		2

/*
 * The guest executes RDPMC with ECX = @ecx, with the intercepts @icpt in
 * force. With "RDPMC exiting" (KVM sets it iff !icpt->pass_rdpmc:
 * kernel arch/x86/kvm/vmx/vmx.c, CPU_BASED_RDPMC_EXITING) it causes a VM
 * exit and KVM emulates it from the context (SDM Vol. 3C 25.1.3).
 * Otherwise hardware answers: the register the encoding selects, or #GP
 * for one the host lacks (SDM Vol. 2B RDPMC). RDPMC changes no state
 * (the metrics clear mode is FIXED_CTR_CTRL's, intercepted). REQ-OWN,
 * REQ-METRICS-HIDDEN.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RTE_valid_0: \valid_read(icpt);
  @ requires REQ_RTE_valid_1: \valid(val);
  @ requires REQ_RTE_separated: \separated(icpt, val);
  @ assigns *val;
  @ exits \false;
  @ ensures exits: icpt->pass_rdpmc == 0 ==> \result == MPMU_GUEST_READ_EXIT;
  @ ensures hardware: icpt->pass_rdpmc != 0 ==>
  @   (rdpmc_valid(ecx) ? \result == MPMU_GUEST_READ_HW &&
  @      rdpmc_reads(ecx, *val) : \result == MPMU_GUEST_READ_GP);
  @*/
u32 mpmu_hw_guest_rdpmc(u32 ecx, const struct mpmu_intercepts *icpt,
			u64 *val);

/*
 * The guest executes RDMSR of @msr (a PMU MSR of the model), with the
 * intercepts @icpt in force: an MSR the bitmap passes through is read
 * from hardware, any other causes a VM exit that KVM emulates from the
 * context (SDM Vol. 3C 25.1.3, 25.6.9; kernel arch/x86/kvm/vmx/vmx.c,
 * vmx_recalc_pmu_msr_intercepts). REQ-OWN, REQ-METRICS-HIDDEN.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RTE_valid_0: \valid_read(ctx);
  @ requires REQ_RTE_valid_1: \valid_read(icpt);
  @ requires REQ_RTE_valid_2: \valid(val);
  @ requires REQ_RTE_separated_0: \separated(ctx, val);
  @ requires REQ_RTE_separated_1: \separated(icpt, val);
  @ assigns *val;
  @ exits \false;
  @ ensures exits: !msr_passed(ctx, icpt, msr) ==>
  @   \result == MPMU_GUEST_READ_EXIT;
  @ ensures hardware: msr_passed(ctx, icpt, msr) ==>
  @   \result == MPMU_GUEST_READ_HW ||
  @   \result == MPMU_GUEST_READ_GP;
  @*/
u32 mpmu_hw_guest_rdmsr(const struct mpmu_ctx *ctx,
			const struct mpmu_intercepts *icpt, u32 msr, u64 *val);

/*
 * VM-exit, in SDM order: save guest state, with the "save" control the
 * guest's IA32_PERF_GLOBAL_CTRL into the guest field (SDM Vol. 3C 28.3);
 * then the MSR-store list, "as RDMSR would" (SDM Vol. 3C 28.4); then host
 * state, with the "load" control IA32_PERF_GLOBAL_CTRL from the host
 * field (SDM Vol. 3C 28.5).
 * Both saved values are the guest's, taken before the host value is
 * installed. REQ-ROUNDTRIP, REQ-SKL.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_host_field: rsvd_free(vmcs_host_gctl, hw_rsvd_gctl);
  @ assigns hw_gctl, MPMU_HW_COUNTING, vmcs_guest_gctl, vmcs_autostore_gctl;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures saved: ctl(vmcs_exit_ctls, MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL) ?
  @   vmcs_guest_gctl == \old(hw_gctl) :
  @   vmcs_guest_gctl == \old(vmcs_guest_gctl);
  @ ensures stored: vmcs_autostore_gctl_on != 0 ?
  @   vmcs_autostore_gctl == \old(hw_gctl) :
  @   vmcs_autostore_gctl == \old(vmcs_autostore_gctl);
  @ ensures host_loaded: ctl(vmcs_exit_ctls, MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL)
  @   ? hw_gctl == vmcs_host_gctl : hw_gctl == \old(hw_gctl);
  @ ensures hw_step{Pre, Post}(MPMU_RK_GCTL, 0);
  @*/
void mpmu_hw_vm_exit(void);

/*
 * KVM's read of the VM-exit MSR-store slot of IA32_PERF_GLOBAL_CTRL, which
 * the processor wrote at VM-exit (SDM Vol. 3C 28.4), as KVM does it
 * (kernel arch/x86/kvm/vmx/vmx.c, vmx_refresh_guest_perf_global_control:
 * the slot from vmx_find_loadstore_msr_slot, WARN_ON_ONCE and no refresh
 * if it is missing). A memory read, no hardware operation. Not called by
 * the core: the round trip uses it to meet A_autostore_slot of
 * mpmu_vmx_refresh_global_ctrl(). REQ-ROUNDTRIP, REQ-SKL.
 */
/*@ requires REQ_ROUNDTRIP_listed: vmcs_autostore_gctl_on != 0;
  @ assigns \nothing;
  @ exits \false;
  @ ensures slot: \result == vmcs_autostore_gctl;
  @*/
u64 mpmu_kvm_autostore_slot(void);

#endif /* MPMU_VMX_TRANS_H */
