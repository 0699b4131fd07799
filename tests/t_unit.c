// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the simulator against SDM facts (so a wrong simulator cannot
 * make the other tests pass), and the core's exact hardware sequences on
 * hand-built states.
 */
#include <string.h>
#include "tf.h"
#include "mpmu_hw.h"

static struct sim_cpu c;

static void fresh(const struct sim_config *cfg)
{
	sim_init(&c, cfg);
	sim_set_current(&c);
}

static bool wr_ok(u32 msr, u64 v)
{
	u32 f = c.faults;
	bool ok = sim_wrmsr(&c, msr, v);

	EXPECT(ok == (c.faults == f), "fault accounting");
	return ok;
}

static void sim_tests(void)
{
	struct sim_events ev = { .instr = 10, .cycles = 20, .ref = 30,
				 .slots = 40, .seed = 1, .cpl = 3 };
	u64 m = sim_gp_ctr_mask(&sim_cfg_skl4), v;

	tf_begin("sim/status_read_only");
	fresh(&sim_cfg_skl4);
	c.status = 5;
	EXPECT(!wr_ok(MPMU_MSR_IA32_PERF_GLOBAL_STATUS, 0), "WRMSR 0x38E ok");
	EXPECT_EQ(c.status, 5);
	EXPECT(!wr_ok(MPMU_MSR_IA32_PERF_CAPABILITIES, 0), "WRMSR 0x345 ok");
	tf_end();

	tf_begin("sim/reserved_bits_gp");
	fresh(&sim_cfg_skl4);
	EXPECT(!wr_ok(MPMU_MSR_IA32_PERF_GLOBAL_CTRL, 1ull << 4), "gctl b4");
	EXPECT(!wr_ok(MPMU_MSR_IA32_PERF_GLOBAL_CTRL, 1ull << 48), "gctl b48");
	EXPECT(wr_ok(MPMU_MSR_IA32_PERF_GLOBAL_CTRL, 0x70000000full), "gctl");
	EXPECT(!wr_ok(MPMU_MSR_IA32_PERFEVTSEL0, 1ull << 34), "sel b34");
	EXPECT(wr_ok(MPMU_MSR_IA32_PERFEVTSEL0, 1ull << 32), "sel in_tx");
	EXPECT(!wr_ok(MPMU_MSR_IA32_PERFEVTSEL0, 1ull << 33), "sel txcp 0");
	EXPECT(wr_ok(MPMU_MSR_IA32_PERFEVTSEL0 + 2, 3ull << 32), "sel txcp 2");
	EXPECT(!wr_ok(MPMU_MSR_IA32_A_PMC0, 1ull << 48), "ctr b48");
	EXPECT(!wr_ok(MPMU_MSR_IA32_FIXED_CTR_CTRL, 1ull << 12), "fxctrl");
	EXPECT(!wr_ok(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET,
		      SIM_STATUS_CONDCHGD), "SET bit 63");
	EXPECT(wr_ok(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET,
		     SIM_STATUS_CONDCHGD), "RESET bit 63");
	tf_end();

	tf_begin("sim/absent_msrs");
	fresh(&sim_cfg_skl4);
	EXPECT(!wr_ok(MPMU_MSR_IA32_A_PMC0 + 4, 0), "5th counter on skl4");
	EXPECT(!wr_ok(MPMU_MSR_IA32_FIXED_CTR0 + 3, 0), "FC3 on skl");
	EXPECT(!wr_ok(MPMU_MSR_IA32_PERF_METRICS, 0), "PERF_METRICS on skl");
	EXPECT(!sim_rdpmc(&c, MPMU_RDPMC_METRICS, &v), "RDPMC metrics");
	EXPECT(!sim_rdpmc(&c, 4, &v), "RDPMC 4");
	EXPECT(!sim_rdpmc(&c, MPMU_RDPMC_FIXED | 3, &v), "RDPMC fixed 3");
	EXPECT(sim_rdpmc(&c, MPMU_RDPMC_FIXED | 2, &v), "RDPMC fixed 2");
	fresh(&sim_cfg_spr);
	EXPECT(wr_ok(MPMU_MSR_IA32_PERF_METRICS, ~0ull), "PERF_METRICS spr");
	EXPECT(sim_rdpmc(&c, MPMU_RDPMC_METRICS, &v) && v == ~0ull, "rdpmc");
	tf_end();

	tf_begin("sim/legacy_write_sign_extends");
	fresh(&sim_cfg_skl4);
	EXPECT(wr_ok(MPMU_MSR_IA32_PMC0 + 1, 0x80000001ull), "legacy");
	EXPECT_EQ(c.gp_ctr[1].v, 0xffff80000001ull);
	EXPECT(wr_ok(MPMU_MSR_IA32_PMC0 + 1, 0x123456789ull), "legacy");
	EXPECT_EQ(c.gp_ctr[1].v, 0x23456789ull);
	EXPECT(wr_ok(MPMU_MSR_IA32_A_PMC0 + 1, 0x80000001ull), "full");
	EXPECT_EQ(c.gp_ctr[1].v, 0x80000001ull);
	tf_end();

	tf_begin("sim/count_overflow_status");
	fresh(&sim_cfg_skl4);
	c.gctl.v = 0;
	wr_ok(MPMU_MSR_IA32_A_PMC0 + 2, m - 5);
	wr_ok(MPMU_MSR_IA32_PERFEVTSEL0 + 2,
	      0xc0 | MPMU_EVTSEL_EN | 3ull << 16);
	c.in_guest = true;
	sim_count(&c, &ev);
	EXPECT_EQ(c.gp_ctr[2].v, m - 5);	/* GLOBAL_CTRL bit clear */
	wr_ok(MPMU_MSR_IA32_PERF_GLOBAL_CTRL, 1ull << 2);
	sim_count(&c, &ev);
	EXPECT_EQ(c.gp_ctr[2].v, 4);
	EXPECT_EQ(c.status, 1ull << 2);
	EXPECT_EQ(c.status_tg, 1ull << 2);
	EXPECT_EQ(c.status_th, 0);
	wr_ok(MPMU_MSR_IA32_PERFEVTSEL0 + 2,
	      0xc0 | MPMU_EVTSEL_EN | 1ull << 17);
	sim_count(&c, &ev);			/* OS only, CPL 3 */
	EXPECT_EQ(c.gp_ctr[2].v, 4);
	wr_ok(MPMU_MSR_IA32_FIXED_CTR_CTRL, 0x200);	/* FC2 USR */
	wr_ok(MPMU_MSR_IA32_PERF_GLOBAL_CTRL, 1ull << 34);
	sim_count(&c, &ev);
	EXPECT_EQ(c.fx_ctr[2].v, 30);
	EXPECT_EQ(c.fx_ctr[2].t, T_GUEST);
	tf_end();

	tf_begin("sim/status_reset_set");
	fresh(&sim_cfg_skl4);
	c.write_taint = T_GUEST;
	wr_ok(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET, 0x5 | 1ull << 62);
	EXPECT_EQ(c.status, 0x5 | 1ull << 62);
	EXPECT_EQ(c.status_tg, 0x5 | 1ull << 62);
	wr_ok(MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET, 0x1 | 1ull << 62);
	EXPECT_EQ(c.status, 0x4);
	EXPECT_EQ(c.status_tg, 0x4);
	EXPECT(sim_rdmsr(&c, MPMU_MSR_IA32_PERF_GLOBAL_STATUS, &v) && v == 4,
	       "read status");
	tf_end();

	tf_begin("sim/fc3_write_disturbs_metrics");
	fresh(&sim_cfg_spr);
	wr_ok(MPMU_MSR_IA32_PERF_METRICS, 0x1122334455667788ull);
	c.write_taint = T_GUEST;
	wr_ok(MPMU_MSR_IA32_FIXED_CTR0 + 3, 1000);
	EXPECT(c.metrics.v != 0x1122334455667788ull, "metrics kept");
	EXPECT(c.metrics.t & T_GUEST, "metrics taint");
	tf_end();

	tf_begin("sim/vmx_entry_exit");
	fresh(&sim_cfg_spr);
	c.entry_ctls = MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL;
	c.exit_ctls = MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL |
		      MPMU_VM_EXIT_SAVE_PERF_GLOBAL_CTRL;
	c.vmcs_guest_gctl.v = 0x3;
	c.vmcs_host_gctl.v = 0;
	EXPECT(sim_vmentry(&c), "entry");
	EXPECT_EQ(c.gctl.v, 3);
	wr_ok(MPMU_MSR_IA32_PERF_GLOBAL_CTRL, 0x1);
	sim_vmexit(&c);
	EXPECT_EQ(c.vmcs_guest_gctl.v, 1);
	EXPECT_EQ(c.gctl.v, 0);
	c.vmcs_guest_gctl.v = 1ull << 40;	/* reserved: entry fails */
	EXPECT(!sim_vmentry(&c), "entry with reserved GLOBAL_CTRL");
	fresh(&sim_cfg_skl4);
	c.entry_ctls = MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL;
	c.exit_ctls = MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL;
	c.autostore_gctl = true;
	c.vmcs_guest_gctl.v = 0x7;
	EXPECT(sim_vmentry(&c), "entry");
	wr_ok(MPMU_MSR_IA32_PERF_GLOBAL_CTRL, 0x2);
	sim_vmexit(&c);
	EXPECT_EQ(c.vmcs_guest_gctl.v, 7);	/* no save control */
	{
		u64 slot = 0;

		EXPECT(sim_autostore_slot(&c, MPMU_MSR_IA32_PERF_GLOBAL_CTRL,
					  &slot), "GLOBAL_CTRL slot");
		EXPECT_EQ(slot, 2);
		EXPECT(!sim_autostore_slot(&c, MPMU_MSR_IA32_PERF_GLOBAL_STATUS,
					   &slot), "no GLOBAL_STATUS slot");
	}
	EXPECT_EQ(c.gctl.v, 0);
	EXPECT_EQ(c.faults, 0);
	mpmu_hw_vmcs_read64(0x4402);
	EXPECT_EQ(c.faults, 1);
	tf_end();

	tf_begin("sim/amd_guestonly_hostonly");
	fresh(&sim_cfg_amd);
	wr_ok(MPMU_MSR_AMD_GLOBAL_CTL, 0x3f);
	wr_ok(MPMU_MSR_AMD_PERF_CTL0, 0xc0 | MPMU_EVTSEL_EN | 3ull << 16 |
	      MPMU_AMD_EVTSEL_GUESTONLY);
	wr_ok(MPMU_MSR_AMD_PERF_CTL0 + 2, 0xc0 | MPMU_EVTSEL_EN | 3ull << 16 |
	      MPMU_AMD_EVTSEL_HOSTONLY);
	wr_ok(SIM_MSR_K7_EVNTSEL0 + 2, 0xc0 | MPMU_EVTSEL_EN | 3ull << 16);
	sim_count(&c, &ev);			/* host */
	EXPECT_EQ(c.gp_ctr[0].v, 0);
	EXPECT_EQ(c.gp_ctr[1].v, 10);
	EXPECT_EQ(c.gp_ctr[2].v, 10);
	EXPECT(sim_vmentry(&c), "VMRUN");
	sim_count(&c, &ev);
	EXPECT_EQ(c.gp_ctr[0].v, 10);
	EXPECT_EQ(c.gp_ctr[1].v, 10);
	EXPECT_EQ(c.gp_ctr[2].v, 20);
	EXPECT_EQ(c.gctl.v, 0x3f);		/* VMRUN does not switch it */
	EXPECT(!wr_ok(MPMU_MSR_AMD_GLOBAL_STATUS, 0), "status RO");
	EXPECT(!wr_ok(MPMU_MSR_AMD_GLOBAL_CTL, 0x40), "7th counter");
	EXPECT(wr_ok(MPMU_MSR_AMD_GLOBAL_STATUS_SET, 0x21), "set");
	EXPECT(wr_ok(MPMU_MSR_AMD_GLOBAL_STATUS_CLR, 0x1), "clr");
	EXPECT_EQ(c.status, 0x20);
	tf_end();
}

