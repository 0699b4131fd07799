/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Security properties of the switch, as named ACSL predicates over the
 * hardware model (mpmu_hw.h) and the guest context (src/mpmu.h). The
 * requirement ids of spec/requirements.md name the contract clauses that
 * use them. Included by src/mpmu.h after struct mpmu_ctx.
 */
#ifndef MPMU_PROPS_H
#define MPMU_PROPS_H

#include "mpmu_hw.h"

/*@ // ---- What the caller (KVM) knows about the host and its masks. ----
  @ predicate ctx_counts_ok(struct mpmu_ctx *c) =
  @   c->nr_gp <= c->host_nr_gp && c->host_nr_gp <= MPMU_MAX_GP &&
  @   c->nr_fixed <= c->host_nr_fixed && c->host_nr_fixed <= MPMU_MAX_FIXED;
  @
  @ // The context describes this host (filled from CPUID by the glue).
  @ predicate host_model(struct mpmu_ctx *c) =
  @   c->vendor == hw_vendor && c->host_nr_gp == hw_nr_gp &&
  @   c->host_nr_fixed == hw_nr_fixed &&
  @   c->host_status_set_rsvd == hw_rsvd_status_set &&
  @   c->host_counter_rsvd == hw_rsvd_ctr &&
  @   c->host_fixed_counter_rsvd == hw_rsvd_fx_ctr &&
  @   ((c->flags & MPMU_CTX_HOST_PERF_METRICS) != 0 <==> hw_has_metrics != 0);
  @
  @ predicate guest_metrics(struct mpmu_ctx *c) =
  @   (c->flags & MPMU_CTX_PERF_METRICS) != 0;
  @
  @ // Fixed counter 3 and PERF_METRICS come together (Intel topdown):
  @ // a guest without PERF_CAPABILITIES[15] keeps three fixed counters.
  @ predicate ctx_metrics_ok(struct mpmu_ctx *c) =
  @   (c->nr_fixed > 3 <==> guest_metrics(c)) &&
  @   (guest_metrics(c) ==> (c->flags & MPMU_CTX_HOST_PERF_METRICS) != 0);
  @
  @ // The guest's reserved masks are at least as strict as the host's
  @ // (the guest's counter widths are at most the host's).
  @ predicate rsvd_model(struct mpmu_ctx *c) =
  @   covers(c->counter_rsvd, hw_rsvd_ctr) &&
  @   covers(c->eventsel_rsvd, hw_rsvd_sel) &&
  @   covers(c->eventsel2_rsvd, hw_rsvd_sel2) &&
  @   covers(c->fixed_counter_rsvd, hw_rsvd_fx_ctr) &&
  @   covers(c->fixed_ctr_ctrl_rsvd, hw_rsvd_fx_ctrl) &&
  @   covers(c->global_ctrl_rsvd, hw_rsvd_gctl);
  @
  @ // The guest's reserved bits of selector i are MPMU_SEL_RSVD(c, i)
  @ // (src/mpmu.h): IN_TX_CHECKPOINTED (bit 33) is the guest's on GP
  @ // counter 2 only (KVM intel_pmu_set_msr).
  @
  @ // REQ-CLOSURE: counters are checked against what hardware accepts
  @ // (the host's width): put saves raw RDPMC values, which may have bits
  @ // above the guest's width (a counter that ran past it, a legacy write
  @ // sign-extended to the host's width); the guest never sees them
  @ // (mpmu_get_msr masks to its width, as KVM's pmc_read_counter).
  @ predicate ctx_counters_ok(struct mpmu_ctx *c) =
  @   (\forall integer i; 0 <= i < c->nr_gp ==>
  @      (c->gp_counter[i] & c->host_counter_rsvd) == 0) &&
  @   (\forall integer j; 0 <= j < c->nr_fixed ==>
  @      (c->fixed_counter[j] & c->host_fixed_counter_rsvd) == 0);
  @
  @ // Every control value load would write is free of the guest's
  @ // reserved bits, and so is the GLOBAL_CTRL the guest runs with (the
  @ // VMCS guest field, kept equal to it: A_vmcs_gctl_synced).
  @ predicate ctx_controls_ok(struct mpmu_ctx *c) =
  @   (\forall integer i; 0 <= i < c->nr_gp ==>
  @      (c->gp_eventsel_hw[i] & MPMU_SEL_RSVD(c, i)) == 0) &&
  @   (c->fixed_ctr_ctrl_hw & c->fixed_ctr_ctrl_rsvd) == 0 &&
  @   (c->global_ctrl & c->global_ctrl_rsvd) == 0;
  @
  @ // The guest's own selector values (what mpmu_set_msr accepted): the
  @ // event filter derives the hardware copies from them.
  @ predicate guest_sels_ok(struct mpmu_ctx *c) =
  @   \forall integer i; 0 <= i < c->nr_gp ==>
  @     (c->gp_eventsel[i] & MPMU_SEL_RSVD(c, i)) == 0;
  @
  @ predicate ctx_values_ok(struct mpmu_ctx *c) =
  @   ctx_counters_ok(c) && ctx_controls_ok(c);
  @
  @ predicate ctx_loadable(struct mpmu_ctx *c) =
  @   c->vendor == MPMU_VENDOR_INTEL && ctx_counts_ok(c) &&
  @   ctx_metrics_ok(c) && ctx_values_ok(c);
  @
  @ predicate ctx_puttable(struct mpmu_ctx *c) =
  @   c->vendor == MPMU_VENDOR_INTEL && ctx_counts_ok(c) &&
  @   ctx_metrics_ok(c);
  @*/

