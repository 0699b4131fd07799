// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bad input: every class of invalid context or MSR access must give a clear
 * negative error, leave the context unchanged and make no hardware access.
 */
#include <string.h>
#include "tf.h"

static struct world w;

static void setup(const struct sim_config *cfg, u32 g, u32 f)
{
	struct gshape gs = { g, f, false };
	u32 i;

	world_init(&w, cfg, &gs, 3, 4);
	sim_set_current(&w.cpu);
	sim_trace_reset(&w.cpu);
	for (i = 0; i < g; i++) {
		w.ctx.gp_counter[i] = 100 + i;
		w.ctx.gp_eventsel[i] = w.ctx.gp_eventsel_hw[i] = 0x4300c0;
	}
	for (i = 0; i < 8; i++)
		w.cpu.gp_ctr[i].v = 0x5000 + i;
}

typedef void (*mutate_fn)(struct mpmu_ctx *x);

static void m_nr_gp(struct mpmu_ctx *x) { x->nr_gp = x->host_nr_gp + 1; }
static void m_nr_fx(struct mpmu_ctx *x) { x->nr_fixed = x->host_nr_fixed + 1; }
static void m_host_gp(struct mpmu_ctx *x) { x->host_nr_gp = 9; x->nr_gp = 9; }
static void m_host_fx(struct mpmu_ctx *x)
{
	x->host_nr_fixed = 5;
	x->nr_fixed = 5;
}
static void m_ctr(struct mpmu_ctx *x) { x->gp_counter[1] |= 1ull << 50; }
static void m_sel(struct mpmu_ctx *x) { x->gp_eventsel_hw[0] |= 1ull << 40; }
static void m_fx(struct mpmu_ctx *x) { x->fixed_counter[2] = ~0ull; }
static void m_fxc(struct mpmu_ctx *x) { x->fixed_ctr_ctrl_hw = 1ull << 12; }
static void m_anythread(struct mpmu_ctx *x) { x->fixed_ctr_ctrl_hw = 0x4; }
static void m_vendor(struct mpmu_ctx *x) { x->vendor = 7; }

static const struct {
	const char *name;
	mutate_fn fn;
	bool put_too;
} load_cases[] = {
	{ "nr_gp_above_host", m_nr_gp, true },
	{ "nr_fixed_above_host", m_nr_fx, true },
	{ "host_nr_gp_above_max", m_host_gp, true },
	{ "host_nr_fixed_above_max", m_host_fx, true },
	{ "counter_reserved_bit", m_ctr, false },
	{ "eventsel_hw_reserved_bit", m_sel, false },
	{ "fixed_counter_reserved_bit", m_fx, false },
	{ "fixed_ctr_ctrl_reserved_bit", m_fxc, false },
	{ "fixed_ctr_ctrl_anythread", m_anythread, false },
	{ "unknown_vendor", m_vendor, true },
};

static void check_rejected(int rc, const struct mpmu_ctx *before)
{
	EXPECT(rc == -MPMU_EINVAL, "rc %d, expected -MPMU_EINVAL", rc);
	EXPECT(!memcmp(before, &w.ctx, sizeof(*before)), "context changed");
	EXPECT_EQ(w.cpu.tr_len, 0);
	EXPECT_EQ(w.cpu.faults, 0);
	EXPECT_EQ(w.cpu.gp_ctr[0].v, 0x5000);
}

static void load_put_cases(void)
{
	struct mpmu_ctx before;
	char name[96];
	unsigned k;

	for (k = 0; k < sizeof(load_cases) / sizeof(load_cases[0]); k++) {
		snprintf(name, sizeof(name), "badinput/load/%s",
			 load_cases[k].name);
		tf_begin(name);
		setup(&sim_cfg_skl4, 4, 3);
		load_cases[k].fn(&w.ctx);
		before = w.ctx;
		check_rejected(mpmu_load_guest_context(&w.ctx), &before);
		tf_end();
		if (!load_cases[k].put_too)
			continue;
		snprintf(name, sizeof(name), "badinput/put/%s",
			 load_cases[k].name);
		tf_begin(name);
		setup(&sim_cfg_skl4, 4, 3);
		w.cpu.gctl.v = 0;
		load_cases[k].fn(&w.ctx);
		before = w.ctx;
		check_rejected(mpmu_put_guest_context(&w.ctx), &before);
		tf_end();
	}
}