/* ---- The core on hand-built states ---- */

static struct world w;

static void unit_world(const struct sim_config *cfg, u32 g, u32 f, bool m)
{
	struct gshape gs = { g, f, m };

	world_init(&w, cfg, &gs, 7, 8);
	sim_set_current(&w.cpu);
	sim_trace_reset(&w.cpu);
}

static void intel_world(const struct sim_config *cfg, u32 g, u32 f)
{
	unit_world(cfg, g, f, false);
}

static void expect_op(u32 *k, u32 kind, u32 reg, u64 val)
{
	const struct sim_op *op = &w.cpu.tr[*k];

	if (*k >= w.cpu.tr_len) {
		tf_fail(__FILE__, __LINE__, "trace ends at %u, expected op "
			"%u reg 0x%x", *k, kind, reg);
		return;
	}
	if (op->kind != kind || op->reg != reg || op->val != val)
		tf_fail(__FILE__, __LINE__, "op %u: kind %u reg 0x%x val "
			"0x%llx, expected kind %u reg 0x%x val 0x%llx", *k,
			op->kind, op->reg, (unsigned long long)op->val, kind,
			reg, (unsigned long long)val);
	(*k)++;
}

/*
 * Issue 24: counters are loaded against the host's width. The guest's
 * width is 40 bits on a 48-bit host; a counter that ran past 2^40 and a
 * legacy write sign-extended to 48 bits stay loadable, hardware gets the
 * raw value back, the guest reads it modulo 2^40, put saves it exactly.
 */
