// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM's and host perf's role around the core, the reference run and the
 * properties of issue 6, checked on every switch:
 *  - transparency: everything the guest reads (and the whole guest-visible
 *    register file at every VM-entry) equals the reference run, where the
 *    guest owns a private PMU and no host activity or switch exists;
 *  - nothing lost: after every put the context equals the reference PMU;
 *  - taint: after put no host-visible register holds guest data, at
 *    VM-entry no guest-visible register holds host data;
 *  - order: GLOBAL_CTRL := 0 first in load, no write while anything can
 *    count, RESET before SET, fixed counter 3 before PERF_METRICS;
 *  - non-interference: a hash of every host observation per switch, compared
 *    by the caller between runs that differ only in the guest seed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "world.h"
#include "gen.h"

static u64 lowb(u32 n)
{
	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

bool world_fail(struct world *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (w->failed)
		return false;
	w->failed = true;
	n = snprintf(w->err, sizeof(w->err), "[%s g%u/f%u%s switch %llu] ",
		     w->cfg->name, w->gs.nr_gp, w->gs.nr_fixed,
		     w->gs.metrics ? "/m" : "",
		     (unsigned long long)w->st.switches);
	va_start(ap, fmt);
	vsnprintf(w->err + n, sizeof(w->err) - n, fmt, ap);
	va_end(ap);
	return false;
}

static bool intel(const struct world *w)
{
	return w->cfg->vendor == SIM_VENDOR_INTEL;
}

/* KVM's reserved-bit masks for this guest (kvm pmu refresh). */
void world_ctx_defaults(const struct sim_config *cfg, const struct gshape *gs,
			struct mpmu_ctx *ctx)
{
	u32 j;

	memset(ctx, 0, sizeof(*ctx));
	ctx->nr_gp = gs->nr_gp;
	ctx->nr_fixed = gs->nr_fixed;
	ctx->host_nr_gp = cfg->nr_gp;
	ctx->host_nr_fixed = cfg->nr_fixed;
	ctx->counter_rsvd = ~lowb(cfg->gp_width);
	ctx->host_counter_rsvd = ~lowb(cfg->gp_width);
	ctx->host_fixed_counter_rsvd = cfg->vendor == SIM_VENDOR_AMD ? ~0ull :
				       ~lowb(cfg->fixed_width);
	if (cfg->vendor == SIM_VENDOR_AMD) {
		ctx->vendor = MPMU_VENDOR_AMD;
		/* What the core may write: GuestOnly/HostOnly are the
		 * core's to set; KVM masks the guest's writes with
		 * WORLD_AMD_KVM_SEL_RSVD (bits 40/41 included). */
		ctx->eventsel_rsvd = WORLD_AMD_HW_SEL_RSVD;
		ctx->eventsel2_rsvd = WORLD_AMD_HW_SEL_RSVD;
		ctx->global_ctrl_rsvd = ~lowb(gs->nr_gp);
		ctx->global_status_rsvd = ~lowb(gs->nr_gp);
		ctx->host_status_set_rsvd = ~lowb(cfg->nr_gp);
		ctx->fixed_counter_rsvd = ~0ull;
		ctx->fixed_ctr_ctrl_rsvd = ~0ull;
		/* kvm_pmu_refresh: GLOBAL_CTRL resets to all GP enables. */
		ctx->global_ctrl = lowb(gs->nr_gp);
		return;
	}
	ctx->vendor = MPMU_VENDOR_INTEL;
	ctx->flags = (gs->metrics ? MPMU_CTX_PERF_METRICS : 0) |
		     (cfg->has_metrics ? MPMU_CTX_HOST_PERF_METRICS : 0);
	ctx->fixed_counter_rsvd = ~lowb(cfg->fixed_width);
	/* kvm intel_pmu_refresh: IN_TX with TSX; IN_TXCP on counter 2. */
	ctx->eventsel_rsvd = 0xffffffff00200000ull &
			     ~(cfg->has_tsx ? 1ull << 32 : 0);
	ctx->eventsel2_rsvd = 0xffffffff00200000ull &
			      ~(cfg->has_tsx ? 3ull << 32 : 0);
	ctx->fixed_ctr_ctrl_rsvd = ~0ull;
	for (j = 0; j < gs->nr_fixed; j++)
		ctx->fixed_ctr_ctrl_rsvd &= ~(0xbull << (4 * j));
	ctx->global_ctrl_rsvd = ~(lowb(gs->nr_gp) | lowb(gs->nr_fixed) << 32 |
				  (gs->metrics ? 1ull << 48 : 0));
	ctx->global_status_rsvd = ctx->global_ctrl_rsvd &
				  ~(SIM_STATUS_OVFBUF | SIM_STATUS_CONDCHGD);
	ctx->host_status_set_rsvd =
		~(lowb(cfg->nr_gp) | lowb(cfg->nr_fixed) << 32 |
		  (cfg->has_metrics ? 1ull << 48 : 0) | 1ull << 55 |
		  0x1full << 58);
	/* kvm_pmu_refresh: GLOBAL_CTRL resets to all GP enables. */
	ctx->global_ctrl = lowb(gs->nr_gp);
}

/* The filter as the SDM-level model understands it (mpmu.h comment). */
u64 world_filter_sel(const struct mpmu_event_filter *f, bool on, u64 sel)
{
	u32 k;

	if (!on)
		return sel;
	for (k = 0; k < f->nr_events && k < MPMU_FILTER_MAX_EVENTS; k++)
		if (f->events[k] == (u16)(sel & 0xffff))
			return sel;
	return sel & ~MPMU_EVTSEL_EN;
}

/* spec/mpmu_props.h fixed_allowed_mask: only the fields (bits 4j+3:4j)
 * of allowed fixed counters j < nr_fixed (and j < 4) reach hardware. */
u64 world_filter_fx(const struct mpmu_event_filter *f, bool on, u64 ctrl,
		    u32 nr_fixed)
{
	u64 keep = 0;
	u32 j;

	if (!on)
		return ctrl;
	for (j = 0; j < nr_fixed && j < MPMU_MAX_FIXED; j++)
		if ((f->fixed_allowed >> j) & 1)
			keep |= 0xfull << (4 * j);
	return ctrl & keep;
}

static void obs(struct world *w, u64 v)
{
	w->obs_hash = sim_mix(w->obs_hash ^ v);
}

/* ---- KVM-side context maintenance (what intercepted writes do) ---- */

static u64 sel_to_hw(const struct world *w, u64 v)
{
	if (!intel(w))	/* amd_pmu_set_msr: force GuestOnly, drop HostOnly */
		v = (v & ~MPMU_AMD_EVTSEL_HOSTONLY) | MPMU_AMD_EVTSEL_GUESTONLY;
	return v;
}

static void kvm_refresh_filter(struct world *w)
{
	u32 i;

	/* KVM_REQ_PMU before the next load: *_hw from the guest values. */
	for (i = 0; i < w->gs.nr_gp; i++)
		w->ctx.gp_eventsel_hw[i] = sel_to_hw(w, w->ctx.gp_eventsel[i]);
	w->ctx.fixed_ctr_ctrl_hw = w->ctx.fixed_ctr_ctrl;
	if (w->filter_on)
		mpmu_refresh_event_filter(&w->ctx, &w->filter);
}

static void ref_apply_filter(struct world *w)
{
	u32 i;

	for (i = 0; i < w->gs.nr_gp; i++) {
		w->ref.gp_sel[i].v = world_filter_sel(&w->filter, w->filter_on,
						      w->ref_sel[i]);
		w->ref.gp_sel[i].t = w->ref.gp_sel[i].v ? T_GUEST : 0;
	}
	w->ref.fx_ctrl.v = world_filter_fx(&w->filter, w->filter_on,
					   w->ref_fx_ctrl, w->gs.nr_fixed);
}

const struct world_core world_real_core = {
	.name = "src/",
	.load = mpmu_load_guest_context,
	.put = mpmu_put_guest_context,
	.vmx_refresh = mpmu_vmx_refresh_global_ctrl,
	.amd_refresh = mpmu_amd_refresh_global_ctrl,
	.intercepts = mpmu_intercept_decisions,
};

bool world_own_ok(const struct mpmu_ctx *c, const struct mpmu_intercepts *d,
		  const char **why)
{
	bool same = c->nr_gp == c->host_nr_gp &&
		    c->nr_fixed == c->host_nr_fixed;
	bool gm = c->flags & MPMU_CTX_PERF_METRICS;
	bool hm = c->flags & MPMU_CTX_HOST_PERF_METRICS;

	if (d->pass_rdpmc && !(same && gm == hm))
		return *why = "RDPMC passed through with counters the guest "
			      "does not own", false;
	if (d->pass_global_msrs && !same)
		return *why = "GLOBAL_* MSRs passed through with counters the "
			      "guest does not own", false;
	if (d->pass_perf_metrics && !gm)
		return *why = "PERF_METRICS passed through without the "
			      "capability", false;
	if (d->pass_selectors || d->pass_fixed_ctr_ctrl)
		return *why = "selectors or FIXED_CTR_CTRL passed through "
			      "(the event filter needs them)", false;
	if (d->pass_counter_msrs != 1)
		return *why = "the guest's own counters intercepted", false;
	return true;
}

void world_set_intercepts(struct world *w)
{
	const char *why = "";

	memset(&w->icpt, 0, sizeof(w->icpt));
	w->core->intercepts(&w->ctx, w->widths_equal, &w->icpt);
	if (w->check_trace && !world_own_ok(&w->ctx, &w->icpt, &why))
		world_fail(w, "REQ-OWN: intercept decisions: %s", why);
	w->gctl_icpt = !w->icpt.pass_global_msrs;
	w->rdpmc_icpt = !w->icpt.pass_rdpmc;
}

void world_init(struct world *w, const struct sim_config *cfg,
		const struct gshape *gs, u64 host_seed, u64 guest_seed)
{
	u64 *o = w->obs;
	u64 cap = w->obs_cap;

	memset(w, 0, sizeof(*w));
	w->obs = o;
	w->obs_cap = cap;
	w->cfg = cfg;
	w->gs = *gs;
	w->host_rng = host_seed;
	w->guest_rng = guest_seed ^ 0x6775657374ull;
	w->gsrc.rng = &w->guest_rng;
	w->max_ops = 12;
	w->check_taint = true;
	w->check_trace = true;
	sim_init(&w->cpu, cfg);
	w->ref_cfg = *cfg;
	w->ref_cfg.name = "ref";
	w->ref_cfg.nr_gp = gs->nr_gp;
	w->ref_cfg.nr_fixed = gs->nr_fixed;
	w->ref_cfg.has_metrics = gs->metrics;
	sim_init(&w->ref, &w->ref_cfg);
	w->ref.write_taint = T_GUEST;
	w->ref.in_guest = true;
	world_ctx_defaults(cfg, gs, &w->ctx);
	/* The private PMU starts at the guest's architectural RESET state. */
	w->ref.gctl.v = w->ctx.global_ctrl;
	w->ref.gctl.t = T_GUEST;
	w->core = &world_real_core;
	w->widths_equal = 1;
	w->entry_fail_rate = 16;
	/* KVM intercept policy: the core's decisions (REQ-OWN). */
	world_set_intercepts(w);
	/* VMCS: the controls mpmu_vmx_configure() asks for (REQ-SKL). */
	if (intel(w)) {
		struct mpmu_vmx_caps caps;

		sim_vmx_caps(cfg, &caps.pmu_version, &caps.entry_ctls_allowed,
			     &caps.exit_ctls_allowed, &caps.perf_capabilities);
		w->vmx_rc = mpmu_vmx_configure(&caps, &w->vcfg);
		if (w->vmx_rc)
			world_fail(w, "mpmu_vmx_configure() = %d", w->vmx_rc);
		w->cpu.entry_ctls = w->vcfg.entry_ctls;
		w->cpu.exit_ctls = w->vcfg.exit_ctls;
		w->cpu.autostore_gctl = w->vcfg.use_autostore != 0;
		w->cpu.vmcs_host_gctl.v = 0;
		w->cpu.vmcs_guest_gctl.v = w->ctx.global_ctrl;
		w->cpu.vmcs_guest_gctl.t = T_GUEST;
	} else if (mpmu_amd_configure(cfg->version)) {
		/* REQ-FEATURES: PerfMonV2 (mpmu_amd_configure). */
		world_fail(w, "mpmu_amd_configure(%u) failed", cfg->version);
	}
	w->hp.gp_owned = 0;
	w->obs_len = 0;
}

void world_free(struct world *w)
{
	free(w->obs);
	w->obs = NULL;
	w->obs_cap = 0;
}

/* ---- Host perf ---- */

static u64 host_sel(struct world *w, u64 *r)
{
	u64 s = gen_events[rng_below(r, 5)] | MPMU_EVTSEL_EN | (3ull << 16);

	if (!intel(w))
		s |= MPMU_AMD_EVTSEL_HOSTONLY;	/* exclude_guest */
	return s;
}

/* A host counter value: often near overflow (PMIs), else the shared
 * boundary values, whose low halves collide with the guest's. */
static u64 host_count(struct world *w, u64 *r, u32 width)
{
	struct gsrc g = { .rng = r, .pool = w->pool, .npool = w->npool };
	u64 v = gen_counter(&g, width);

	if (rng_below(r, 2))
		return lowb(width) - rng_below(r, 3000);
	return v & lowb(width);
}

static void host_reprogram(struct world *w, u64 *r)
{
	struct gsrc g = { .rng = r, .pool = w->pool, .npool = w->npool };
	u32 i;

	w->hp.gp_owned = (u32)rng_next(r) & lowb(w->cfg->nr_gp);
	w->hp.fx_owned = (u32)rng_next(r) & lowb(w->cfg->nr_fixed);
	w->hp.fx_ctrl = 0;
	for (i = 0; i < w->cfg->nr_gp; i++) {
		w->hp.sel[i] = host_sel(w, r);
		w->hp.ctr[i] = host_count(w, r, w->cfg->gp_width);
	}
	for (i = 0; i < w->cfg->nr_fixed; i++) {
		w->hp.fx[i] = host_count(w, r, w->cfg->fixed_width);
		if ((w->hp.fx_owned >> i) & 1)
			w->hp.fx_ctrl |= 3ull << (4 * i);
	}
	w->hp.metrics = gen_metrics(&g);
}

/* perf topdown group: SLOTS (fixed counter 3) with PERF_METRICS. */
static bool host_topdown(const struct world *w)
{
	return w->cfg->has_metrics && ((w->hp.fx_owned >> 3) & 1);
}

static u64 host_gctl(const struct world *w)
{
	return (u64)w->hp.gp_owned | (u64)w->hp.fx_owned << 32 |
	       (host_topdown(w) ? 1ull << MPMU_GLOBAL_PERF_METRICS_BIT : 0);
}

static u32 ctl_msr(const struct world *w)
{
	return intel(w) ? MPMU_MSR_IA32_PERF_GLOBAL_CTRL :
			  MPMU_MSR_AMD_GLOBAL_CTL;
}

static u32 set_msr(const struct world *w)
{
	return intel(w) ? MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET :
			  MPMU_MSR_AMD_GLOBAL_STATUS_SET;
}

static u32 ctr_msr(const struct world *w, u32 i)
{
	return intel(w) ? MPMU_MSR_IA32_A_PMC0 + i :
			  MPMU_MSR_AMD_PERF_CTR0 + MPMU_MSR_AMD_STRIDE * i;
}

static u32 sel_msr(const struct world *w, u32 i)
{
	return intel(w) ? MPMU_MSR_IA32_PERFEVTSEL0 + i :
			  MPMU_MSR_AMD_PERF_CTL0 + MPMU_MSR_AMD_STRIDE * i;
}

static void put_host(struct sim_reg *r, u64 v)
{
	r->v = v;
	r->t = v ? T_HOST : 0;
}

static bool host_wr(struct world *w, u32 msr, u64 v)
{
	w->cpu.write_taint = T_HOST;
	if (!sim_wrmsr(&w->cpu, msr, v))
		return world_fail(w, "host perf write faulted: %s",
				  w->cpu.fault_msg);
	return true;
}

static u64 host_rd(struct world *w, u32 msr)
{
	u64 v;

	if (!sim_rdmsr(&w->cpu, msr, &v))
		world_fail(w, "host perf read faulted: %s", w->cpu.fault_msg);
	return v;
}

/* perf_put_guest_context: schedule host events back in. */
static void host_sched_in(struct world *w)
{
	u32 i;

	for (i = 0; i < w->cfg->nr_gp; i++) {
		if (!((w->hp.gp_owned >> i) & 1))
			continue;
		host_wr(w, ctr_msr(w, i), w->hp.ctr[i]);
		host_wr(w, sel_msr(w, i), w->hp.sel[i]);
	}
	for (i = 0; i < w->cfg->nr_fixed; i++)
		if ((w->hp.fx_owned >> i) & 1)
			host_wr(w, MPMU_MSR_IA32_FIXED_CTR0 + i, w->hp.fx[i]);
	/* SDM 20.3.9.3: fixed counter 3 first, then PERF_METRICS. */
	if (host_topdown(w))
		host_wr(w, MPMU_MSR_IA32_PERF_METRICS, w->hp.metrics);
	if (w->cfg->nr_fixed)
		host_wr(w, MPMU_MSR_IA32_FIXED_CTR_CTRL, w->hp.fx_ctrl);
	host_wr(w, ctl_msr(w), host_gctl(w));
}

/* perf_load_guest_context: schedule host exclude_guest events out. */
static void host_sched_out(struct world *w, u64 *r)
{
	u32 i;

	for (i = 0; i < w->cfg->nr_gp; i++) {
		if (!((w->hp.gp_owned >> i) & 1))
			continue;
		w->hp.ctr[i] = host_rd(w, ctr_msr(w, i));
		obs(w, w->hp.ctr[i]);
		if (!w->hp.leave_enabled || rng_below(r, 2))
			host_wr(w, sel_msr(w, i),
				w->hp.sel[i] & ~MPMU_EVTSEL_EN);
	}
	for (i = 0; i < w->cfg->nr_fixed; i++) {
		if (!((w->hp.fx_owned >> i) & 1))
			continue;
		w->hp.fx[i] = host_rd(w, MPMU_MSR_IA32_FIXED_CTR0 + i);
		obs(w, w->hp.fx[i]);
	}
	if (host_topdown(w)) {
		w->hp.metrics = host_rd(w, MPMU_MSR_IA32_PERF_METRICS);
		obs(w, w->hp.metrics);
	}
	if (w->cfg->nr_fixed && !w->hp.leave_enabled)
		host_wr(w, MPMU_MSR_IA32_FIXED_CTR_CTRL, 0);
	/* perf re-enables the PMU globally; the core must zero it. */
	host_wr(w, ctl_msr(w), host_gctl(w) | (intel(w) ? 0 : 0));
}

static void host_run(struct world *w, u64 *r, u32 n)
{
	struct sim_events ev;
	u32 k;

	for (k = 0; k < n; k++) {
		ev.instr = rng_below(r, 5000);
		ev.cycles = rng_below(r, 9000);
		ev.ref = rng_below(r, 7000);
		ev.slots = rng_below(r, 20000);
		ev.seed = rng_next(r);
		ev.cpl = rng_below(r, 2) ? 3 : 0;
		w->cpu.in_guest = false;
		sim_count(&w->cpu, &ev);
	}
}

static void host_events(struct world *w, u64 *r, u32 n)
{
	u64 st;

	host_run(w, r, n);
	/* Host PMI handler: read and acknowledge host overflows. */
	st = host_rd(w, intel(w) ? MPMU_MSR_IA32_PERF_GLOBAL_STATUS :
				   MPMU_MSR_AMD_GLOBAL_STATUS);
	obs(w, st);
	if (st)
		host_wr(w, intel(w) ? MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET :
				      MPMU_MSR_AMD_GLOBAL_STATUS_CLR, st);
	/* Host status bits nobody clears (uncore, PT; AMD: an overflow
	 * whose PMI is still pending) are left sometimes, every one of
	 * them now and then. */
	if (rng_below(r, 4) == 0) {
		struct gsrc g = { .rng = r };

		host_wr(w, set_msr(w),
			gen_status(&g, sim_status_set_valid(w->cfg)));
	}
	/* CondChgd, which only the hardware sets (no STATUS_SET). */
	if (intel(w) && rng_below(r, 16) == 0)
		sim_status_raise(&w->cpu, SIM_STATUS_CONDCHGD);
}

/* ---- Checks ---- */

bool world_check_order(struct world *w, bool load)
{
	const struct sim_cpu *c = &w->cpu;
	const char *what = load ? "load" : "put";
	u32 k, reset_at = ~0u, set_at = ~0u;
	u32 fc3_first = ~0u, fc3_last = ~0u, pm_wr_first = ~0u;
	u32 pm_rd_first = ~0u, topdown = 0;
	u32 gmsr = ctl_msr(w);
	bool gm = w->gs.metrics;
	/* AMD put reads the guest's PerfCntrGlobalCtl first (REQ-SAVE). */
	u32 first = !intel(w) && !load && c->tr_len &&
		    c->tr[0].kind == SIM_OP_RDMSR && c->tr[0].reg == gmsr;

	if (c->tr_overflow)
		return world_fail(w, "trace overflow");
	/* REQ-ORDER / REQ-AMD-ORDER: GLOBAL_CTRL := 0 is the first write. */
	if (load || !intel(w)) {
		if (c->tr_len <= first)
			return world_fail(w, "%s did nothing", what);
		if (c->tr[first].kind != SIM_OP_WRMSR ||
		    c->tr[first].reg != gmsr || c->tr[first].val != 0)
			return world_fail(w, "%s: first operation is kind %u "
					  "0x%x := 0x%llx, not %s := 0", what,
					  c->tr[first].kind, c->tr[first].reg,
					  (unsigned long long)c->tr[first].val,
					  intel(w) ? "GLOBAL_CTRL" :
					  "PerfCntrGlobalCtl");
	}
	for (k = 0; k < c->tr_len; k++) {
		const struct sim_op *op = &c->tr[k];

		if (op->kind == SIM_OP_RDPMC && op->reg == MPMU_RDPMC_METRICS) {
			topdown++;
			if (pm_rd_first == ~0u)
				pm_rd_first = k;
		}
		if (op->kind != SIM_OP_WRMSR)
			continue;
		/* Nothing may count while the core rewrites state: every
		 * write after the first runs with GLOBAL_CTRL 0, except the
		 * final AMD enable (checked below). */
		if (op->gctl && k != first &&
		    !(!intel(w) && load && k + 1 == c->tr_len))
			return world_fail(w, "%s: WRMSR 0x%x with GLOBAL_CTRL "
					  "0x%llx != 0", what, op->reg,
					  (unsigned long long)op->gctl);
		if (op->reg == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET ||
		    op->reg == MPMU_MSR_AMD_GLOBAL_STATUS_CLR)
			reset_at = k;
		if (op->reg == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET ||
		    op->reg == MPMU_MSR_AMD_GLOBAL_STATUS_SET)
			set_at = k;
		if (intel(w) && op->reg == MPMU_MSR_IA32_FIXED_CTR0 + 3) {
			topdown++;
			if (fc3_first == ~0u)
				fc3_first = k;
			fc3_last = k;
		}
		if (intel(w) && op->reg == MPMU_MSR_IA32_PERF_METRICS) {
			topdown++;
			if (pm_wr_first == ~0u)
				pm_wr_first = k;
		}
		if (!intel(w) && op->reg == gmsr && k != first &&
		    !(load && k + 1 == c->tr_len))
			return world_fail(w, "%s: PerfCntrGlobalCtl written in "
					  "the middle (op %u)", what, k);
	}
	if (reset_at != ~0u && set_at != ~0u && set_at < reset_at)
		return world_fail(w, "status SET before RESET");
	/* REQ-METRICS-ORDER (SDM 20.3.9.3). */
	if (load && pm_wr_first != ~0u && fc3_last != ~0u &&
	    pm_wr_first < fc3_last)
		return world_fail(w, "load: PERF_METRICS written (op %u) before "
				  "the last FIXED_CTR3 write (op %u)",
				  pm_wr_first, fc3_last);
	if (load && gm && pm_wr_first == ~0u)
		return world_fail(w, "load: PERF_METRICS not loaded");
	if (!load && gm && fc3_first != ~0u &&
	    (pm_rd_first == ~0u || pm_rd_first > fc3_first))
		return world_fail(w, "put: FIXED_CTR3 written (op %u) before "
				  "PERF_METRICS was read", fc3_first);
	if (!load && gm && pm_rd_first == ~0u)
		return world_fail(w, "put: PERF_METRICS not saved");
	/* REQ-METRICS-G2H: without the capability neither is touched. */
	if (!gm && topdown)
		return world_fail(w, "%s: fixed counter 3 / PERF_METRICS "
				  "touched for a guest without PERF_METRICS",
				  what);
	if (!intel(w) && load) {
		const struct sim_op *op = &c->tr[c->tr_len - 1];

		/* REQ-AMD-ORDER: the guest's GlobalCtl is the last op. */
		if (op->kind != SIM_OP_WRMSR || op->reg != gmsr ||
		    op->val != w->ctx.global_ctrl)
			return world_fail(w, "load: last op 0x%x := 0x%llx is "
					  "not PerfCntrGlobalCtl := 0x%llx",
					  op->reg, (unsigned long long)op->val,
					  (unsigned long long)
					  w->ctx.global_ctrl);
		/*
		 * REQ-AMD-GUESTONLY: every selector that can count is
		 * GuestOnly; one that cannot (EN clear) is loaded as 0.
		 */
		for (k = 0; k < w->gs.nr_gp; k++) {
			u64 sel = c->gp_sel[k].v;

			if (!(sel & MPMU_EVTSEL_EN) ? sel != 0 :
			    (!(sel & MPMU_AMD_EVTSEL_GUESTONLY) ||
			     (sel & MPMU_AMD_EVTSEL_HOSTONLY)))
				return world_fail(w, "load: PERF_CTL%u = 0x%llx "
						  "not GuestOnly", k,
						  (unsigned long long)sel);
		}
	}
	return true;
}

/* Guest-visible register file vs the reference (at VM-entry). */
static bool check_guest_view(struct world *w, const char *when)
{
	const struct sim_cpu *c = &w->cpu, *r = &w->ref;
	u32 i;

#define CMP(name, idx, a, b) do { if ((a) != (b)) return world_fail(w, \
	"%s: guest-visible %s[%u] = 0x%llx, reference 0x%llx", when, name, \
	(unsigned)(idx), (unsigned long long)(a), (unsigned long long)(b)); \
	} while (0)
	for (i = 0; i < w->gs.nr_gp; i++) {
		u64 want = r->gp_sel[i].v;

		/* AMD load writes 0 to a selector that cannot count. */
		if (!intel(w) && !(want & MPMU_EVTSEL_EN))
			want = 0;
		CMP("gp_ctr", i, c->gp_ctr[i].v, r->gp_ctr[i].v);
		CMP("gp_sel", i, c->gp_sel[i].v & ~(intel(w) ? 0 :
			MPMU_AMD_EVTSEL_GUESTONLY), want);
	}
	for (i = 0; i < w->gs.nr_fixed; i++)
		CMP("fx_ctr", i, c->fx_ctr[i].v, r->fx_ctr[i].v);
	if (intel(w))
		CMP("fx_ctrl", 0, c->fx_ctrl.v, r->fx_ctrl.v);
	CMP("global_ctrl", 0, c->gctl.v, r->gctl.v);
	CMP("global_status", 0, c->status, r->status);
	if (w->gs.metrics)
		CMP("perf_metrics", 0, c->metrics.v, r->metrics.v);