/* Host-initiated MSR get/set (KVM_GET/SET_MSRS). */
static const struct {
	const char *name;
	u32 msr;
	u64 val;
	int err;	/* expected error, 0 = any negative */
} set_cases[] = {
	{ "eventsel_reserved_bit", MPMU_MSR_IA32_PERFEVTSEL0 + 1, 1ull << 40,
	  -MPMU_EINVAL },
	{ "eventsel_anythread", MPMU_MSR_IA32_PERFEVTSEL0, 1ull << 21,
	  -MPMU_EINVAL },
	{ "counter_above_width", MPMU_MSR_IA32_A_PMC0, 1ull << 48,
	  -MPMU_EINVAL },
	{ "eventsel_txcp_not_counter_2", MPMU_MSR_IA32_PERFEVTSEL0 + 1,
	  1ull << 33, -MPMU_EINVAL },
	{ "fixed_ctr_ctrl_reserved", MPMU_MSR_IA32_FIXED_CTR_CTRL, 1ull << 8,
	  -MPMU_EINVAL },
	{ "global_ctrl_reserved", MPMU_MSR_IA32_PERF_GLOBAL_CTRL, 1ull << 2,
	  -MPMU_EINVAL },
	{ "global_ctrl_fixed_not_owned", MPMU_MSR_IA32_PERF_GLOBAL_CTRL,
	  1ull << 34, -MPMU_EINVAL },
	{ "global_status_reserved", MPMU_MSR_IA32_PERF_GLOBAL_STATUS,
	  1ull << 40, -MPMU_EINVAL },
	{ "counter_index_out_of_range", MPMU_MSR_IA32_A_PMC0 + 2, 0,
	  -MPMU_ENOENT },
	{ "eventsel_index_out_of_range", MPMU_MSR_IA32_PERFEVTSEL0 + 2, 0,
	  -MPMU_ENOENT },
	{ "fixed_index_out_of_range", MPMU_MSR_IA32_FIXED_CTR0 + 2, 0,
	  -MPMU_ENOENT },
	{ "perf_metrics_without_cap", MPMU_MSR_IA32_PERF_METRICS, 0,
	  -MPMU_ENOENT },
	{ "perf_capabilities_read_only", MPMU_MSR_IA32_PERF_CAPABILITIES, 0,
	  0 },
	{ "not_a_pmu_msr", 0x10, 0, -MPMU_ENOENT },
	{ "amd_msr_on_intel", MPMU_MSR_AMD_GLOBAL_CTL, 0, -MPMU_ENOENT },
};

