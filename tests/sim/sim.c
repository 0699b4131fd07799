// SPDX-License-Identifier: GPL-2.0-only
/*
 * PMU simulator (see sim.h). Sources of each rule are the section numbers
 * of shared/reference/pmu-hw-facts.md ("facts 1.5" etc.), which cite the
 * SDM, the APM and the Linux headers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "sim.h"
#include "mpmu_hw.h"

const struct sim_config sim_cfg_skl4 = {
	.name = "skl4", .vendor = SIM_VENDOR_INTEL, .version = 4,
	.nr_gp = 4, .nr_fixed = 3, .gp_width = 48, .fixed_width = 48,
	.fw_writes = true, .has_tsx = true,
};
const struct sim_config sim_cfg_skl8 = {
	.name = "skl8", .vendor = SIM_VENDOR_INTEL, .version = 4,
	.nr_gp = 8, .nr_fixed = 3, .gp_width = 48, .fixed_width = 48,
	.fw_writes = true, .has_tsx = true,
};
/* Icelake server: PERF_METRICS and fixed counter 3, no exit "save". */
const struct sim_config sim_cfg_icx = {
	.name = "icx", .vendor = SIM_VENDOR_INTEL, .version = 5,
	.nr_gp = 8, .nr_fixed = 4, .gp_width = 48, .fixed_width = 48,
	.fw_writes = true, .has_metrics = true, .has_tsx = true,
};
/* Broadwell: PMU v3, not a mediated PMU host (unit tests only). */
const struct sim_config sim_cfg_bdw = {
	.name = "bdw", .vendor = SIM_VENDOR_INTEL, .version = 3,
	.nr_gp = 4, .nr_fixed = 3, .gp_width = 48, .fixed_width = 48,
	.fw_writes = true, .has_tsx = true,
};
const struct sim_config sim_cfg_spr = {
	.name = "spr", .vendor = SIM_VENDOR_INTEL, .version = 5,
	.nr_gp = 8, .nr_fixed = 4, .gp_width = 48, .fixed_width = 48,
	.fw_writes = true, .has_metrics = true, .has_exit_save = true,
};
const struct sim_config sim_cfg_amd = {
	.name = "amd", .vendor = SIM_VENDOR_AMD, .version = 2,
	.nr_gp = 6, .nr_fixed = 0, .gp_width = 48, .fixed_width = 0,
};
const struct sim_config *const sim_configs[] = {
	&sim_cfg_skl4, &sim_cfg_skl8, &sim_cfg_icx, &sim_cfg_spr, &sim_cfg_amd,
};
const unsigned int sim_nr_configs =
	sizeof(sim_configs) / sizeof(sim_configs[0]);

void (*sim_hook_pre)(struct sim_cpu *c, u32 kind, u32 reg, u64 val);
void (*sim_hook_post)(struct sim_cpu *c, u32 kind, u32 reg, u64 val,
		      u64 result, bool faulted);

static struct sim_cpu *cur;
u32 sim_bug;

static bool is_amd(const struct sim_cpu *c)
{
	return c->cfg->vendor == SIM_VENDOR_AMD;
}

static u64 low_bits(u32 n)
{
	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

void sim_fault(struct sim_cpu *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->faults) {
		va_start(ap, fmt);
		vsnprintf(c->fault_msg, sizeof(c->fault_msg), fmt, ap);
		va_end(ap);
	}
	c->faults++;
}

void sim_init(struct sim_cpu *c, const struct sim_config *cfg)
{
	memset(c, 0, sizeof(*c));
	c->cfg = cfg;
	c->write_taint = T_HOST;
	c->svme = cfg->vendor == SIM_VENDOR_AMD;
	/* facts 1.4: RESET value of GLOBAL_CTRL = all GP enable bits. */
	if (cfg->vendor == SIM_VENDOR_INTEL)
		c->gctl.v = low_bits(cfg->nr_gp);
}

void sim_set_current(struct sim_cpu *c)
{
	cur = c;
}

struct sim_cpu *sim_current(void)
{
	return cur;
}

void sim_trace_reset(struct sim_cpu *c)
{
	c->tr_len = 0;
	c->tr_overflow = false;
}

u32 sim_nr_writes(const struct sim_cpu *c)
{
	u32 k, n = 0;

	for (k = 0; k < c->tr_len; k++)
		if (c->tr[k].kind == SIM_OP_WRMSR ||
		    c->tr[k].kind == SIM_OP_VMWRITE)
			n++;
	return n;
}

/* ---- Valid bits (facts 1.2-1.5, 5) ---- */