/*@ // ---- REQ-H2G-GCTL: the counters the guest owns. ----
  @ // Bit k of GLOBAL_CTRL enables a counter the guest has (its GP
  @ // counters, its fixed counters, PERF_METRICS with the capability);
  @ // bit k of GLOBAL_STATUS reports that counter's overflow (SDM 20.2.4).
  @ predicate gctl_owned_bit(struct mpmu_ctx *c, integer k) =
  @   (0 <= k < c->nr_gp) ||
  @   (MPMU_GLOBAL_FIXED_SHIFT <= k < MPMU_GLOBAL_FIXED_SHIFT + c->nr_fixed) ||
  @   (k == MPMU_GLOBAL_PERF_METRICS_BIT && guest_metrics(c));
  @
  @ // v enables no counter the guest does not own.
  @ predicate gctl_owned_only(struct mpmu_ctx *c, integer v) =
  @   \forall integer k; 0 <= k < 64 ==> bit(v, k) ==> gctl_owned_bit(c, k);
  @
  @ // KVM's GLOBAL_CTRL mask reserves exactly the bits of counters the
  @ // guest does not have (kvm intel_pmu_refresh / amd_pmu_refresh).
  @ predicate gctl_rsvd_model(struct mpmu_ctx *c) =
  @   \forall integer k; 0 <= k < 64 ==>
  @     (bit(c->global_ctrl_rsvd, k) <==> !gctl_owned_bit(c, k));
  @*/