#define W40 ((1ull << 40) - 1)

static void guest_width_40(struct mpmu_ctx *x)
{
	x->counter_rsvd = ~W40;
	x->fixed_counter_rsvd = ~W40;
}

static void width_tests(void)
{
	struct mpmu_ctx *x = &w.ctx;
	u64 v;

	tf_begin("core/counter_past_guest_width");
	intel_world(&sim_cfg_skl4, 2, 1);
	guest_width_40(x);
	EXPECT_EQ(mpmu_set_msr(x, MPMU_MSR_IA32_A_PMC0, W40 - 4), 0);
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	EXPECT_EQ(w.cpu.gp_ctr[0].v, W40 - 4);
	/* The guest's counter runs at the host's width, past 2^40. */
	w.cpu.gp_ctr[0].v = (1ull << 40) + 7;
	w.cpu.fx_ctr[0].v = (1ull << 44) + 9;
	sim_trace_reset(&w.cpu);
	EXPECT_EQ(mpmu_put_guest_context(x), 0);
	EXPECT_EQ(x->gp_counter[0], (1ull << 40) + 7);	/* raw */
	EXPECT_EQ(x->fixed_counter[0], (1ull << 44) + 9);
	EXPECT_EQ(mpmu_get_msr(x, MPMU_MSR_IA32_A_PMC0, &v), 0);
	EXPECT_EQ(v, 7);
	EXPECT_EQ(mpmu_get_msr(x, MPMU_MSR_IA32_PMC0, &v), 0);
	EXPECT_EQ(v, 7);
	EXPECT_EQ(mpmu_get_msr(x, MPMU_MSR_IA32_FIXED_CTR0, &v), 0);
	EXPECT_EQ(v, 9);
	sim_trace_reset(&w.cpu);
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	EXPECT_EQ(w.cpu.gp_ctr[0].v, (1ull << 40) + 7);
	EXPECT_EQ(w.cpu.fx_ctr[0].v, (1ull << 44) + 9);
	/* A value above the host's width is still refused. */
	x->gp_counter[1] = 1ull << 48;
	sim_trace_reset(&w.cpu);
	EXPECT_EQ(mpmu_load_guest_context(x), -MPMU_EINVAL);
	EXPECT_EQ(w.cpu.tr_len, 0);
	EXPECT_EQ(w.cpu.faults, 0);
	tf_end();

	tf_begin("core/legacy_write_sign_extended");
	intel_world(&sim_cfg_skl4, 2, 1);
	guest_width_40(x);
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	/* The guest's own legacy write (passed through): 48-bit sign
	 * extension by hardware. */
	EXPECT(sim_wrmsr(&w.cpu, MPMU_MSR_IA32_PMC0 + 1, 0x80000001ull),
	       "guest legacy write");
	EXPECT_EQ(w.cpu.gp_ctr[1].v, 0xffff80000001ull);
	sim_trace_reset(&w.cpu);
	EXPECT_EQ(mpmu_put_guest_context(x), 0);
	EXPECT_EQ(x->gp_counter[1], 0xffff80000001ull);
	EXPECT_EQ(mpmu_get_msr(x, MPMU_MSR_IA32_PMC0 + 1, &v), 0);
	EXPECT_EQ(v, 0xff80000001ull);
	sim_trace_reset(&w.cpu);
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	EXPECT_EQ(w.cpu.gp_ctr[1].v, 0xffff80000001ull);
	/* KVM's emulated legacy write, sign-extended to 64 bits: modulo the
	 * guest's width; the full-width alias refuses it. */
	EXPECT_EQ(mpmu_set_msr(x, MPMU_MSR_IA32_PMC0 + 1,
			       0xffffffff80000001ull), 0);
	EXPECT_EQ(x->gp_counter[1], 0xff80000001ull);
	EXPECT_EQ(mpmu_set_msr(x, MPMU_MSR_IA32_A_PMC0 + 1,
			       0xffffffff80000001ull), -MPMU_EINVAL);
	EXPECT_EQ(x->gp_counter[1], 0xff80000001ull);
	EXPECT_EQ(mpmu_set_msr(x, MPMU_MSR_IA32_FIXED_CTR0,
			       1ull << 60 | 5), 0);
	EXPECT_EQ(x->fixed_counter[0], 5);
	sim_trace_reset(&w.cpu);
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	EXPECT_EQ(w.cpu.gp_ctr[1].v, 0xff80000001ull);
	EXPECT_EQ(w.cpu.fx_ctr[0].v, 5);
	EXPECT_EQ(w.cpu.faults, 0);
	tf_end();

	tf_begin("core/in_txcp_counter_2_only");
	intel_world(&sim_cfg_skl4, 3, 0);
	EXPECT_EQ(mpmu_set_msr(x, MPMU_MSR_IA32_PERFEVTSEL0 + 2,
			       1ull << 33 | 0x4300c0), 0);
	EXPECT_EQ(x->gp_eventsel[2], 1ull << 33 | 0x4300c0);
	EXPECT_EQ(mpmu_set_msr(x, MPMU_MSR_IA32_PERFEVTSEL0,
			       1ull << 33 | 0x4300c0), -MPMU_EINVAL);
	EXPECT_EQ(mpmu_set_msr(x, MPMU_MSR_IA32_PERFEVTSEL0 + 1,
			       1ull << 32 | 0x4300c0), 0);
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	EXPECT_EQ(w.cpu.gp_sel[2].v, 1ull << 33 | 0x0300c0);
	x->gp_eventsel_hw[0] = 1ull << 33 | 0x4300c0;
	sim_trace_reset(&w.cpu);
	EXPECT_EQ(mpmu_load_guest_context(x), -MPMU_EINVAL);
	EXPECT_EQ(w.cpu.tr_len, 0);
	EXPECT_EQ(w.cpu.faults, 0);
	tf_end();
}