#undef CMP
	if (!w->check_taint)
		return true;
	/* Taint: no host data in anything the guest can see. */
#define HT(name, idx, reg, refv, owned) do { \
	if ((reg).t & T_HOST) { \
		if ((owned) && (reg).v == (refv)) w->st.coincidences++; \
		else return world_fail(w, "%s: guest-visible %s[%u] carries " \
			"host taint (0x%llx)", when, name, (unsigned)(idx), \
			(unsigned long long)(reg).v); } } while (0)
	for (i = 0; i < w->gs.nr_gp; i++) {
		HT("gp_ctr", i, c->gp_ctr[i], r->gp_ctr[i].v, true);
		HT("gp_sel", i, c->gp_sel[i], c->gp_sel[i].v, false);
	}
	for (i = 0; i < w->gs.nr_fixed; i++)
		HT("fx_ctr", i, c->fx_ctr[i], r->fx_ctr[i].v, true);
	HT("fx_ctrl", 0, c->fx_ctrl, 0, false);
	HT("global_ctrl", 0, c->gctl, 0, false);
	if (c->status_th & ~r->status)
		return world_fail(w, "%s: status bits 0x%llx carry host taint",
				  when, (unsigned long long)(c->status_th &
							     ~r->status));
	if (!w->rdpmc_icpt || w->gs.metrics)
		HT("perf_metrics", 0, c->metrics, r->metrics.v, w->gs.metrics);
	if (!w->rdpmc_icpt) {
		for (i = w->gs.nr_gp; i < w->cfg->nr_gp; i++)
			HT("gp_ctr(unowned)", i, c->gp_ctr[i], 0, false);
		for (i = w->gs.nr_fixed; i < w->cfg->nr_fixed; i++)
			HT("fx_ctr(unowned)", i, c->fx_ctr[i], 0, false);
	}