/*@ // ---- REQ-H2G: what the guest observes after load. ----
  @ // GLOBAL_STATUS: the guest's bits are those its mask g_rsvd (KVM's
  @ // global_status_rsvd) leaves free: the overflow bits of its counters
  @ // and what its CPUID exposes. On the counter bits (hw_gstatus) equal
  @ // to the context's guest bits wherever STATUS_SET can set them, and no
  @ // other counter bit set (none of a host counter, none left over). The
  @ // other bits are hardware's, which may set them at any time.
  @ predicate status_exact{L}(integer hw, integer g, integer g_rsvd,
  @                           integer set_rsvd) =
  @   \forall integer k; 0 <= k < 64 ==> !bit(hw_rsvd_gctl, k) ==>
  @     (!bit(set_rsvd, k) ==>
  @        (bit(hw, k) <==> bit(g, k) && !bit(g_rsvd, k))) &&
  @     (bit(hw, k) ==> bit(g, k) && !bit(g_rsvd, k));
  @
  @ predicate gp_exact{L}(struct mpmu_ctx *c) =
  @   \forall integer i; 0 <= i < \at(c->nr_gp, L) ==>
  @     \at(hw_gp_ctr[i], L) == \at(c->gp_counter[i], L) &&
  @     \at(hw_gp_sel[i], L) == \at(c->gp_eventsel_hw[i], L);
  @
  @ predicate fixed_exact{L}(struct mpmu_ctx *c) =
  @   (\forall integer j; 0 <= j < \at(c->nr_fixed, L) ==>
  @     \at(hw_fx_ctr[j], L) == \at(c->fixed_counter[j], L)) &&
  @   \at(hw_fx_ctrl, L) == \at(c->fixed_ctr_ctrl_hw, L);
  @
  @ predicate guest_exact{L}(struct mpmu_ctx *c) =
  @   gp_exact{L}(c) && fixed_exact{L}(c) &&
  @   status_exact{L}(\at(hw_gstatus, L), \at(c->global_status, L),
  @                \at(c->global_status_rsvd, L),
  @                \at(c->host_status_set_rsvd, L));
  @*/

/*@ // ---- REQ-G2H: what the host observes after put. ----
  @ predicate gp_clean{L}(struct mpmu_ctx *c) =
  @   \forall integer i; 0 <= i < \at(c->nr_gp, L) ==>
  @     \at(hw_gp_ctr[i], L) == 0 && \at(hw_gp_sel[i], L) == 0;
  @
  @ predicate fixed_clean{L}(struct mpmu_ctx *c) =
  @   (\forall integer j; 0 <= j < \at(c->nr_fixed, L) ==>
  @     \at(hw_fx_ctr[j], L) == 0) &&
  @   \at(hw_fx_ctrl, L) == 0;
  @
  @ predicate host_clean{L}(struct mpmu_ctx *c) =
  @   gp_clean{L}(c) && fixed_clean{L}(c) && no_bits(\at(hw_gstatus, L)) &&
  @   \at(hw_gctl, L) == 0;
  @*/

/*@ // ---- REQ-SAVE: put stores exactly what hardware held. ----
  @ // GLOBAL_STATUS: only the guest's bits (g_rsvd free), its counter bits
  @ // as hardware held them: a host-only bit hardware set while the guest
  @ // ran never enters the context.
  @ predicate status_saved{L}(integer s, integer hw, integer g_rsvd) =
  @   \forall integer k; 0 <= k < 64 ==>
  @     (bit(s, k) ==> !bit(g_rsvd, k)) &&
  @     (!bit(hw_rsvd_gctl, k) && !bit(g_rsvd, k) ==>
  @        (bit(s, k) <==> bit(hw, k)));
  @
  @ predicate metrics_saved{L1, L2}(struct mpmu_ctx *c) =
  @   (\at(c->flags, L2) & MPMU_CTX_PERF_METRICS) != 0 ==>
  @     \at(c->perf_metrics, L2) == \at(hw_metrics, L1);
  @
  @ // s is exactly the guest's bits (g_rsvd free) of the value v put read:
  @ // every one, host-only ones never.
  @ predicate status_saved_read(integer s, integer v, integer g_rsvd) =
  @   \forall integer k; 0 <= k < 64 ==>
  @     (bit(s, k) <==> bit(v, k) && !bit(g_rsvd, k));
  @
  @ predicate saved{L1, L2}(struct mpmu_ctx *c) =
  @   (\forall integer i; 0 <= i < \at(c->nr_gp, L2) ==>
  @     \at(c->gp_counter[i], L2) == \at(hw_gp_ctr[i], L1)) &&
  @   (\forall integer j; 0 <= j < \at(c->nr_fixed, L2) ==>
  @     \at(c->fixed_counter[j], L2) == \at(hw_fx_ctr[j], L1)) &&
  @   status_saved{L2}(\at(c->global_status, L2), \at(hw_gstatus, L1),
  @                \at(c->global_status_rsvd, L2));
  @*/

