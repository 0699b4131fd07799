// SPDX-License-Identifier: GPL-2.0-only
/*
 * Executable checker of the accessor contracts of spec/mpmu_hw.h, written
 * by hand clause by clause from the ACSL (predicates keep their ACSL
 * names), evaluated on the simulator's state before and after each
 * accessor call. Direction of the check: whenever a contract's requires
 * hold, the simulated hardware must accept the operation and every ensures
 * of the behaviours whose assumes hold must be true. When the requires do
 * not hold the contract says nothing; those operations are only counted.
 */
#include <stdio.h>
#include <string.h>
#include "contract.h"
#include "mpmu_hw.h"
#include "mpmu_vmx.h"

const char *const xc_clause_name[XC_NR] = {
	[XC_WR_REQUIRES] = "mpmu_hw_wrmsr/requires",
	[XC_WR_WF] = "mpmu_hw_wrmsr/ensures hw_wf",
	[XC_WR_TRACED] = "mpmu_hw_wrmsr/ensures traced",
	[XC_WR_COMPLETE] = "mpmu_hw_wrmsr/complete+disjoint behaviors",
	[XC_WR_GP_COUNTER] = "mpmu_hw_wrmsr/gp_counter",
	[XC_WR_GP_EVENTSEL] = "mpmu_hw_wrmsr/gp_eventsel",
	[XC_WR_FIXED_COUNTER] = "mpmu_hw_wrmsr/fixed_counter",
	[XC_WR_FIXED_CTR_CTRL] = "mpmu_hw_wrmsr/fixed_ctr_ctrl",
	[XC_WR_GLOBAL_CTRL] = "mpmu_hw_wrmsr/global_ctrl",
	[XC_WR_STATUS_RESET] = "mpmu_hw_wrmsr/status_reset",
	[XC_WR_STATUS_SET] = "mpmu_hw_wrmsr/status_set",
	[XC_WR_PERF_METRICS] = "mpmu_hw_wrmsr/perf_metrics",
	[XC_RD_REQUIRES] = "mpmu_hw_rdmsr/requires",
	[XC_RD_WF] = "mpmu_hw_rdmsr/ensures hw_wf",
	[XC_RD_STEP] = "mpmu_hw_rdmsr/ensures hw_step",
	[XC_RD_TRACED] = "mpmu_hw_rdmsr/ensures traced",
	[XC_RD_STATUS] = "mpmu_hw_rdmsr/global_status",
	[XC_PMC_REQUIRES] = "mpmu_hw_rdpmc/requires",
	[XC_PMC_WF] = "mpmu_hw_rdpmc/ensures hw_wf",
	[XC_PMC_STEP] = "mpmu_hw_rdpmc/ensures hw_step",
	[XC_PMC_TRACED] = "mpmu_hw_rdpmc/ensures traced",
	[XC_PMC_GP] = "mpmu_hw_rdpmc/gp",
	[XC_PMC_FIXED] = "mpmu_hw_rdpmc/fixed",
	[XC_PMC_METRICS] = "mpmu_hw_rdpmc/metrics",
	[XC_WR_AMD_COUNTER] = "mpmu_hw_wrmsr/amd_counter",
	[XC_WR_AMD_EVENTSEL] = "mpmu_hw_wrmsr/amd_eventsel",
	[XC_WR_AMD_GLOBAL_CTL] = "mpmu_hw_wrmsr/amd_global_ctl",
	[XC_WR_AMD_STATUS_CLR] = "mpmu_hw_wrmsr/amd_status_clr",
	[XC_WR_AMD_STATUS_SET] = "mpmu_hw_wrmsr/amd_status_set",
	[XC_RD_AMD_GLOBAL_CTL] = "mpmu_hw_rdmsr/amd_global_ctl",
	[XC_VMR_REQUIRES] = "mpmu_hw_vmcs_read64/requires",
	[XC_VMR_WF] = "mpmu_hw_vmcs_read64/ensures hw_wf",
	[XC_VMR_STEP] = "mpmu_hw_vmcs_read64/ensures hw_step",
	[XC_VMR_TRACED] = "mpmu_hw_vmcs_read64/ensures traced",
	[XC_VMR_READ] = "mpmu_hw_vmcs_read64/ensures read",
	[XC_VMR_ASSIGNS] = "mpmu_hw_vmcs_read64/assigns (VMCS kept)",
	[XC_VMW_REQUIRES] = "mpmu_hw_vmcs_write64/requires",
	[XC_VMW_WF] = "mpmu_hw_vmcs_write64/ensures hw_wf",
	[XC_VMW_STEP] = "mpmu_hw_vmcs_write64/ensures hw_step",
	[XC_VMW_TRACED] = "mpmu_hw_vmcs_write64/ensures traced",
	[XC_VMW_GUEST] = "mpmu_hw_vmcs_write64/guest_field",
	[XC_VMW_HOST] = "mpmu_hw_vmcs_write64/host_field",
	[XC_VMW_ASSIGNS] = "mpmu_hw_vmcs_write64/assigns (controls kept)",
	[XC_ENTRY_REQUIRES] = "mpmu_hw_vm_entry/requires",
	[XC_ENTRY_WF] = "mpmu_hw_vm_entry/ensures hw_wf",
	[XC_ENTRY_LOADED] = "mpmu_hw_vm_entry/ensures loaded",
	[XC_ENTRY_STEP] = "mpmu_hw_vm_entry/ensures hw_step",
	[XC_ENTRY_ASSIGNS] = "mpmu_hw_vm_entry/assigns",
	[XC_FAIL_WF] = "mpmu_hw_vm_entry_fails/ensures hw_wf",
	[XC_FAIL_HOST_LOADED] = "mpmu_hw_vm_entry_fails/ensures host_loaded",
	[XC_FAIL_STEP] = "mpmu_hw_vm_entry_fails/ensures hw_step",
	[XC_FAIL_ASSIGNS] = "mpmu_hw_vm_entry_fails/assigns",
	[XC_EXIT_WF] = "mpmu_hw_vm_exit/ensures hw_wf",
	[XC_EXIT_SAVED] = "mpmu_hw_vm_exit/ensures saved",
	[XC_EXIT_STORED] = "mpmu_hw_vm_exit/ensures stored",
	[XC_EXIT_HOST_LOADED] = "mpmu_hw_vm_exit/ensures host_loaded",
	[XC_EXIT_STEP] = "mpmu_hw_vm_exit/ensures hw_step",
	[XC_EXIT_ASSIGNS] = "mpmu_hw_vm_exit/assigns",
	[XC_RUN_WF] = "mpmu_hw_guest_run/ensures hw_wf",
	[XC_RUN_GCTL] = "mpmu_hw_guest_run/ensures gctl",
	[XC_RUN_GP] = "mpmu_hw_guest_run/ensures gp",
	[XC_RUN_FIXED] = "mpmu_hw_guest_run/ensures fixed",
	[XC_RUN_METRICS] = "mpmu_hw_guest_run/ensures metrics",
	[XC_RUN_ASSIGNS] = "mpmu_hw_guest_run/assigns",
	[XC_VMRUN_REQUIRES] = "mpmu_hw_svm_vmrun/requires",
	[XC_VMRUN_WF] = "mpmu_hw_svm_vmrun/ensures hw_wf",
	[XC_VMRUN_SWITCHED] = "mpmu_hw_svm_vmrun/ensures switched",
	[XC_VMRUN_ASSIGNS] = "mpmu_hw_svm_vmrun/assigns",
	[XC_VMEXIT_WF] = "mpmu_hw_svm_vmexit/ensures hw_wf",
	[XC_VMEXIT_SWITCHED] = "mpmu_hw_svm_vmexit/ensures switched",
	[XC_VMEXIT_ASSIGNS] = "mpmu_hw_svm_vmexit/assigns",
	[XC_GRDPMC_HW] = "mpmu_hw_guest_rdpmc/ensures hardware (valid)",
	[XC_GRDPMC_GP] = "mpmu_hw_guest_rdpmc/ensures hardware (#GP)",
};