#undef HT
	return true;
}

/* After put: no guest data anywhere the host can see. */
static bool check_host_view(struct world *w)
{
	const struct sim_cpu *c = &w->cpu;
	u32 i;

#define GT(name, idx, reg) do { if ((reg).t & T_GUEST) return world_fail(w, \
	"after put: host-visible %s[%u] = 0x%llx carries guest taint", name, \
	(unsigned)(idx), (unsigned long long)(reg).v); } while (0)
	for (i = 0; i < w->cfg->nr_gp; i++) {
		GT("gp_ctr", i, c->gp_ctr[i]);
		GT("gp_sel", i, c->gp_sel[i]);
	}
	for (i = 0; i < w->cfg->nr_fixed; i++)
		GT("fx_ctr", i, c->fx_ctr[i]);
	GT("fx_ctrl", 0, c->fx_ctrl);
	GT("global_ctrl", 0, c->gctl);
	GT("perf_metrics", 0, c->metrics);
#undef GT
	if (c->status_tg)
		return world_fail(w, "after put: status bits 0x%llx carry "
				  "guest taint",
				  (unsigned long long)c->status_tg);
	return true;
}

/*
 * After put the context holds exactly the reference PMU (nothing lost),
 * but for GLOBAL_STATUS bits outside the guest's mask (a bit the guest set
 * through a passed-through STATUS_SET that its CPUID does not expose):
 * REQ-SAVE keeps those out of the context, so the guest's own PMU loses
 * them at the switch too.
 */