static void msr_cases(void)
{
	struct mpmu_ctx before;
	char name[96];
	unsigned k;
	u64 v;
	int rc;

	for (k = 0; k < sizeof(set_cases) / sizeof(set_cases[0]); k++) {
		snprintf(name, sizeof(name), "badinput/set_msr/%s",
			 set_cases[k].name);
		tf_begin(name);
		setup(&sim_cfg_skl4, 2, 2);
		before = w.ctx;
		rc = mpmu_set_msr(&w.ctx, set_cases[k].msr, set_cases[k].val);
		if (set_cases[k].err)
			EXPECT(rc == set_cases[k].err, "rc %d, expected %d", rc,
			       set_cases[k].err);
		else
			EXPECT(rc < 0, "rc %d, expected an error", rc);
		EXPECT(!memcmp(&before, &w.ctx, sizeof(before)),
		       "context changed");
		EXPECT_EQ(w.cpu.tr_len, 0);
		tf_end();
	}
	tf_begin("badinput/get_msr/out_of_range");
	setup(&sim_cfg_skl4, 2, 2);
	before = w.ctx;
	v = 0xdead;
	rc = mpmu_get_msr(&w.ctx, MPMU_MSR_IA32_A_PMC0 + 2, &v);
	EXPECT(rc == -MPMU_ENOENT, "gp 2 of 2: rc %d", rc);
	rc = mpmu_get_msr(&w.ctx, MPMU_MSR_IA32_FIXED_CTR0 + 3, &v);
	EXPECT(rc == -MPMU_ENOENT, "fixed 3 of 2: rc %d", rc);
	rc = mpmu_get_msr(&w.ctx, MPMU_MSR_IA32_PERF_METRICS, &v);
	EXPECT(rc == -MPMU_ENOENT, "PERF_METRICS without cap: rc %d", rc);
	rc = mpmu_get_msr(&w.ctx, 0x10, &v);
	EXPECT(rc == -MPMU_ENOENT, "TSC: rc %d", rc);
	EXPECT(!memcmp(&before, &w.ctx, sizeof(before)), "context changed");
	EXPECT_EQ(w.cpu.tr_len, 0);
	tf_end();

	tf_begin("badinput/set_msr/valid_roundtrip");
	setup(&sim_cfg_skl4, 2, 2);
	{
		static const u32 msrs[] = {
			MPMU_MSR_IA32_A_PMC0 + 1, MPMU_MSR_IA32_PERFEVTSEL0,
			MPMU_MSR_IA32_FIXED_CTR0 + 1,
			MPMU_MSR_IA32_FIXED_CTR_CTRL,
			MPMU_MSR_IA32_PERF_GLOBAL_CTRL,
		};
		static const u64 vals[] = { 0xffffffffffffull, 0x5300c0,
					    12345, 0xb0, 0x300000003ull };
		unsigned j;

		for (j = 0; j < 5; j++) {
			rc = mpmu_set_msr(&w.ctx, msrs[j], vals[j]);
			EXPECT(rc == 0, "set 0x%x: rc %d", msrs[j], rc);
			v = 0;
			rc = mpmu_get_msr(&w.ctx, msrs[j], &v);
			EXPECT(rc == 0 && v == vals[j], "get 0x%x: rc %d "
			       "0x%llx", msrs[j], rc, (unsigned long long)v);
		}
	}
	EXPECT_EQ(w.cpu.tr_len, 0);
	tf_end();
	world_free(&w);
}

