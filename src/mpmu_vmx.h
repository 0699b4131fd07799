/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMX plumbing of the mediated PMU: whether a host can run it, the VMCS
 * controls a vCPU needs, the post-exit refresh of the guest's
 * PERF_GLOBAL_CTRL, and the intercept decisions.
 */
#ifndef MPMU_VMX_CORE_H
#define MPMU_VMX_CORE_H

#include "mpmu.h"

/* What the host offers (CPUID.0AH, PERF_CAPABILITIES, VMX capability MSRs). */
struct mpmu_vmx_caps {
	u32 pmu_version;
	u32 entry_ctls_allowed;	/* allowed-1 VM-entry controls */
	u32 exit_ctls_allowed;	/* allowed-1 VM-exit controls */
	u64 perf_capabilities;
};

/* Per-vCPU VMX configuration of the mediated PMU. */
struct mpmu_vmx_cfg {
	u32 entry_ctls;		/* controls to set */
	u32 exit_ctls;
	u32 use_autostore;	/* GLOBAL_CTRL in the VM-exit MSR-store list */
};

/* Which guest accesses go straight to hardware. */
struct mpmu_intercepts {
	u32 pass_global_msrs;	/* GLOBAL_CTRL, GLOBAL_STATUS, OVF_CTRL */
	u32 pass_rdpmc;		/* RDPMC exiting off */
	u32 pass_counter_msrs;	/* guest's own counter MSRs */
	u32 pass_selectors;	/* always 0: the filter needs them */
	u32 pass_fixed_ctr_ctrl;	/* always 0 */
	u32 pass_perf_metrics;
};

/*@ predicate vmx_supported(struct mpmu_vmx_caps *c) =
  @   c->pmu_version >= 4 &&
  @   (c->perf_capabilities & MPMU_PERF_CAP_FW_WRITES) != 0 &&
  @   (c->entry_ctls_allowed & MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL) != 0 &&
  @   (c->exit_ctls_allowed & MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL) != 0;
  @
  @ predicate has_save_ctl(struct mpmu_vmx_caps *c) =
  @   (c->exit_ctls_allowed & MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL) != 0;
  @
  @ // The capabilities are this host's: the glue reads them from
  @ // CPUID.0AH, PERF_CAPABILITIES and the VMX capability MSRs, where the
  @ // ghost model of the host comes from (spec/mpmu_hw.h, hw_pmu_wf).
  @ predicate caps_model(struct mpmu_vmx_caps *c) =
  @   is_intel && c->pmu_version == hw_pmu_version &&
  @   ((c->perf_capabilities & MPMU_PERF_CAP_FW_WRITES) != 0 <==>
  @      hw_fw_writes != 0) &&
  @   hw_pmu_wf;
  @*/

/*
 * Decide whether the mediated PMU can run on this host and fill the
 * per-vCPU VMX configuration. PMU v4 is needed for GLOBAL_STATUS_SET,
 * full-width writes for 64-bit counter restore, and the load controls to
 * switch GLOBAL_CTRL atomically. The exit "save" control is optional
 * (Sapphire Rapids+): without it GLOBAL_CTRL goes into the VM-exit
 * MSR-store list, as on Skylake and Icelake. Success establishes
 * pmu_configured, which load and put require: no path writes an MSR the
 * host lacks.
 */
/*@ requires REQ_RTE_valid_0: \valid_read(caps);
  @ requires REQ_RTE_valid_1: \valid(cfg);
  @ requires REQ_RTE_separated: \separated(caps, cfg);
  @ requires A_caps_model: caps_model(caps);
  @ assigns *cfg;
  @ exits \false;
  @ ensures REQ_FEATURES_configured: \result == 0 ==> pmu_configured;
  @ behavior unsupported:
  @   assumes !vmx_supported(caps);
  @   ensures REQ_SKL_unsupported: \result == -MPMU_EOPNOTSUPP;
  @ behavior save_control:
  @   assumes vmx_supported(caps) && has_save_ctl(caps);
  @   ensures REQ_SKL_save: \result == 0 && cfg->use_autostore == 0 &&
  @     cfg->exit_ctls == (MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL |
  @                        MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL) &&
  @     cfg->entry_ctls == MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL;
  @ behavior autostore:
  @   assumes vmx_supported(caps) && !has_save_ctl(caps);
  @   ensures REQ_SKL: \result == 0 && cfg->use_autostore == 1 &&
  @     cfg->exit_ctls == MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL &&
  @     cfg->entry_ctls == MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL;
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int mpmu_vmx_configure(const struct mpmu_vmx_caps *caps,
		       struct mpmu_vmx_cfg *cfg);

/*@ // The VMCS is set up as mpmu_vmx_configure() asked, with the host
  @ // GLOBAL_CTRL field 0 (KVM: vmx_set_constant_host_state).
  @ predicate vmx_configured(struct mpmu_vmx_cfg *cfg) =
  @   is_intel && ctl(vmcs_entry_ctls, MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL) &&
  @   ctl(vmcs_exit_ctls, MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL) &&
  @   vmcs_host_gctl == 0 &&
  @   (cfg->use_autostore != 0 <==> vmcs_autostore_gctl_on != 0) &&
  @   (cfg->use_autostore == 0 <==>
  @      ctl(vmcs_exit_ctls, MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL)) &&
  @   rsvd_free(vmcs_autostore_gctl, hw_rsvd_gctl);
  @*/