static bool check_saved(struct world *w)
{
	const struct mpmu_ctx *x = &w->ctx;
	struct sim_cpu *r = &w->ref;
	u32 i;

	r->status &= ~x->global_status_rsvd;
	r->status_tg &= ~x->global_status_rsvd;
	r->status_th &= ~x->global_status_rsvd;

	for (i = 0; i < w->gs.nr_gp; i++)
		if (x->gp_counter[i] != r->gp_ctr[i].v)
			return world_fail(w, "put: ctx gp_counter[%u] = "
					  "0x%llx, "
					  "reference 0x%llx", i,
					  (unsigned long long)x->gp_counter[i],
					  (unsigned long long)r->gp_ctr[i].v);
	for (i = 0; i < w->gs.nr_fixed; i++)
		if (x->fixed_counter[i] != r->fx_ctr[i].v)
			return world_fail(w, "put: ctx fixed_counter[%u] = "
					  "0x%llx, reference 0x%llx", i,
					  (unsigned long long)
					  x->fixed_counter[i],
					  (unsigned long long)r->fx_ctr[i].v);
	if (x->global_status != r->status)
		return world_fail(w, "put: ctx global_status = 0x%llx, "
				  "reference 0x%llx",
				  (unsigned long long)x->global_status,
				  (unsigned long long)r->status);
	if (x->global_ctrl != r->gctl.v)
		return world_fail(w, "put: ctx global_ctrl = 0x%llx, "
				  "reference 0x%llx",
				  (unsigned long long)x->global_ctrl,
				  (unsigned long long)r->gctl.v);
	if (w->gs.metrics && x->perf_metrics != r->metrics.v)
		return world_fail(w, "put: ctx perf_metrics = 0x%llx, "
				  "reference 0x%llx",
				  (unsigned long long)x->perf_metrics,
				  (unsigned long long)r->metrics.v);
	return true;
}

/* ---- REQ-FRAME ---- */

/*
 * Write by write: every WRMSR of a core call targets a register the guest
 * owns (its counters and selectors, PERF_METRICS with the capability) or
 * a control the switch may write (GLOBAL_CTRL, FIXED_CTR_CTRL, the status
 * RESET/SET; AMD PerfCntrGlobalCtl, StatusClr/Set). A write to a register
 * of host perf is a violation even if it writes the value already there,
 * and even if host perf rewrites it later.
 */
static bool frame_writable(const struct world *w, u32 msr)
{
	u32 ng = w->gs.nr_gp;

	if (!intel(w))
		return (msr >= MPMU_MSR_AMD_PERF_CTL0 &&	/* CTL, CTR i */
			msr < MPMU_MSR_AMD_PERF_CTL0 +
			      MPMU_MSR_AMD_STRIDE * ng) ||
		       msr == MPMU_MSR_AMD_GLOBAL_CTL ||
		       msr == MPMU_MSR_AMD_GLOBAL_STATUS_CLR ||
		       msr == MPMU_MSR_AMD_GLOBAL_STATUS_SET;
	if ((msr >= MPMU_MSR_IA32_A_PMC0 && msr < MPMU_MSR_IA32_A_PMC0 + ng) ||
	    (msr >= MPMU_MSR_IA32_PERFEVTSEL0 &&
	     msr < MPMU_MSR_IA32_PERFEVTSEL0 + ng) ||
	    (msr >= MPMU_MSR_IA32_FIXED_CTR0 &&
	     msr < MPMU_MSR_IA32_FIXED_CTR0 + w->gs.nr_fixed))
		return true;
	if (msr == MPMU_MSR_IA32_PERF_METRICS)
		return w->gs.metrics;
	return msr == MPMU_MSR_IA32_PERF_GLOBAL_CTRL ||
	       msr == MPMU_MSR_IA32_FIXED_CTR_CTRL ||
	       msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET ||
	       msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET;
}

/* The registers of host perf (not the guest's) before a core call. */
struct frame_snap {
	struct sim_reg gp_ctr[MPMU_MAX_GP], gp_sel[MPMU_MAX_GP];
	struct sim_reg fx_ctr[MPMU_MAX_FIXED], metrics;
	u32 gp_counting, fx_counting;	/* may count before the first op */
};

