// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake accessor backend: implements the mpmu_hw_*() prototypes of
 * spec/mpmu_hw.h on a register file (struct mpmu_fake_hw) instead of the
 * CPU, so the core and KVM's mapping run in kernel context (mpmu-kvm-test.ko
 * in the QEMU boot) without touching a real PMU.
 */
#include <linux/bits.h>
#include <linux/string.h>

#include "mpmu_hw.h"
#include "mpmu_fake.h"

struct mpmu_fake_hw mpmu_fake;

/* Reserved bits of the fake host: 48-bit counters, 64-bit selectors. */
#define FAKE_RSVD_CTR		(~0ull << 48)
#define FAKE_STATUS_SET_RSVD	BIT_ULL(MPMU_STATUS_COND_CHGD_BIT)

void mpmu_fake_reset(u32 nr_gp, u32 nr_fixed)
{
	memset(&mpmu_fake, 0, sizeof(mpmu_fake));
	mpmu_fake.nr_gp = nr_gp;
	mpmu_fake.nr_fixed = nr_fixed;
}

void mpmu_fake_reset_amd(u32 nr_gp)
{
	mpmu_fake_reset(nr_gp, 0);
	mpmu_fake.amd = 1;
}

u32 mpmu_fake_count(u32 kind, u32 reg)
{
	u32 i, n = 0;

	for (i = 0; i < mpmu_fake.nr_ops && i < MPMU_FAKE_LOG; i++)
		if (mpmu_fake.log[i].kind == kind && mpmu_fake.log[i].reg == reg)
			n++;
	return n;
}

static void fake_log(u32 kind, u32 reg, u64 val)
{
	if (mpmu_fake.nr_ops < MPMU_FAKE_LOG) {
		struct mpmu_fake_op *op = &mpmu_fake.log[mpmu_fake.nr_ops];

		op->kind = kind;
		op->reg = reg;
		op->val = val;
		op->gctl = mpmu_fake.gctl;
	}
	mpmu_fake.nr_ops++;
}

static int in_range(u32 msr, u32 base, u32 n)
{
	return msr >= base && msr < base + n;
}

/* Counter, selector and fixed-counter state may change only while off. */
static void fake_quiet_write(u64 *reg, u64 val, u64 rsvd)
{
	if (mpmu_fake.gctl)
		mpmu_fake.order++;
	if (val & rsvd)
		mpmu_fake.rsvd++;
	*reg = val;
}

/* SET cannot set CondChgd (bit 63): the core must never try. */
static void fake_status_set(u64 val)
{
	if (val & FAKE_STATUS_SET_RSVD)
		mpmu_fake.rsvd++;
	mpmu_fake.gstatus |= val & ~FAKE_STATUS_SET_RSVD;
}

/*
 * AMD: counters and selectors change only with PerfCntrGlobalCtl 0; with
 * it on, a selector that counts must be GuestOnly or it counts the host.
 */
static void fake_amd_check_host_counting(void)
{
	u32 i;

	for (i = 0; i < mpmu_fake.nr_gp; i++)
		if (mpmu_fake.gctl & BIT_ULL(i) &&
		    mpmu_fake.gp_sel[i] & MPMU_EVTSEL_EN &&
		    !(mpmu_fake.gp_sel[i] & MPMU_AMD_EVTSEL_GUESTONLY))
			mpmu_fake.host_count++;
}

static void fake_amd_wrmsr(u32 msr, u64 val)
{
	u32 i = (msr - MPMU_MSR_AMD_PERF_CTL0) / MPMU_MSR_AMD_STRIDE;

	if (in_range(msr, MPMU_MSR_AMD_PERF_CTL0,
		     MPMU_MSR_AMD_STRIDE * mpmu_fake.nr_gp)) {
		if ((msr - MPMU_MSR_AMD_PERF_CTL0) % MPMU_MSR_AMD_STRIDE)
			fake_quiet_write(&mpmu_fake.gp_ctr[i], val,
					 FAKE_RSVD_CTR);
		else
			fake_quiet_write(&mpmu_fake.gp_sel[i], val, 0);
	} else if (msr == MPMU_MSR_AMD_GLOBAL_CTL) {
		mpmu_fake.gctl = val;
		fake_amd_check_host_counting();
	} else if (msr == MPMU_MSR_AMD_GLOBAL_STATUS_CLR) {
		mpmu_fake.gstatus &= ~val;
	} else if (msr == MPMU_MSR_AMD_GLOBAL_STATUS_SET) {
		if (val & ~(BIT_ULL(mpmu_fake.nr_gp) - 1))
			mpmu_fake.rsvd++;
		mpmu_fake.gstatus |= val & (BIT_ULL(mpmu_fake.nr_gp) - 1);
	} else {
		mpmu_fake.bad_msr++;	/* includes read-only GlobalStatus */
	}
}