/* Every register the API knows, on a guest with PERF_METRICS. */
static void msr_api_all(void)
{
	struct gshape gs = { 2, 4, true };
	struct mpmu_event_filter f = { .nr_events = 1, .fixed_allowed = 0xf,
				       .events = { 0x00c0 } };
	struct mpmu_ctx before;
	u64 v;

	tf_begin("msr_api/every_register");
	world_init(&w, &sim_cfg_spr, &gs, 5, 6);
	sim_set_current(&w.cpu);
	sim_trace_reset(&w.cpu);
	EXPECT_EQ(mpmu_set_msr(&w.ctx, MPMU_MSR_IA32_PMC0 + 1, 77), 0);
	EXPECT(!mpmu_get_msr(&w.ctx, MPMU_MSR_IA32_A_PMC0 + 1, &v) && v == 77,
	       "legacy alias");
	EXPECT(!mpmu_get_msr(&w.ctx, MPMU_MSR_IA32_PMC0 + 1, &v) && v == 77,
	       "legacy read");
	EXPECT_EQ(mpmu_set_msr(&w.ctx, MPMU_MSR_IA32_PERF_METRICS, 0x1234), 0);
	EXPECT(!mpmu_get_msr(&w.ctx, MPMU_MSR_IA32_PERF_METRICS, &v) &&
	       v == 0x1234, "metrics");
	EXPECT_EQ(mpmu_set_msr(&w.ctx, MPMU_MSR_IA32_PERF_GLOBAL_STATUS,
			       0x3 | SIM_STATUS_CONDCHGD), 0);
	EXPECT_EQ(w.ctx.global_status, 0x3 | SIM_STATUS_CONDCHGD);
	EXPECT_EQ(mpmu_set_msr(&w.ctx, MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET,
			       0x1), 0);
	EXPECT_EQ(w.ctx.global_status, 0x3 | SIM_STATUS_CONDCHGD);
	EXPECT_EQ(mpmu_set_msr(&w.ctx, MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET,
			       1ull << 40), -MPMU_EINVAL);
	EXPECT(!mpmu_get_msr(&w.ctx, MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET,
			     &v) && v == 0, "RESET reads 0");
	EXPECT_EQ(mpmu_set_msr(&w.ctx, MPMU_MSR_IA32_FIXED_CTR0 + 3, 9), 0);
	EXPECT_EQ(mpmu_set_msr(&w.ctx, MPMU_MSR_IA32_FIXED_CTR_CTRL, 0xb000),
		  0);
	EXPECT_EQ(w.ctx.fixed_ctr_ctrl_hw, 0);	/* until the filter */
	EXPECT_EQ(mpmu_set_msr(&w.ctx, MPMU_MSR_IA32_PERFEVTSEL0, 0x4300c0), 0);
	EXPECT_EQ(w.ctx.gp_eventsel_hw[0], 0x0300c0);
	mpmu_refresh_event_filter(&w.ctx, &f);
	EXPECT_EQ(w.ctx.fixed_ctr_ctrl_hw, 0xb000);
	EXPECT_EQ(w.ctx.gp_eventsel_hw[0], 0x4300c0);
	f.fixed_allowed = 0x7;
	mpmu_refresh_event_filter(&w.ctx, &f);
	EXPECT_EQ(w.ctx.fixed_ctr_ctrl_hw, 0);
	EXPECT_EQ(w.cpu.tr_len, 0);
	/* A context with impossible counts is refused by both. */
	w.ctx.nr_gp = 9;
	before = w.ctx;
	EXPECT_EQ(mpmu_get_msr(&w.ctx, MPMU_MSR_IA32_PERF_GLOBAL_CTRL, &v),
		  -MPMU_EINVAL);
	EXPECT_EQ(mpmu_set_msr(&w.ctx, MPMU_MSR_IA32_PERF_GLOBAL_CTRL, 0),
		  -MPMU_EINVAL);
	EXPECT(!memcmp(&before, &w.ctx, sizeof(before)), "context changed");
	w.ctx.nr_gp = 2;
	w.ctx.nr_fixed = 5;
	before = w.ctx;
	EXPECT_EQ(mpmu_get_msr(&w.ctx, MPMU_MSR_IA32_PERF_GLOBAL_CTRL, &v),
		  -MPMU_EINVAL);
	EXPECT_EQ(mpmu_set_msr(&w.ctx, MPMU_MSR_IA32_PERF_GLOBAL_CTRL, 0),
		  -MPMU_EINVAL);
	EXPECT(!memcmp(&before, &w.ctx, sizeof(before)), "context changed");
	EXPECT_EQ(w.cpu.tr_len, 0);
	tf_end();
}

void run_vendor_badinput_tests(void);

/* The intercepted GLOBAL_CTRL write: context and VMCS field, or nothing. */
static void vmx_write_global_ctrl_cases(void)
{
	u64 before_ctx, before_vmcs;
	int rc;

	tf_begin("vmx/write_global_ctrl/valid");
	setup(&sim_cfg_skl4, 2, 3);
	rc = mpmu_vmx_write_global_ctrl(&w.ctx, 0x700000003ull);
	EXPECT(rc == 0, "rc %d", rc);
	EXPECT_EQ(w.ctx.global_ctrl, 0x700000003ull);
	EXPECT_EQ(w.cpu.vmcs_guest_gctl.v, 0x700000003ull);
	EXPECT_EQ(w.cpu.tr_len, 1);
	tf_end();
	world_free(&w);

	tf_begin("badinput/vmx_write_global_ctrl/reserved_bit");
	setup(&sim_cfg_skl4, 2, 3);
	before_ctx = w.ctx.global_ctrl;
	before_vmcs = w.cpu.vmcs_guest_gctl.v;
	/* Counter 2 does not exist for a 2-counter guest. */
	rc = mpmu_vmx_write_global_ctrl(&w.ctx, 0x4ull);
	EXPECT(rc == -MPMU_EINVAL, "rc %d", rc);
	EXPECT_EQ(w.ctx.global_ctrl, before_ctx);
	EXPECT_EQ(w.cpu.vmcs_guest_gctl.v, before_vmcs);
	EXPECT_EQ(w.cpu.tr_len, 0);
	tf_end();
	world_free(&w);
}