/*@ // ---- REQ-FRAME: registers the guest does not own. ----
  @ predicate unowned_kept{L1, L2}(struct mpmu_ctx *c) =
  @   \forall integer i; \at(c->nr_gp, L1) <= i < MPMU_MAX_GP ==>
  @     \at(hw_gp_sel[i], L2) == \at(hw_gp_sel[i], L1);
  @
  @ predicate owned_or_global_msr(struct mpmu_ctx *c, integer r) =
  @   (MPMU_MSR_IA32_A_PMC0 <= r < MPMU_MSR_IA32_A_PMC0 + c->nr_gp) ||
  @   (MPMU_MSR_IA32_PERFEVTSEL0 <= r <
  @      MPMU_MSR_IA32_PERFEVTSEL0 + c->nr_gp) ||
  @   (MPMU_MSR_IA32_FIXED_CTR0 <= r <
  @      MPMU_MSR_IA32_FIXED_CTR0 + c->nr_fixed) ||
  @   r == MPMU_MSR_IA32_FIXED_CTR_CTRL ||
  @   r == MPMU_MSR_IA32_PERF_GLOBAL_CTRL ||
  @   r == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET ||
  @   r == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET ||
  @   r == MPMU_MSR_IA32_PERF_METRICS;
  @
  @ predicate writes_owned_only{L}(struct mpmu_ctx *c, integer s, integer e) =
  @   \forall integer k; s <= k < e ==>
  @     \at(tr_kind[k], L) == MPMU_TR_WRMSR ==>
  @     owned_or_global_msr(c, \at(tr_reg[k], L));
  @*/