void mpmu_hw_wrmsr(u32 msr, u64 val)
{
	fake_log(MPMU_TR_WRMSR, msr, val);

	if (mpmu_fake.amd)
		fake_amd_wrmsr(msr, val);
	else if (in_range(msr, MPMU_MSR_IA32_A_PMC0, mpmu_fake.nr_gp))
		fake_quiet_write(&mpmu_fake.gp_ctr[msr - MPMU_MSR_IA32_A_PMC0],
				 val, FAKE_RSVD_CTR);
	else if (in_range(msr, MPMU_MSR_IA32_PERFEVTSEL0, mpmu_fake.nr_gp))
		fake_quiet_write(&mpmu_fake.gp_sel[msr - MPMU_MSR_IA32_PERFEVTSEL0],
				 val, 0);
	else if (in_range(msr, MPMU_MSR_IA32_FIXED_CTR0, mpmu_fake.nr_fixed))
		fake_quiet_write(&mpmu_fake.fx_ctr[msr - MPMU_MSR_IA32_FIXED_CTR0],
				 val, FAKE_RSVD_CTR);
	else if (msr == MPMU_MSR_IA32_FIXED_CTR_CTRL)
		fake_quiet_write(&mpmu_fake.fx_ctrl, val, 0);
	else if (msr == MPMU_MSR_IA32_PERF_GLOBAL_CTRL)
		mpmu_fake.gctl = val;
	else if (msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_RESET)
		mpmu_fake.gstatus &= ~val;
	else if (msr == MPMU_MSR_IA32_PERF_GLOBAL_STATUS_SET)
		fake_status_set(val);
	else if (msr == MPMU_MSR_IA32_PERF_METRICS)
		mpmu_fake.metrics = val;
	else
		mpmu_fake.bad_msr++;	/* includes read-only GLOBAL_STATUS */
}

u64 mpmu_hw_rdmsr(u32 msr)
{
	u64 val = 0;

	if (msr == (mpmu_fake.amd ? MPMU_MSR_AMD_GLOBAL_STATUS :
				    MPMU_MSR_IA32_PERF_GLOBAL_STATUS))
		val = mpmu_fake.gstatus;
	else if (mpmu_fake.amd && msr == MPMU_MSR_AMD_GLOBAL_CTL)
		val = mpmu_fake.gctl;
	else
		mpmu_fake.bad_msr++;
	fake_log(MPMU_TR_RDMSR, msr, val);
	return val;
}

u64 mpmu_hw_rdpmc(u32 ecx)
{
	u64 val = 0;

	if (ecx < mpmu_fake.nr_gp)
		val = mpmu_fake.gp_ctr[ecx];
	else if (in_range(ecx, MPMU_RDPMC_FIXED, mpmu_fake.nr_fixed))
		val = mpmu_fake.fx_ctr[ecx - MPMU_RDPMC_FIXED];
	else if (ecx == MPMU_RDPMC_METRICS && !mpmu_fake.amd)
		val = mpmu_fake.metrics;
	else
		mpmu_fake.bad_msr++;
	fake_log(MPMU_TR_RDPMC, ecx, val);
	return val;
}

u64 mpmu_hw_vmcs_read64(u32 field)
{
	u64 val = 0;

	if (field == MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL)
		val = mpmu_fake.vmcs_guest_gctl;
	else if (field == MPMU_VMCS_HOST_PERF_GLOBAL_CTRL)
		val = mpmu_fake.vmcs_host_gctl;
	else
		mpmu_fake.bad_msr++;
	fake_log(MPMU_TR_VMREAD, field, val);
	return val;
}

void mpmu_hw_vmcs_write64(u32 field, u64 val)
{
	fake_log(MPMU_TR_VMWRITE, field, val);
	if (field == MPMU_VMCS_GUEST_PERF_GLOBAL_CTRL)
		mpmu_fake.vmcs_guest_gctl = val;
	else if (field == MPMU_VMCS_HOST_PERF_GLOBAL_CTRL)
		mpmu_fake.vmcs_host_gctl = val;
	else
		mpmu_fake.bad_msr++;
}