u64 sim_gp_ctr_mask(const struct sim_config *cfg)
{
	return low_bits(cfg->gp_width);
}

u64 sim_fx_ctr_mask(const struct sim_config *cfg)
{
	return low_bits(cfg->fixed_width);
}

/* IN_TX_CHECKPOINTED (33) is valid on GP counter 2 only (facts 1.2). */
u64 sim_sel_valid(const struct sim_config *cfg, u32 i)
{
	if (cfg->vendor == SIM_VENDOR_AMD)
		/* APM 13.2.1: 19, 21 reserved; EventSelect[11:8] 35:32. */
		return (0xffffffffull & ~(1ull << 19) & ~(1ull << 21)) |
		       (0xfull << 32) | MPMU_AMD_EVTSEL_GUESTONLY |
		       MPMU_AMD_EVTSEL_HOSTONLY;
	if (!cfg->has_tsx)
		return 0xffffffffull;
	return 0xffffffffull | 1ull << 32 | (i == 2 ? 1ull << 33 : 0);
}

u64 sim_fx_ctrl_valid(const struct sim_config *cfg)
{
	return low_bits(4 * cfg->nr_fixed);
}

u64 sim_gctl_valid(const struct sim_config *cfg)
{
	u64 v = low_bits(cfg->nr_gp);

	if (cfg->vendor == SIM_VENDOR_AMD)
		return v;
	v |= low_bits(cfg->nr_fixed) << 32;
	if (cfg->has_metrics)
		v |= 1ull << MPMU_GLOBAL_PERF_METRICS_BIT;
	return v;
}

/* Bits GLOBAL_STATUS can hold on this CPU (facts 1.5). */
u64 sim_status_hw_bits(const struct sim_config *cfg)
{
	u64 v = low_bits(cfg->nr_gp);

	if (cfg->vendor == SIM_VENDOR_AMD)
		return v;
	v |= low_bits(cfg->nr_fixed) << 32;
	if (cfg->has_metrics)
		v |= 1ull << MPMU_GLOBAL_PERF_METRICS_BIT;
	return v | SIM_STATUS_TOPA | SIM_STATUS_LBR_FRZ | SIM_STATUS_CTR_FRZ |
	       SIM_STATUS_ASCI | SIM_STATUS_UNCORE | SIM_STATUS_OVFBUF |
	       SIM_STATUS_CONDCHGD;
}

u64 sim_status_reset_valid(const struct sim_config *cfg)
{
	return sim_status_hw_bits(cfg);
}

u64 sim_status_set_valid(const struct sim_config *cfg)
{
	/* facts 1.5: STATUS_SET cannot set CondChgd (bit 63 reserved). */
	return sim_status_hw_bits(cfg) & ~SIM_STATUS_CONDCHGD;
}

/* ---- Register writes ---- */

static void put_reg(struct sim_reg *r, u64 v, u8 t)
{
	r->v = v;
	r->t = v ? t : 0;
}

static bool gp_fault(struct sim_cpu *c, u32 msr, u64 val, const char *why)
{
	sim_fault(c, "#GP: WRMSR 0x%x := 0x%llx (%s) on %s", msr,
		  (unsigned long long)val, why, c->cfg->name);
	return false;
}

static bool check_rsvd(struct sim_cpu *c, u32 msr, u64 val, u64 valid)
{
	if (val & ~valid)
		return gp_fault(c, msr, val, "reserved bit");
	return true;
}

/*
 * facts 3 (SDM 20.3.9.3): any write of fixed counter 3 leaves PERF_METRICS
 * unspecified, whatever the old value and the value written (0 and 0
 * included); spec/mpmu_hw.h says the same (hw_step exempts hw_metrics
 * from a fixed counter 3 write). With havoc on, any outcome: kept (1/8),
 * zero (1/8), a new value; off, always a new value.
 */
static void disturb_metrics(struct sim_cpu *c, u64 slots)
{
	u64 m = c->metrics.v, v, r;

	c->nr_metrics_disturbed++;
	if ((sim_bug & SIM_BUG_METRICS_ZERO_KEPT) && !m && !slots)
		return;
	if (c->havoc) {
		r = sim_mix(c->havoc_rng++);
		if ((r & 7) == 0)
			return;
		v = (r & 7) == 1 ? 0 : sim_mix(r ^ m ^ slots) | 1;
	} else {
		v = sim_mix(m ^ slots ^ 0x5107ull) | 1;
	}
	put_reg(&c->metrics, v, c->metrics.t | c->write_taint);
}