static void frame_take(const struct world *w, struct frame_snap *f)
{
	const struct sim_cpu *c = &w->cpu;
	u32 i;

	memcpy(f->gp_ctr, c->gp_ctr, sizeof(f->gp_ctr));
	memcpy(f->gp_sel, c->gp_sel, sizeof(f->gp_sel));
	memcpy(f->fx_ctr, c->fx_ctr, sizeof(f->fx_ctr));
	f->metrics = c->metrics;
	f->gp_counting = f->fx_counting = 0;
	for (i = 0; i < w->cfg->nr_gp; i++)
		if (sim_gp_counting(c, i, false, 0) ||
		    sim_gp_counting(c, i, false, 3))
			f->gp_counting |= 1u << i;
	for (i = 0; i < w->cfg->nr_fixed; i++)
		if (sim_fx_counting(c, i, 0) || sim_fx_counting(c, i, 3))
			f->fx_counting |= 1u << i;
}

/*
 * Every register of host perf holds after the call what it held before
 * (host-owned counters carry host values, set by host perf and at the
 * first switch): a counter that could count before the core's first
 * operation (GLOBAL_CTRL := 0) may have counted, nothing else changed.
 */
static bool reg_kept(struct world *w, const char *what, const char *reg,
		     u32 i, u64 now, u64 was)
{
	if (now == was)
		return true;
	return world_fail(w, "REQ-FRAME: %s changed host %s %u: 0x%llx, was "
			  "0x%llx", what, reg, i, (unsigned long long)now,
			  (unsigned long long)was);
}

static bool frame_kept(struct world *w, const struct frame_snap *f,
		       const char *what)
{
	const struct sim_cpu *c = &w->cpu;
	u32 i;

	for (i = w->gs.nr_gp; i < w->cfg->nr_gp; i++)
		if (!(((f->gp_counting >> i) & 1) ||
		      reg_kept(w, what, "GP counter", i, c->gp_ctr[i].v,
			       f->gp_ctr[i].v)) ||
		    !reg_kept(w, what, "selector", i, c->gp_sel[i].v,
			      f->gp_sel[i].v))
			return false;
	for (i = w->gs.nr_fixed; i < w->cfg->nr_fixed; i++)
		if (!((f->fx_counting >> i) & 1) &&
		    !reg_kept(w, what, "fixed counter", i, c->fx_ctr[i].v,
			      f->fx_ctr[i].v))
			return false;
	return w->gs.metrics || ((f->fx_counting >> 3) & 1) ||
	       reg_kept(w, what, "PERF_METRICS", 0, c->metrics.v,
			f->metrics.v);
}

static bool world_check_frame(struct world *w, bool load)
{
	const struct sim_cpu *c = &w->cpu;
	u32 k;

	for (k = 0; k < c->tr_len; k++)
		if (c->tr[k].kind == SIM_OP_WRMSR &&
		    !frame_writable(w, c->tr[k].reg))
			return world_fail(w, "REQ-FRAME: %s op %u writes MSR "
					  "0x%x := 0x%llx, neither the guest's "
					  "register nor a control of the "
					  "switch", load ? "load" : "put", k,
					  c->tr[k].reg,
					  (unsigned long long)c->tr[k].val);
	return true;
}

/* Host perf's earlier life: every counter and selector holds a host
 * value (a disabled selector), PERF_METRICS too, before the first
 * switch, so that a write to one the host does not use is visible. */
static void host_history(struct world *w, u64 *r)
{
	struct sim_cpu *c = &w->cpu;
	u32 i;

	c->write_taint = T_HOST;
	for (i = 0; i < w->cfg->nr_gp; i++) {
		put_host(&c->gp_ctr[i], host_count(w, r, w->cfg->gp_width));
		put_host(&c->gp_sel[i], host_sel(w, r) & ~MPMU_EVTSEL_EN);
	}
	for (i = 0; i < w->cfg->nr_fixed; i++)
		put_host(&c->fx_ctr[i], host_count(w, r, w->cfg->fixed_width));
	if (w->cfg->has_metrics)
		put_host(&c->metrics, rng_next(r));
}

/* ---- Core calls ---- */

static bool core_call(struct world *w, bool load, u64 *r)
{
	struct sim_cpu *c = &w->cpu;
	struct frame_snap fs;
	int rc;

	frame_take(w, &fs);
	sim_set_current(c);
	sim_trace_reset(c);
	c->write_taint = T_GUEST;
	c->bg_on = true;
	c->bg.instr = rng_below(r, 300);
	c->bg.cycles = rng_below(r, 600);
	c->bg.ref = rng_below(r, 500);
	c->bg.slots = rng_below(r, 1200);
	c->bg.seed = rng_next(r);
	c->bg.cpl = 0;
	/* Unspecified outcomes (PERF_METRICS after a fixed counter 3
	 * write) are chosen adversarially while the core runs. */
	c->havoc = true;
	c->havoc_rng = rng_next(r);
	c->inj = w->inj_phase ? &w->inj : NULL;
	c->inj_on = w->inj_phase & (load ? WORLD_INJ_LOAD : WORLD_INJ_PUT);
	rc = load ? w->core->load(&w->ctx) : w->core->put(&w->ctx);
	c->inj_on = false;
	sim_inject_flush(c);
	c->havoc = false;
	c->bg_on = false;
	w->st.core_ops += c->tr_len;
	if (rc)
		return world_fail(w, "%s returned %d", load ? "load" : "put",
				  rc);
	if (c->faults)
		return world_fail(w, "%s: %s", load ? "load" : "put",
				  c->fault_msg);
	if (!frame_kept(w, &fs, load ? "load" : "put"))
		return false;
	return !w->check_trace ||
	       (world_check_order(w, load) && world_check_frame(w, load));
}

/* ---- The guest ---- */

enum gop {
	G_RUN, G_WR_CTR, G_RD_CTR, G_RDPMC, G_WR_FX, G_RD_FX, G_WR_SEL,
	G_RD_SEL, G_WR_FXCTRL, G_RD_FXCTRL, G_WR_GCTL, G_RD_GCTL, G_RD_STATUS,
	G_WR_OVF, G_WR_STATUS, G_WR_METRICS, G_RD_METRICS, G_WR_SET, G_NR
};

struct guest_op {
	enum gop op;
	u32 msr;
	u32 idx;
	u64 val;
	struct sim_events ev;
};

/* Bits the guest's status writes may set: its counters' overflow bits
 * and the hardware bits a guest sees (TOPA, LBR/CTR freeze, ASCI,
 * uncore, OvfBuf), not CondChgd, which STATUS_SET cannot set. */
static u64 guest_status_bits(const struct world *w)
{
	u64 v = lowb(w->gs.nr_gp);

	if (!intel(w))
		return v;
	return v | lowb(w->gs.nr_fixed) << 32 |
	       (w->gs.metrics ? 1ull << 48 : 0) | 1ull << 55 | 0x1full << 58;
}

/* Bits KVM reserves in a guest selector write (#GP on Intel, dropped on
 * AMD): where two selectors differing only there collide. */
static u64 guest_sel_rsvd(const struct world *w)
{
	return intel(w) ? w->ctx.eventsel_rsvd : WORLD_AMD_KVM_SEL_RSVD;
}