/*@ // ---- REQ-ORDER: trace properties over a window [s, e). ----
  @ // Counter, selector and fixed-counter registers (both counter aliases).
  @ predicate is_counting_reg(integer r) =
  @   (MPMU_MSR_IA32_A_PMC0 <= r < MPMU_MSR_IA32_A_PMC0 + MPMU_MAX_GP) ||
  @   (MPMU_MSR_IA32_PMC0 <= r < MPMU_MSR_IA32_PMC0 + MPMU_MAX_GP) ||
  @   (MPMU_MSR_IA32_PERFEVTSEL0 <= r <
  @      MPMU_MSR_IA32_PERFEVTSEL0 + MPMU_MAX_GP) ||
  @   (MPMU_MSR_IA32_FIXED_CTR0 <= r <
  @      MPMU_MSR_IA32_FIXED_CTR0 + MPMU_MAX_FIXED) ||
  @   r == MPMU_MSR_IA32_FIXED_CTR_CTRL || r == MPMU_MSR_IA32_PERF_METRICS;
  @
  @ // Every host operation in the window ran with GLOBAL_CTRL zero, so no
  @ // counter, selector or fixed-counter write happened while anything
  @ // could count.
  @ predicate quiesced{L}(integer s, integer e) =
  @   \forall integer k; s <= k < e ==> \at(tr_gctl[k], L) == 0;
  @
  @ predicate wr_at{L}(integer k, integer r) =
  @   \at(tr_kind[k], L) == MPMU_TR_WRMSR && \at(tr_reg[k], L) == r;
  @
  @ predicate no_status_writes{L}(integer s, integer e) =
  @   \forall integer k; s <= k < e ==>
  @     !wr_at{L}(k, MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET) &&
  @     !wr_at{L}(k, MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET);
  @
  @ // Status is restored by RESET then SET, with disjoint masks.
  @ predicate reset_then_set{L}(integer s, integer e) =
  @   \forall integer a, b; s <= a < e ==> s <= b < e ==>
  @     wr_at{L}(a, MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET) ==>
  @     wr_at{L}(b, MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET) ==>
  @     a < b && disjoint_bits(\at(tr_val[a], L), \at(tr_val[b], L));
  @
  @ predicate rd_at{L}(integer k, integer r) =
  @   \at(tr_kind[k], L) == MPMU_TR_RDMSR && \at(tr_reg[k], L) == r;
  @
  @ // REQ-H2G: no bit outside the guest's (those its status mask g_rsvd
  @ // reserves) is ever written to STATUS_SET (set_msr): a bit hardware
  @ // set for the host is never restored into the guest.
  @ predicate set_guest_only{L}(integer s, integer e, integer set_msr,
  @                             integer g_rsvd) =
  @   \forall integer k; s <= k < e ==> wr_at{L}(k, set_msr) ==>
  @     rsvd_free(\at(tr_val[k], L), g_rsvd);
  @
  @ // REQ-G2H: operation s reads GLOBAL_STATUS (st) and, if the value is
  @ // non-zero, the next one writes all of it to RESET (reset): every bit
  @ // read is cleared, host-only ones too (a freeze bit a guest overflow
  @ // set must not stay, facts 7.2 G7).
  @ predicate status_scrubbed_at{L}(integer s, integer st, integer reset) =
  @   s < \at(tr_len, L) && rd_at{L}(s, st) &&
  @   (\at(tr_val[s], L) != 0 ==>
  @      s + 1 < \at(tr_len, L) && wr_at{L}(s + 1, reset) &&
  @      \at(tr_val[s + 1], L) == \at(tr_val[s], L));
  @
  @ predicate rdpmc_at{L}(integer k, integer ecx) =
  @   \at(tr_kind[k], L) == MPMU_TR_RDPMC && \at(tr_reg[k], L) == ecx;
  @
  @ // REQ-METRICS-ORDER, load: every PERF_METRICS write comes after every
  @ // fixed counter 3 write (SDM 20.3.9.3).
  @ predicate metrics_after_fc3{L}(integer s, integer e) =
  @   \forall integer a, b; s <= a < e ==> s <= b < e ==>
  @     wr_at{L}(a, MPMU_MSR_IA32_FIXED_CTR0 + 3) ==>
  @     wr_at{L}(b, MPMU_MSR_IA32_PERF_METRICS) ==> a < b;
  @
  @ // REQ-METRICS-ORDER, put: PERF_METRICS is read before any fixed
  @ // counter 3 write, which would disturb it.
  @ predicate metrics_read_first{L}(integer s, integer e) =
  @   \forall integer a, b; s <= a < e ==> s <= b < e ==>
  @     rdpmc_at{L}(a, MPMU_RDPMC_METRICS) ==>
  @     wr_at{L}(b, MPMU_MSR_IA32_FIXED_CTR0 + 3) ==> a < b;
  @
  @ // No fixed counter 3 or PERF_METRICS operation in the window.
  @ predicate no_topdown_ops{L}(integer s, integer e) =
  @   \forall integer k; s <= k < e ==>
  @     !wr_at{L}(k, MPMU_MSR_IA32_FIXED_CTR0 + 3) &&
  @     !wr_at{L}(k, MPMU_MSR_IA32_PERF_METRICS) &&
  @     !rdpmc_at{L}(k, MPMU_RDPMC_METRICS);
  @
  @ predicate no_metrics_ops{L}(integer s, integer e) =
  @   \forall integer k; s <= k < e ==>
  @     !wr_at{L}(k, MPMU_MSR_IA32_PERF_METRICS) &&
  @     !rdpmc_at{L}(k, MPMU_RDPMC_METRICS);
  @
  @ // Every write of the window goes to MSR r1 or r2 (the status MSRs).
  @ predicate writes_only_to{L}(integer s, integer e, integer r1,
  @                             integer r2) =
  @   \forall integer k; s <= k < e ==> \at(tr_kind[k], L) == MPMU_TR_WRMSR ==>
  @     \at(tr_reg[k], L) == r1 || \at(tr_reg[k], L) == r2;
  @
  @ // The first operation of the window writes GLOBAL_CTRL := 0.
  @ predicate starts_quiesced{L}(integer s) =
  @   wr_at{L}(s, MPMU_MSR_IA32_PERF_GLOBAL_CTRL) && \at(tr_val[s], L) == 0;
  @*/