static void status_set_bits(struct sim_cpu *c, u64 bits, u8 t)
{
	c->status |= bits;
	if (t & T_GUEST)
		c->status_tg |= bits;
	else
		c->status_tg &= ~bits;
	if (t & T_HOST)
		c->status_th |= bits;
	else
		c->status_th &= ~bits;
}

static void status_clear_bits(struct sim_cpu *c, u64 bits)
{
	c->status &= ~bits;
	c->status_tg &= ~bits;
	c->status_th &= ~bits;
}

void sim_status_raise(struct sim_cpu *c, u64 bits)
{
	status_set_bits(c, bits & sim_status_hw_bits(c->cfg),
			c->in_guest ? T_GUEST : T_HOST);
}

static bool intel_wrmsr(struct sim_cpu *c, u32 msr, u64 val)
{
	const struct sim_config *cfg = c->cfg;
	u8 t = c->write_taint;
	u32 i;

	if (msr >= MPMU_MSR_IA32_PMC0 &&
	    msr < MPMU_MSR_IA32_PMC0 + cfg->nr_gp) {
		/* facts 1.7: legacy write sign-extends EAX[31:0]. */
		u64 v = (u64)(int64_t)(int32_t)(u32)val;

		i = msr - MPMU_MSR_IA32_PMC0;
		put_reg(&c->gp_ctr[i], v & sim_gp_ctr_mask(cfg), t);
		return true;
	}
	if (msr >= MPMU_MSR_IA32_A_PMC0 &&
	    msr < MPMU_MSR_IA32_A_PMC0 + cfg->nr_gp) {
		if (!cfg->fw_writes)
			return gp_fault(c, msr, val, "no FW_WRITES");
		if (!check_rsvd(c, msr, val, sim_gp_ctr_mask(cfg)))
			return false;
		put_reg(&c->gp_ctr[msr - MPMU_MSR_IA32_A_PMC0], val, t);
		return true;
	}
	if (msr >= MPMU_MSR_IA32_PERFEVTSEL0 &&
	    msr < MPMU_MSR_IA32_PERFEVTSEL0 + cfg->nr_gp) {
		if (!check_rsvd(c, msr, val,
				sim_sel_valid(cfg, msr - MPMU_MSR_IA32_PERFEVTSEL0)))
			return false;
		put_reg(&c->gp_sel[msr - MPMU_MSR_IA32_PERFEVTSEL0], val, t);
		return true;
	}
	if (msr >= MPMU_MSR_IA32_FIXED_CTR0 &&
	    msr < MPMU_MSR_IA32_FIXED_CTR0 + cfg->nr_fixed) {
		if (!check_rsvd(c, msr, val, sim_fx_ctr_mask(cfg)))
			return false;
		i = msr - MPMU_MSR_IA32_FIXED_CTR0;
		put_reg(&c->fx_ctr[i], val, t);
		if (i == 3 && cfg->has_metrics)
			disturb_metrics(c, val);
		return true;
	}
	switch (msr) {
	case MPMU_MSR_IA32_FIXED_CTR_CTRL:
		if (cfg->version < 2)
			return gp_fault(c, msr, val, "absent");
		if (!check_rsvd(c, msr, val, sim_fx_ctrl_valid(cfg)))
			return false;
		put_reg(&c->fx_ctrl, val, t);
		return true;
	case MPMU_MSR_IA32_PERF_GLOBAL_CTRL:
		if (!check_rsvd(c, msr, val, sim_gctl_valid(cfg)))
			return false;
		put_reg(&c->gctl, val, t);
		return true;
	case MPMU_MSR_IA32_PERF_GLOBAL_STATUS:
		return gp_fault(c, msr, val, "read-only");
	case MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET:
		if (!check_rsvd(c, msr, val, sim_status_reset_valid(cfg)))
			return false;
		status_clear_bits(c, val);
		return true;
	case MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET:
		if (cfg->version < 4)
			return gp_fault(c, msr, val, "absent (PMU < v4)");
		if (!check_rsvd(c, msr, val, sim_status_set_valid(cfg)))
			return false;
		status_set_bits(c, val, t);
		return true;
	case MPMU_MSR_IA32_PERF_METRICS:
		if (!cfg->has_metrics)
			return gp_fault(c, msr, val, "absent");
		put_reg(&c->metrics, val, t);
		return true;
	case MPMU_MSR_IA32_PERF_CAPABILITIES:
		return gp_fault(c, msr, val, "read-only");
	}
	return gp_fault(c, msr, val, "absent MSR");
}

