/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space PMU simulator: one or more logical CPUs with an Intel
 * architectural PMU (v4/v5: GP and fixed counters, FIXED_CTR_CTRL,
 * GLOBAL_CTRL, read-only GLOBAL_STATUS with RESET/SET, PERF_METRICS driven
 * by fixed counter 3) or an AMD PerfMonV2 PMU (PERF_CTL/CTR pairs,
 * GuestOnly/HostOnly, PerfCntrGlobal{Ctl,Status,StatusClr,StatusSet}), plus
 * the VMCS GLOBAL_CTRL fields, the VM-entry/VM-exit controls and the
 * VM-exit MSR-store list.
 *
 * Written from the SDM/APM facts (shared/reference/pmu-hw-facts.md), not
 * from the ACSL model in spec/: every register value carries a taint (the
 * set of parties whose data it holds), enabled counters count simulated
 * events, overflow sets the status bit, and a WRMSR that would #GP on real
 * hardware (read-only MSR, absent MSR, reserved bit) is recorded as a fault
 * that fails the running test.
 */
#ifndef SIM_H
#define SIM_H

#include <stdbool.h>
#include <stddef.h>
#include "mpmu_types.h"
#include "mpmu_defs.h"

/* Taint: the parties whose data a value carries; 0 is "zero / nobody". */
#define T_GUEST		1u
#define T_HOST		2u

#define SIM_VENDOR_INTEL	0u
#define SIM_VENDOR_AMD		1u

/* Intel GLOBAL_STATUS bits other than counter overflows (SDM-MSR 35-25). */
#define SIM_STATUS_TOPA		(1ull << 55)
#define SIM_STATUS_LBR_FRZ	(1ull << 58)
#define SIM_STATUS_CTR_FRZ	(1ull << 59)
#define SIM_STATUS_ASCI		(1ull << 60)
#define SIM_STATUS_UNCORE	(1ull << 61)
#define SIM_STATUS_OVFBUF	(1ull << 62)
#define SIM_STATUS_CONDCHGD	(1ull << 63)

/* Legacy AMD K7 core counter MSRs (aliases of the first four counters). */
#define SIM_MSR_K7_EVNTSEL0	0xc0010000u
#define SIM_MSR_K7_PERFCTR0	0xc0010004u

/* What a CPU model has; CPUID.0AH / PERF_CAPABILITIES / VMX capabilities. */
struct sim_config {
	const char *name;
	u32 vendor;
	u32 version;		/* Intel arch PMU version; AMD: 2 = PerfMonV2 */
	u32 nr_gp;
	u32 nr_fixed;
	u32 gp_width;		/* CPUID.0AH:EAX[23:16] */
	u32 fixed_width;	/* CPUID.0AH:EDX[12:5] */
	bool fw_writes;		/* PERF_CAPABILITIES[13] */
	bool has_metrics;	/* PERF_CAPABILITIES[15] */
	bool has_exit_save;	/* exit "save IA32_PERF_GLOBAL_CTRL" (SPR+) */
	bool has_tsx;		/* EVTSEL bits 32/33 exist (HSW..) */
	bool no_load_ctls;	/* VMX lacks the GLOBAL_CTRL load controls */
};

extern const struct sim_config sim_cfg_skl4, sim_cfg_skl8, sim_cfg_icx,
	sim_cfg_spr, sim_cfg_amd, sim_cfg_bdw;
extern const struct sim_config *const sim_configs[];
extern const unsigned int sim_nr_configs;

/* Simulated events between two instructions of the running code. */
struct sim_events {
	u64 instr;		/* INST_RETIRED.ANY, fixed 0, event 0x00c0 */
	u64 cycles;		/* CPU_CLK_UNHALTED.CORE, fixed 1, 0x003c */
	u64 ref;		/* CPU_CLK_UNHALTED.REF, fixed 2, 0x013c */
	u64 slots;		/* TOPDOWN.SLOTS, fixed 3, 0x01a4 */
	u64 seed;		/* other event codes: pseudo-random counts */
	u32 cpl;		/* 0 = kernel, 3 = user */
};