/*@ // ---- REQ-VALIDATE: host-initiated access to the context. ----
  @ predicate ctx_gp_ctr_msr(struct mpmu_ctx *c, integer m) =
  @   (MPMU_MSR_IA32_A_PMC0 <= m < MPMU_MSR_IA32_A_PMC0 + c->nr_gp) ||
  @   (MPMU_MSR_IA32_PMC0 <= m < MPMU_MSR_IA32_PMC0 + c->nr_gp);
  @ logic integer ctr_index(integer m) =
  @   m >= MPMU_MSR_IA32_A_PMC0 ? m - MPMU_MSR_IA32_A_PMC0 :
  @                               m - MPMU_MSR_IA32_PMC0;
  @ predicate ctx_gp_sel_msr(struct mpmu_ctx *c, integer m) =
  @   MPMU_MSR_IA32_PERFEVTSEL0 <= m < MPMU_MSR_IA32_PERFEVTSEL0 + c->nr_gp;
  @ predicate ctx_fx_ctr_msr(struct mpmu_ctx *c, integer m) =
  @   MPMU_MSR_IA32_FIXED_CTR0 <= m < MPMU_MSR_IA32_FIXED_CTR0 + c->nr_fixed;
  @ predicate ctx_known_msr(struct mpmu_ctx *c, integer m) =
  @   ctx_gp_ctr_msr(c, m) || ctx_gp_sel_msr(c, m) || ctx_fx_ctr_msr(c, m) ||
  @   m == MPMU_MSR_IA32_FIXED_CTR_CTRL ||
  @   m == MPMU_MSR_IA32_PERF_GLOBAL_CTRL ||
  @   m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS ||
  @   m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET ||
  @   m == MPMU_MSR_IA32_PERF_METRICS;
  @ predicate ctx_small(struct mpmu_ctx *c) =
  @   c->nr_gp <= MPMU_MAX_GP && c->nr_fixed <= MPMU_MAX_FIXED;
  @
  @ // Only field (f, w) of the context may differ (f is an MPMU_RK_ kind).
  @ predicate ctx_frame{L1, L2}(struct mpmu_ctx *c, integer f, integer w) =
  @   \at(c->vendor, L2) == \at(c->vendor, L1) &&
  @   \at(c->nr_gp, L2) == \at(c->nr_gp, L1) &&
  @   \at(c->nr_fixed, L2) == \at(c->nr_fixed, L1) &&
  @   \at(c->flags, L2) == \at(c->flags, L1) &&
  @   (\forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @      !(f == MPMU_RK_GP_CTR && w == i) ==>
  @      \at(c->gp_counter[i], L2) == \at(c->gp_counter[i], L1)) &&
  @   (\forall integer i; 0 <= i < MPMU_MAX_GP ==>
  @      !(f == MPMU_RK_GP_SEL && w == i) ==>
  @      \at(c->gp_eventsel[i], L2) == \at(c->gp_eventsel[i], L1) &&
  @      \at(c->gp_eventsel_hw[i], L2) == \at(c->gp_eventsel_hw[i], L1)) &&
  @   (\forall integer j; 0 <= j < MPMU_MAX_FIXED ==>
  @      !(f == MPMU_RK_FX_CTR && w == j) ==>
  @      \at(c->fixed_counter[j], L2) == \at(c->fixed_counter[j], L1)) &&
  @   (f != MPMU_RK_FX_CTRL ==>
  @      \at(c->fixed_ctr_ctrl, L2) == \at(c->fixed_ctr_ctrl, L1) &&
  @      \at(c->fixed_ctr_ctrl_hw, L2) == \at(c->fixed_ctr_ctrl_hw, L1)) &&
  @   (f != MPMU_RK_GCTL ==>
  @      \at(c->global_ctrl, L2) == \at(c->global_ctrl, L1)) &&
  @   (f != MPMU_RK_STATUS ==>
  @      \at(c->global_status, L2) == \at(c->global_status, L1)) &&
  @   (f != MPMU_RK_METRICS ==>
  @      \at(c->perf_metrics, L2) == \at(c->perf_metrics, L1));
  @*/