/* Put with the guest's PERF_METRICS 0 and fixed counter 3 not 0: zeroing
 * fixed counter 3 disturbs PERF_METRICS, so it is scrubbed anyway. */
static void metrics_tests(void)
{
	u32 k = 0;

	tf_begin("core/put_metrics_zero_fc3_scrubbed");
	unit_world(&sim_cfg_spr, 0, 4, true);
	w.cpu.gctl.v = 0;
	w.cpu.fx_ctr[3].v = 0x500;
	w.cpu.metrics.v = 0;
	EXPECT_EQ(mpmu_put_guest_context(&w.ctx), 0);
	expect_op(&k, SIM_OP_RDMSR, MPMU_MSR_IA32_PERF_GLOBAL_STATUS, 0);
	expect_op(&k, SIM_OP_RDPMC, MPMU_RDPMC_METRICS, 0);
	expect_op(&k, SIM_OP_RDPMC, MPMU_RDPMC_FIXED, 0);
	expect_op(&k, SIM_OP_RDPMC, MPMU_RDPMC_FIXED | 1, 0);
	expect_op(&k, SIM_OP_RDPMC, MPMU_RDPMC_FIXED | 2, 0);
	expect_op(&k, SIM_OP_RDPMC, MPMU_RDPMC_FIXED | 3, 0x500);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_FIXED_CTR0 + 3, 0);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_PERF_METRICS, 0);
	EXPECT_EQ(w.cpu.tr_len, k);
	EXPECT_EQ(w.ctx.perf_metrics, 0);
	EXPECT_EQ(w.ctx.fixed_counter[3], 0x500);
	EXPECT_EQ(w.cpu.metrics.v, 0);
	EXPECT_EQ(w.cpu.faults, 0);
	tf_end();
	world_free(&w);
}