static void gen_op(struct world *w, struct guest_op *g)
{
	struct gsrc *r = &w->gsrc;
	u32 ng = w->gs.nr_gp, nf = w->gs.nr_fixed;

	memset(g, 0, sizeof(*g));
	g->op = (enum gop)gsrc_below(r, G_NR);
	if (gsrc_below(r, 3) == 0)
		g->op = G_RUN;
	g->idx = (u32)gsrc_below(r, ng + 1);	/* sometimes out of range */
	switch (g->op) {
	case G_RUN:
		g->ev.instr = gsrc_below(r, 4) ? gsrc_below(r, 4000) :
						 gsrc_below(r, 1u << 20);
		g->ev.cycles = gsrc_below(r, 8000);
		g->ev.ref = gsrc_below(r, 6000);
		g->ev.slots = gsrc_below(r, 30000);
		g->ev.seed = gsrc_u64(r);
		g->ev.cpl = gsrc_below(r, 2) ? 3 : 0;
		break;
	case G_WR_CTR:
	case G_RD_CTR:
		g->val = gen_counter(r, w->cfg->gp_width);
		g->msr = ctr_msr(w, g->idx);
		if (intel(w) && g->op == G_WR_CTR && gsrc_below(r, 3) == 0)
			g->msr = MPMU_MSR_IA32_PMC0 + g->idx;	/* legacy */
		/* AMD: the K7 PERFCTR0-3 aliases of the first four. */
		if (!intel(w) && g->idx < 4 && gsrc_below(r, 4) == 0)
			g->msr = SIM_MSR_K7_PERFCTR0 + g->idx;
		break;
	case G_RDPMC:
		g->idx = (u32)gsrc_below(r, ng + 1);
		if (intel(w) && gsrc_below(r, 2))
			g->idx = MPMU_RDPMC_FIXED | (u32)gsrc_below(r, nf + 1);
		if (intel(w) && gsrc_below(r, 6) == 0)
			g->idx = MPMU_RDPMC_METRICS;
		break;
	case G_WR_FX:
	case G_RD_FX:
		g->idx = (u32)gsrc_below(r, nf + 1);
		g->val = gen_counter(r, w->cfg->fixed_width);
		if (!intel(w))
			g->op = G_RUN;
		break;
	case G_WR_SEL:
		g->val = gen_selector(r, guest_sel_rsvd(w));
		break;
	case G_WR_FXCTRL:
		g->val = gsrc_u64(r) & lowb(4 * nf);
		if (gsrc_below(r, 3) == 0)
			g->val &= 0x3333333333333333ull;
		if (gsrc_below(r, 16) == 0)
			g->val |= 1ull << gsrc_below(r, 64);
		if (!intel(w))
			g->op = G_RUN;
		break;
	case G_WR_GCTL:
		g->val = gsrc_u64(r) & (lowb(ng) | lowb(nf) << 32 |
					(w->gs.metrics ? 1ull << 48 : 0));
		if (gsrc_below(r, 4))
			g->val |= lowb(ng) | lowb(nf) << 32;
		if (gsrc_below(r, 16) == 0)
			g->val |= 1ull << gsrc_below(r, 64);
		break;
	case G_WR_OVF:
		g->val = gen_status(r, guest_status_bits(w));
		if (gsrc_below(r, 16) == 0)
			g->val |= 1ull << gsrc_below(r, 64);
		break;
	case G_WR_SET:
		g->val = gen_status(r, guest_status_bits(w));
		if (gsrc_below(r, 16) == 0)
			g->val |= 1ull << gsrc_below(r, 63);
		/* Not CondChgd: KVM's emulation would accept it while the
		 * hardware's STATUS_SET cannot set it (a KVM quirk). */
		break;
	case G_WR_METRICS:
	case G_RD_METRICS:
		g->val = gen_metrics(r);
		if (!intel(w))
			g->op = G_RUN;
		break;
	default:
		break;
	}
}

/*
 * Is the op intercepted (handled by KVM after put)? The core's intercept
 * decisions (mpmu_intercept_decisions) decide; MSRs of counters the guest
 * does not have are never passed through (KVM's bitmap covers its own).
 */
static bool intercepted(const struct world *w, const struct guest_op *g)
{
	const struct mpmu_intercepts *d = &w->icpt;

	switch (g->op) {
	case G_RUN:
		return false;
	case G_WR_CTR:
	case G_RD_CTR:
		return !d->pass_counter_msrs || g->idx >= w->gs.nr_gp;
	case G_WR_FX:
	case G_RD_FX:
		return !d->pass_counter_msrs || g->idx >= w->gs.nr_fixed;
	case G_RDPMC:
		return !d->pass_rdpmc;
	case G_WR_GCTL:
	case G_RD_GCTL:
	case G_RD_STATUS:
	case G_WR_OVF:
	case G_WR_STATUS:
	case G_WR_SET:
		return !d->pass_global_msrs;
	case G_WR_METRICS:
	case G_RD_METRICS:
		return !d->pass_perf_metrics;
	case G_WR_SEL:
	case G_RD_SEL:
		return !d->pass_selectors || g->idx >= w->gs.nr_gp;
	case G_WR_FXCTRL:
	case G_RD_FXCTRL:
		return !d->pass_fixed_ctr_ctrl;
	default:
		return true;
	}
}



static u32 status_msr(const struct world *w)
{
	return intel(w) ? MPMU_MSR_IA32_PERF_GLOBAL_STATUS :
			  MPMU_MSR_AMD_GLOBAL_STATUS;
}

static u32 ovf_msr(const struct world *w)
{
	return intel(w) ? MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET :
			  MPMU_MSR_AMD_GLOBAL_STATUS_CLR;
}

/* Execute a guest instruction directly on a CPU (passthrough). */
static bool hw_exec(struct sim_cpu *c, const struct world *w,
		    const struct guest_op *g, u64 *val)
{
	u32 f0 = c->faults;
	bool ok = true;

	*val = 0;
	c->write_taint = T_GUEST;
	switch (g->op) {
	case G_RUN:
		sim_count(c, &g->ev);
		break;
	case G_WR_CTR:
		ok = sim_wrmsr(c, g->msr, g->val);
		break;
	case G_RD_CTR:
		ok = sim_rdmsr(c, g->msr, val);
		break;
	case G_RDPMC:
		ok = sim_rdpmc(c, g->idx, val);
		break;
	case G_WR_FX:
		ok = sim_wrmsr(c, MPMU_MSR_IA32_FIXED_CTR0 + g->idx, g->val);
		break;
	case G_RD_FX:
		ok = sim_rdmsr(c, MPMU_MSR_IA32_FIXED_CTR0 + g->idx, val);
		break;
	case G_WR_GCTL:
		ok = sim_wrmsr(c, ctl_msr(w), g->val);
		break;
	case G_RD_GCTL:
		ok = sim_rdmsr(c, ctl_msr(w), val);
		break;
	case G_RD_STATUS:
		ok = sim_rdmsr(c, status_msr(w), val);
		break;
	case G_WR_OVF:
		ok = sim_wrmsr(c, ovf_msr(w), g->val);
		break;
	case G_WR_STATUS:
		ok = sim_wrmsr(c, status_msr(w), g->val);
		break;
	case G_WR_METRICS:
		ok = sim_wrmsr(c, MPMU_MSR_IA32_PERF_METRICS, g->val);
		break;
	case G_RD_METRICS:
		ok = sim_rdmsr(c, MPMU_MSR_IA32_PERF_METRICS, val);
		break;
	case G_WR_SET:
		ok = sim_wrmsr(c, set_msr(w), g->val);
		break;
	/* Only with a (wrong) decision to pass selectors through. */
	case G_WR_SEL:
		ok = sim_wrmsr(c, sel_msr(w, g->idx), g->val);
		break;
	case G_RD_SEL:
		ok = sim_rdmsr(c, sel_msr(w, g->idx), val);
		break;
	case G_WR_FXCTRL:
		ok = sim_wrmsr(c, MPMU_MSR_IA32_FIXED_CTR_CTRL, g->val);
		break;
	case G_RD_FXCTRL:
		ok = sim_rdmsr(c, MPMU_MSR_IA32_FIXED_CTR_CTRL, val);
		break;
	default:
		break;
	}
	if (c->faults != f0) {
		c->faults = f0;	/* the guest took a #GP: not a test fault */
		ok = false;
	}
	return ok;
}

/* The reference: the same instruction on the private PMU. */
static bool ref_exec(struct world *w, const struct guest_op *g, u64 *val,
		     bool icpt)
{
	const struct mpmu_ctx *x = &w->ctx;

	*val = 0;
	switch (g->op) {
	case G_WR_SEL:
		if (g->idx >= w->gs.nr_gp)
			return false;
		if (!intel(w)) {	/* AMD: reserved bits are ignored */
			w->ref_sel[g->idx] = g->val & ~WORLD_AMD_KVM_SEL_RSVD;
			ref_apply_filter(w);
			return true;
		}
		if (g->val & MPMU_SEL_RSVD(x, g->idx))
			return false;
		w->ref_sel[g->idx] = g->val;
		ref_apply_filter(w);
		return true;
	case G_RD_SEL:
		if (g->idx >= w->gs.nr_gp)
			return false;
		*val = w->ref_sel[g->idx];
		return true;
	case G_WR_FXCTRL:
		if (g->val & x->fixed_ctr_ctrl_rsvd)
			return false;
		w->ref_fx_ctrl = g->val;
		ref_apply_filter(w);
		return true;
	case G_RD_FXCTRL:
		*val = w->ref_fx_ctrl;
		return intel(w);
	case G_WR_GCTL:
		/* Intercepted: KVM's reserved bits; else the hardware's. */
		if (icpt && (g->val & x->global_ctrl_rsvd))
			return false;
		break;
	case G_WR_OVF:
	case G_WR_SET:
		if (icpt && (g->val & x->global_status_rsvd))
			return false;
		break;
	default:
		break;
	}
	return hw_exec(&w->ref, w, g, val);
}