/*@ // ---- REQ-FILTER: the event filter. ----
  @ predicate event_allowed(struct mpmu_event_filter *f, integer key) =
  @   \exists integer m; 0 <= m < f->nr_events && f->events[m] == key;
  @
  @ // A disallowed event reaches hardware with EN cleared; an allowed one
  @ // unchanged.
  @ predicate gp_filtered(struct mpmu_event_filter *f, integer sel,
  @                       integer hw) =
  @   (event_allowed(f, sel & MPMU_EVTSEL_EVENT_UMASK) ==> hw == sel) &&
  @   (!event_allowed(f, sel & MPMU_EVTSEL_EVENT_UMASK) ==>
  @      hw == (sel & MPMU_NOT64(MPMU_EVTSEL_EN)));

  @
  @ predicate fixed_on(integer allowed, integer nr, integer j) =
  @   j < nr && (allowed & (1 << j)) != 0;
  @
  @ // FIXED_CTR_CTRL fields (bits 4j+3:4j) of the allowed fixed counters.
  @ logic integer fixed_field(integer allowed, integer nr, integer j,
  @                            integer field) =
  @   (j < nr && (allowed & (1 << j)) != 0) ? field : 0;
  @
  @ logic integer fixed_allowed_mask(integer allowed, integer nr) =
  @   fixed_field(allowed, nr, 0, 0xf) + fixed_field(allowed, nr, 1, 0xf0) +
  @   fixed_field(allowed, nr, 2, 0xf00) + fixed_field(allowed, nr, 3, 0xf000);
  @*/