static u32 amd_ctl(u32 i)
{
	return MPMU_MSR_AMD_PERF_CTL0 + MPMU_MSR_AMD_STRIDE * i;
}

static u32 amd_ctr(u32 i)
{
	return MPMU_MSR_AMD_PERF_CTR0 + MPMU_MSR_AMD_STRIDE * i;
}

/* AMD load and put, op by op, with host perf's counters 3-5 around. */
static void amd_tests(void)
{
	struct mpmu_ctx *x = &w.ctx;
	const u64 go = MPMU_AMD_EVTSEL_GUESTONLY, ho = MPMU_AMD_EVTSEL_HOSTONLY;
	u32 k = 0, i;
	u64 gctl;

	tf_begin("core/amd_load_exact_sequence");
	unit_world(&sim_cfg_amd, 3, 0, false);
	w.cpu.gctl.v = 0x3f;
	w.cpu.gp_ctr[0].v = 111;
	w.cpu.gp_ctr[1].v = 222;
	w.cpu.gp_ctr[2].v = 5;			/* ctx's low half */
	for (i = 3; i < 6; i++) {		/* host perf's */
		w.cpu.gp_ctr[i].v = 0x3000 + i;
		w.cpu.gp_sel[i].v = ho | 0x43003c;
	}
	w.cpu.status = 0x21;			/* bit 5: host counter 5 */
	x->gp_counter[0] = 111;			/* equal: kept */
	x->gp_counter[1] = 0x123;
	x->gp_counter[2] = 0x100000005ull;
	x->gp_eventsel_hw[0] = 0x4300c0;
	x->gp_eventsel_hw[1] = 0x0300c0;	/* cannot count: loaded as 0 */
	x->gp_eventsel_hw[2] = ho | 0x43003c;	/* HostOnly: userspace */
	x->global_status = 0x3;
	x->global_ctrl = 0x5;
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_AMD_GLOBAL_CTL, 0);
	expect_op(&k, SIM_OP_RDPMC, 0, 111);
	expect_op(&k, SIM_OP_WRMSR, amd_ctl(0), go | 0x4300c0);
	expect_op(&k, SIM_OP_RDPMC, 1, 222);
	expect_op(&k, SIM_OP_WRMSR, amd_ctr(1), 0x123);
	expect_op(&k, SIM_OP_WRMSR, amd_ctl(1), 0);
	expect_op(&k, SIM_OP_RDPMC, 2, 5);
	expect_op(&k, SIM_OP_WRMSR, amd_ctr(2), 0x100000005ull);
	expect_op(&k, SIM_OP_WRMSR, amd_ctl(2), go | 0x43003c);
	expect_op(&k, SIM_OP_RDMSR, MPMU_MSR_AMD_GLOBAL_STATUS, 0x21);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_AMD_GLOBAL_STATUS_CLR, 0x20);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_AMD_GLOBAL_STATUS_SET, 0x2);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_AMD_GLOBAL_CTL, 0x5);
	EXPECT_EQ(w.cpu.tr_len, k);
	EXPECT_EQ(w.cpu.gp_ctr[2].v, 0x100000005ull);
	EXPECT_EQ(w.cpu.status, 0x3);
	EXPECT_EQ(w.cpu.gctl.v, 0x5);
	for (i = 3; i < 6; i++) {
		EXPECT_EQ(w.cpu.gp_ctr[i].v, 0x3000 + i);
		EXPECT_EQ(w.cpu.gp_sel[i].v, ho | 0x43003c);
	}
	EXPECT_EQ(w.cpu.faults, 0);
	tf_end();

	tf_begin("core/amd_put_exact_sequence");
	/* Continue: the guest ran; SVM left GlobalCtl as it was. */
	sim_trace_reset(&w.cpu);
	k = 0;
	w.cpu.gp_ctr[0].v = 0;
	w.cpu.gp_ctr[1].v = 0x999;
	w.cpu.status = 0x5;
	gctl = w.cpu.gctl.v;
	EXPECT_EQ(gctl, 0x5);	/* the guest's, as load left it */
	EXPECT_EQ(mpmu_put_guest_context(x), 0);
	/* Put saves the guest's GlobalCtl before it zeroes it (issue 26). */
	expect_op(&k, SIM_OP_RDMSR, MPMU_MSR_AMD_GLOBAL_CTL, gctl);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_AMD_GLOBAL_CTL, 0);
	expect_op(&k, SIM_OP_RDMSR, MPMU_MSR_AMD_GLOBAL_STATUS, 0x5);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_AMD_GLOBAL_STATUS_CLR, 0x5);
	expect_op(&k, SIM_OP_RDPMC, 0, 0);
	expect_op(&k, SIM_OP_WRMSR, amd_ctl(0), 0);
	expect_op(&k, SIM_OP_RDPMC, 1, 0x999);
	expect_op(&k, SIM_OP_WRMSR, amd_ctr(1), 0);
	expect_op(&k, SIM_OP_RDPMC, 2, 0x100000005ull);
	expect_op(&k, SIM_OP_WRMSR, amd_ctr(2), 0);
	expect_op(&k, SIM_OP_WRMSR, amd_ctl(2), 0);
	EXPECT_EQ(w.cpu.tr_len, k);
	EXPECT_EQ(x->gp_counter[0], 0);
	EXPECT_EQ(x->gp_counter[1], 0x999);
	EXPECT_EQ(x->gp_counter[2], 0x100000005ull);
	EXPECT_EQ(x->global_status, 0x5);
	EXPECT_EQ(x->global_ctrl, gctl);
	EXPECT_EQ(w.cpu.status, 0);
	EXPECT_EQ(w.cpu.gctl.v, 0);
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(w.cpu.gp_ctr[i].v, 0);
		EXPECT_EQ(w.cpu.gp_sel[i].v, 0);
	}
	for (i = 3; i < 6; i++) {
		EXPECT_EQ(w.cpu.gp_ctr[i].v, 0x3000 + i);
		EXPECT_EQ(w.cpu.gp_sel[i].v, ho | 0x43003c);
	}
	EXPECT_EQ(w.cpu.faults, 0);
	tf_end();

	/*
	 * A bit set for the host while the guest ran (the overflow of host
	 * counter 5) never enters the context.
	 */
	/* Nor does load set such a bit into the guest's status. */
	tf_begin("core/amd_load_status_guest_bits_only");
	EXPECT_EQ(mpmu_put_guest_context(x), 0);
	w.cpu.status = 0;
	x->global_status = 0x1 | 0x10;
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	EXPECT_EQ(w.cpu.status, 0x1);
	EXPECT_EQ(w.cpu.faults, 0);
	tf_end();

	tf_begin("core/amd_put_status_guest_bits_only");
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	w.cpu.status = 0x4 | 0x20;
	EXPECT_EQ(mpmu_put_guest_context(x), 0);
	EXPECT_EQ(x->global_status, 0x4);
	EXPECT_EQ(w.cpu.faults, 0);
	tf_end();
	world_free(&w);
}