void run_badinput_tests(void)
{
	msr_api_all();
	load_put_cases();
	vmx_write_global_ctrl_cases();
	msr_cases();
	run_vendor_badinput_tests();
}

/* ---- PERF_METRICS, AMD and VMX (issues 3, 4, 5) ---- */

static void m_fc3_no_metrics(struct mpmu_ctx *x)
{
	x->nr_fixed = 4;
	x->flags &= ~MPMU_CTX_PERF_METRICS;
}
static void m_metrics_fx3(struct mpmu_ctx *x)
{
	x->nr_fixed = 3;
	x->flags |= MPMU_CTX_PERF_METRICS;
}
static void m_metrics_no_host(struct mpmu_ctx *x)
{
	x->flags &= ~MPMU_CTX_HOST_PERF_METRICS;
}
static void m_amd_fixed(struct mpmu_ctx *x) { x->nr_fixed = 1; }
static void m_amd_metrics(struct mpmu_ctx *x)
{
	x->flags |= MPMU_CTX_PERF_METRICS;
}
static void m_amd_host7(struct mpmu_ctx *x)
{
	x->host_nr_gp = 7;
	x->nr_gp = 7;
}
static void m_amd_gp(struct mpmu_ctx *x) { x->nr_gp = x->host_nr_gp + 1; }
static void m_amd_ctr(struct mpmu_ctx *x) { x->gp_counter[2] = 1ull << 48; }
static void m_amd_sel(struct mpmu_ctx *x) { x->gp_eventsel_hw[1] |= 1ull << 21; }
static void m_amd_gctl(struct mpmu_ctx *x) { x->global_ctrl = 1ull << 5; }

static const struct {
	const char *name;
	const struct sim_config *cfg;
	u32 g, f;
	bool metrics;
	mutate_fn fn;
	bool put_too;
} vendor_cases[] = {
	{ "spr/fixed_counter_3_without_metrics", &sim_cfg_spr, 2, 4, true,
	  m_fc3_no_metrics, true },
	{ "spr/metrics_without_fixed_counter_3", &sim_cfg_spr, 2, 3, false,
	  m_metrics_fx3, true },
	{ "spr/metrics_on_host_without_it", &sim_cfg_spr, 2, 4, true,
	  m_metrics_no_host, true },
	{ "amd/fixed_counters", &sim_cfg_amd, 3, 0, false, m_amd_fixed, true },
	{ "amd/metrics_flag", &sim_cfg_amd, 3, 0, false, m_amd_metrics, true },
	{ "amd/host_nr_gp_above_6", &sim_cfg_amd, 3, 0, false, m_amd_host7,
	  true },
	{ "amd/nr_gp_above_host", &sim_cfg_amd, 3, 0, false, m_amd_gp, true },
	{ "amd/counter_reserved_bit", &sim_cfg_amd, 3, 0, false, m_amd_ctr,
	  false },
	{ "amd/eventsel_reserved_bit", &sim_cfg_amd, 3, 0, false, m_amd_sel,
	  false },
	{ "amd/global_ctl_reserved_bit", &sim_cfg_amd, 3, 0, false,
	  m_amd_gctl, false },
};