/* One operation in the trace of accessor calls (what the core did). */
#define SIM_OP_RDMSR	1
#define SIM_OP_WRMSR	2
#define SIM_OP_RDPMC	3
#define SIM_OP_VMREAD	4
#define SIM_OP_VMWRITE	5
struct sim_op {
	u32 kind;
	u32 reg;
	u64 val;
	u64 gctl;	/* GLOBAL_CTRL (AMD: GlobalCtl) before the operation */
};
#define SIM_TRACE_MAX	1024

struct sim_reg {
	u64 v;
	u8 t;
};

struct sim_cpu {
	const struct sim_config *cfg;
	/* PMU registers; AMD uses gp_ctr/gp_sel/gctl/status, no fixed. */
	struct sim_reg gp_ctr[MPMU_MAX_GP];
	struct sim_reg gp_sel[MPMU_MAX_GP];
	struct sim_reg fx_ctr[MPMU_MAX_FIXED];
	struct sim_reg fx_ctrl;
	struct sim_reg gctl;
	struct sim_reg metrics;
	u64 status;
	u64 status_tg;		/* per-bit taint of status: guest bits */
	u64 status_th;		/* host bits */
	/* VMX / SVM state. */
	bool in_guest;
	bool svme;		/* AMD EFER.SVME */
	u32 entry_ctls;
	u32 exit_ctls;
	struct sim_reg vmcs_guest_gctl;
	struct sim_reg vmcs_host_gctl;
	bool autostore_gctl;	/* 0x38F is in the VM-exit MSR-store list */
	struct sim_reg autostore_val;
	/* Who is writing now (taint of values written by WRMSR/VMWRITE). */
	u8 write_taint;
	/*
	 * Outcomes the hardware leaves unspecified (PERF_METRICS after a
	 * fixed counter 3 write): with havoc on, drawn from havoc_rng among
	 * "kept", 0 and a new value, as the contracts allow; off, a fixed
	 * function of the state, so that two CPUs running the same guest
	 * instructions agree (the reference run).
	 */
	bool havoc;
	u64 havoc_rng;
	/* Fault injection (see struct sim_inject), applied while inj_on. */
	struct sim_inject *inj;
	bool inj_on;
	/* Events that happen before each accessor call (running code). */
	bool bg_on;
	struct sim_events bg;
	/* Faults (#GP, failed VM-entry, bad accessor use). */
	u32 faults;
	char fault_msg[256];
	/* Trace of accessor calls. */
	u32 tr_len;
	bool tr_overflow;
	struct sim_op tr[SIM_TRACE_MAX];
	/* Statistics. */
	u64 nr_ops;
	u64 nr_metrics_disturbed;
	u64 nr_overflows;
	u64 nr_failed_entries;
};

/* Build and reset. */
void sim_init(struct sim_cpu *c, const struct sim_config *cfg);
void sim_set_current(struct sim_cpu *c);
struct sim_cpu *sim_current(void);
void sim_trace_reset(struct sim_cpu *c);
u32 sim_nr_writes(const struct sim_cpu *c);

/* Valid (non-reserved) bits, computed from the SDM tables. */
u64 sim_gp_ctr_mask(const struct sim_config *cfg);
u64 sim_fx_ctr_mask(const struct sim_config *cfg);
u64 sim_sel_valid(const struct sim_config *cfg, u32 i);
u64 sim_fx_ctrl_valid(const struct sim_config *cfg);
u64 sim_gctl_valid(const struct sim_config *cfg);
u64 sim_status_reset_valid(const struct sim_config *cfg);
u64 sim_status_set_valid(const struct sim_config *cfg);
u64 sim_status_hw_bits(const struct sim_config *cfg);

/* Instructions, as executed at CPL 0 on CPU c (no trace, no events). */
bool sim_wrmsr(struct sim_cpu *c, u32 msr, u64 val);
bool sim_rdmsr(struct sim_cpu *c, u32 msr, u64 *val);
bool sim_rdpmc(struct sim_cpu *c, u32 ecx, u64 *val);
/* Taint of the register an RDMSR/RDPMC reads (status: union of bits). */
u8 sim_msr_taint(const struct sim_cpu *c, u32 msr);

/* Status bits the hardware sets by itself (CondChgd, facts 1.5), with
 * the current mode's taint; STATUS_SET cannot set CondChgd. */
void sim_status_raise(struct sim_cpu *c, u64 bits);

/* Run code: count events in the current mode (host or guest). */
void sim_count(struct sim_cpu *c, const struct sim_events *ev);
bool sim_gp_counting(const struct sim_cpu *c, u32 i, bool guest_mode,
		     u32 cpl);