/*
 * mpmu_refresh_event_filter against its contract (REQ-FILTER) on random
 * contexts and filters, inputs KVM's validation would never let through
 * included: FIXED_CTR_CTRL bits above the guest's fields, fixed counter 3
 * allowed for three fixed counters, keys sharing the event select.
 */
static void filter_random(void)
{
	static const u16 keys[] = { 0x00c0, 0x01c0, 0x003c, 0x013c, 0x412e,
				    0x00c4, 0x01a4, 0x0000 };
	struct mpmu_ctx x;
	struct mpmu_event_filter f;
	u64 r = sim_mix(tf.seed ^ 0x66696c74ull);
	struct gsrc g = { .rng = &r };
	u32 n, i;

	tf_begin("core/event_filter_random");
	for (n = 0; n < 20000 && !tf.cur_failed; n++) {
		memset(&x, 0, sizeof(x));
		memset(&f, 0, sizeof(f));
		x.nr_gp = (u32)rng_below(&r, MPMU_MAX_GP + 1);
		x.nr_fixed = (u32)rng_below(&r, MPMU_MAX_FIXED + 1);
		for (i = 0; i < MPMU_MAX_GP; i++) {
			x.gp_eventsel[i] = gen_selector(&g, ~0ull << 32) |
					   (rng_below(&r, 4) ? 0 :
					    keys[rng_below(&r, 8)]);
			x.gp_eventsel_hw[i] = rng_next(&r);
		}
		x.fixed_ctr_ctrl = rng_below(&r, 2) ? rng_next(&r) :
				   rng_next(&r) & 0xffff;
		f.nr_events = (u32)rng_below(&r, MPMU_FILTER_MAX_EVENTS + 1);
		for (i = 0; i < f.nr_events; i++)
			f.events[i] = rng_below(&r, 4) ? keys[rng_below(&r, 8)]
						       : (u16)rng_next(&r);
		f.fixed_allowed = rng_below(&r, 2) ? (u32)rng_below(&r, 16) :
				  (u32)rng_next(&r);
		mpmu_refresh_event_filter(&x, &f);
		for (i = 0; i < x.nr_gp; i++)
			EXPECT(x.gp_eventsel_hw[i] ==
			       world_filter_sel(&f, true, x.gp_eventsel[i]),
			       "case %u: selector %u 0x%llx -> 0x%llx", n, i,
			       (unsigned long long)x.gp_eventsel[i],
			       (unsigned long long)x.gp_eventsel_hw[i]);
		EXPECT(x.fixed_ctr_ctrl_hw ==
		       world_filter_fx(&f, true, x.fixed_ctr_ctrl, x.nr_fixed),
		       "case %u: FIXED_CTR_CTRL 0x%llx -> 0x%llx (nr_fixed %u, "
		       "allowed 0x%x)", n,
		       (unsigned long long)x.fixed_ctr_ctrl,
		       (unsigned long long)x.fixed_ctr_ctrl_hw, x.nr_fixed,
		       f.fixed_allowed);
	}
	tf_end();
}