/* AMD counter index of a PERF_CTL (sel) or PERF_CTR MSR, or -1. */
static int amd_index(const struct sim_cpu *c, u32 msr, bool *sel)
{
	u32 n = c->cfg->nr_gp;

	if (msr >= MPMU_MSR_AMD_PERF_CTL0 &&
	    msr < MPMU_MSR_AMD_PERF_CTL0 + MPMU_MSR_AMD_STRIDE * n) {
		*sel = !((msr - MPMU_MSR_AMD_PERF_CTL0) & 1);
		return (int)((msr - MPMU_MSR_AMD_PERF_CTL0) /
			     MPMU_MSR_AMD_STRIDE);
	}
	/* facts 5: K7 EVNTSEL0-3 / PERFCTR0-3 alias the first four. */
	if (msr >= SIM_MSR_K7_EVNTSEL0 && msr < SIM_MSR_K7_EVNTSEL0 + 4 &&
	    msr - SIM_MSR_K7_EVNTSEL0 < n) {
		*sel = true;
		return (int)(msr - SIM_MSR_K7_EVNTSEL0);
	}
	if (msr >= SIM_MSR_K7_PERFCTR0 && msr < SIM_MSR_K7_PERFCTR0 + 4 &&
	    msr - SIM_MSR_K7_PERFCTR0 < n) {
		*sel = false;
		return (int)(msr - SIM_MSR_K7_PERFCTR0);
	}
	return -1;
}

static bool amd_wrmsr(struct sim_cpu *c, u32 msr, u64 val)
{
	const struct sim_config *cfg = c->cfg;
	u8 t = c->write_taint;
	bool sel;
	int i = amd_index(c, msr, &sel);

	if (i >= 0) {
		if (sel) {
			if (!check_rsvd(c, msr, val, sim_sel_valid(cfg, i)))
				return false;
			if (sim_bug & SIM_BUG_AMD_SEL_DROPS_GUESTONLY)
				val &= ~MPMU_AMD_EVTSEL_GUESTONLY;
			put_reg(&c->gp_sel[i], val, t);
		} else {
			if (!check_rsvd(c, msr, val, sim_gp_ctr_mask(cfg)))
				return false;
			put_reg(&c->gp_ctr[i], val, t);
		}
		return true;
	}
	switch (msr) {
	case MPMU_MSR_AMD_GLOBAL_STATUS:
		/* PPR: writes ignored; a core that relies on it is wrong. */
		return gp_fault(c, msr, val, "read-only");
	case MPMU_MSR_AMD_GLOBAL_CTL:
		if (!check_rsvd(c, msr, val, sim_gctl_valid(cfg)))
			return false;
		put_reg(&c->gctl, val, t);
		return true;
	case MPMU_MSR_AMD_GLOBAL_STATUS_CLR:
		if (!check_rsvd(c, msr, val, sim_status_reset_valid(cfg)))
			return false;
		if (!(sim_bug & SIM_BUG_AMD_STATUS_CLR_NOP))
			status_clear_bits(c, val);
		return true;
	case MPMU_MSR_AMD_GLOBAL_STATUS_SET:
		if (!check_rsvd(c, msr, val, sim_status_set_valid(cfg)))
			return false;
		status_set_bits(c, val, t);
		return true;
	}
	return gp_fault(c, msr, val, "absent MSR");
}

bool sim_wrmsr(struct sim_cpu *c, u32 msr, u64 val)
{
	return is_amd(c) ? amd_wrmsr(c, msr, val) : intel_wrmsr(c, msr, val);
}

/* ---- Reads ---- */

static const struct sim_reg *msr_reg(const struct sim_cpu *c, u32 msr)
{
	const struct sim_config *cfg = c->cfg;
	bool sel;
	int i;

	if (is_amd(c)) {
		i = amd_index(c, msr, &sel);
		if (i >= 0)
			return sel ? &c->gp_sel[i] : &c->gp_ctr[i];
		if (msr == MPMU_MSR_AMD_GLOBAL_CTL)
			return &c->gctl;
		return NULL;
	}
	if (msr >= MPMU_MSR_IA32_PMC0 && msr < MPMU_MSR_IA32_PMC0 + cfg->nr_gp)
		return &c->gp_ctr[msr - MPMU_MSR_IA32_PMC0];
	if (cfg->fw_writes && msr >= MPMU_MSR_IA32_A_PMC0 &&
	    msr < MPMU_MSR_IA32_A_PMC0 + cfg->nr_gp)
		return &c->gp_ctr[msr - MPMU_MSR_IA32_A_PMC0];
	if (msr >= MPMU_MSR_IA32_PERFEVTSEL0 &&
	    msr < MPMU_MSR_IA32_PERFEVTSEL0 + cfg->nr_gp)
		return &c->gp_sel[msr - MPMU_MSR_IA32_PERFEVTSEL0];
	if (msr >= MPMU_MSR_IA32_FIXED_CTR0 &&
	    msr < MPMU_MSR_IA32_FIXED_CTR0 + cfg->nr_fixed)
		return &c->fx_ctr[msr - MPMU_MSR_IA32_FIXED_CTR0];
	switch (msr) {
	case MPMU_MSR_IA32_FIXED_CTR_CTRL:
		return &c->fx_ctrl;
	case MPMU_MSR_IA32_PERF_GLOBAL_CTRL:
		return &c->gctl;
	case MPMU_MSR_IA32_PERF_METRICS:
		return cfg->has_metrics ? &c->metrics : NULL;
	}
	return NULL;
}