/* KVM's emulation of an intercepted instruction, on the put context. */
static bool kvm_emulate(struct world *w, const struct guest_op *g, u64 *val)
{
	struct mpmu_ctx *x = &w->ctx;
	u32 i = g->idx;

	*val = 0;
	w->st.intercepted++;
	switch (g->op) {
	case G_WR_SEL:
		if (i >= x->nr_gp)
			return false;
		if (!intel(w)) {	/* amd_pmu_set_msr: data &= ~rsvd */
			x->gp_eventsel[i] = g->val & ~WORLD_AMD_KVM_SEL_RSVD;
			return true;
		}
		if (g->val & MPMU_SEL_RSVD(x, g->idx))
			return false;
		x->gp_eventsel[i] = g->val;
		return true;
	case G_RD_SEL:
		if (i >= x->nr_gp)
			return false;
		*val = x->gp_eventsel[i];
		return true;
	case G_WR_FXCTRL:
		if (g->val & x->fixed_ctr_ctrl_rsvd)
			return false;
		x->fixed_ctr_ctrl = g->val;
		return true;
	case G_RD_FXCTRL:
		*val = x->fixed_ctr_ctrl;
		return intel(w);
	case G_WR_CTR:
	case G_RD_CTR:
	case G_WR_FX:
	case G_RD_FX:
		return false;	/* counters beyond the guest's: #GP */
	case G_RDPMC:
		if (i < x->nr_gp) {
			*val = x->gp_counter[i];
			return true;
		}
		if (intel(w) && (i & 0xffff0000u) == MPMU_RDPMC_FIXED &&
		    (i & 0xffff) < x->nr_fixed) {
			*val = x->fixed_counter[i & 0xffff];
			return true;
		}
		if (intel(w) && i == MPMU_RDPMC_METRICS &&
		    (x->flags & MPMU_CTX_PERF_METRICS)) {
			*val = x->perf_metrics;
			return true;
		}
		return false;
	case G_WR_GCTL:
		if (g->val & x->global_ctrl_rsvd)
			return false;
		x->global_ctrl = g->val;
		if (intel(w)) {	/* intel_pmu_write_global_ctrl */
			w->cpu.write_taint = T_GUEST;
			sim_set_current(&w->cpu);
			mpmu_hw_vmcs_write64(MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL,
					     g->val);
		}
		return true;
	case G_RD_GCTL:
		*val = x->global_ctrl;
		return true;
	case G_RD_STATUS:
		*val = x->global_status;
		return true;
	case G_WR_OVF:
		if (g->val & x->global_status_rsvd)
			return false;
		x->global_status &= ~g->val;
		return true;
	case G_WR_SET:
		if (g->val & x->global_status_rsvd)
			return false;
		x->global_status |= g->val;
		return true;
	case G_WR_STATUS:
	case G_WR_METRICS:
	case G_RD_METRICS:
		return false;
	default:
		return false;
	}
}

static bool is_read(enum gop op)
{
	return op == G_RD_CTR || op == G_RDPMC || op == G_RD_FX ||
	       op == G_RD_SEL || op == G_RD_FXCTRL || op == G_RD_GCTL ||
	       op == G_RD_STATUS || op == G_RD_METRICS;
}

static bool compare(struct world *w, const struct guest_op *g, bool ok_real,
		    u64 v_real, bool ok_ref, u64 v_ref, const char *path)
{
	w->st.guest_ops++;
	if (ok_real != ok_ref)
		return world_fail(w, "guest op %d idx 0x%x val 0x%llx (%s): "
				  "%s in the real run, %s in the reference",
				  g->op, g->idx, (unsigned long long)g->val,
				  path, ok_real ? "ok" : "#GP",
				  ok_ref ? "ok" : "#GP");
	if (!ok_real)
		w->st.guest_faults++;
	if (is_read(g->op) && ok_real) {
		w->st.guest_reads++;
		if (v_real != v_ref)
			return world_fail(w, "guest read op %d idx 0x%x (%s): "
					  "0x%llx, reference 0x%llx", g->op,
					  g->idx, path,
					  (unsigned long long)v_real,
					  (unsigned long long)v_ref);
	}
	return true;
}

/*
 * After a VM-exit (or a failed VM-entry): KVM refreshes pmu->global_ctrl
 * with the core (issue 3), then REQ-ROUNDTRIP is checked: the context
 * holds the guest's GLOBAL_CTRL, and the VMCS guest field, which the next
 * VM-entry loads, holds the same value (the auto-store write-back).
 */
/* What the VMX refresh must leave behind (REQ-ROUNDTRIP, issue 3). */
static bool vmx_refresh_ok(struct world *w, bool entry_failed, u64 ctx_before,
			   u64 vmcs_before)
{
	const struct sim_cpu *c = &w->cpu;

	if (entry_failed &&
	    (c->tr_len || w->ctx.global_ctrl != ctx_before ||
	     c->vmcs_guest_gctl.v != vmcs_before))
		return world_fail(w, "refresh after a failed VM-entry: %u ops, "
				  "ctx 0x%llx -> 0x%llx, VMCS 0x%llx -> 0x%llx "
				  "(must be skipped)", c->tr_len,
				  (unsigned long long)ctx_before,
				  (unsigned long long)w->ctx.global_ctrl,
				  (unsigned long long)vmcs_before,
				  (unsigned long long)c->vmcs_guest_gctl.v);
	if (!entry_failed && w->vcfg.use_autostore &&
	    c->vmcs_guest_gctl.v != c->autostore_val.v)
		return world_fail(w, "after refresh: the auto-stored "
				  "GLOBAL_CTRL 0x%llx did not reach the VMCS "
				  "(0x%llx)",
				  (unsigned long long)c->autostore_val.v,
				  (unsigned long long)c->vmcs_guest_gctl.v);
	if (c->vmcs_guest_gctl.v != w->ctx.global_ctrl)
		return world_fail(w, "after refresh: VMCS guest GLOBAL_CTRL "
				  "0x%llx != context 0x%llx (the next VM-entry "
				  "would load a stale value)",
				  (unsigned long long)c->vmcs_guest_gctl.v,
				  (unsigned long long)w->ctx.global_ctrl);
	return true;
}

static bool kvm_refresh_gctl(struct world *w, bool entry_failed)
{
	struct sim_cpu *c = &w->cpu;
	u64 ctx_before = w->ctx.global_ctrl;
	u64 vmcs_before = c->vmcs_guest_gctl.v;
	int rc;

	sim_set_current(c);
	sim_trace_reset(c);
	c->write_taint = T_GUEST;
	w->st.refreshes++;
	if (!intel(w)) {
		/* SVM does not switch PerfCntrGlobalCtl: read it back. */
		rc = w->core->amd_refresh(&w->ctx);
		if (rc)
			return world_fail(w, "mpmu_amd_refresh_global_ctrl() = "
					  "%d", rc);
		if (w->check_trace &&
		    (c->tr_len != 1 || c->tr[0].kind != SIM_OP_RDMSR ||
		     c->tr[0].reg != MPMU_MSR_AMD_GLOBAL_CTL))
			return world_fail(w, "AMD refresh: expected one RDMSR "
					  "of PerfCntrGlobalCtl, %u ops",
					  c->tr_len);
	} else {
		u64 slot = 0;

		/* vmx.c: a missing slot warns and skips the refresh. */
		if (!entry_failed && w->vcfg.use_autostore &&
		    !sim_autostore_slot(c, MPMU_MSR_IA32_PERF_GLOBAL_CTRL,
					&slot))
			return world_fail(w, "GLOBAL_CTRL not in the VM-exit "
					  "MSR-store list");
		c->inj = w->inj_phase ? &w->inj : NULL;
		c->inj_on = w->inj_phase & WORLD_INJ_REFRESH;
		w->core->vmx_refresh(&w->ctx, &w->vcfg, entry_failed, slot);
		c->inj_on = false;
		if (!entry_failed && w->vcfg.use_autostore)
			w->st.autostore_refreshes++;
		if (w->check_trace &&
		    !vmx_refresh_ok(w, entry_failed, ctx_before, vmcs_before))
			return false;
	}
	if (c->faults)
		return world_fail(w, "refresh: %s", c->fault_msg);
	if (w->ctx.global_ctrl != w->ref.gctl.v)
		return world_fail(w, "REQ-ROUNDTRIP: after %s, context "
				  "GLOBAL_CTRL 0x%llx, the guest's is 0x%llx",
				  entry_failed ? "a failed VM-entry" :
				  "a VM-exit",
				  (unsigned long long)w->ctx.global_ctrl,
				  (unsigned long long)w->ref.gctl.v);
	return true;
}

