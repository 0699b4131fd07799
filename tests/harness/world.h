/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test harness plays KVM and host perf around the proved core, and runs
 * the same guest, in lockstep, on a reference CPU where the guest owns a
 * private PMU and no host activity or context switch exists.
 */
#ifndef WORLD_H
#define WORLD_H

#include "sim.h"
#include "gen.h"
#include "mpmu.h"
#include "mpmu_vmx.h"

/*
 * The core's entry points the harness calls. world_real_core is src/;
 * the harness self-tests (t_selftest.c) plug in deliberately wrong
 * sequences to show that the checks catch them.
 */
struct world_core {
	const char *name;
	int (*load)(struct mpmu_ctx *ctx);
	int (*put)(struct mpmu_ctx *ctx);
	void (*vmx_refresh)(struct mpmu_ctx *ctx,
			    const struct mpmu_vmx_cfg *cfg, u32 entry_failed,
			    u64 stored);
	int (*amd_refresh)(struct mpmu_ctx *ctx);
	void (*intercepts)(const struct mpmu_ctx *ctx, u32 widths_equal,
			   struct mpmu_intercepts *out);
};
extern const struct world_core world_real_core;

/* KVM's AMD selector reserved bits (amd_pmu_refresh): masked, not #GP. */
#define WORLD_AMD_KVM_SEL_RSVD	0xfffffff000280000ull
/* What AMD hardware reserves in PERF_CTL (APM 13.2.1; 40/41 exist). */
#define WORLD_AMD_HW_SEL_RSVD	0xfffffcf000280000ull

/* The guest PMU the VM was given (CPUID / PERF_CAPABILITIES of the VM). */
struct gshape {
	u32 nr_gp;
	u32 nr_fixed;
	bool metrics;
};

struct host_perf {
	u32 gp_owned;			/* counters host perf uses */
	u32 fx_owned;
	u64 ctr[MPMU_MAX_GP];		/* saved counts while scheduled out */
	u64 sel[MPMU_MAX_GP];
	u64 fx[MPMU_MAX_FIXED];
	u64 fx_ctrl;
	u64 metrics;			/* topdown: PERF_METRICS with FC3 */
	bool leave_enabled;		/* adversarial: leave selectors on */
};

struct world_stats {
	u64 switches;
	u64 entries;
	u64 guest_ops;
	u64 guest_reads;
	u64 guest_faults;
	u64 intercepted;
	u64 coincidences;
	u64 guest_overflows;
	u64 host_overflows;
	u64 core_ops;
	u64 migrations;
	u64 filter_changes;
	u64 failed_entries;
	u64 refreshes;		/* post-exit GLOBAL_CTRL refreshes */
	u64 autostore_refreshes;
	u64 own_checks;		/* passthrough reads checked for ownership */
};

struct world {
	const struct sim_config *cfg;
	struct gshape gs;
	struct sim_config ref_cfg;
	struct sim_cpu cpu;		/* the real CPU (host + guest) */
	struct sim_cpu ref;		/* the guest's private PMU */
	struct mpmu_ctx ctx;
	struct mpmu_event_filter filter;
	bool filter_on;
	u64 ref_sel[MPMU_MAX_GP];	/* what the guest wrote (reference) */
	u64 ref_fx_ctrl;
	u64 ref_metrics_shadow;
	bool rdpmc_icpt;
	bool gctl_icpt;
	const struct world_core *core;
	struct mpmu_vmx_cfg vcfg;	/* from mpmu_vmx_configure() */
	int vmx_rc;
	struct mpmu_intercepts icpt;	/* from mpmu_intercept_decisions() */
	u32 widths_equal;
	u32 entry_fail_rate;		/* 1/n VM-entries fail; 0 = never */
	u64 host_rng;
	u64 guest_rng;
	/* Every guest choice (ops, indexes, values): guest_rng, or the
	 * fuzzer's script first (world_set_script). */
	struct gsrc gsrc;
	/* Values host and guest generators both draw from (fuzzer). */
	const u64 *pool;
	u32 npool;
	/* A planted bug (world_plant): injected in these core calls. */
	struct sim_inject inj;
	u32 inj_phase;
	struct host_perf hp;
	/* Host observations, one hash per switch (non-interference). */
	u64 *obs;
	u64 obs_len;
	u64 obs_cap;
	u64 obs_hash;
	struct world_stats st;
	bool failed;
	char err[768];
	/* Knobs. */
	u32 max_ops;			/* guest ops per residency */
	bool check_taint;
	/* Trace-order checks and the REQ-OWN decision predicate; the
	 * self-tests turn them off to show the semantic checks (reference
	 * run, taint) catch the same bugs. */
	bool check_trace;
};

/* Core calls a planted bug applies to. */
#define WORLD_INJ_LOAD		1u
#define WORLD_INJ_PUT		2u
#define WORLD_INJ_REFRESH	4u

/*
 * Plant the named bug (harness/plant.c) in w's core: false if unknown or
 * not applicable to this vendor or guest shape. world_plant_name(k)
 * lists them (NULL past the last).
 */
bool world_plant(struct world *w, const char *name);
const char *world_plant_name(unsigned k);

void world_init(struct world *w, const struct sim_config *cfg,
		const struct gshape *gs, u64 host_seed, u64 guest_seed);
void world_free(struct world *w);
/* One load ... (entries, guest, exits) ... put ... host cycle. */
bool world_switch(struct world *w);
bool world_run(struct world *w, u64 nr_switches);

/* Building blocks reused by unit tests and the fuzzer. */
void world_ctx_defaults(const struct sim_config *cfg, const struct gshape *gs,
			struct mpmu_ctx *ctx);
u64 world_filter_sel(const struct mpmu_event_filter *f, bool on, u64 sel);
u64 world_filter_fx(const struct mpmu_event_filter *f, bool on, u64 ctrl,
		    u32 nr_fixed);
bool world_fail(struct world *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool world_check_order(struct world *w, bool load);
/* Executable guest_reads_only_owned() of src/mpmu_vmx.h (REQ-OWN). */
bool world_own_ok(const struct mpmu_ctx *c, const struct mpmu_intercepts *d,
		  const char **why);
/* Re-run the intercept decisions (after changing w->core). */
void world_set_intercepts(struct world *w);

static inline u64 rng_next(u64 *s)
{
	*s = sim_mix(*s);
	return *s;
}

static inline u64 rng_below(u64 *s, u64 n)
{
	return n ? rng_next(s) % n : 0;
}

#endif /* WORLD_H */