/*
 * After a VM-exit: copy the guest's GLOBAL_CTRL, which hardware saved,
 * into the context. With the save control it is in the VMCS guest field;
 * otherwise it is in the MSR-store slot, which the caller looked up and
 * passes as @stored (KVM: vmx.c finds the slot and warns if it is
 * missing), and it must also be written back to the VMCS field, which the
 * next VM-entry loads. A failed VM-entry ran no guest code and stored
 * nothing: keep everything as it is.
 */
/*@ requires REQ_RTE_valid_0: \valid(ctx);
  @ requires REQ_RTE_valid_1: \valid_read(cfg);
  @ requires REQ_RTE_separated: \separated(ctx, cfg);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires A_vmx_configured: vmx_configured(cfg);
  @ requires A_autostore_slot: entry_failed == 0 && cfg->use_autostore != 0
  @   ==> stored == vmcs_autostore_gctl;
  @ assigns ctx->global_ctrl, vmcs_guest_gctl, vmcs_host_gctl,
  @         MPMU_HW_COUNTING, MPMU_TRACE_ALL;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ROUNDTRIP_gctl_kept: hw_gctl == \old(hw_gctl);
  @ ensures REQ_ROUNDTRIP_host_field_kept:
  @   vmcs_host_gctl == \old(vmcs_host_gctl);
  @ ensures REQ_FRAME_selectors_kept: \forall integer i;
  @   0 <= i < MPMU_MAX_GP ==> hw_gp_sel[i] == \old(hw_gp_sel[i]);
  @ ensures REQ_FRAME_fx_ctrl_kept: hw_fx_ctrl == \old(hw_fx_ctrl);
  @ ensures REQ_FRAME_quiet: \old(hw_gctl) == 0 ==>
  @   quiet_frame{Pre, Post}(MPMU_RK_NONE, 0);
  @ ensures REQ_FRAME_no_writes: \forall integer k;
  @   0 <= k < tr_len ==> tr_kind[k] != MPMU_TR_WRMSR;
  @ ensures REQ_ORDER_trace_used: tr_len <= 1;
  @ ensures REQ_ORDER_quiet: \old(hw_gctl) == 0 ==> quiesced(0, tr_len);
  @ ensures REQ_CLOSURE_refresh: \old(ctx_loadable(ctx)) &&
  @   (ctx->global_ctrl & ctx->global_ctrl_rsvd) == 0 ==> ctx_loadable(ctx);
  @ behavior failed_entry:
  @   assumes entry_failed != 0;
  @   ensures REQ_ROUNDTRIP_failed_entry: ctx->global_ctrl ==
  @     \old(ctx->global_ctrl) && vmcs_guest_gctl == \old(vmcs_guest_gctl) &&
  @     tr_len == 0;
  @ behavior save_control:
  @   assumes entry_failed == 0 && cfg->use_autostore == 0;
  @   ensures REQ_ROUNDTRIP_save: ctx->global_ctrl == vmcs_guest_gctl &&
  @     vmcs_guest_gctl == \old(vmcs_guest_gctl);
  @ behavior autostore:
  @   assumes entry_failed == 0 && cfg->use_autostore != 0;
  @   ensures REQ_ROUNDTRIP_autostore: ctx->global_ctrl == vmcs_autostore_gctl;
  @   ensures REQ_ROUNDTRIP_write_back: vmcs_guest_gctl == vmcs_autostore_gctl;
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
void mpmu_vmx_refresh_global_ctrl(struct mpmu_ctx *ctx,
				  const struct mpmu_vmx_cfg *cfg,
				  u32 entry_failed, u64 stored);

/*
 * The guest's (or the VMM's) write of PERF_GLOBAL_CTRL when it is
 * intercepted: validate against the guest's reserved bits, then keep the
 * context and the VMCS guest field, which the next VM-entry loads, equal.
 * A value with a reserved bit is refused and nothing changes.
 */