static bool is_status_msr(const struct sim_cpu *c, u32 msr)
{
	return msr == (is_amd(c) ? MPMU_MSR_AMD_GLOBAL_STATUS :
		       MPMU_MSR_IA32_PERF_GLOBAL_STATUS);
}

bool sim_rdmsr(struct sim_cpu *c, u32 msr, u64 *val)
{
	const struct sim_reg *r = msr_reg(c, msr);

	*val = 0;
	if (r) {
		*val = r->v;
		return true;
	}
	if (is_status_msr(c, msr)) {
		*val = c->status;
		return true;
	}
	if (!is_amd(c) && msr == MPMU_MSR_IA32_PERF_CAPABILITIES) {
		*val = (c->cfg->fw_writes ? MPMU_PERF_CAP_FW_WRITES : 0) |
		       (c->cfg->has_metrics ? MPMU_PERF_CAP_PERF_METRICS : 0);
		return true;
	}
	sim_fault(c, "#GP: RDMSR 0x%x absent on %s", msr, c->cfg->name);
	return false;
}

u8 sim_rdpmc_taint(const struct sim_cpu *c, u32 ecx)
{
	const struct sim_config *cfg = c->cfg;

	if (ecx < cfg->nr_gp)
		return c->gp_ctr[ecx].t;
	if (!is_amd(c) && (ecx & 0xffff0000u) == MPMU_RDPMC_FIXED &&
	    (ecx & 0xffffu) < cfg->nr_fixed)
		return c->fx_ctr[ecx & 0xffffu].t;
	if (!is_amd(c) && ecx == MPMU_RDPMC_METRICS && cfg->has_metrics)
		return c->metrics.t;
	return 0;
}

u8 sim_msr_taint(const struct sim_cpu *c, u32 msr)
{
	const struct sim_reg *r = msr_reg(c, msr);

	if (r)
		return r->t;
	if (is_status_msr(c, msr))
		return (c->status_tg ? T_GUEST : 0) |
		       (c->status_th ? T_HOST : 0);
	return 0;
}

bool sim_rdpmc(struct sim_cpu *c, u32 ecx, u64 *val)
{
	const struct sim_config *cfg = c->cfg;

	*val = 0;
	/* facts 6: ECX[31:16] type (0 GP, 0x4000 fixed, 0x2000 metrics). */
	if (ecx < cfg->nr_gp) {
		*val = c->gp_ctr[ecx].v;
		return true;
	}
	if (!is_amd(c) && (ecx & 0xffff0000u) == MPMU_RDPMC_FIXED &&
	    (ecx & 0xffffu) < cfg->nr_fixed) {
		*val = c->fx_ctr[ecx & 0xffffu].v;
		return true;
	}
	if (!is_amd(c) && ecx == MPMU_RDPMC_METRICS && cfg->has_metrics) {
		*val = c->metrics.v;
		return true;
	}
	sim_fault(c, "#GP: RDPMC ecx=0x%x invalid on %s", ecx, cfg->name);
	return false;
}

/* ---- Counting (facts 1.7, 5) ---- */

static bool cpl_ok(u64 sel, u32 cpl)
{
	/* EVTSEL bit 16 USR (CPL > 0), bit 17 OS (CPL 0). */
	return cpl ? (sel >> 16) & 1 : (sel >> 17) & 1;
}

bool sim_gp_counting(const struct sim_cpu *c, u32 i, bool guest_mode,
		     u32 cpl)
{
	u64 sel = c->gp_sel[i].v;

	if (!((c->gctl.v >> i) & 1) || !(sel & MPMU_EVTSEL_EN))
		return false;
	if (!cpl_ok(sel, cpl))
		return false;
	if (is_amd(c) && c->svme) {
		bool go = sel & MPMU_AMD_EVTSEL_GUESTONLY;
		bool ho = sel & MPMU_AMD_EVTSEL_HOSTONLY;

		if (go && !ho && !guest_mode)
			return false;
		if (ho && !go && guest_mode)
			return false;
	}
	return true;
}

