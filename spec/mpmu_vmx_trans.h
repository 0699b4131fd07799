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

/*
 * Successful VM-entry (SDM 27.3.2.1): with the "load IA32_PERF_GLOBAL_CTRL"
 * entry control the guest field is loaded; a reserved bit in it fails the
 * entry (27.3.1.1), hence the precondition. REQ-ROUNDTRIP.
 */
/*@ requires hw_wf;
  @ requires entry_load: ctl(vmcs_entry_ctls,
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
/*@ requires hw_wf;
  @ requires rsvd_free(vmcs_host_gctl, hw_rsvd_gctl);
  @ assigns hw_gctl, MPMU_HW_COUNTING;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures host_loaded: ctl(vmcs_exit_ctls, MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL)
  @   ==> hw_gctl == vmcs_host_gctl;
  @ ensures hw_step{Pre, Post}(MPMU_RK_GCTL, 0);
  @*/
void mpmu_hw_vm_entry_fails(void);

/*
 * The guest runs: it may change every register it owns (counters it has
 * count or are written, GLOBAL_CTRL and GLOBAL_STATUS through the global
 * MSRs, PERF_METRICS with the capability), never a selector or
 * FIXED_CTR_CTRL (always intercepted). Its GLOBAL_CTRL has no reserved bit
 * (a guest WRMSR with one #GPs), and the guest's reserved mask covers the
 * enable bits of counters it does not have, so those do not count
 * (SDM Vol. 3B 20.2, counting and the global MSRs; kernel
 * arch/x86/kvm/vmx/pmu_intel.c, the mediated PMU intercepts).
 * REQ-ROUNDTRIP.
 */
/*@ requires hw_wf;
  @ requires \valid_read(ctx);
  @ assigns hw_gp_ctr[0 .. MPMU_MAX_GP - 1],
  @         hw_fx_ctr[0 .. MPMU_MAX_FIXED - 1], hw_gstatus, hw_metrics,
  @         hw_gctl;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures unowned_gp: \forall integer i; ctx->nr_gp <= i < MPMU_MAX_GP ==>
  @   hw_gp_ctr[i] == \old(hw_gp_ctr[i]);
  @ ensures unowned_fixed: \forall integer j;
  @   ctx->nr_fixed <= j < MPMU_MAX_FIXED ==>
  @   hw_fx_ctr[j] == \old(hw_fx_ctr[j]);
  @ ensures unowned_metrics: (ctx->flags & MPMU_CTX_PERF_METRICS) == 0 ==>
  @   hw_metrics == \old(hw_metrics);
  @*/
void mpmu_hw_guest_run(const struct mpmu_ctx *ctx);

/*
 * VM-exit, in SDM order: save guest state, with the "save" control the
 * guest's IA32_PERF_GLOBAL_CTRL into the guest field (SDM Vol. 3C 28.3);
 * then the MSR-store list, "as RDMSR would" (SDM Vol. 3C 28.4); then host
 * state, with the "load" control IA32_PERF_GLOBAL_CTRL from the host
 * field (SDM Vol. 3C 28.5).
 * Both saved values are the guest's, taken before the host value is
 * installed. REQ-ROUNDTRIP, REQ-SKL.
 */
/*@ requires hw_wf;
  @ requires rsvd_free(vmcs_host_gctl, hw_rsvd_gctl);
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
/*@ requires listed: vmcs_autostore_gctl_on != 0;
  @ assigns \nothing;
  @ exits \false;
  @ ensures slot: \result == vmcs_autostore_gctl;
  @*/
u64 mpmu_kvm_autostore_slot(void);

#endif /* MPMU_VMX_TRANS_H */