bool sim_fx_counting(const struct sim_cpu *c, u32 j, u32 cpl);
bool sim_pmu_active(const struct sim_cpu *c);

/* VMX transitions (SDM 26/28 order); AMD VMRUN/#VMEXIT. false = failed. */
bool sim_vmentry(struct sim_cpu *c);
void sim_vmexit(struct sim_cpu *c);
bool sim_autostore_slot(const struct sim_cpu *c, u32 msr, u64 *val);
/*
 * A VM-entry that fails. early: VMfailValid on the checks of controls and
 * host state (SDM 27.2), nothing is loaded. !early: failure on the guest
 * state or MSR loading (27.3/27.4, 27.8): host state is loaded as on a
 * VM-exit, but no guest state is saved and the MSR-store list is not
 * used. AMD: VMRUN with invalid state (#VMEXIT(INVALID)) switches nothing.
 */
void sim_vmentry_fail(struct sim_cpu *c, bool early);
/* Taint of what RDPMC(ecx) would return (0 if it would #GP). */
u8 sim_rdpmc_taint(const struct sim_cpu *c, u32 ecx);
/* VMX capabilities of a configuration (CPUID.0AH, PERF_CAPABILITIES,
 * IA32_VMX_TRUE_{ENTRY,EXIT}_CTLS allowed-1 bits). */
void sim_vmx_caps(const struct sim_config *cfg, u32 *pmu_version,
		  u32 *entry_allowed, u32 *exit_allowed, u64 *perf_caps);

/*
 * Fault injection into the accessor calls the core makes (the harness
 * self-tests and the fuzzer's planted violation): what a wrong core
 * would do, applied to the call stream of the real src/, so that it
 * cannot drift from it. An injection matches operations of kind `op` on
 * registers lo, lo + step, ..., hi (writes of 0 only if zero_only) while
 * its CPU's inj_on is set:
 *  DROP   the operation does nothing (and is not traced);
 *  MASK   the write's value loses the bits of `mask`;
 *  DEFER  the write happens at sim_inject_flush() instead, in order;
 *  TOUCH  first (once if `once`), WRMSR `touch` := touch_val, or := its
 *         current value if touch_keep.
 */
#define SIM_INJ_DROP	1
#define SIM_INJ_MASK	2
#define SIM_INJ_DEFER	3
#define SIM_INJ_TOUCH	4
#define SIM_INJ_DEFER_MAX	16
struct sim_inject {
	u32 kind;
	u32 op;
	u32 lo, hi, step;
	bool zero_only;
	bool once;
	u64 mask;
	u32 touch;
	u64 touch_val;
	bool touch_keep;
	/* State. */
	u32 fired;
	u32 ndefer;
	u32 defer_reg[SIM_INJ_DEFER_MAX];
	u64 defer_val[SIM_INJ_DEFER_MAX];
};
/* Perform the deferred writes (traced, as the core's). */
void sim_inject_flush(struct sim_cpu *c);

/* Deliberate simulator bugs, for the cross-check's self-tests only. */
#define SIM_BUG_AMD_STATUS_CLR_NOP		(1u << 0)
#define SIM_BUG_AMD_SEL_DROPS_GUESTONLY		(1u << 1)
#define SIM_BUG_EXIT_HOST_FIRST			(1u << 2)
#define SIM_BUG_AUTOSTORE_STALE			(1u << 3)
#define SIM_BUG_VMWRITE_HOST_FIELD		(1u << 4)
/* The old simulator: a fixed counter 3 write of 0 keeps PERF_METRICS 0. */
#define SIM_BUG_METRICS_ZERO_KEPT		(1u << 5)
extern u32 sim_bug;

void sim_fault(struct sim_cpu *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Contract cross-check hook (tests/sim/contract.c), NULL when off. */
struct sim_snap;
extern void (*sim_hook_pre)(struct sim_cpu *c, u32 kind, u32 reg, u64 val);
extern void (*sim_hook_post)(struct sim_cpu *c, u32 kind, u32 reg, u64 val,
			     u64 result, bool faulted);

/* Deterministic 64-bit mixing (splitmix64). */
static inline u64 sim_mix(u64 x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

#endif /* SIM_H */