/*@ requires REQ_RTE_valid: \valid(ctx);
  @ requires REQ_RSVD_wf: hw_wf;
  @ requires REQ_RSVD_vendor: is_intel;
  @ requires A_pmi_masked: hw_pmi_masked != 0;
  @ requires A_rsvd_model: rsvd_model(ctx);
  @ assigns ctx->global_ctrl, vmcs_guest_gctl, vmcs_host_gctl,
  @         MPMU_HW_COUNTING, MPMU_TRACE_ALL;
  @ exits \false;
  @ ensures REQ_RSVD_wf: hw_wf;
  @ ensures REQ_ROUNDTRIP_host_field_kept:
  @   vmcs_host_gctl == \old(vmcs_host_gctl);
  @ ensures REQ_CLOSURE_write_gctl: \old(ctx_loadable(ctx)) ==>
  @   ctx_loadable(ctx);
  @ behavior valid:
  @   assumes (val & ctx->global_ctrl_rsvd) == 0;
  @   ensures REQ_ROUNDTRIP_write_guest_gctl: \result == 0 &&
  @     ctx->global_ctrl == val && vmcs_guest_gctl == val;
  @ behavior reserved:
  @   assumes (val & ctx->global_ctrl_rsvd) != 0;
  @   ensures REQ_VALIDATE_guest_gctl: \result == -MPMU_EINVAL &&
  @     ctx->global_ctrl == \old(ctx->global_ctrl) &&
  @     vmcs_guest_gctl == \old(vmcs_guest_gctl) && tr_len == 0;
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int mpmu_vmx_write_global_ctrl(struct mpmu_ctx *ctx, u64 val);

/*@ // Registers the guest owns: its own counters; PERF_METRICS with the
  @ // capability; the global MSRs once load made them the guest's.
  @ predicate guest_reads_only_owned(struct mpmu_ctx *c,
  @                                  struct mpmu_intercepts *d) =
  @   // RDPMC reads any hardware counter: only when they are all the guest's.
  @   (d->pass_rdpmc != 0 ==>
  @      c->nr_gp == c->host_nr_gp && c->nr_fixed == c->host_nr_fixed &&
  @      (guest_metrics(c) <==>
  @         (c->flags & MPMU_CTX_HOST_PERF_METRICS) != 0)) &&
  @   // GLOBAL_* MSRs show every counter's bits.
  @   (d->pass_global_msrs != 0 ==>
  @      c->nr_gp == c->host_nr_gp && c->nr_fixed == c->host_nr_fixed) &&
  @   (d->pass_perf_metrics != 0 ==> guest_metrics(c)) &&
  @   d->pass_selectors == 0 && d->pass_fixed_ctr_ctrl == 0;
  @*/

/*
 * Intercept decisions for a vCPU. Counters the guest has are passed
 * through; everything that would show a counter the guest does not have
 * (RDPMC, the GLOBAL_* MSRs) only when guest and host counters match.
 * Selectors and FIXED_CTR_CTRL are always intercepted so the event filter
 * holds. gp_width_equal: guest and host counter widths are equal.
 */
/*@ requires REQ_RTE_valid_0: \valid_read(ctx);
  @ requires REQ_RTE_valid_1: \valid(out);
  @ requires REQ_RTE_separated: \separated(ctx, out);
  @ assigns *out;
  @ exits \false;
  @ ensures REQ_OWN: guest_reads_only_owned(ctx, out);
  @ ensures REQ_OWN_counters: out->pass_counter_msrs == 1;
  @ ensures REQ_OWN_rdpmc_width: out->pass_rdpmc != 0 ==> widths_equal != 0;
  @ ensures REQ_OWN_global: out->pass_global_msrs != 0 <==>
  @   (ctx->nr_gp == ctx->host_nr_gp && ctx->nr_fixed == ctx->host_nr_fixed);
  @ ensures REQ_OWN_rdpmc: out->pass_rdpmc != 0 <==>
  @   (ctx->nr_gp == ctx->host_nr_gp && ctx->nr_fixed == ctx->host_nr_fixed &&
  @    widths_equal != 0 &&
  @    (guest_metrics(ctx) <==>
  @       (ctx->flags & MPMU_CTX_HOST_PERF_METRICS) != 0));
  @ ensures REQ_OWN_metrics: out->pass_perf_metrics != 0 <==>
  @   guest_metrics(ctx);
  @*/
void mpmu_intercept_decisions(const struct mpmu_ctx *ctx, u32 widths_equal,
			      struct mpmu_intercepts *out);

#endif /* MPMU_VMX_CORE_H */