static void vendor_load_put_cases(void)
{
	struct mpmu_ctx before;
	char name[128];
	unsigned k;
	int op;

	for (k = 0; k < sizeof(vendor_cases) / sizeof(vendor_cases[0]); k++)
		for (op = 0; op < 2; op++) {
			struct gshape gs = { vendor_cases[k].g,
					     vendor_cases[k].f,
					     vendor_cases[k].metrics };

			if (op && !vendor_cases[k].put_too)
				continue;
			snprintf(name, sizeof(name), "badinput/%s/%s",
				 op ? "put" : "load", vendor_cases[k].name);
			tf_begin(name);
			world_init(&w, vendor_cases[k].cfg, &gs, 3, 4);
			sim_set_current(&w.cpu);
			sim_trace_reset(&w.cpu);
			w.cpu.gctl.v = 0;
			w.cpu.gp_ctr[0].v = 0x5000;
			vendor_cases[k].fn(&w.ctx);
			before = w.ctx;
			check_rejected(op ? mpmu_put_guest_context(&w.ctx) :
				       mpmu_load_guest_context(&w.ctx), &before);
			tf_end();
		}
	/* The vendor-specific entry points refuse the other vendor. */
	tf_begin("badinput/amd_refresh_on_intel");
	{
		struct gshape gs = { 2, 2, false };

		world_init(&w, &sim_cfg_skl4, &gs, 3, 4);
		sim_set_current(&w.cpu);
		sim_trace_reset(&w.cpu);
		before = w.ctx;
		EXPECT_EQ(mpmu_amd_refresh_global_ctrl(&w.ctx), -MPMU_EINVAL);
		EXPECT(!memcmp(&before, &w.ctx, sizeof(before)),
		       "context changed");
		EXPECT_EQ(w.cpu.tr_len, 0);
	}
	tf_end();
	world_free(&w);
}

/* mpmu_vmx_configure(): REQ-SKL on every host the decision tree has. */
static void vmx_configure_cases(void)
{
	static const struct {
		const char *name;
		u32 ver, entry, exit;
		u64 caps;
		int rc;
		u32 autostore;
	} cases[] = {
		{ "pmu_v3", 3, 1u << 13, 1u << 12, 1ull << 13, -MPMU_EOPNOTSUPP,
		  0 },
		{ "no_full_width_writes", 4, 1u << 13, 1u << 12, 0,
		  -MPMU_EOPNOTSUPP, 0 },
		{ "no_entry_load_control", 5, 0, 1u << 12 | 1u << 30,
		  1ull << 13, -MPMU_EOPNOTSUPP, 0 },
		{ "no_exit_load_control", 5, 1u << 13, 1u << 30, 1ull << 13,
		  -MPMU_EOPNOTSUPP, 0 },
		{ "skylake_autostore", 4, 1u << 13, 1u << 12, 1ull << 13, 0, 1 },
		{ "sapphire_rapids_save", 5, 1u << 13, 1u << 12 | 1u << 30,
		  1ull << 13 | 1ull << 15, 0, 0 },
	};
	const struct sim_config *cfgs[] = { &sim_cfg_skl4, &sim_cfg_icx,
					    &sim_cfg_spr, &sim_cfg_bdw };
	struct mpmu_vmx_caps caps;
	struct mpmu_vmx_cfg cfg;
	char name[96];
	unsigned k;
	int rc;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		snprintf(name, sizeof(name), "vmx/configure/%s", cases[k].name);
		tf_begin(name);
		caps.pmu_version = cases[k].ver;
		caps.entry_ctls_allowed = cases[k].entry;
		caps.exit_ctls_allowed = cases[k].exit;
		caps.perf_capabilities = cases[k].caps;
		memset(&cfg, 0xa5, sizeof(cfg));
		rc = mpmu_vmx_configure(&caps, &cfg);
		EXPECT(rc == cases[k].rc, "rc %d, expected %d", rc,
		       cases[k].rc);
		if (!rc) {
			EXPECT_EQ(cfg.use_autostore, cases[k].autostore);
			EXPECT_EQ(cfg.entry_ctls,
				  MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL);
			EXPECT_EQ(cfg.exit_ctls,
				  MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL |
				  (cases[k].autostore ? 0 :
				   MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL));
		}
		tf_end();
	}
	/* The simulated hosts: Skylake and Icelake use the MSR-store
	 * list, Sapphire Rapids the save control, Broadwell is refused. */
	for (k = 0; k < 4; k++) {
		snprintf(name, sizeof(name), "vmx/configure/host_%s",
			 cfgs[k]->name);
		tf_begin(name);
		sim_vmx_caps(cfgs[k], &caps.pmu_version,
			     &caps.entry_ctls_allowed, &caps.exit_ctls_allowed,
			     &caps.perf_capabilities);
		rc = mpmu_vmx_configure(&caps, &cfg);
		if (cfgs[k]->version < 4)
			EXPECT(rc == -MPMU_EOPNOTSUPP, "rc %d", rc);
		else
			EXPECT(rc == 0 && cfg.use_autostore ==
			       !cfgs[k]->has_exit_save, "rc %d autostore %u",
			       rc, cfg.use_autostore);
		tf_end();
	}
}

