/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMX model for PERF_GLOBAL_CTRL: the VMCS fields and controls, the
 * VM-exit MSR-store list slot, VM-entry/VM-exit as hardware transitions
 * and guest execution, plus the contracts of the VMCS accessors.
 * Trusted base, like mpmu_hw.h. The MSR-store slot has no accessor: KVM
 * reads it itself (vmx.c) and passes the value to the core, whose
 * contract states the assumption (A_autostore_slot, src/mpmu_vmx.h).
 *
 * SDM Vol. 3C: 25.7.1/25.8.1 (controls), 28.3 (VM-exit saves guest state,
 * incl. IA32_PERF_GLOBAL_CTRL with "save"), 28.4 (then the VM-exit
 * MSR-store list), 28.5 (then host state: IA32_PERF_GLOBAL_CTRL with
 * "load"), 28.6 (then the VM-exit MSR-load list); 27.3.2.1 (VM-entry
 * loads IA32_PERF_GLOBAL_CTRL with "load"). The "save" exit control
 * exists from Sapphire Rapids on (KVM: cpu_has_save_perf_global_ctrl).
 */
#ifndef MPMU_VMX_MODEL_H
#define MPMU_VMX_MODEL_H

#include "mpmu_hw.h"

/* VMCS state the model needs (one vCPU, its VMCS current). */
/*@ ghost extern u64 vmcs_guest_gctl;
  @       extern u64 vmcs_host_gctl;
  @       extern u32 vmcs_entry_ctls;
  @       extern u32 vmcs_exit_ctls;
  @       extern u32 vmcs_autostore_gctl_on;
  @       extern u64 vmcs_autostore_gctl;
  @       extern u32 vmcs_entry_failed;
  @*/

/*@ predicate ctl(integer ctls, integer bit) = (ctls & bit) != 0;
  @*/

/*
 * VMREAD (SDM Vol. 3C 25.11.2; kernel vmcs_read64). Trusted. REQ-ROUNDTRIP.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_ROUNDTRIP_field: field == MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL;
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures hw_step{Pre, Post}(MPMU_RK_NONE, 0);
  @ ensures traced{Pre, Post}(MPMU_TR_VMREAD, field, \result);
  @ ensures read: \result == vmcs_guest_gctl;
  @*/
u64 mpmu_hw_vmcs_read64(u32 field);

/*
 * VMWRITE (SDM Vol. 3C 25.11.2; kernel vmcs_write64). Trusted.
 * REQ-ROUNDTRIP. The written value is loaded at the next VM-entry, where
 * a reserved bit fails the entry (SDM 27.3.1.1): hence REQ-RSVD here too.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires REQ_ORDER_pmi_masked: hw_pmi_masked != 0;
  @ requires REQ_ORDER_trace_room: trace_room(1);
  @ requires REQ_ROUNDTRIP_field: field == MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL ||
  @                 field == MPMU_VMCS_HOST_PERF_GLOBAL_CTRL;
  @ requires REQ_RSVD_vmcs_gctl: rsvd_free(val, hw_rsvd_gctl);
  @ assigns MPMU_HW_COUNTING, MPMU_TRACE_NEXT, vmcs_guest_gctl,
  @         vmcs_host_gctl;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures hw_step{Pre, Post}(MPMU_RK_NONE, 0);
  @ ensures traced{Pre, Post}(MPMU_TR_VMWRITE, field, val);
  @ behavior guest_field:
  @   assumes field == MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL;
  @   ensures vmcs_guest_gctl == val && vmcs_host_gctl == \old(vmcs_host_gctl);
  @ behavior host_field:
  @   assumes field == MPMU_VMCS_HOST_PERF_GLOBAL_CTRL;
  @   ensures vmcs_host_gctl == val && vmcs_guest_gctl == \old(vmcs_guest_gctl);
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
void mpmu_hw_vmcs_write64(u32 field, u64 val);

#endif /* MPMU_VMX_MODEL_H */