/*@ // ---- AMD PerfMonV2 (REQ-AMD-GUESTONLY, REQ-AMD-ORDER). ----
  @ // What hardware gets for a guest selector: GuestOnly set, HostOnly
  @ // clear, so it cannot count host code (KVM: amd_pmu_set_msr).
  @ logic integer amd_sel_hw(integer sel) =
  @   (sel & MPMU_NOT64(MPMU_AMD_EVTSEL_HOSTONLY)) | MPMU_AMD_EVTSEL_GUESTONLY;
  @
  @ // What load writes: a selector that cannot count (EN clear) is
  @ // written 0, so put has nothing to scrub there.
  @ logic integer amd_load_sel(integer sel) =
  @   (sel & MPMU_EVTSEL_EN) != 0 ? amd_sel_hw(sel) : 0;
  @
  @ predicate amd_counts_ok(struct mpmu_ctx *c) =
  @   c->vendor == MPMU_VENDOR_AMD && c->nr_gp <= c->host_nr_gp &&
  @   c->host_nr_gp <= MPMU_AMD_MAX_GP && c->nr_fixed == 0 &&
  @   (c->flags & MPMU_CTX_PERF_METRICS) == 0;
  @
  @ predicate amd_sels_ok(struct mpmu_ctx *c) =
  @   \forall integer i; 0 <= i < c->nr_gp ==>
  @     (amd_sel_hw(c->gp_eventsel_hw[i]) & MPMU_SEL_RSVD(c, i)) == 0;
  @
  @ predicate amd_values_ok(struct mpmu_ctx *c) =
  @   ctx_counters_ok(c) && amd_sels_ok(c) &&
  @   (c->global_ctrl & c->global_ctrl_rsvd) == 0;
  @
  @ predicate amd_loadable(struct mpmu_ctx *c) =
  @   amd_counts_ok(c) && amd_values_ok(c);
  @
  @ // Every guest selector that can count is GuestOnly and not HostOnly.
  @ predicate amd_guest_only_loaded{L}(struct mpmu_ctx *c) =
  @   \forall integer i; 0 <= i < \at(c->nr_gp, L) ==>
  @     (\at(hw_gp_sel[i], L) & MPMU_EVTSEL_EN) != 0 ==>
  @     (\at(hw_gp_sel[i], L) & MPMU_AMD_EVTSEL_GUESTONLY) != 0 &&
  @     (\at(hw_gp_sel[i], L) & MPMU_AMD_EVTSEL_HOSTONLY) == 0;
  @
  @ predicate amd_gp_exact{L}(struct mpmu_ctx *c) =
  @   \forall integer i; 0 <= i < \at(c->nr_gp, L) ==>
  @     \at(hw_gp_ctr[i], L) == \at(c->gp_counter[i], L) &&
  @     \at(hw_gp_sel[i], L) == amd_load_sel(\at(c->gp_eventsel_hw[i], L));
  @
  @ predicate amd_host_clean{L}(struct mpmu_ctx *c) =
  @   gp_clean{L}(c) && no_bits(\at(hw_gstatus, L)) && \at(hw_gctl, L) == 0;
  @
  @ // Selectors and counters interleave: [CTL0, CTL0 + 2n) holds exactly
  @ // the PERF_CTL/PERF_CTR pairs of the guest's n counters.
  @ predicate amd_owned_or_global_msr(struct mpmu_ctx *c, integer r) =
  @   (MPMU_MSR_AMD_PERF_CTL0 <= r < MPMU_MSR_AMD_PERF_CTL0 + 2 * c->nr_gp) ||
  @   r == MPMU_MSR_AMD_GLOBAL_CTL || r == MPMU_MSR_AMD_GLOBAL_STATUS_CLR ||
  @   r == MPMU_MSR_AMD_GLOBAL_STATUS_SET;
  @
  @ predicate amd_writes_owned_only{L}(struct mpmu_ctx *c, integer s,
  @                                    integer e) =
  @   \forall integer k; s <= k < e ==>
  @     \at(tr_kind[k], L) == MPMU_TR_WRMSR ==>
  @     amd_owned_or_global_msr(c, \at(tr_reg[k], L));
  @
  @ // No StatusSet write in the window: counters and selectors only.
  @ predicate amd_no_status_set{L}(integer s, integer e) =
  @   \forall integer k; s <= k < e ==>
  @     !wr_at{L}(k, MPMU_MSR_AMD_GLOBAL_STATUS_SET);
  @
  @ // GlobalCtl := 0 is the first operation of the window.
  @ predicate amd_starts_quiesced{L}(integer s) =
  @   wr_at{L}(s, MPMU_MSR_AMD_GLOBAL_CTL) && \at(tr_val[s], L) == 0;
  @
  @ // Put: the first operation reads the guest's GlobalCtl (SVM does not
  @ // switch it), the second zeroes it, before anything else.
  @ predicate amd_put_starts{L}(integer s) =
  @   rd_at{L}(s, MPMU_MSR_AMD_GLOBAL_CTL) && amd_starts_quiesced{L}(s + 1);
  @
  @ // Enabling with the guest value is the last operation, after every
  @ // selector write.
  @ predicate amd_enables_last{L}(integer e, integer v) =
  @   wr_at{L}(e - 1, MPMU_MSR_AMD_GLOBAL_CTL) && \at(tr_val[e - 1], L) == v;
  @
  @ // Nothing counts in host mode: guest selectors are GuestOnly and perf
  @ // has scheduled the host's events out (perf_load_guest_context).
  @ predicate unowned_sel_off{L}(struct mpmu_ctx *c) =
  @   \forall integer i; \at(c->nr_gp, L) <= i < MPMU_MAX_GP ==>
  @     !bit(\at(hw_gp_sel[i], L), 22);
  @*/

#endif /* MPMU_PROPS_H */