const char *const xc_free_name[XC_F_NR] = {
	[XC_F_GP_CTR] = "counting GP counter",
	[XC_F_FX_CTR] = "counting fixed counter",
	[XC_F_STATUS] = "GLOBAL_STATUS while counting",
	[XC_F_METRICS] = "PERF_METRICS while counting",
	[XC_F_METRICS_FC3] = "PERF_METRICS after a fixed counter 3 write",
	[XC_F_METRICS_FC3_ZERO] = "PERF_METRICS 0 after a fixed counter 3 "
				  "write of 0",
	[XC_F_STATUS_WRITE] = "GLOBAL_STATUS written while counting",
	[XC_F_GCTL] = "GLOBAL_CTRL after a failed VM-entry without the exit "
		      "load control",
};

void xc_clause_fn(enum xc_clause cl, char *buf, size_t n)
{
	const char *name = xc_clause_name[cl], *slash = strchr(name, '/');
	size_t len = slash ? (size_t)(slash - name) : strlen(name);

	if (len >= n)
		len = n - 1;
	memcpy(buf, name, len);
	buf[len] = 0;
}

/* The ghost state of spec/mpmu_hw.h, read off the simulator. */
struct snap {
	u64 gp_ctr[MPMU_MAX_GP], gp_sel[MPMU_MAX_GP], fx_ctr[MPMU_MAX_FIXED];
	u64 fx_ctrl, gctl, gstatus, metrics;
	u32 tr_len;
	/* spec/mpmu_vmx.h ghost VMCS state. */
	u64 vmcs_guest_gctl, vmcs_host_gctl, vmcs_autostore_gctl;
	u32 vmcs_entry_ctls, vmcs_exit_ctls, vmcs_autostore_gctl_on;
};

static struct xc_ghost G;
static struct xc_stats *S;
u64 xc_host_status;
static struct snap pre;
static bool pre_valid;