bool sim_fx_counting(const struct sim_cpu *c, u32 j, u32 cpl)
{
	u64 f = (c->fx_ctrl.v >> (4 * j)) & 3;

	if (!((c->gctl.v >> (32 + j)) & 1))
		return false;
	/* Field bit 0 counts at CPL 0, bit 1 at CPL > 0. */
	return cpl ? f & 2 : f & 1;
}

bool sim_pmu_active(const struct sim_cpu *c)
{
	u32 i;

	for (i = 0; i < c->cfg->nr_gp; i++)
		if (sim_gp_counting(c, i, c->in_guest, 0) ||
		    sim_gp_counting(c, i, c->in_guest, 3))
			return true;
	for (i = 0; i < c->cfg->nr_fixed; i++)
		if (sim_fx_counting(c, i, 0) || sim_fx_counting(c, i, 3))
			return true;
	return false;
}

static u64 event_count(u64 sel, const struct sim_events *ev)
{
	u32 code = (u32)(sel & 0xffff) | (u32)((sel >> 16) & 0xf0000);

	switch (code) {
	case 0:
		return 0;
	case 0x00c0:
		return ev->instr;
	case 0x003c:
		return ev->cycles;
	case 0x013c:
		return ev->ref;
	case 0x01a4:
		return ev->slots;
	}
	return sim_mix(ev->seed ^ code) % (ev->instr + 1);
}

static void add_count(struct sim_cpu *c, struct sim_reg *r, u64 mask,
		      u64 inc, u32 status_bit, u8 mt)
{
	u64 nv;

	if (!inc)
		return;
	nv = r->v + inc;
	/* Overflow: wrap past the width; sets the status bit (facts 1.7). */
	if (nv > mask || nv < r->v) {
		status_set_bits(c, 1ull << status_bit, mt);
		c->nr_overflows++;
	}
	r->v = nv & mask;
	r->t = r->v ? (r->t | mt) : 0;
}

void sim_count(struct sim_cpu *c, const struct sim_events *ev)
{
	const struct sim_config *cfg = c->cfg;
	u8 mt = c->in_guest ? T_GUEST : T_HOST;
	u32 i;

	for (i = 0; i < cfg->nr_gp; i++)
		if (sim_gp_counting(c, i, c->in_guest, ev->cpl))
			add_count(c, &c->gp_ctr[i], sim_gp_ctr_mask(cfg),
				  event_count(c->gp_sel[i].v, ev), i, mt);
	for (i = 0; i < cfg->nr_fixed; i++) {
		u64 inc;

		if (!sim_fx_counting(c, i, ev->cpl))
			continue;
		inc = i == 0 ? ev->instr : i == 1 ? ev->cycles :
		      i == 2 ? ev->ref : ev->slots;
		add_count(c, &c->fx_ctr[i], sim_fx_ctr_mask(cfg), inc, 32 + i,
			  mt);
		/* facts 3: PERF_METRICS accumulates from SLOTS if enabled. */
		if (i == 3 && inc && cfg->has_metrics &&
		    ((c->gctl.v >> MPMU_GLOBAL_PERF_METRICS_BIT) & 1)) {
			c->metrics.v = sim_mix(c->metrics.v + inc) | 1;
			c->metrics.t |= mt;
		}
	}
}

/* ---- VMX / SVM transitions ---- */

bool sim_vmentry(struct sim_cpu *c)
{
	if (c->in_guest) {
		sim_fault(c, "VM-entry while in guest");
		return false;
	}
	if (is_amd(c)) {
		/* VMRUN does not switch PerfCntrGlobalCtl (facts 5). */
		if (!c->svme) {
			sim_fault(c, "VMRUN with EFER.SVME=0");
			return false;
		}
		c->in_guest = true;
		return true;
	}
	/* SDM 26.3: the guest field is loaded and checked. */
	if (c->entry_ctls & MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL) {
		if (c->vmcs_guest_gctl.v & ~sim_gctl_valid(c->cfg)) {
			sim_fault(c, "VM-entry failed: GUEST_PERF_GLOBAL_CTRL "
				  "0x%llx has reserved bits",
				  (unsigned long long)c->vmcs_guest_gctl.v);
			return false;
		}
		c->gctl = c->vmcs_guest_gctl;
	}
	c->in_guest = true;
	return true;
}

