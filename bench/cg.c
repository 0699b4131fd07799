// SPDX-License-Identifier: GPL-2.0-only
/*
 * Callgrind driver: instructions the core executes per load + exit + put
 * on the null accessor backend (null_hw.c). Run under
 *   valgrind --tool=callgrind --collect-atstart=no
 * Collection is toggled on only around the core's entry points, and the
 * counts of each configuration are dumped separately (client requests).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <valgrind/callgrind.h>
#include "mpmu.h"
#include "mpmu_vmx.h"
#include "null_hw.h"

#define PAIRS 1000

struct cgcfg {
	const char *name;
	bool amd, metrics, exit_save, counting;
	u32 nr_gp, nr_fixed, host_nr_fixed, gp_in_use;
};

static const struct cgcfg cfgs[] = {
	{ "SKL_idle", false, false, false, false, 8, 3, 3, 0 },
	{ "SKL_count_gp8", false, false, false, true, 8, 3, 3, 8 },
	{ "SPR_idle", false, false, true, false, 8, 3, 4, 0 },
	{ "SPR_count_gp8", false, false, true, true, 8, 3, 4, 8 },
	{ "SPR+TD_idle", false, true, true, false, 8, 4, 4, 0 },
	{ "SPR+TD_count_gp8", false, true, true, true, 8, 4, 4, 8 },
	{ "AMD_idle", true, false, false, false, 6, 0, 0, 0 },
	{ "AMD_count_gp6", true, false, false, true, 6, 0, 0, 6 },
};

static u64 lowb(u32 n)
{
	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

static void setup(const struct cgcfg *c, struct mpmu_ctx *x)
{
	memset(x, 0, sizeof(*x));
	memset(&null_hw, 0, sizeof(null_hw));
	x->nr_gp = x->host_nr_gp = c->nr_gp;
	x->nr_fixed = c->nr_fixed;
	x->host_nr_fixed = c->host_nr_fixed;
	x->counter_rsvd = ~lowb(48);
	x->global_ctrl = lowb(c->nr_gp);
	if (c->amd) {
		x->vendor = MPMU_VENDOR_AMD;
		x->eventsel_rsvd = 0xfffffcf000280000ull;
		x->global_ctrl_rsvd = ~lowb(c->nr_gp);
		x->global_status_rsvd = ~lowb(c->nr_gp);
		x->host_status_set_rsvd = ~lowb(c->nr_gp);
		x->fixed_counter_rsvd = ~0ull;
		x->fixed_ctr_ctrl_rsvd = ~0ull;
	} else {
		x->vendor = MPMU_VENDOR_INTEL;
		x->flags = (c->metrics ? MPMU_CTX_PERF_METRICS : 0) |
			   (c->host_nr_fixed > 3 ? MPMU_CTX_HOST_PERF_METRICS : 0);
		x->fixed_counter_rsvd = ~lowb(48);
		x->eventsel_rsvd = 0xffffffff00200000ull;
		x->fixed_ctr_ctrl_rsvd = ~0ull;
		for (u32 j = 0; j < c->nr_fixed; j++)
			x->fixed_ctr_ctrl_rsvd &= ~(0xbull << (4 * j));
		x->global_ctrl_rsvd = ~(lowb(c->nr_gp) | lowb(c->nr_fixed) << 32 |
					(c->metrics ? 1ull << 48 : 0));
		x->global_status_rsvd = x->global_ctrl_rsvd;
		x->host_status_set_rsvd = ~(lowb(c->nr_gp) |
					    lowb(c->host_nr_fixed) << 32);
	}
	if (!c->counting)
		return;
	x->global_ctrl = 0;
	for (u32 i = 0; i < c->gp_in_use; i++) {
		x->gp_eventsel[i] = x->gp_eventsel_hw[i] =
			(c->amd ? 0x76 : 0x3c) | MPMU_EVTSEL_EN | 3ull << 16;
		x->gp_counter[i] = 1000ull * (i + 1);
		x->global_ctrl |= 1ull << i;
	}
	for (u32 j = 0; j < c->nr_fixed; j++) {
		x->fixed_ctr_ctrl |= 0x3ull << (4 * j);
		x->fixed_counter[j] = 500ull * (j + 1);
		x->global_ctrl |= 1ull << (32 + j);
	}
	x->fixed_ctr_ctrl_hw = x->fixed_ctr_ctrl;
	if (c->metrics)
		x->global_ctrl |= 1ull << 48;
}

/* The guest runs: enabled counters advance, GLOBAL_CTRL is the guest's
 * until VM-exit (Intel: exit loads 0). */
static void guest(const struct cgcfg *c, const struct mpmu_ctx *x)
{
	if (c->counting) {
		for (u32 i = 0; i < c->gp_in_use; i++)
			null_hw.gp_ctr[i] += 12345;
		for (u32 j = 0; j < c->nr_fixed; j++)
			null_hw.fx_ctr[j] += 777;
		if (c->metrics)
			null_hw.metrics = 0x1020304050607080ull;
	}
	null_hw.vmcs_gctl = null_hw.autostore = x->global_ctrl;
	null_hw.gctl = c->amd ? x->global_ctrl : 0;
}

int main(void)
{
	static struct mpmu_ctx x;
	struct mpmu_vmx_cfg vc;
	char name[64];

	for (size_t k = 0; k < sizeof(cfgs) / sizeof(cfgs[0]); k++) {
		const struct cgcfg *c = &cfgs[k];
		struct mpmu_intercepts icpt;
		int bad = 0;

		setup(c, &x);
		mpmu_intercept_decisions(&x, 1, &icpt);
		vc.entry_ctls = MPMU_VM_ENTRY_LOAD_PERF_GLOBAL_CTRL;
		vc.exit_ctls = MPMU_VM_EXIT_LOAD_PERF_GLOBAL_CTRL;
		vc.use_autostore = !c->exit_save;
		for (int p = 0; p < PAIRS; p++) {
			CALLGRIND_TOGGLE_COLLECT;
			bad |= mpmu_load_guest_context(&x);
			CALLGRIND_TOGGLE_COLLECT;
			guest(c, &x);
			CALLGRIND_TOGGLE_COLLECT;
			if (icpt.pass_global_msrs) {
				if (c->amd)
					mpmu_amd_refresh_global_ctrl(&x);
				else
					mpmu_vmx_refresh_global_ctrl(&x, &vc, 0,
								     null_hw.autostore);
			}
			bad |= mpmu_put_guest_context(&x);
			CALLGRIND_TOGGLE_COLLECT;
		}
		if (bad) {
			fprintf(stderr, "cg: %s: the core refused the context\n",
				c->name);
			return 1;
		}
		snprintf(name, sizeof(name), "%s pairs=%d", c->name, PAIRS);
		CALLGRIND_DUMP_STATS_AT(name);
	}
	return 0;
}
