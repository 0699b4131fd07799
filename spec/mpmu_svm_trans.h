/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMRUN and #VMEXIT as hardware transitions, for the AMD round-trip
 * theorem (proofs/harness/roundtrip_amd.c). Trusted base. No code
 * implements these: they are what the CPU does between KVM's calls.
 *
 * SVM switches no PMU register: PerfCntrGlobalCtl, the selectors and the
 * counters keep their values across VMRUN and #VMEXIT (APM Vol. 2 15.5
 * and 15.6: the VMCB holds no PMU state; kernel arch/x86/kvm/svm/pmu.c,
 * the mediated PMU switches PerfCntrGlobalCtl by WRMSR). With EFER.SVME
 * set, a selector with GuestOnly (bit 40) and not HostOnly (bit 41)
 * counts in guest mode only (APM Vol. 2 13.2.1.1): the guest's counters
 * run from VMRUN to #VMEXIT. When a counter stops or starts counting
 * within the world switch is not specified: one enabled by
 * PerfCntrGlobalCtl and its selector may change during it, in either
 * mode (where in doubt, havoc).
 */
#ifndef MPMU_SVM_TRANS_H
#define MPMU_SVM_TRANS_H

#include "mpmu_hw.h"

/*@ // GP counter i is enabled (it counts in guest or host mode, or both).
  @ predicate gp_enabled{L}(integer i) =
  @   bit(\at(hw_gctl, L), i) && bit(\at(hw_gp_sel[i], L), 22);
  @
  @ // The world switch: only enabled counters and the status they drive
  @ // may change.
  @ predicate svm_switch{L1, L2} =
  @   (\forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @      gp_enabled{L1}(i) ||
  @      \at(hw_gp_ctr[i], L2) == \at(hw_gp_ctr[i], L1)) &&
  @   ((\exists integer i; 0 <= i < MPMU_MAX_GP && gp_enabled{L1}(i)) ||
  @      \at(hw_gstatus, L2) == \at(hw_gstatus, L1));
  @*/

/*
 * VMRUN (APM Vol. 2 15.5): the guest runs next. REQ-AMD-ROUNDTRIP.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_amd;
  @ assigns MPMU_HW_COUNTING;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures switched: svm_switch{Pre, Post};
  @*/
void mpmu_hw_svm_vmrun(void);

/*
 * #VMEXIT (APM Vol. 2 15.6): the host runs next; PerfCntrGlobalCtl still
 * holds the guest's value. REQ-AMD-ROUNDTRIP.
 */
/*@ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_amd;
  @ assigns MPMU_HW_COUNTING;
  @ exits \false;
  @ ensures hw_wf;
  @ ensures switched: svm_switch{Pre, Post};
  @*/
void mpmu_hw_svm_vmexit(void);

#endif /* MPMU_SVM_TRANS_H */