void sim_vmexit(struct sim_cpu *c)
{
	if (!c->in_guest) {
		sim_fault(c, "VM-exit while in host");
		return;
	}
	if (!is_amd(c)) {
		/* SDM 28: save guest state, then MSR-store, then load host. */
		if ((sim_bug & SIM_BUG_EXIT_HOST_FIRST) &&
		    (c->exit_ctls & MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL))
			c->gctl = c->vmcs_host_gctl;
		if (c->exit_ctls & MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL) {
			if (!c->cfg->has_exit_save)
				sim_fault(c, "exit-save control not supported");
			else
				c->vmcs_guest_gctl = c->gctl;
		}
		if (c->autostore_gctl && !(sim_bug & SIM_BUG_AUTOSTORE_STALE))
			c->autostore_val = c->gctl;
		if (c->exit_ctls & MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL)
			c->gctl = c->vmcs_host_gctl;
	}
	c->in_guest = false;
}

void sim_vmentry_fail(struct sim_cpu *c, bool early)
{
	if (c->in_guest) {
		sim_fault(c, "VM-entry while in guest");
		return;
	}
	c->nr_failed_entries++;
	if (is_amd(c) || early)
		return;
	/* Every other late failure is an MSR-load failure (27.4), after
	 * guest state, which passed its checks (27.3.1), was loaded; the
	 * others fail on those checks, before loading. 27.8 then loads
	 * host state as 28.5 does. */
	if ((c->nr_failed_entries & 1) &&
	    (c->entry_ctls & MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL) &&
	    !(c->vmcs_guest_gctl.v & ~sim_gctl_valid(c->cfg)))
		c->gctl = c->vmcs_guest_gctl;
	if (c->exit_ctls & MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL)
		c->gctl = c->vmcs_host_gctl;
}

void sim_vmx_caps(const struct sim_config *cfg, u32 *pmu_version,
		  u32 *entry_allowed, u32 *exit_allowed, u64 *perf_caps)
{
	*pmu_version = cfg->vendor == SIM_VENDOR_INTEL ? cfg->version : 0;
	*entry_allowed = cfg->no_load_ctls ? 0 :
			 MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL;
	*exit_allowed = (cfg->no_load_ctls ? 0 :
			 MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL) |
			(cfg->has_exit_save ? MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL
					    : 0);
	*perf_caps = (cfg->fw_writes ? MPMU_PERF_CAP_FW_WRITES : 0) |
		     (cfg->has_metrics ? MPMU_PERF_CAP_PERF_METRICS : 0);
}

/* ---- The accessor interface of spec/mpmu_hw.h ---- */

static void before_op(struct sim_cpu *c, u32 kind, u32 reg, u64 val)
{
	/* The Pre state of the contract is taken before the events that
	 * happen while the instruction is under way. */
	if (sim_hook_pre)
		sim_hook_pre(c, kind, reg, val);
	if (c->bg_on) {
		c->bg.seed = sim_mix(c->bg.seed);
		sim_count(c, &c->bg);
	}
	if (c->tr_len < SIM_TRACE_MAX) {
		struct sim_op *op = &c->tr[c->tr_len++];

		op->kind = kind;
		op->reg = reg;
		op->val = val;
		op->gctl = c->gctl.v;
	} else {
		c->tr_overflow = true;
	}
	c->nr_ops++;
}

static void after_op(struct sim_cpu *c, u32 kind, u32 reg, u64 val,
		     u64 result, bool ok)
{
	if (kind != SIM_OP_WRMSR && kind != SIM_OP_VMWRITE &&
	    c->tr_len && !c->tr_overflow)
		c->tr[c->tr_len - 1].val = result;
	if (sim_hook_post)
		sim_hook_post(c, kind, reg, val, result, !ok);
}

/* ---- Fault injection (sim.h) ---- */

static bool inj_match(const struct sim_cpu *c, u32 kind, u32 reg, u64 val)
{
	const struct sim_inject *j = c->inj;

	if (!j || !c->inj_on || j->op != kind || reg < j->lo || reg > j->hi)
		return false;
	if (j->step > 1 && (reg - j->lo) % j->step)
		return false;
	return !j->zero_only || !val;
}

static void raw_wrmsr(struct sim_cpu *c, u32 msr, u64 val);

/* True if the operation is consumed (dropped or deferred); *val may be
 * masked. */