/* REQ-OWN at run time: a passthrough read never returns host data. */
static bool check_read_owned(struct world *w, const struct guest_op *g,
			     u64 v, u64 v_ref)
{
	const struct sim_cpu *c = &w->cpu;
	u8 t = 0;

	switch (g->op) {
	case G_RD_CTR:
		t = sim_msr_taint(c, g->msr);
		break;
	case G_RD_FX:
		t = sim_msr_taint(c, MPMU_MSR_IA32_FIXED_CTR0 + g->idx);
		break;
	case G_RDPMC:
		t = sim_rdpmc_taint(c, g->idx);
		break;
	case G_RD_GCTL:
		t = c->gctl.t;
		break;
	case G_RD_STATUS:
		t = (c->status_th & ~w->ref.status) ? T_HOST : 0;
		break;
	case G_RD_METRICS:
		t = c->metrics.t;
		break;
	case G_RD_SEL:
		t = sim_msr_taint(c, sel_msr(w, g->idx));
		break;
	case G_RD_FXCTRL:
		t = c->fx_ctrl.t;
		break;
	default:
		return true;
	}
	w->st.own_checks++;
	if (!(t & T_HOST))
		return true;
	if (v == v_ref) {
		w->st.coincidences++;
		return true;
	}
	return world_fail(w, "REQ-OWN: passthrough guest read op %d idx 0x%x "
			  "returned host data 0x%llx (reference 0x%llx)",
			  g->op, g->idx, (unsigned long long)v,
			  (unsigned long long)v_ref);
}

/* Host-initiated get of every guest MSR (KVM_GET_MSRS) vs the reference. */
static bool check_get_msrs(struct world *w)
{
	u64 v, want;
	u32 i;
	int rc;

#define GET(msr, expect) do { rc = mpmu_get_msr(&w->ctx, (msr), &v); \
	want = (expect); if (rc || v != want) return world_fail(w, \
	"mpmu_get_msr(0x%x) = %d, 0x%llx; reference 0x%llx", (msr), rc, \
	(unsigned long long)v, (unsigned long long)want); } while (0)
	for (i = 0; i < w->gs.nr_gp; i++) {
		GET(ctr_msr(w, i), w->ref.gp_ctr[i].v);
		GET(sel_msr(w, i), w->ref_sel[i]);
	}
	if (intel(w)) {
		for (i = 0; i < w->gs.nr_fixed; i++)
			GET(MPMU_MSR_IA32_FIXED_CTR0 + i, w->ref.fx_ctr[i].v);
		GET(MPMU_MSR_IA32_FIXED_CTR_CTRL, w->ref_fx_ctrl);
	}
	GET(ctl_msr(w), w->ref.gctl.v);
	GET(status_msr(w), w->ref.status);
#undef GET
	return true;
}

bool world_switch(struct world *w)
{
	u64 hseed = rng_next(&w->host_rng);
	u64 hr = hseed, wr = sim_mix(hseed ^ 0x77696eull);
	u64 cr = sim_mix(hseed ^ 0x636f7265ull);
	struct guest_op pend;
	bool have_pend = false;
	u32 fast, it, k, nops;
	u64 vr, vf;
	bool okr, okf;

	if (w->failed)
		return false;
	w->obs_hash = hseed;
	/* Host: reprogram sometimes, run, take PMIs. */
	if (w->st.switches == 0)
		host_history(w, &hr);
	if (w->st.switches == 0 || rng_below(&hr, 8) == 0) {
		host_reprogram(w, &hr);
		host_sched_in(w);
	}
	/* AMD: load requires the host's events off (A_host_events_off). */
	w->hp.leave_enabled = rng_below(&hr, 4) == 0 && intel(w);
	host_events(w, &hr, 1 + (u32)rng_below(&hr, 3));
	/* Event filter changes (KVM_SET_PMU_EVENT_FILTER). */
	if (rng_below(&hr, 64) == 0) {
		static const u16 ev[] = { 0x00c0, 0x003c, 0x013c, 0x01a4,
					  0x412e, 0x00c4 };
		w->filter_on = rng_below(&hr, 3) != 0;
		w->filter.nr_events = (u32)rng_below(&hr, 7);
		for (k = 0; k < w->filter.nr_events; k++)
			w->filter.events[k] = ev[rng_below(&hr, 6)];
		w->filter.fixed_allowed = (u32)rng_next(&hr) & 0xf;
		w->st.filter_changes++;
		ref_apply_filter(w);
	}
	kvm_refresh_filter(w);
	host_sched_out(w, &hr);
	if (w->failed)
		return false;

	if (!core_call(w, true, &cr))
		return false;
	fast = (u32)rng_below(&hr, 3);
	for (it = 0; it <= fast; it++) {
		struct sim_cpu *c = &w->cpu;
		u64 fr = sim_mix(hseed ^ (0x6661696cull + it));
		struct sim_reg unowned_gp[MPMU_MAX_GP], unowned_fx[MPMU_MAX_FIXED];
		struct sim_reg unowned_pm;

		/* Failed VM-entries: the host seed decides (not the guest). */
		if (w->entry_fail_rate && fr % w->entry_fail_rate == 0) {
			sim_vmentry_fail(c, (fr >> 32) & 1);
			w->st.failed_entries++;
			if (c->faults)
				return world_fail(w, "failed VM-entry: %s",
						  c->fault_msg);
			if (!kvm_refresh_gctl(w, true))
				return false;
			host_run(w, &wr, 1);
			continue;
		}
		if (!sim_vmentry(c))
			return world_fail(w, "VM-entry: %s", c->fault_msg);
		w->st.entries++;
		if (!check_guest_view(w, it ? "VM-entry (fastpath)" :
					  "VM-entry after load"))
			return false;
		memcpy(unowned_gp, c->gp_ctr, sizeof(unowned_gp));
		memcpy(unowned_fx, c->fx_ctr, sizeof(unowned_fx));
		unowned_pm = c->metrics;
		nops = (u32)gsrc_below(&w->gsrc, w->max_ops + 1);
		for (k = 0; k < nops; k++) {
			struct guest_op g;

			gen_op(w, &g);
			/* Mostly passthrough work; exits end residencies. */
			if (intercepted(w, &g) && gsrc_below(&w->gsrc, 3))
				gen_op(w, &g);
			if (intercepted(w, &g)) {
				pend = g;
				have_pend = true;
				break;
			}
			okr = hw_exec(&w->cpu, w, &g, &vr);
			okf = ref_exec(w, &g, &vf, false);
			if (okr && okf && is_read(g.op) &&
			    !check_read_owned(w, &g, vr, vf))
				return false;
			if (!compare(w, &g, okr, vr, okf, vf, "passthrough"))
				return false;
		}
		/* mpmu_hw_guest_run: the guest changed only what it owns. */
		for (k = w->gs.nr_gp; k < w->cfg->nr_gp; k++)
			if (c->gp_ctr[k].v != unowned_gp[k].v)
				return world_fail(w, "guest run changed unowned "
						  "GP counter %u", k);
		for (k = w->gs.nr_fixed; k < w->cfg->nr_fixed; k++)
			if (c->fx_ctr[k].v != unowned_fx[k].v)
				return world_fail(w, "guest run changed unowned "
						  "fixed counter %u", k);
		if (!w->gs.metrics && c->metrics.v != unowned_pm.v)
			return world_fail(w, "guest run changed PERF_METRICS "
					  "without the capability");
		sim_vmexit(c);
		if (c->faults)
			return world_fail(w, "VM-exit: %s", c->fault_msg);
		if (!kvm_refresh_gctl(w, false))
			return false;
		/* KVM's exit handling runs host code: counts host events. */
		host_run(w, &wr, 1);
		if (w->failed || have_pend)
			break;
	}
	if (!core_call(w, false, &cr))
		return false;
	w->st.switches++;
	if (!check_saved(w))
		return false;
	if (w->check_taint && !check_host_view(w))
		return false;
	/* Host-visible state right after put (non-interference). */
	for (k = 0; k < w->cfg->nr_gp; k++) {
		obs(w, w->cpu.gp_ctr[k].v);
		obs(w, w->cpu.gp_sel[k].v);
	}
	for (k = 0; k < w->cfg->nr_fixed; k++)
		obs(w, w->cpu.fx_ctr[k].v);
	obs(w, w->cpu.fx_ctrl.v);
	obs(w, w->cpu.gctl.v);
	obs(w, w->cpu.status);
	obs(w, w->cpu.metrics.v);
	host_sched_in(w);
	if (w->failed)
		return false;

	if (have_pend) {
		okr = kvm_emulate(w, &pend, &vr);
		okf = ref_exec(w, &pend, &vf, true);
		if (!compare(w, &pend, okr, vr, okf, vf, "intercepted"))
			return false;
	}
	/* mpmu_get_msr() knows the Intel MSR indexes only. */
	if (gsrc_below(&w->gsrc, 16) == 0 && intel(w) &&
	    !check_get_msrs(w))
		return false;

	if (w->obs_len >= w->obs_cap) {
		w->obs_cap = w->obs_cap ? 2 * w->obs_cap : 1024;
		w->obs = realloc(w->obs, w->obs_cap * sizeof(*w->obs));
		if (!w->obs)
			abort();
	}
	w->obs[w->obs_len++] = w->obs_hash;
	return true;
}

bool world_run(struct world *w, u64 nr_switches)
{
	u64 k;

	for (k = 0; k < nr_switches; k++)
		if (!world_switch(w))
			return false;
	w->st.guest_overflows = w->ref.nr_overflows;
	w->st.host_overflows = w->cpu.nr_overflows;
	return true;
}