static u64 lowb(u32 n)
{
	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

/*
 * The glue's values of the ghost constants: CPUID.0AH widths and counts,
 * PERF_CAPABILITIES and the architectural bit lists of perf_event.h /
 * msr-index.h (not the simulator's masks).
 */
void xc_ghost_from_config(const struct sim_config *cfg, struct xc_ghost *g)
{
	u64 ctr_bits = lowb(cfg->nr_gp) | lowb(cfg->nr_fixed) << 32 |
		       (cfg->has_metrics ? 1ull << 48 : 0);

	memset(g, 0, sizeof(*g));
	g->vendor = cfg->vendor == SIM_VENDOR_AMD ? MPMU_VENDOR_AMD :
		    MPMU_VENDOR_INTEL;
	g->nr_gp = cfg->nr_gp;
	g->nr_fixed = cfg->nr_fixed;
	g->has_metrics = cfg->has_metrics;
	g->pmu_version = cfg->version;
	g->fw_writes = cfg->fw_writes;
	g->rsvd_ctr = ~lowb(cfg->gp_width);
	g->rsvd_fx_ctr = ~lowb(cfg->fixed_width);
	/* ARCH_PERFMON_EVENTSEL_* cover bits 31:0; HSW_IN_TX{,_CP} 33:32. */
	g->rsvd_sel = ~(0xffffffffull | (cfg->has_tsx ? 1ull << 32 : 0));
	g->rsvd_sel2 = ~(0xffffffffull | (cfg->has_tsx ? 3ull << 32 : 0));
	g->rsvd_fx_ctrl = ~lowb(4 * cfg->nr_fixed);
	g->rsvd_gctl = ~ctr_bits;
	/* STATUS: TOPA 55, LBR_FRZ 58, CTR_FRZ 59, ASCI 60, UNC 61,
	 * OVF_BUF 62, COND_CHGD 63; SET cannot set COND_CHGD. */
	g->rsvd_status_reset = ~(ctr_bits | 1ull << 55 | 0x3full << 58);
	g->rsvd_status_set = g->rsvd_status_reset | 1ull << 63;
	if (g->vendor == MPMU_VENDOR_AMD) {
		/* AMD PPR / msr-index.h: PERF_CTL 7:0, 15:8, 16-18, 20,
		 * 22-31, EventSelect[11:8] 35:32, GuestOnly 40, HostOnly
		 * 41; PerfCntrGlobal* bit i per core counter. */
		g->rsvd_sel = 0xfffffcf000280000ull;
		g->rsvd_sel2 = g->rsvd_sel;
		g->rsvd_fx_ctr = ~0ull;
		g->rsvd_fx_ctrl = ~0ull;
		g->rsvd_gctl = ~lowb(cfg->nr_gp);
		g->rsvd_status_reset = ~lowb(cfg->nr_gp);
		g->rsvd_status_set = ~lowb(cfg->nr_gp);
	}
}

static void take(const struct sim_cpu *c, struct snap *s)
{
	u32 i;

	for (i = 0; i < MPMU_MAX_GP; i++) {
		s->gp_ctr[i] = c->gp_ctr[i].v;
		s->gp_sel[i] = c->gp_sel[i].v;
	}
	for (i = 0; i < MPMU_MAX_FIXED; i++)
		s->fx_ctr[i] = c->fx_ctr[i].v;
	s->fx_ctrl = c->fx_ctrl.v;
	s->gctl = c->gctl.v;
	/* hw_gstatus: the counter bits of the register (spec/mpmu_hw.h). */
	s->gstatus = c->status & ~G.rsvd_gctl;
	s->metrics = c->metrics.v;
	s->tr_len = c->tr_len;
	s->vmcs_guest_gctl = c->vmcs_guest_gctl.v;
	s->vmcs_host_gctl = c->vmcs_host_gctl.v;
	s->vmcs_autostore_gctl = c->autostore_val.v;
	s->vmcs_entry_ctls = c->entry_ctls;
	s->vmcs_exit_ctls = c->exit_ctls;
	s->vmcs_autostore_gctl_on = c->autostore_gctl;
}

static bool vmcs_kept(const struct snap *a, const struct snap *b,
		      bool guest, bool host)
{
	return (guest || a->vmcs_guest_gctl == b->vmcs_guest_gctl) &&
	       (host || a->vmcs_host_gctl == b->vmcs_host_gctl) &&
	       a->vmcs_autostore_gctl == b->vmcs_autostore_gctl &&
	       a->vmcs_entry_ctls == b->vmcs_entry_ctls &&
	       a->vmcs_exit_ctls == b->vmcs_exit_ctls &&
	       a->vmcs_autostore_gctl_on == b->vmcs_autostore_gctl_on;
}

/* ---- ACSL predicates ---- */

static bool bit(u64 v, u32 k)
{
	return (v >> k) & 1;
}

static bool rsvd_free(u64 v, u64 r)
{
	return !(v & r);
}

static bool is_intel(void)
{
	return G.vendor == MPMU_VENDOR_INTEL;
}

static bool is_amd(void)
{
	return G.vendor == MPMU_VENDOR_AMD;
}

/* guest_only(sel) && AMD: does not count in host mode (EFER.SVME=1). */
static bool gp_counting(const struct snap *s, u32 i)
{
	u64 sel = s->gp_sel[i];

	return s->gctl != 0 && bit(s->gctl, i) && bit(sel, 22) &&
	       !(is_amd() && bit(sel, 40) && !bit(sel, 41));
}

static bool fx_counting(const struct snap *s, u32 j)
{
	return s->gctl != 0 && bit(s->gctl, 32 + j) &&
	       (bit(s->fx_ctrl, 4 * j) || bit(s->fx_ctrl, 4 * j + 1));
}

static bool pmu_active(const struct snap *s)
{
	u32 i;

	for (i = 0; i < MPMU_MAX_GP; i++)
		if (gp_counting(s, i))
			return true;
	for (i = 0; i < MPMU_MAX_FIXED; i++)
		if (fx_counting(s, i))
			return true;
	return false;
}

static bool hw_wf(const struct snap *s)
{
	return G.nr_gp <= MPMU_MAX_GP && G.nr_fixed <= MPMU_MAX_FIXED &&
	       rsvd_free(s->gstatus, G.rsvd_gctl) &&
	       rsvd_free(s->gctl, G.rsvd_gctl) &&
	       (!is_amd() || s->fx_ctrl == 0);
}

/* hw_step{A, B}(wk, wi); on failure *why names the conjunct. */
static bool hw_step(const struct snap *a, const struct snap *b, u32 wk,
		    u32 wi, const char **why)
{
	bool act = pmu_active(a) || pmu_active(b);
	u32 i;

	for (i = 0; i < MPMU_MAX_GP; i++) {
		if (!(wk == MPMU_RK_GP_CTR && wi == i) &&
		    !(gp_counting(a, i) || gp_counting(b, i) ||
		      a->gp_ctr[i] == b->gp_ctr[i]))
			return *why = "gp_ctr_kept", false;
		if (!(wk == MPMU_RK_GP_SEL && wi == i) &&
		    a->gp_sel[i] != b->gp_sel[i])
			return *why = "hw_gp_sel kept", false;
	}
	for (i = 0; i < MPMU_MAX_FIXED; i++)
		if (!(wk == MPMU_RK_FX_CTR && wi == i) &&
		    !(fx_counting(a, i) || fx_counting(b, i) ||
		      a->fx_ctr[i] == b->fx_ctr[i]))
			return *why = "fx_ctr_kept", false;
	if (wk != MPMU_RK_FX_CTRL && a->fx_ctrl != b->fx_ctrl)
		return *why = "hw_fx_ctrl kept", false;
	if (wk != MPMU_RK_GCTL && a->gctl != b->gctl)
		return *why = "hw_gctl kept", false;
	if (wk != MPMU_RK_STATUS && !act && a->gstatus != b->gstatus)
		return *why = "hw_gstatus kept", false;
	if (wk != MPMU_RK_METRICS && !(wk == MPMU_RK_FX_CTR && wi == 3) &&
	    !act && a->metrics != b->metrics)
		return *why = "hw_metrics kept", false;
	return true;
}

static bool traced(const struct sim_cpu *c, const struct snap *a,
		   const struct snap *b, u32 kind, u32 reg, u64 val)
{
	const struct sim_op *op;

	if (b->tr_len != a->tr_len + 1 || c->tr_overflow)
		return false;
	op = &c->tr[a->tr_len];
	return op->kind == kind && op->reg == reg && op->val == val &&
	       op->gctl == a->gctl;
}

static bool is_gp_ctr_msr(u32 m)
{
	return is_intel() && m >= MPMU_MSR_IA32_A_PMC0 &&
	       m < MPMU_MSR_IA32_A_PMC0 + G.nr_gp;
}

static bool is_gp_sel_msr(u32 m)
{
	return is_intel() && m >= MPMU_MSR_IA32_PERFEVTSEL0 &&
	       m < MPMU_MSR_IA32_PERFEVTSEL0 + G.nr_gp;
}

static bool is_fx_ctr_msr(u32 m)
{
	return is_intel() && m >= MPMU_MSR_IA32_FIXED_CTR0 &&
	       m < MPMU_MSR_IA32_FIXED_CTR0 + G.nr_fixed;
}

/* Integer arithmetic as in ACSL: m - base may be "negative". */
static bool is_amd_ctl_msr(u32 m)
{
	return is_amd() && m >= MPMU_MSR_AMD_PERF_CTL0 &&
	       (u64)m < MPMU_MSR_AMD_PERF_CTL0 + 2ull * G.nr_gp &&
	       (m - MPMU_MSR_AMD_PERF_CTL0) % 2 == 0;
}

static bool is_amd_ctr_msr(u32 m)
{
	return is_amd() && m >= MPMU_MSR_AMD_PERF_CTR0 &&
	       (u64)m < MPMU_MSR_AMD_PERF_CTR0 + 2ull * G.nr_gp &&
	       (m - MPMU_MSR_AMD_PERF_CTR0) % 2 == 0;
}

static bool wrmsr_writable(u32 m)
{
	return is_gp_ctr_msr(m) || is_gp_sel_msr(m) || is_fx_ctr_msr(m) ||
	       (is_intel() && (m == MPMU_MSR_IA32_FIXED_CTR_CTRL ||
		m == MPMU_MSR_IA32_PERF_GLOBAL_CTRL ||
		m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET ||
		m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET ||
		(m == MPMU_MSR_IA32_PERF_METRICS && G.has_metrics))) ||
	       is_amd_ctl_msr(m) || is_amd_ctr_msr(m) ||
	       (is_amd() && (m == MPMU_MSR_AMD_GLOBAL_CTL ||
		m == MPMU_MSR_AMD_GLOBAL_STATUS_CLR ||
		m == MPMU_MSR_AMD_GLOBAL_STATUS_SET));
}

/* wrmsr_present (spec/mpmu_hw.h): the MSR exists on this host. */
static bool wrmsr_present(u32 m)
{
	if (is_gp_ctr_msr(m) && !G.fw_writes)
		return false;
	if (is_intel() && (m == MPMU_MSR_IA32_FIXED_CTR_CTRL ||
			   m == MPMU_MSR_IA32_PERF_GLOBAL_CTRL ||
			   m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET) &&
	    G.pmu_version < 2)
		return false;
	if (is_intel() && m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET &&
	    G.pmu_version < 4)
		return false;
	if ((is_amd_ctl_msr(m) || is_amd_ctr_msr(m) ||
	     (is_amd() && (m == MPMU_MSR_AMD_GLOBAL_CTL ||
			   m == MPMU_MSR_AMD_GLOBAL_STATUS_CLR ||
			   m == MPMU_MSR_AMD_GLOBAL_STATUS_SET))) &&
	    G.pmu_version < 2)
		return false;
	return true;
}

static bool wrmsr_rsvd_free(u32 m, u64 v)
{
	return (!is_amd_ctr_msr(m) || rsvd_free(v, G.rsvd_ctr)) &&
	       (!is_amd_ctl_msr(m) ||
		rsvd_free(v, (m - MPMU_MSR_AMD_PERF_CTL0) / 2 == 2 ?
			     G.rsvd_sel2 : G.rsvd_sel)) &&
	       (m != MPMU_MSR_AMD_GLOBAL_CTL || rsvd_free(v, G.rsvd_gctl)) &&
	       (m != MPMU_MSR_AMD_GLOBAL_STATUS_CLR ||
		rsvd_free(v, G.rsvd_status_reset)) &&
	       (m != MPMU_MSR_AMD_GLOBAL_STATUS_SET ||
		rsvd_free(v, G.rsvd_status_set)) &&
	       (!is_gp_ctr_msr(m) || rsvd_free(v, G.rsvd_ctr)) &&
	       (!is_gp_sel_msr(m) ||
		rsvd_free(v, m - MPMU_MSR_IA32_PERFEVTSEL0 == 2 ?
			     G.rsvd_sel2 : G.rsvd_sel)) &&
	       (!is_fx_ctr_msr(m) || rsvd_free(v, G.rsvd_fx_ctr)) &&
	       (m != MPMU_MSR_IA32_FIXED_CTR_CTRL ||
		rsvd_free(v, G.rsvd_fx_ctrl)) &&
	       (m != MPMU_MSR_IA32_PERF_GLOBAL_CTRL ||
		rsvd_free(v, G.rsvd_gctl)) &&
	       (m != MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET ||
		rsvd_free(v, G.rsvd_status_reset)) &&
	       (m != MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET ||
		rsvd_free(v, G.rsvd_status_set));
}

static bool rdpmc_valid(u32 ecx)
{
	return ecx < G.nr_gp ||
	       (ecx >= MPMU_RDPMC_FIXED &&
		ecx < MPMU_RDPMC_FIXED + G.nr_fixed) ||
	       (ecx == MPMU_RDPMC_METRICS && G.has_metrics);
}

/* ---- Checking ---- */

static void fail(enum xc_clause cl, const char *what, u32 reg, u64 val)
{
	if (!S->failed)
		snprintf(S->msg, sizeof(S->msg),
			 "contract %s disagrees with the simulator: %s "
			 "(reg 0x%x, val 0x%llx)", xc_clause_name[cl], what,
			 reg, (unsigned long long)val);
	S->failed++;
}

static void hit(enum xc_clause cl, bool active)
{
	S->checked[cl]++;
	if (active)
		S->havoc[cl]++;
}

static void hook_pre(struct sim_cpu *c, u32 kind, u32 reg, u64 val)
{
	(void)kind;
	(void)reg;
	(void)val;
	take(c, &pre);
	pre_valid = true;
	/* Hardware sets bits no counter drives at any time (spec/mpmu_hw.h,
	 * status_read): here while the instruction runs. */
	c->status |= xc_host_status;
	c->status_th |= xc_host_status;
}

static void outcome(enum xc_clause cl, enum xc_free f, bool changed)
{
	if (changed)
		S->changed[cl][f]++;
	else
		S->kept[cl][f]++;
}

/* The locations hw_step{a, b}(wk, wi) leaves open: was each kept? */
static void outcomes(enum xc_clause cl, const struct snap *a,
		     const struct snap *b, u32 wk, u32 wi)
{
	bool act = pmu_active(a) || pmu_active(b);
	bool fc3 = wk == MPMU_RK_FX_CTR && wi == 3;
	u32 i;

	for (i = 0; i < MPMU_MAX_GP; i++)
		if (!(wk == MPMU_RK_GP_CTR && wi == i) &&
		    (gp_counting(a, i) || gp_counting(b, i)))
			outcome(cl, XC_F_GP_CTR, a->gp_ctr[i] != b->gp_ctr[i]);
	for (i = 0; i < MPMU_MAX_FIXED; i++)
		if (!(wk == MPMU_RK_FX_CTR && wi == i) &&
		    (fx_counting(a, i) || fx_counting(b, i)))
			outcome(cl, XC_F_FX_CTR, a->fx_ctr[i] != b->fx_ctr[i]);
	if (wk != MPMU_RK_STATUS && act)
		outcome(cl, XC_F_STATUS, a->gstatus != b->gstatus);
	if (!G.has_metrics || wk == MPMU_RK_METRICS)
		return;
	if (fc3)
		outcome(cl, !a->metrics && !b->fx_ctr[3] ?
			XC_F_METRICS_FC3_ZERO : XC_F_METRICS_FC3,
			a->metrics != b->metrics);
	else if (act)
		outcome(cl, XC_F_METRICS, a->metrics != b->metrics);
}

static void check_step(enum xc_clause cl, const struct snap *b, u32 wk,
		       u32 wi, u32 reg, u64 val)
{
	const char *why = "";

	if (!hw_step(&pre, b, wk, wi, &why))
		fail(cl, why, reg, val);
	outcomes(cl, &pre, b, wk, wi);
}

static void check_wrmsr(struct sim_cpu *c, const struct snap *b, u32 m,
			u64 v, bool faulted)
{
	bool act = pmu_active(&pre);
	int nb = 0;

	if (!(hw_wf(&pre) && wrmsr_writable(m) && wrmsr_present(m) &&
	      wrmsr_rsvd_free(m, v))) {
		S->outside++;
		S->outside_gp += faulted;
		S->outside_feature += faulted && hw_wf(&pre) &&
			wrmsr_writable(m) && wrmsr_rsvd_free(m, v);
		return;
	}
	hit(XC_WR_REQUIRES, act);
	if (faulted) {
		fail(XC_WR_REQUIRES, c->fault_msg, m, v);
		return;
	}
	hit(XC_WR_WF, act);
	if (!hw_wf(b))
		fail(XC_WR_WF, "hw_wf false after", m, v);
	hit(XC_WR_TRACED, act);
	if (!traced(c, &pre, b, MPMU_TR_WRMSR, m, v))
		fail(XC_WR_TRACED, "trace entry", m, v);
	if (is_gp_ctr_msr(m)) {
		u32 i = m - MPMU_MSR_IA32_A_PMC0;

		nb++;
		hit(XC_WR_GP_COUNTER, act);
		if (b->gp_ctr[i] != v)
			fail(XC_WR_GP_COUNTER, "hw_gp_ctr[i] != val", m, v);
		check_step(XC_WR_GP_COUNTER, b, MPMU_RK_GP_CTR, i, m, v);
	}
	if (is_gp_sel_msr(m)) {
		u32 i = m - MPMU_MSR_IA32_PERFEVTSEL0;

		nb++;
		hit(XC_WR_GP_EVENTSEL, act);
		if (b->gp_sel[i] != v)
			fail(XC_WR_GP_EVENTSEL, "hw_gp_sel[i] != val", m, v);
		check_step(XC_WR_GP_EVENTSEL, b, MPMU_RK_GP_SEL, i, m, v);
	}
	if (is_fx_ctr_msr(m)) {
		u32 j = m - MPMU_MSR_IA32_FIXED_CTR0;

		nb++;
		hit(XC_WR_FIXED_COUNTER, act);
		if (b->fx_ctr[j] != v)
			fail(XC_WR_FIXED_COUNTER, "hw_fx_ctr[j] != val", m, v);
		check_step(XC_WR_FIXED_COUNTER, b, MPMU_RK_FX_CTR, j, m, v);
	}
	if (is_intel() && m == MPMU_MSR_IA32_FIXED_CTR_CTRL) {
		nb++;
		hit(XC_WR_FIXED_CTR_CTRL, act);
		if (b->fx_ctrl != v)
			fail(XC_WR_FIXED_CTR_CTRL, "hw_fx_ctrl != val", m, v);
		check_step(XC_WR_FIXED_CTR_CTRL, b, MPMU_RK_FX_CTRL, 0, m, v);
	}
	if (is_intel() && m == MPMU_MSR_IA32_PERF_GLOBAL_CTRL) {
		nb++;
		hit(XC_WR_GLOBAL_CTRL, act);
		if (b->gctl != v)
			fail(XC_WR_GLOBAL_CTRL, "hw_gctl != val", m, v);
		check_step(XC_WR_GLOBAL_CTRL, b, MPMU_RK_GCTL, 0, m, v);
	}
	if (is_intel() && m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET) {
		nb++;
		hit(XC_WR_STATUS_RESET, act);
		if (act)
			outcome(XC_WR_STATUS_RESET, XC_F_STATUS_WRITE,
				b->gstatus != (pre.gstatus & ~v));
		if (!act && b->gstatus != (pre.gstatus & ~v))
			fail(XC_WR_STATUS_RESET, "hw_gstatus != old & ~val",
			     m, v);
		check_step(XC_WR_STATUS_RESET, b, MPMU_RK_STATUS, 0, m, v);
	}
	if (is_intel() && m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET) {
		nb++;
		hit(XC_WR_STATUS_SET, act);
		if (act)
			outcome(XC_WR_STATUS_SET, XC_F_STATUS_WRITE,
				b->gstatus != (pre.gstatus |
					       (v & ~G.rsvd_gctl)));
		if (!act && b->gstatus != (pre.gstatus | (v & ~G.rsvd_gctl)))
			fail(XC_WR_STATUS_SET, "hw_gstatus != old | (val & "
			     "~hw_rsvd_gctl)", m, v);
		check_step(XC_WR_STATUS_SET, b, MPMU_RK_STATUS, 0, m, v);
	}
	if (is_intel() && m == MPMU_MSR_IA32_PERF_METRICS) {
		nb++;
		hit(XC_WR_PERF_METRICS, act);
		if (b->metrics != v)
			fail(XC_WR_PERF_METRICS, "hw_metrics != val", m, v);
		check_step(XC_WR_PERF_METRICS, b, MPMU_RK_METRICS, 0, m, v);
	}
	if (is_amd_ctr_msr(m)) {
		u32 i = (m - MPMU_MSR_AMD_PERF_CTR0) / 2;

		nb++;
		hit(XC_WR_AMD_COUNTER, act);
		if (b->gp_ctr[i] != v)
			fail(XC_WR_AMD_COUNTER, "hw_gp_ctr[i] != val", m, v);
		check_step(XC_WR_AMD_COUNTER, b, MPMU_RK_GP_CTR, i, m, v);
	}
	if (is_amd_ctl_msr(m)) {
		u32 i = (m - MPMU_MSR_AMD_PERF_CTL0) / 2;

		nb++;
		hit(XC_WR_AMD_EVENTSEL, act);
		if (b->gp_sel[i] != v)
			fail(XC_WR_AMD_EVENTSEL, "hw_gp_sel[i] != val", m, v);
		check_step(XC_WR_AMD_EVENTSEL, b, MPMU_RK_GP_SEL, i, m, v);
	}
	if (is_amd() && m == MPMU_MSR_AMD_GLOBAL_CTL) {
		nb++;
		hit(XC_WR_AMD_GLOBAL_CTL, act);
		if (b->gctl != v)
			fail(XC_WR_AMD_GLOBAL_CTL, "hw_gctl != val", m, v);
		check_step(XC_WR_AMD_GLOBAL_CTL, b, MPMU_RK_GCTL, 0, m, v);
	}
	if (is_amd() && m == MPMU_MSR_AMD_GLOBAL_STATUS_CLR) {
		nb++;
		hit(XC_WR_AMD_STATUS_CLR, act);
		if (act)
			outcome(XC_WR_AMD_STATUS_CLR, XC_F_STATUS_WRITE,
				b->gstatus != (pre.gstatus & ~v));
		if (!act && b->gstatus != (pre.gstatus & ~v))
			fail(XC_WR_AMD_STATUS_CLR, "hw_gstatus != old & ~val",
			     m, v);
		check_step(XC_WR_AMD_STATUS_CLR, b, MPMU_RK_STATUS, 0, m, v);
	}
	if (is_amd() && m == MPMU_MSR_AMD_GLOBAL_STATUS_SET) {
		nb++;
		hit(XC_WR_AMD_STATUS_SET, act);
		if (act)
			outcome(XC_WR_AMD_STATUS_SET, XC_F_STATUS_WRITE,
				b->gstatus != (pre.gstatus |
					       (v & ~G.rsvd_gctl)));
		if (!act && b->gstatus != (pre.gstatus | (v & ~G.rsvd_gctl)))
			fail(XC_WR_AMD_STATUS_SET, "hw_gstatus != old | (val & "
			     "~hw_rsvd_gctl)", m, v);
		check_step(XC_WR_AMD_STATUS_SET, b, MPMU_RK_STATUS, 0, m, v);
	}
	hit(XC_WR_COMPLETE, act);
	if (nb != 1)
		fail(XC_WR_COMPLETE, "not exactly one behavior", m, v);
}

static void check_rdmsr(struct sim_cpu *c, const struct snap *b, u32 m,
			u64 res, bool faulted)
{
	bool act = pmu_active(&pre);

	bool st = m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS ||
		  m == MPMU_MSR_AMD_GLOBAL_STATUS;

	if (!(hw_wf(&pre) && G.pmu_version >= 2 &&
	      ((is_intel() && m == MPMU_MSR_IA32_PERF_GLOBAL_STATUS) ||
	       (is_amd() && (m == MPMU_MSR_AMD_GLOBAL_STATUS ||
			     m == MPMU_MSR_AMD_GLOBAL_CTL))))) {
		S->outside++;
		S->outside_gp += faulted;
		return;
	}
	hit(XC_RD_REQUIRES, act);
	if (faulted) {
		fail(XC_RD_REQUIRES, c->fault_msg, m, 0);
		return;
	}
	hit(XC_RD_WF, act);
	if (!hw_wf(b))
		fail(XC_RD_WF, "hw_wf false after", m, 0);
	hit(XC_RD_STEP, act);
	check_step(XC_RD_STEP, b, MPMU_RK_NONE, 0, m, 0);
	hit(XC_RD_TRACED, act);
	if (!traced(c, &pre, b, MPMU_TR_RDMSR, m, res))
		fail(XC_RD_TRACED, "trace entry", m, res);
	if (st) {
		hit(XC_RD_STATUS, act);
		if (!rsvd_free(res, G.rsvd_status_reset) ||
		    (res & ~G.rsvd_gctl) != b->gstatus)
			fail(XC_RD_STATUS, "!status_read(\\result)", m, res);
	} else {
		hit(XC_RD_AMD_GLOBAL_CTL, act);
		if (res != b->gctl)
			fail(XC_RD_AMD_GLOBAL_CTL, "\\result != hw_gctl", m,
			     res);
	}
}

static void check_rdpmc(struct sim_cpu *c, const struct snap *b, u32 e,
			u64 res, bool faulted)
{
	bool act = pmu_active(&pre);

	if (!(hw_wf(&pre) && rdpmc_valid(e))) {
		S->outside++;
		S->outside_gp += faulted;
		return;
	}
	hit(XC_PMC_REQUIRES, act);
	if (faulted) {
		fail(XC_PMC_REQUIRES, c->fault_msg, e, 0);
		return;
	}
	hit(XC_PMC_WF, act);
	if (!hw_wf(b))
		fail(XC_PMC_WF, "hw_wf false after", e, 0);
	hit(XC_PMC_STEP, act);
	check_step(XC_PMC_STEP, b, MPMU_RK_NONE, 0, e, 0);
	hit(XC_PMC_TRACED, act);
	if (!traced(c, &pre, b, MPMU_TR_RDPMC, e, res))
		fail(XC_PMC_TRACED, "trace entry", e, res);
	if (e < G.nr_gp) {
		hit(XC_PMC_GP, act);
		if (res != b->gp_ctr[e])
			fail(XC_PMC_GP, "\\result != hw_gp_ctr[ecx]", e, res);
		if (res & G.rsvd_ctr)
			fail(XC_PMC_GP, "\\result & hw_rsvd_ctr", e, res);
	} else if (e == MPMU_RDPMC_METRICS) {
		hit(XC_PMC_METRICS, act);
		if (res != b->metrics)
			fail(XC_PMC_METRICS, "\\result != hw_metrics", e, res);
	} else {
		hit(XC_PMC_FIXED, act);
		if (res != b->fx_ctr[e - MPMU_RDPMC_FIXED])
			fail(XC_PMC_FIXED, "\\result != hw_fx_ctr[j]", e, res);
		if (res & G.rsvd_fx_ctr)
			fail(XC_PMC_FIXED, "\\result & hw_rsvd_fx_ctr", e,
			     res);
	}
}

static const struct snap *b_ptr(const struct snap *b)
{
	return b;
}

/* Common ensures of the two VMCS accessors: hw_wf, hw_step(NONE),
 * traced. */
static void vmx_common(const struct sim_cpu *c, const struct snap *b,
		       enum xc_clause wf, enum xc_clause step,
		       enum xc_clause tr, u32 sim_kind, u32 reg, u64 val,
		       bool act)
{
	hit(wf, act);
	if (!hw_wf(b))
		fail(wf, "hw_wf false after", reg, val);
	hit(step, act);
	check_step(step, b, MPMU_RK_NONE, 0, reg, val);
	hit(tr, act);
	if (!traced(c, &pre, b, sim_kind, reg, val))
		fail(tr, "trace entry", reg, val);
}

static void check_vmread(struct sim_cpu *c, const struct snap *b, u32 f,
			 u64 res, bool faulted)
{
	bool act = pmu_active(&pre);

	if (!(hw_wf(&pre) && f == MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL)) {
		S->outside++;
		S->outside_gp += faulted;
		return;
	}
	hit(XC_VMR_REQUIRES, act);
	if (faulted) {
		fail(XC_VMR_REQUIRES, c->fault_msg, f, 0);
		return;
	}
	vmx_common(c, b, XC_VMR_WF, XC_VMR_STEP, XC_VMR_TRACED, SIM_OP_VMREAD,
		   f, res, act);
	hit(XC_VMR_READ, act);
	if (res != b->vmcs_guest_gctl)
		fail(XC_VMR_READ, "\\result != vmcs_guest_gctl", f, res);
	hit(XC_VMR_ASSIGNS, act);
	if (!vmcs_kept(&pre, b, false, false))
		fail(XC_VMR_ASSIGNS, "VMCS state changed", f, res);
}

static void check_vmwrite(struct sim_cpu *c, const struct snap *b, u32 f,
			  u64 v, bool faulted)
{
	bool act = pmu_active(&pre);
	bool guest = f == MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL;
	bool host = f == MPMU_VMCS_HOST_PERF_GLOBAL_CTRL;

	if (!(hw_wf(&pre) && (guest || host) &&
	      rsvd_free(v, G.rsvd_gctl))) {
		S->outside++;
		S->outside_gp += faulted;
		return;
	}
	hit(XC_VMW_REQUIRES, act);
	if (faulted) {
		fail(XC_VMW_REQUIRES, c->fault_msg, f, v);
		return;
	}
	vmx_common(c, b, XC_VMW_WF, XC_VMW_STEP, XC_VMW_TRACED, SIM_OP_VMWRITE,
		   f, v, act);
	if (guest) {
		hit(XC_VMW_GUEST, act);
		if (b->vmcs_guest_gctl != v ||
		    b->vmcs_host_gctl != pre.vmcs_host_gctl)
			fail(XC_VMW_GUEST, "vmcs_guest_gctl != val or host "
			     "field changed", f, v);
	} else {
		hit(XC_VMW_HOST, act);
		if (b->vmcs_host_gctl != v ||
		    b->vmcs_guest_gctl != pre.vmcs_guest_gctl)
			fail(XC_VMW_HOST, "vmcs_host_gctl != val or guest "
			     "field changed", f, v);
	}
	hit(XC_VMW_ASSIGNS, act);
	if (!vmcs_kept(&pre, b, true, true))
		fail(XC_VMW_ASSIGNS, "VMCS controls or MSR-store changed", f,
		     v);
}

static void hook_post(struct sim_cpu *c, u32 kind, u32 reg, u64 val,
		      u64 result, bool faulted)
{
	struct snap b;

	if (!pre_valid)
		return;
	pre_valid = false;
	take(c, &b);
	S->ops++;
	switch (kind) {
	case SIM_OP_WRMSR:
		check_wrmsr(c, &b, reg, val, faulted);
		break;
	case SIM_OP_RDMSR:
		check_rdmsr(c, &b, reg, result, faulted);
		break;
	case SIM_OP_RDPMC:
		check_rdpmc(c, &b, reg, result, faulted);
		break;
	case SIM_OP_VMREAD:
		check_vmread(c, b_ptr(&b), reg, result, faulted);
		break;
	case SIM_OP_VMWRITE:
		check_vmwrite(c, &b, reg, val, faulted);
		break;
	default:
		S->outside++;
		break;
	}
}

/* ---- SVM world switch (spec/mpmu_svm_trans.h) ---- */

static bool gp_enabled(const struct snap *s, u32 i)
{
	return bit(s->gctl, i) && bit(s->gp_sel[i], 22);
}

/* svm_switch{A, B}: only enabled counters and their status changed. */
static bool svm_switch(const struct snap *a, const struct snap *b)
{
	bool any = false;
	u32 i;

	for (i = 0; i < MPMU_MAX_GP; i++) {
		any |= gp_enabled(a, i);
		if (!gp_enabled(a, i) && a->gp_ctr[i] != b->gp_ctr[i])
			return false;
	}
	return any || a->gstatus == b->gstatus;
}

static bool svm_kept(const struct snap *a, const struct snap *b)
{
	u32 i;

	for (i = 0; i < MPMU_MAX_GP; i++)
		if (a->gp_sel[i] != b->gp_sel[i])
			return false;
	return a->gctl == b->gctl && a->fx_ctrl == b->fx_ctrl &&
	       a->tr_len == b->tr_len;
}

static void svm_transition(struct sim_cpu *c, bool run)
{
	struct snap b;
	bool act = pmu_active(&pre);
	u32 f0 = c->faults;

	if (!(hw_wf(&pre) && is_amd())) {
		S->outside++;
		if (run)
			sim_vmentry(c);
		else
			sim_vmexit(c);
		return;
	}
	if (run) {
		hit(XC_VMRUN_REQUIRES, act);
		if (!sim_vmentry(c) || c->faults != f0) {
			fail(XC_VMRUN_REQUIRES, c->fault_msg, 0, pre.gctl);
			return;
		}
	} else {
		sim_vmexit(c);
	}
	take(c, &b);
	hit(run ? XC_VMRUN_WF : XC_VMEXIT_WF, act);
	if (c->faults != f0 || !hw_wf(&b))
		fail(run ? XC_VMRUN_WF : XC_VMEXIT_WF, c->faults != f0 ?
		     c->fault_msg : "hw_wf false after", 0, b.gctl);
	hit(run ? XC_VMRUN_SWITCHED : XC_VMEXIT_SWITCHED, act);
	if (!svm_switch(&pre, &b))
		fail(run ? XC_VMRUN_SWITCHED : XC_VMEXIT_SWITCHED,
		     "a counter not enabled changed", 0, 0);
	hit(run ? XC_VMRUN_ASSIGNS : XC_VMEXIT_ASSIGNS, act);
	if (!svm_kept(&pre, &b))
		fail(run ? XC_VMRUN_ASSIGNS : XC_VMEXIT_ASSIGNS,
		     "GlobalCtl, a selector or the trace changed", 0, b.gctl);
}

/* ---- Transitions of spec/mpmu_vmx_trans.h ---- */

static bool ctl(u32 ctls, u32 b)
{
	return (ctls & b) != 0;
}

void xc_transition(struct sim_cpu *c, enum xc_trans t)
{
	struct snap b;
	bool act, ok = true;
	u32 f0 = c->faults;
	const char *why = "";

	take(c, &pre);
	act = pmu_active(&pre);
	S->transitions++;
	/* Time passes during a transition too: counters may count. */
	if (c->bg_on) {
		c->bg.seed = sim_mix(c->bg.seed);
		sim_count(c, &c->bg);
	}
	switch (t) {
	case XC_T_VMRUN:
	case XC_T_VMEXIT_SVM:
		/* VMRUN from the host, #VMEXIT from the guest. */
		c->in_guest = t == XC_T_VMEXIT_SVM;
		svm_transition(c, t == XC_T_VMRUN);
		break;
	case XC_T_ENTRY:
		if (!(hw_wf(&pre) &&
		      ctl(pre.vmcs_entry_ctls,
			  MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL) &&
		      rsvd_free(pre.vmcs_guest_gctl, G.rsvd_gctl))) {
			S->outside++;
			ok = sim_vmentry(c);
			S->outside_gp += !ok;
			break;
		}
		hit(XC_ENTRY_REQUIRES, act);
		ok = sim_vmentry(c);
		take(c, &b);
		if (!ok || c->faults != f0) {
			fail(XC_ENTRY_REQUIRES, c->fault_msg, 0,
			     pre.vmcs_guest_gctl);
			break;
		}
		hit(XC_ENTRY_WF, act);
		if (!hw_wf(&b))
			fail(XC_ENTRY_WF, "hw_wf false after", 0, b.gctl);
		hit(XC_ENTRY_LOADED, act);
		if (b.gctl != pre.vmcs_guest_gctl)
			fail(XC_ENTRY_LOADED, "hw_gctl != vmcs_guest_gctl", 0,
			     b.gctl);
		hit(XC_ENTRY_STEP, act);
		if (!hw_step(&pre, &b, MPMU_RK_GCTL, 0, &why))
			fail(XC_ENTRY_STEP, why, 0, b.gctl);
		outcomes(XC_ENTRY_STEP, &pre, &b, MPMU_RK_GCTL, 0);
		hit(XC_ENTRY_ASSIGNS, act);
		if (!vmcs_kept(&pre, &b, false, false) ||
		    b.tr_len != pre.tr_len)
			fail(XC_ENTRY_ASSIGNS, "VMCS or trace changed", 0, 0);
		break;
	case XC_T_ENTRY_FAILS:
		/* After the checks of 27.3.1 (the late kind, 27.8). */
		if (!(hw_wf(&pre) && rsvd_free(pre.vmcs_host_gctl,
					       G.rsvd_gctl))) {
			S->outside++;
			sim_vmentry_fail(c, false);
			break;
		}
		sim_vmentry_fail(c, false);
		take(c, &b);
		hit(XC_FAIL_WF, act);
		if (c->faults != f0 || !hw_wf(&b))
			fail(XC_FAIL_WF, c->faults != f0 ? c->fault_msg :
			     "hw_wf false after", 0, b.gctl);
		hit(XC_FAIL_HOST_LOADED, act);
		if (ctl(pre.vmcs_exit_ctls, MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL)
		    && b.gctl != pre.vmcs_host_gctl)
			fail(XC_FAIL_HOST_LOADED, "hw_gctl != vmcs_host_gctl",
			     0, b.gctl);
		if (!ctl(pre.vmcs_exit_ctls,
			 MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL))
			outcome(XC_FAIL_HOST_LOADED, XC_F_GCTL,
				b.gctl != pre.gctl);
		hit(XC_FAIL_STEP, act);
		if (!hw_step(&pre, &b, MPMU_RK_GCTL, 0, &why))
			fail(XC_FAIL_STEP, why, 0, b.gctl);
		outcomes(XC_FAIL_STEP, &pre, &b, MPMU_RK_GCTL, 0);
		hit(XC_FAIL_ASSIGNS, act);
		if (!vmcs_kept(&pre, &b, false, false) ||
		    b.tr_len != pre.tr_len)
			fail(XC_FAIL_ASSIGNS, "VMCS or trace changed", 0, 0);
		break;
	case XC_T_EXIT:
		c->in_guest = true;	/* exit from wherever the guest was */
		if (!(hw_wf(&pre) && rsvd_free(pre.vmcs_host_gctl,
					       G.rsvd_gctl))) {
			S->outside++;
			sim_vmexit(c);
			break;
		}
		sim_vmexit(c);
		take(c, &b);
		hit(XC_EXIT_WF, act);
		if (c->faults != f0 || !hw_wf(&b))
			fail(XC_EXIT_WF, c->faults != f0 ? c->fault_msg :
			     "hw_wf false after", 0, b.gctl);
		hit(XC_EXIT_SAVED, act);
		if (ctl(pre.vmcs_exit_ctls, MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL) ?
		    b.vmcs_guest_gctl != pre.gctl :
		    b.vmcs_guest_gctl != pre.vmcs_guest_gctl)
			fail(XC_EXIT_SAVED, "vmcs_guest_gctl", 0,
			     b.vmcs_guest_gctl);
		hit(XC_EXIT_STORED, act);
		if (pre.vmcs_autostore_gctl_on ?
		    b.vmcs_autostore_gctl != pre.gctl :
		    b.vmcs_autostore_gctl != pre.vmcs_autostore_gctl)
			fail(XC_EXIT_STORED, "vmcs_autostore_gctl", 0,
			     b.vmcs_autostore_gctl);
		hit(XC_EXIT_HOST_LOADED, act);
		if (ctl(pre.vmcs_exit_ctls, MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL) ?
		    b.gctl != pre.vmcs_host_gctl : b.gctl != pre.gctl)
			fail(XC_EXIT_HOST_LOADED, "hw_gctl", 0, b.gctl);
		hit(XC_EXIT_STEP, act);
		if (!hw_step(&pre, &b, MPMU_RK_GCTL, 0, &why))
			fail(XC_EXIT_STEP, why, 0, b.gctl);
		outcomes(XC_EXIT_STEP, &pre, &b, MPMU_RK_GCTL, 0);
		hit(XC_EXIT_ASSIGNS, act);
		b.vmcs_guest_gctl = pre.vmcs_guest_gctl;
		b.vmcs_autostore_gctl = pre.vmcs_autostore_gctl;
		if (!vmcs_kept(&pre, &b, false, false) ||
		    b.tr_len != pre.tr_len)
			fail(XC_EXIT_ASSIGNS, "VMCS or trace changed", 0, 0);
		break;
	}
	c->in_guest = false;
	(void)ok;
}

void xc_enable(const struct sim_config *cfg, struct xc_stats *st)
{
	xc_ghost_from_config(cfg, &G);
	S = st;
	pre_valid = false;
	sim_hook_pre = hook_pre;
	sim_hook_post = hook_post;
}

void xc_disable(void)
{
	sim_hook_pre = NULL;
	sim_hook_post = NULL;
}

/* ---- The guest's RDPMC (spec/mpmu_vmx_trans.h, mpmu_hw_guest_rdpmc) ---- */

/* rdpmc_reads(e, v): the register the encoding selects. */
static bool rdpmc_reads(const struct snap *s, u32 e, u64 v)
{
	if (e < G.nr_gp)
		return v == s->gp_ctr[e];
	if (e >= MPMU_RDPMC_FIXED && e < MPMU_RDPMC_FIXED + G.nr_fixed)
		return v == s->fx_ctr[e - MPMU_RDPMC_FIXED];
	if (e == MPMU_RDPMC_METRICS && G.has_metrics)
		return v == s->metrics;
	return true;
}

void xc_guest_rdpmc(struct sim_cpu *c, u32 ecx)
{
	bool act, ok;
	u32 f0 = c->faults;
	u64 v;

	take(c, &pre);
	act = pmu_active(&pre);
	S->transitions++;
	if (!hw_wf(&pre)) {
		S->outside++;
		return;
	}
	c->in_guest = true;
	ok = sim_rdpmc(c, ecx, &v);
	c->in_guest = false;
	c->faults = f0;		/* a #GP in the guest is the guest's */
	if (rdpmc_valid(ecx)) {
		hit(XC_GRDPMC_HW, act);
		if (!ok || !rdpmc_reads(&pre, ecx, v))
			fail(XC_GRDPMC_HW, "not the register the encoding "
			     "selects", ecx, v);
	} else {
		hit(XC_GRDPMC_GP, act);
		if (ok)
			fail(XC_GRDPMC_GP, "an invalid encoding did not #GP",
			     ecx, v);
	}
}

/* ---- The guest's run (spec/mpmu_vmx_trans.h, mpmu_hw_guest_run) ---- */

static bool gctl_may_set(const struct snap *s, const struct mpmu_intercepts *d,
			 u32 k)
{
	return bit(s->gctl, k) || (d->pass_global_msrs && !bit(G.rsvd_gctl, k));
}

static bool gp_may_change(const struct snap *s, u32 nr_gp,
			  const struct mpmu_intercepts *d, u32 i)
{
	return (i < nr_gp && d->pass_counter_msrs) ||
	       (bit(s->gp_sel[i], 22) && gctl_may_set(s, d, i));
}

static bool fx_may_change(const struct snap *s, u32 nr_fixed,
			  const struct mpmu_intercepts *d, u32 j)
{
	return (j < nr_fixed && d->pass_counter_msrs) ||
	       ((bit(s->fx_ctrl, 4 * j) || bit(s->fx_ctrl, 4 * j + 1)) &&
		gctl_may_set(s, d, MPMU_GLOBAL_FIXED_SHIFT + j)) ||
	       (j == 3 && j < G.nr_fixed && d->pass_rdpmc);
}

/* One guest operation: count events, or write an MSR passed through. */
static void guest_op(struct sim_cpu *c, u32 nr_gp, u32 nr_fixed,
		     const struct mpmu_intercepts *d, u64 r)
{
	const struct sim_config *cfg = c->cfg;
	bool amd = cfg->vendor == SIM_VENDOR_AMD;
	u64 v = sim_mix(r ^ 0x9e37ull);
	struct sim_events ev = {
		.instr = v % 3000, .cycles = (v >> 12) % 3000,
		.ref = (v >> 24) % 3000, .slots = (v >> 36) % 9000,
		.seed = v, .cpl = (v >> 60) & 1 ? 3 : 0,
	};

	switch (r % 6) {
	case 0:
	case 1:
		sim_count(c, &ev);
		break;
	case 2:
		if (d->pass_counter_msrs && nr_gp)
			sim_wrmsr(c, amd ? MPMU_MSR_AMD_PERF_CTR0 +
				  MPMU_MSR_AMD_STRIDE * (u32)(v % nr_gp) :
				  MPMU_MSR_IA32_A_PMC0 + (u32)(v % nr_gp),
				  v & sim_gp_ctr_mask(cfg));
		break;
	case 3:
		if (d->pass_counter_msrs && nr_fixed && !amd)
			sim_wrmsr(c, MPMU_MSR_IA32_FIXED_CTR0 +
				  (u32)(v % nr_fixed), v & sim_fx_ctr_mask(cfg));
		break;
	case 4:
		if (!d->pass_global_msrs)
			break;
		if (v & 1)
			sim_wrmsr(c, amd ? MPMU_MSR_AMD_GLOBAL_CTL :
				  MPMU_MSR_IA32_PERF_GLOBAL_CTRL,
				  (v >> 1) & sim_gctl_valid(cfg));
		else
			sim_wrmsr(c, amd ? MPMU_MSR_AMD_GLOBAL_STATUS_CLR :
				  MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET,
				  (v >> 1) & sim_status_reset_valid(cfg));
		break;
	default:
		if (d->pass_perf_metrics && cfg->has_metrics)
			sim_wrmsr(c, MPMU_MSR_IA32_PERF_METRICS, v);
		break;
	}
}

void xc_guest_run(struct sim_cpu *c, u32 nr_gp, u32 nr_fixed,
		  const struct mpmu_intercepts *d, u64 seed)
{
	struct snap b;
	bool act;
	u32 f0 = c->faults, n, i;
	u8 wt = c->write_taint;
	u64 r = seed;

	take(c, &pre);
	act = pmu_active(&pre);
	S->transitions++;
	if (!hw_wf(&pre) || d->pass_selectors || d->pass_fixed_ctr_ctrl) {
		S->outside++;
		return;
	}
	c->in_guest = true;
	c->write_taint = T_GUEST;
	for (n = 0; n < 12; n++) {
		r = sim_mix(r);
		guest_op(c, nr_gp, nr_fixed, d, r);
	}
	c->in_guest = false;
	c->write_taint = wt;
	/* A #GP in the guest is the guest's: not the contract's business. */
	c->faults = f0;
	take(c, &b);
	hit(XC_RUN_WF, act);
	if (!hw_wf(&b))
		fail(XC_RUN_WF, "hw_wf false after", 0, b.gctl);
	hit(XC_RUN_GCTL, act);
	if (!d->pass_global_msrs && b.gctl != pre.gctl)
		fail(XC_RUN_GCTL, "hw_gctl changed, not passed through", 0,
		     b.gctl);
	hit(XC_RUN_GP, act);
	for (i = 0; i < MPMU_MAX_GP; i++)
		if (!gp_may_change(&pre, nr_gp, d, i) &&
		    b.gp_ctr[i] != pre.gp_ctr[i])
			fail(XC_RUN_GP, "GP counter changed, neither written "
			     "nor enabled", i, b.gp_ctr[i]);
	hit(XC_RUN_FIXED, act);
	for (i = 0; i < MPMU_MAX_FIXED; i++)
		if (!fx_may_change(&pre, nr_fixed, d, i) &&
		    b.fx_ctr[i] != pre.fx_ctr[i])
			fail(XC_RUN_FIXED, "fixed counter changed, neither "
			     "written nor enabled", i, b.fx_ctr[i]);
	hit(XC_RUN_METRICS, act);
	if (!d->pass_perf_metrics && !fx_may_change(&pre, nr_fixed, d, 3) &&
	    b.metrics != pre.metrics)
		fail(XC_RUN_METRICS, "PERF_METRICS changed", 0, b.metrics);
	for (i = nr_gp; i < MPMU_MAX_GP; i++)
		if (b.gp_ctr[i] != pre.gp_ctr[i]) {
			S->run_unowned_changed++;
			break;
		}
	hit(XC_RUN_ASSIGNS, act);
	for (i = 0; i < MPMU_MAX_GP; i++)
		if (b.gp_sel[i] != pre.gp_sel[i])
			fail(XC_RUN_ASSIGNS, "selector changed", i, b.gp_sel[i]);
	if (b.fx_ctrl != pre.fx_ctrl || !vmcs_kept(&pre, &b, false, false) ||
	    b.tr_len != pre.tr_len)
		fail(XC_RUN_ASSIGNS, "FIXED_CTR_CTRL, VMCS or trace changed", 0,
		     b.fx_ctrl);
}