static bool inj_apply(struct sim_cpu *c, u32 kind, u32 reg, u64 *val)
{
	struct sim_inject *j = c->inj;
	u64 cur;

	if (!inj_match(c, kind, reg, *val))
		return false;
	switch (j->kind) {
	case SIM_INJ_DROP:
		j->fired++;
		return true;
	case SIM_INJ_MASK:
		if (*val & j->mask)
			j->fired++;
		*val &= ~j->mask;
		return false;
	case SIM_INJ_DEFER:
		if (j->ndefer >= SIM_INJ_DEFER_MAX)
			return false;
		j->defer_reg[j->ndefer] = reg;
		j->defer_val[j->ndefer++] = *val;
		j->fired++;
		return true;
	case SIM_INJ_TOUCH:
		if (j->once && j->fired)
			return false;
		j->fired++;
		cur = j->touch_val;
		if (j->touch_keep && !sim_rdmsr(c, j->touch, &cur))
			return false;
		raw_wrmsr(c, j->touch, cur);
		return false;
	}
	return false;
}

void sim_inject_flush(struct sim_cpu *c)
{
	struct sim_inject *j = c->inj;
	u32 k;

	if (!j)
		return;
	for (k = 0; k < j->ndefer; k++)
		raw_wrmsr(c, j->defer_reg[k], j->defer_val[k]);
	j->ndefer = 0;
}

u64 mpmu_hw_rdmsr(u32 msr)
{
	struct sim_cpu *c = cur;
	u64 v;
	bool ok;

	before_op(c, SIM_OP_RDMSR, msr, 0);
	ok = sim_rdmsr(c, msr, &v);
	after_op(c, SIM_OP_RDMSR, msr, 0, v, ok);
	return v;
}

static void raw_wrmsr(struct sim_cpu *c, u32 msr, u64 val)
{
	bool ok;

	before_op(c, SIM_OP_WRMSR, msr, val);
	ok = sim_wrmsr(c, msr, val);
	after_op(c, SIM_OP_WRMSR, msr, val, 0, ok);
}

void mpmu_hw_wrmsr(u32 msr, u64 val)
{
	struct sim_cpu *c = cur;

	if (inj_apply(c, SIM_OP_WRMSR, msr, &val))
		return;
	raw_wrmsr(c, msr, val);
}

u64 mpmu_hw_rdpmc(u32 ecx)
{
	struct sim_cpu *c = cur;
	u64 v = 0;
	bool ok;

	if (inj_apply(c, SIM_OP_RDPMC, ecx, &v))
		return 0;
	before_op(c, SIM_OP_RDPMC, ecx, 0);
	ok = sim_rdpmc(c, ecx, &v);
	after_op(c, SIM_OP_RDPMC, ecx, 0, v, ok);
	return v;
}

static struct sim_reg *vmcs_field(struct sim_cpu *c, u32 field)
{
	if (is_amd(c))
		return NULL;
	if (field == MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL)
		return &c->vmcs_guest_gctl;
	if (field == MPMU_VMCS_HOST_PERF_GLOBAL_CTRL)
		return &c->vmcs_host_gctl;
	return NULL;
}

u64 mpmu_hw_vmcs_read64(u32 field)
{
	struct sim_cpu *c = cur;
	struct sim_reg *r = vmcs_field(c, field);
	u64 v = r ? r->v : 0;

	before_op(c, SIM_OP_VMREAD, field, 0);
	if (!r)
		sim_fault(c, "VMREAD of unsupported field 0x%x", field);
	after_op(c, SIM_OP_VMREAD, field, 0, v, r != NULL);
	return v;
}

void mpmu_hw_vmcs_write64(u32 field, u64 val)
{
	struct sim_cpu *c = cur;
	struct sim_reg *r = vmcs_field(c, field);

	if (inj_apply(c, SIM_OP_VMWRITE, field, &val))
		return;
	before_op(c, SIM_OP_VMWRITE, field, val);
	if (!r)
		sim_fault(c, "VMWRITE of unsupported field 0x%x", field);
	else if (sim_bug & SIM_BUG_VMWRITE_HOST_FIELD)
		put_reg(&c->vmcs_host_gctl, val, c->write_taint);
	else
		put_reg(r, val, c->write_taint);
	after_op(c, SIM_OP_VMWRITE, field, val, 0, r != NULL);
}

/*
 * KVM's read of the VM-exit MSR-store slot of @msr (vmx.c): memory the
 * CPU wrote at VM-exit, not a hardware operation, so nothing is traced.
 * False when the MSR is not on the list (KVM warns and skips the refresh).
 */
bool sim_autostore_slot(const struct sim_cpu *c, u32 msr, u64 *val)
{
	if (is_amd(c) || msr != MPMU_MSR_IA32_PERF_GLOBAL_CTRL ||
	    !c->autostore_gctl)
		return false;
	*val = c->autostore_val.v;
	return true;
}