/* mpmu_amd_configure(): REQ-FEATURES, PerfMonV2 or nothing. */
static void amd_configure_cases(void)
{
	u32 v;

	for (v = 0; v < 4; v++) {
		char name[64];
		int rc = mpmu_amd_configure(v);

		snprintf(name, sizeof(name), "amd/configure/pmu_v%u", v);
		tf_begin(name);
		EXPECT(rc == (v >= 2 ? 0 : -MPMU_EOPNOTSUPP), "rc %d", rc);
		tf_end();
	}
}

/* REQ-OWN: the decisions on every shape, width and metrics combination. */
static void intercept_cases(void)
{
	const struct sim_config *cfgs[] = { &sim_cfg_skl8, &sim_cfg_spr,
					    &sim_cfg_amd };
	struct mpmu_intercepts d;
	struct mpmu_ctx x;
	const char *why = "";
	unsigned k, n = 0;
	u32 g, f, m, we, hm;

	tf_begin("vmx/intercepts/req_own_all_shapes");
	for (k = 0; k < 3; k++)
		for (g = 0; g <= cfgs[k]->nr_gp; g++)
			for (f = 0; f <= cfgs[k]->nr_fixed; f++)
				for (m = 0; m < 2; m++)
					for (we = 0; we < 2; we++)
						for (hm = 0; hm < 2; hm++) {
		struct gshape gs = { g, f, m };

		world_ctx_defaults(cfgs[k], &gs, &x);
		x.flags = (m ? MPMU_CTX_PERF_METRICS : 0) |
			  (hm ? MPMU_CTX_HOST_PERF_METRICS : 0);
		memset(&d, 0xff, sizeof(d));
		mpmu_intercept_decisions(&x, we, &d);
		n++;
		EXPECT(world_own_ok(&x, &d, &why), "g%u f%u m%u w%u hm%u: %s",
		       g, f, m, we, hm, why);
		EXPECT(d.pass_global_msrs == (g == cfgs[k]->nr_gp &&
					      f == cfgs[k]->nr_fixed),
		       "REQ_OWN_global g%u f%u", g, f);
		/* Not stricter than needed: with everything equal, RDPMC
		 * is the guest's. */
		if (g == cfgs[k]->nr_gp && f == cfgs[k]->nr_fixed && we &&
		    m == hm)
			EXPECT(d.pass_rdpmc, "RDPMC intercepted needlessly");
		if (!we)
			EXPECT(!d.pass_rdpmc, "RDPMC passed with other widths");
	}
	EXPECT(n > 400, "%u combinations", n);
	tf_end();
}

void run_vendor_badinput_tests(void)
{
	vendor_load_put_cases();
	vmx_configure_cases();
	amd_configure_cases();
	intercept_cases();
}