static void core_tests(void)
{
	struct mpmu_ctx *x = &w.ctx;
	u32 k = 0, i;

	tf_begin("core/load_exact_sequence");
	intel_world(&sim_cfg_skl4, 2, 2);
	w.cpu.gctl.v = 0xf;
	w.cpu.gp_ctr[0].v = 111;		/* host values */
	w.cpu.gp_ctr[1].v = 222;
	w.cpu.gp_sel[1].v = 0x4300c0;
	w.cpu.fx_ctr[0].v = 5;
	w.cpu.fx_ctr[1].v = 6;
	w.cpu.gp_ctr[2].v = 0x2222;		/* host perf's */
	w.cpu.gp_ctr[3].v = 0x3333;
	w.cpu.gp_sel[3].v = 0x4300c4;
	w.cpu.fx_ctr[2].v = 0x777;
	w.cpu.status = 0x6 | SIM_STATUS_UNCORE;
	x->gp_counter[0] = 111;			/* equal: not rewritten */
	x->gp_counter[1] = 0x123;
	x->gp_eventsel_hw[0] = 0x4300c0;
	x->gp_eventsel_hw[1] = 0;
	x->fixed_counter[0] = 0;
	x->fixed_counter[1] = 6;
	x->fixed_ctr_ctrl_hw = 0x33;
	x->global_status = 0x3 | SIM_STATUS_CONDCHGD;
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_PERF_GLOBAL_CTRL, 0);
	expect_op(&k, SIM_OP_RDPMC, 0, 111);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_PERFEVTSEL0, 0x4300c0);
	expect_op(&k, SIM_OP_RDPMC, 1, 222);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_A_PMC0 + 1, 0x123);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_PERFEVTSEL0 + 1, 0);
	expect_op(&k, SIM_OP_RDPMC, MPMU_RDPMC_FIXED, 5);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_FIXED_CTR0, 0);
	expect_op(&k, SIM_OP_RDPMC, MPMU_RDPMC_FIXED | 1, 6);
	expect_op(&k, SIM_OP_RDMSR, MPMU_MSR_IA32_PERF_GLOBAL_STATUS,
		  0x6 | SIM_STATUS_UNCORE);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET,
		  0x4 | SIM_STATUS_UNCORE);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET, 0x1);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_FIXED_CTR_CTRL, 0x33);
	EXPECT_EQ(w.cpu.tr_len, k);
	EXPECT_EQ(w.cpu.status, 0x3);	/* CondChgd cannot be set */
	EXPECT_EQ(w.cpu.gp_ctr[1].v, 0x123);
	EXPECT_EQ(w.cpu.gp_ctr[2].v, 0x2222);
	EXPECT_EQ(w.cpu.gp_ctr[3].v, 0x3333);
	EXPECT_EQ(w.cpu.gp_sel[3].v, 0x4300c4);
	EXPECT_EQ(w.cpu.fx_ctr[2].v, 0x777);
	EXPECT_EQ(w.cpu.faults, 0);
	tf_end();

	tf_begin("core/put_exact_sequence");
	/* Continue: VM-entry/exit with GLOBAL_CTRL 0 from the host field. */
	sim_trace_reset(&w.cpu);
	w.cpu.gp_ctr[0].v = 0;
	w.cpu.status = 0x2 | 1ull << 33;
	k = 0;
	EXPECT_EQ(mpmu_put_guest_context(x), 0);
	expect_op(&k, SIM_OP_RDMSR, MPMU_MSR_IA32_PERF_GLOBAL_STATUS,
		  0x2 | 1ull << 33);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET,
		  0x2 | 1ull << 33);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_FIXED_CTR_CTRL, 0);
	expect_op(&k, SIM_OP_RDPMC, 0, 0);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_PERFEVTSEL0, 0);
	expect_op(&k, SIM_OP_RDPMC, 1, 0x123);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_A_PMC0 + 1, 0);
	expect_op(&k, SIM_OP_RDPMC, MPMU_RDPMC_FIXED, 0);
	expect_op(&k, SIM_OP_RDPMC, MPMU_RDPMC_FIXED | 1, 6);
	expect_op(&k, SIM_OP_WRMSR, MPMU_MSR_IA32_FIXED_CTR0 + 1, 0);
	EXPECT_EQ(w.cpu.tr_len, k);
	EXPECT_EQ(x->global_status, 0x2 | 1ull << 33);
	EXPECT_EQ(x->gp_counter[0], 0);
	EXPECT_EQ(x->gp_counter[1], 0x123);
	EXPECT_EQ(x->fixed_counter[1], 6);
	EXPECT_EQ(w.cpu.status, 0);
	EXPECT_EQ(w.cpu.fx_ctrl.v, 0);
	/* Counters the guest does not own keep the host's values. */
	EXPECT_EQ(w.cpu.gp_ctr[2].v, 0x2222);
	EXPECT_EQ(w.cpu.gp_ctr[3].v, 0x3333);
	EXPECT_EQ(w.cpu.gp_sel[3].v, 0x4300c4);
	EXPECT_EQ(w.cpu.fx_ctr[2].v, 0x777);
	tf_end();

	metrics_tests();
	amd_tests();

	tf_begin("core/put_idle_context_writes_nothing");
	intel_world(&sim_cfg_skl8, 8, 3);
	w.cpu.gctl.v = 0;
	for (i = 4; i < 8; i++)
		w.cpu.gp_ctr[i].v = 0;
	EXPECT_EQ(mpmu_put_guest_context(x), 0);
	EXPECT_EQ(sim_nr_writes(&w.cpu), 0);
	EXPECT_EQ(w.cpu.tr_len, 1 + 8 + 3);
	tf_end();

	tf_begin("core/load_leaves_unowned_counters");
	intel_world(&sim_cfg_skl8, 3, 1);
	for (i = 0; i < 8; i++) {
		w.cpu.gp_ctr[i].v = 1000 + i;
		w.cpu.gp_sel[i].v = 0x4300c0 + i;
	}
	w.cpu.fx_ctr[2].v = 77;
	for (i = 0; i < 3; i++)
		x->gp_counter[i] = 5 + i;
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	for (i = 3; i < 8; i++) {
		EXPECT_EQ(w.cpu.gp_ctr[i].v, 1000 + i);
		EXPECT_EQ(w.cpu.gp_sel[i].v, 0x4300c0 + i);
	}
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(w.cpu.gp_ctr[i].v, 5 + i);
		EXPECT_EQ(w.cpu.gp_sel[i].v, 0);
	}
	EXPECT_EQ(w.cpu.fx_ctr[2].v, 77);
	EXPECT_EQ(w.cpu.gctl.v, 0);
	tf_end();

	/*
	 * A status bit the guest does not own (the overflow bit of host
	 * counter 2, here from KVM_SET_MSRS or an older save) never reaches
	 * the guest's GLOBAL_STATUS: load sets the guest's bits only.
	 */
	tf_begin("core/load_status_guest_bits_only");
	intel_world(&sim_cfg_skl4, 2, 2);
	w.cpu.status = 0;
	x->global_status = 0x1 | 0x4 | 1ull << 33;
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	EXPECT_EQ(w.cpu.status, 0x1 | 1ull << 33);
	EXPECT_EQ(w.cpu.faults, 0);
	tf_end();

	/*
	 * KVM_SET_CPUID shrank the counters and left the enable bit of
	 * counter 3: the guest would run with a host counter enabled.
	 */
	tf_begin("core/load_refuses_unowned_global_ctrl");
	intel_world(&sim_cfg_skl8, 3, 3);
	x->global_ctrl = 0x7 | 1ull << 3;
	w.cpu.gctl.v = 0;
	EXPECT(mpmu_load_guest_context(x) < 0, "load accepted GLOBAL_CTRL "
	       "bit 3 for a guest with 3 GP counters");
	EXPECT_EQ(sim_nr_writes(&w.cpu), 0);
	x->global_ctrl = 0x7 | 1ull << 32;
	EXPECT_EQ(mpmu_load_guest_context(x), 0);
	tf_end();

	tf_begin("core/event_filter");
	intel_world(&sim_cfg_skl4, 4, 3);
	{
		struct mpmu_event_filter f = { .nr_events = 2,
					       .fixed_allowed = 0x5,
					       .events = { 0x00c0, 0x412e } };

		x->gp_eventsel[0] = x->gp_eventsel_hw[0] =
			0x4300c0;			/* allowed */
		x->gp_eventsel[1] = x->gp_eventsel_hw[1] = 0x43003c;
		x->gp_eventsel[2] = x->gp_eventsel_hw[2] = 0x03412e;
		x->gp_eventsel[3] = x->gp_eventsel_hw[3] = 0x4301c0;
		x->fixed_ctr_ctrl = x->fixed_ctr_ctrl_hw = 0xbbb;
		mpmu_refresh_event_filter(x, &f);
		EXPECT_EQ(x->gp_eventsel_hw[0], 0x4300c0);
		EXPECT_EQ(x->gp_eventsel_hw[1], 0x03003c);
		EXPECT_EQ(x->gp_eventsel_hw[2], 0x03412e);
		EXPECT_EQ(x->gp_eventsel_hw[3], 0x0301c0);
		EXPECT_EQ(x->fixed_ctr_ctrl_hw, 0xb0b);
		EXPECT_EQ(x->gp_eventsel[1], 0x43003c);
		EXPECT_EQ(x->fixed_ctr_ctrl, 0xbbb);
		/* Allowing it again restores the guest's enable. */
		f.events[1] = 0x003c;
		f.fixed_allowed = 0x7;
		mpmu_refresh_event_filter(x, &f);
		EXPECT_EQ(x->gp_eventsel_hw[1], 0x43003c);
		EXPECT_EQ(x->fixed_ctr_ctrl_hw, 0xbbb);
	}
	tf_end();

	filter_random();
	width_tests();
	world_free(&w);
}

void run_unit_tests(void)
{
	sim_tests();
	core_tests();
}
