#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Generate kernel-glue/patches/: the core and glue as a `git format-patch`
series against Linux 7.0.

usage: mkpatches.py TOP UPSTREAM OUTDIR
       mkpatches.py --core TOP OUTDIR

UPSTREAM is a git work tree of Linux at the base commit (BASE_COMMIT
below), or a scratch repository holding just the files the series touches
at that commit.  It is cloned into a temporary directory; nothing is
written to UPSTREAM.  The series is regenerated from src/, spec/ and
kernel-glue/ each time, so it never drifts from the proved files.

--core refreshes only patch 1, which adds the proved files and touches
no upstream file, so it needs no UPSTREAM: after a change to src/ or
spec/ alone, the series again carries the files Frama-C proves.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

BASE_COMMIT = "d374b89edbb9a8d552e03348f59287ff779b4c9d"
AUTHOR = "Mediated PMU Core Project <mpmu@example.invalid>"
SOB = "Signed-off-by: " + AUTHOR


# git format-patch options of the series; format-patch's --base needs the
# commit in the repository, so with_base() adds that trailer by hand.
FORMAT_PATCH = ["format-patch", "--no-signature", "--zero-commit",
                "--full-index"]


def with_base(text):
    return text.rstrip("\n") + "\n\nbase-commit: " + BASE_COMMIT + "\n"


def run(cwd, *cmd, inp=None):
    return subprocess.run(cmd, cwd=cwd, check=True, text=True, input=inp,
                          capture_output=True).stdout


def commit(work, subject, body):
    msg = subject + "\n\n" + body.strip() + "\n\n" + SOB + "\n"
    run(work, "git", "add", "-A")
    env_id = ["-c", "user.name=" + AUTHOR.split(" <")[0],
              "-c", "user.email=" + AUTHOR.split("<")[1].rstrip(">")]
    run(work, "git", *env_id, "commit", "-q", "-F", "-", inp=msg)


def sub(path, old, new):
    text = open(path).read()
    if text.count(old) != 1:
        sys.exit(f"mkpatches: {path}: anchor not found exactly once:\n{old}")
    open(path, "w").write(text.replace(old, new))


def unifdef70(top, src):
    return run(top, sys.executable,
               os.path.join(top, "kernel-glue/scripts/unifdef70.py"),
               inp=open(os.path.join(top, src)).read())


def core_objs(top):
    return sorted("mpmu/" + os.path.basename(f)[:-2] + ".o"
                  for f in glob.glob(os.path.join(top, "src/*.c")))


def amd_objs(top):
    # As in the 6.12 build (kvm-mpmu.mk): every core file but the *vmx*
    # ones (they call the VMCS accessors, which exist only in kvm-intel).
    return [o for o in core_objs(top)
            if "vmx" not in os.path.basename(o)] + ["mpmu/mpmu_glue.o"]


def kbuild_lines(var, objs):
    """`var += objs`, wrapped like the other multi-line lists of the
    KVM Makefile (continuation lines aligned under the first object)."""
    lines, cur = [], var + "\t\t+="
    for o in objs:
        if len((cur + " " + o).expandtabs(8)) > 76:
            lines.append(cur + " \\")
            cur = "\t\t\t  "
        cur += " " + o
    lines.append(cur)
    return "\n".join(lines) + "\n"


def patch1(top, work):
    d = os.path.join(work, "arch/x86/kvm/mpmu")
    os.makedirs(os.path.join(d, "spec"), exist_ok=True)
    # src/ and spec/ keep separate folders: both have an mpmu_vmx.h, and
    # quoted includes resolve in the including file's folder first.
    for f in sorted(glob.glob(os.path.join(top, "src/*.[ch]"))):
        shutil.copyfile(f, os.path.join(d, os.path.basename(f)))
    for f in sorted(glob.glob(os.path.join(top, "spec/*.h"))):
        shutil.copyfile(f, os.path.join(d, "spec", os.path.basename(f)))
    commit(work, "KVM: x86/pmu: Add a formally verified mediated PMU switch core", """
Add the mediated PMU context switch core: freestanding C that loads one
vCPU's guest PMU into hardware before VM-entry and saves and scrubs it
after VM-exit, with ACSL contracts proved by Frama-C/WP against a model
of the Intel PMU, VMX PERF_GLOBAL_CTRL and AMD PerfMonV2 (mpmu/spec/).

The proofs establish, among others, that no counter, selector or fixed
counter is written while PERF_GLOBAL_CTRL is non-zero, that
GLOBAL_STATUS is restored by RESET then SET with disjoint masks, that
after a put no guest-owned register holds guest state, and that
registers the guest does not own are left untouched.

The files are copied verbatim from the project that proves them and do
not include kernel headers (mpmu_types.h maps u8..u64 to <linux/types.h>
under __KERNEL__), so the proved text is the compiled text.  ACSL
contracts are /*@ ... @*/ comments and are invisible to the compiler.

Nothing is built yet; the accessors and the Kbuild hookup follow.""")


def intel_kbuild(top):
    return kbuild_lines("kvm-intel-y", core_objs(top) +
                        ["mpmu/mpmu_glue.o", "vmx/mpmu_glue_vmx.o"])


def patch2(top, work):
    d = os.path.join(work, "arch/x86/kvm")
    for name in ("mpmu_glue.h", "mpmu_glue.c"):
        open(os.path.join(d, "mpmu", name), "w").write(
            unifdef70(top, "kernel-glue/" + name))
    vmx = unifdef70(top, "kernel-glue/mpmu_glue_vmx.c").replace(
        '#include "mpmu_glue.h"', '#include "../mpmu/mpmu_glue.h"')
    open(os.path.join(d, "vmx/mpmu_glue_vmx.c"), "w").write(vmx)
    sub(os.path.join(d, "Makefile"),
        "obj-$(CONFIG_KVM_AMD)\t+= kvm-amd.o\n",
        "obj-$(CONFIG_KVM_AMD)\t+= kvm-amd.o\n\n"
        "# Mediated PMU switch core (formally verified) and its accessors.\n"
        "ccflags-y += -I $(srctree)/arch/x86/kvm/mpmu/spec\n"
        + intel_kbuild(top))
    commit(work, "KVM: VMX: Build the verified PMU core with its hardware accessors", """
Implement the accessor prototypes the core's proofs assume (mpmu_hw.h):
RDMSR, WRMSR, RDPMC, VMREAD/VMWRITE of 64-bit VMCS fields, and the read
of a VM-exit MSR-store slot.  Each accessor is one hardware operation and
nothing else, so that the trusted contracts are the instruction semantics
(the project's build rejects any branch or loop in these functions).

vmcs_read64()/vmcs_write64() check the field width at build time only
for constant fields.  The accessors forward a run-time field, so
mpmu_glue.h instead asserts at build time that every VMCS field and
control the core may pass (MPMU_VMCS_*, MPMU_VM_*) equals the kernel's
encoding and is a 64-bit "full" field, together with every MSR number,
RDPMC encoding and selector bit of the model.

The auto-store read clamps a missing slot (-ENOENT) with
array_index_nospec() instead of branching: the core only asks for an
MSR it put on the list, and a broken precondition still reads in
bounds.

Link the core and the accessors into kvm-intel.ko.""")


PMU_H_OLD = "\tconst u32 FIXED_COUNTER_BASE;\n\tconst u32 MSR_STRIDE;\n"
PMU_H_NEW = ("\tconst u32 FIXED_COUNTER_BASE;\n"
             "\t/*\n"
             "\t * mediated_load/mediated_put also switch the GP and fixed\n"
             "\t * counters and the selectors (one verified sequence, see\n"
             "\t * arch/x86/kvm/mpmu/): the generic PMC loops are skipped.\n"
             "\t */\n"
             "\tconst bool MEDIATED_OPS_SWITCH_PMCS;\n"
             "\tconst u32 MSR_STRIDE;\n")

LOAD_PMCS_OLD = """static void kvm_pmu_load_guest_pmcs(struct kvm_vcpu *vcpu)
{
\tstruct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
\tstruct kvm_pmc *pmc;
\tu32 i;

"""
LOAD_PMCS_NEW = """static void kvm_pmu_load_guest_pmcs(struct kvm_vcpu *vcpu)
{
\tstruct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
\tstruct kvm_pmc *pmc;
\tu32 i;

\t/* The vendor's mediated_load runs the verified core, PMCs included. */
\tif (kvm_pmu_ops.MEDIATED_OPS_SWITCH_PMCS)
\t\treturn;

"""
PUT_PMCS_OLD = """static void kvm_pmu_put_guest_pmcs(struct kvm_vcpu *vcpu)
{
\tstruct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
\tstruct kvm_pmc *pmc;
\tu32 i;

"""
PUT_PMCS_NEW = """static void kvm_pmu_put_guest_pmcs(struct kvm_vcpu *vcpu)
{
\tstruct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
\tstruct kvm_pmc *pmc;
\tu32 i;

\t/* The vendor's mediated_put ran the verified core, PMCs included. */
\tif (kvm_pmu_ops.MEDIATED_OPS_SWITCH_PMCS)
\t\treturn;

"""

INTEL_OLD = """static void intel_mediated_pmu_load(struct kvm_vcpu *vcpu)
{
\tstruct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
\tu64 global_status, toggle;

\trdmsrq(MSR_CORE_PERF_GLOBAL_STATUS, global_status);
\ttoggle = pmu->global_status ^ global_status;
\tif (global_status & toggle)
\t\twrmsrq(MSR_CORE_PERF_GLOBAL_OVF_CTRL, global_status & toggle);
\tif (pmu->global_status & toggle)
\t\twrmsrq(MSR_CORE_PERF_GLOBAL_STATUS_SET, pmu->global_status & toggle);

\twrmsrq(MSR_CORE_PERF_FIXED_CTR_CTRL, pmu->fixed_ctr_ctrl_hw);
}

static void intel_mediated_pmu_put(struct kvm_vcpu *vcpu)
{
\tstruct kvm_pmu *pmu = vcpu_to_pmu(vcpu);

\t/* MSR_CORE_PERF_GLOBAL_CTRL is already saved at VM-exit. */
\trdmsrq(MSR_CORE_PERF_GLOBAL_STATUS, pmu->global_status);

\t/* Clear hardware MSR_CORE_PERF_GLOBAL_STATUS MSR, if non-zero. */
\tif (pmu->global_status)
\t\twrmsrq(MSR_CORE_PERF_GLOBAL_OVF_CTRL, pmu->global_status);

\t/*
\t * Clear hardware FIXED_CTR_CTRL MSR to avoid information leakage and
\t * also to avoid accidentally enabling fixed counters (based on guest
\t * state) while running in the host, e.g. when setting global ctrl.
\t */
\tif (pmu->fixed_ctr_ctrl_hw)
\t\twrmsrq(MSR_CORE_PERF_FIXED_CTR_CTRL, 0);
}
"""
INTEL_NEW = """/* IA32_PERF_CAPABILITIES bit 15: the host has PERF_METRICS (SDM vol. 4). */
static bool intel_host_has_perf_metrics(void)
{
\tu64 caps = 0;

\tif (boot_cpu_has(X86_FEATURE_PDCM))
\t\trdmsrq(MSR_IA32_PERF_CAPABILITIES, caps);
\treturn caps & BIT_ULL(15);
}

/*
 * struct kvm_pmu <-> the verified core's context.  The core validates the
 * context (counts, reserved bits) before touching hardware; a rejected
 * context is a KVM bug.
 */
static void intel_pmu_to_mpmu_ctx(struct kvm_pmu *pmu, struct mpmu_ctx *ctx)
{
\tu32 i;

\tBUILD_BUG_ON(KVM_MAX_NR_INTEL_GP_COUNTERS > MPMU_MAX_GP);
\tBUILD_BUG_ON(KVM_MAX_NR_INTEL_FIXED_COUNTERS > MPMU_MAX_FIXED);

\tmemset(ctx, 0, sizeof(*ctx));
\tctx->vendor = MPMU_VENDOR_INTEL;
\tctx->nr_gp = pmu->nr_arch_gp_counters;
\tctx->nr_fixed = pmu->nr_arch_fixed_counters;
\tctx->host_nr_gp = kvm_pmu_cap.num_counters_gp;
\tctx->host_nr_fixed = kvm_pmu_cap.num_counters_fixed;
\tfor (i = 0; i < pmu->nr_arch_gp_counters; i++) {
\t\tctx->gp_counter[i] = pmu->gp_counters[i].counter;
\t\tctx->gp_eventsel[i] = pmu->gp_counters[i].eventsel;
\t\tctx->gp_eventsel_hw[i] = pmu->gp_counters[i].eventsel_hw;
\t}
\tfor (i = 0; i < pmu->nr_arch_fixed_counters; i++)
\t\tctx->fixed_counter[i] = pmu->fixed_counters[i].counter;
\tctx->fixed_ctr_ctrl = pmu->fixed_ctr_ctrl;
\tctx->fixed_ctr_ctrl_hw = pmu->fixed_ctr_ctrl_hw;
\tctx->global_ctrl = pmu->global_ctrl;
\tctx->global_status = pmu->global_status;
\tctx->counter_rsvd = ~pmu->counter_bitmask[KVM_PMC_GP];
\tctx->fixed_counter_rsvd = ~pmu->counter_bitmask[KVM_PMC_FIXED];
\t/* IN_TX_CHECKPOINTED is legal on counter 2: checked by set_msr. */
\tctx->eventsel_rsvd = pmu->reserved_bits & ~HSW_IN_TX_CHECKPOINTED;
\tctx->fixed_ctr_ctrl_rsvd = pmu->fixed_ctr_ctrl_rsvd;
\tctx->global_ctrl_rsvd = pmu->global_ctrl_rsvd;
\tctx->global_status_rsvd = pmu->global_status_rsvd;
\t/* GLOBAL_STATUS_SET cannot set CondChgd. */
\tctx->host_status_set_rsvd = MSR_CORE_PERF_GLOBAL_OVF_CTRL_COND_CHGD;
\t/* The core scrubs PERF_METRICS iff the host has it. */
\tif (intel_host_has_perf_metrics())
\t\tctx->flags |= MPMU_CTX_HOST_PERF_METRICS;
}

static void intel_mediated_pmu_load(struct kvm_vcpu *vcpu)
{
\tstruct mpmu_ctx ctx;

\tintel_pmu_to_mpmu_ctx(vcpu_to_pmu(vcpu), &ctx);
\tKVM_BUG_ON(mpmu_load_guest_context(&ctx), vcpu->kvm);
}

static void intel_mediated_pmu_put(struct kvm_vcpu *vcpu)
{
\tstruct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
\tstruct mpmu_ctx ctx;
\tu32 i;

\t/* MSR_CORE_PERF_GLOBAL_CTRL is already saved at VM-exit. */
\tintel_pmu_to_mpmu_ctx(pmu, &ctx);
\tif (KVM_BUG_ON(mpmu_put_guest_context(&ctx), vcpu->kvm))
\t\treturn;

\tfor (i = 0; i < pmu->nr_arch_gp_counters; i++)
\t\tpmu->gp_counters[i].counter = ctx.gp_counter[i];
\tfor (i = 0; i < pmu->nr_arch_fixed_counters; i++)
\t\tpmu->fixed_counters[i].counter = ctx.fixed_counter[i];
\tpmu->global_status = ctx.global_status;
}
"""


def patch3(top, work):
    d = os.path.join(work, "arch/x86/kvm")
    sub(os.path.join(d, "pmu.h"), PMU_H_OLD, PMU_H_NEW)
    sub(os.path.join(d, "pmu.c"), LOAD_PMCS_OLD, LOAD_PMCS_NEW)
    sub(os.path.join(d, "pmu.c"), PUT_PMCS_OLD, PUT_PMCS_NEW)
    p = os.path.join(d, "vmx/pmu_intel.c")
    sub(p, INTEL_OLD, INTEL_NEW)
    sub(p, "\t.FIXED_COUNTER_BASE = MSR_CORE_PERF_FIXED_CTR0,\n",
        "\t.FIXED_COUNTER_BASE = MSR_CORE_PERF_FIXED_CTR0,\n"
        "\t.MEDIATED_OPS_SWITCH_PMCS = true,\n")
    # The include goes right after the last local include of pmu_intel.c
    # when the full file is there; the excerpt has no include block.
    text = open(p).read()
    if '#include "pmu.h"\n' in text:
        text = text.replace('#include "pmu.h"\n',
                            '#include "pmu.h"\n#include "mpmu/mpmu.h"\n', 1)
    else:
        text = text.replace("/*\n * struct kvm_pmu <-> the verified core",
                            '#include "mpmu/mpmu.h"\n\n'
                            "/*\n * struct kvm_pmu <-> the verified core", 1)
    open(p, "w").write(text)
    commit(work, "KVM: x86/pmu: Switch the Intel mediated PMU through the verified core", """
Replace the bodies of intel_mediated_pmu_load() and
intel_mediated_pmu_put() with calls into the verified core, and skip
kvm_pmu_load_guest_pmcs()/kvm_pmu_put_guest_pmcs() for vendors whose
mediated ops switch the counters themselves
(kvm_pmu_ops.MEDIATED_OPS_SWITCH_PMCS): the core's load is one proved
sequence of PERF_GLOBAL_CTRL := 0, counters (a counter whose RDPMC value
already matches is not rewritten) and selectors from eventsel_hw, the
fixed counters, GLOBAL_STATUS via RESET then SET, and FIXED_CTR_CTRL;
its put saves and clears GLOBAL_STATUS, clears FIXED_CTR_CTRL, then
saves and zeroes the counters and selectors.  The generic-before-vendor
(load) and vendor-before-generic (put) order of upstream is kept inside
the core.

struct kvm_pmu is mapped to the core's struct mpmu_ctx on the stack (no
new state in struct kvm_pmu); counters and GLOBAL_STATUS are copied back
after a put.  The core rejects an inconsistent context before any
hardware access; that is a KVM bug (KVM_BUG_ON).

The core writes PERF_GLOBAL_CTRL := 0 itself, as its proofs cannot
assume the caller did; kvm_mediated_pmu_load() keeps its own write for
AMD, so Intel pays one extra WRMSR per load.

The core's contracts (mpmu/mpmu.h) assume, for Intel:
 - A_host_model: the context describes this host: counter counts from
   kvm_pmu_cap, and MPMU_CTX_HOST_PERF_METRICS set exactly when the host
   enumerates PERF_METRICS (IA32_PERF_CAPABILITIES bit 15), so that put
   scrubs MSR_PERF_METRICS there.  XXX: kvm_pmu_cap caps the fixed
   counters at three, so on a host with four (Icelake and later)
   host_nr_fixed is one short of what the proofs assume; the count
   should come from perf's uncapped capability.  XXX: the metrics flag
   costs one RDMSR per switch; keeping it in kvm_host would read it
   once.
 - A_metrics_hidden: 7.0 does not give guests PERF_METRICS, so on a host
   that has it RDPMC must exit.  It does: such hosts (Icelake and later)
   enumerate four fixed counters, above KVM's cap of three, so
   kvm_need_rdpmc_intercept() keeps RDPMC intercepted.
 - A_exit_gctl_zero, A_selectors_intercepted: VM-exit loads the host's
   PERF_GLOBAL_CTRL, which perf_load_guest_context() left 0, and the
   event selectors and FIXED_CTR_CTRL stay intercepted for a mediated
   vPMU, so hardware holds eventsel_hw / fixed_ctr_ctrl_hw at put.
 - A_rsvd_model: the masks are KVM's own reserved masks.

AMD keeps the generic PMC loops until the next patch switches it too.""")


AMD_OLD = """static void amd_mediated_pmu_load(struct kvm_vcpu *vcpu)
{
\tstruct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
\tu64 global_status;

\trdmsrq(MSR_AMD64_PERF_CNTR_GLOBAL_STATUS, global_status);
\t/* Clear host global_status MSR if non-zero. */
\tif (global_status)
\t\twrmsrq(MSR_AMD64_PERF_CNTR_GLOBAL_STATUS_CLR, global_status);

\twrmsrq(MSR_AMD64_PERF_CNTR_GLOBAL_STATUS_SET, pmu->global_status);
\twrmsrq(MSR_AMD64_PERF_CNTR_GLOBAL_CTL, pmu->global_ctrl);
}

static void amd_mediated_pmu_put(struct kvm_vcpu *vcpu)
{
\tstruct kvm_pmu *pmu = vcpu_to_pmu(vcpu);

\twrmsrq(MSR_AMD64_PERF_CNTR_GLOBAL_CTL, 0);
\trdmsrq(MSR_AMD64_PERF_CNTR_GLOBAL_STATUS, pmu->global_status);

\t/* Clear global status bits if non-zero */
\tif (pmu->global_status)
\t\twrmsrq(MSR_AMD64_PERF_CNTR_GLOBAL_STATUS_CLR, pmu->global_status);
}
"""
AMD_NEW = """/*
 * struct kvm_pmu <-> the verified core's context (PerfMonV2).  The core
 * validates the context (counts, reserved bits) before touching hardware;
 * a rejected context is a KVM bug.
 */
static void amd_pmu_to_mpmu_ctx(struct kvm_pmu *pmu, struct mpmu_ctx *ctx)
{
\tu32 i;

\tBUILD_BUG_ON(KVM_MAX_NR_AMD_GP_COUNTERS > MPMU_AMD_MAX_GP);

\tmemset(ctx, 0, sizeof(*ctx));
\tctx->vendor = MPMU_VENDOR_AMD;
\tctx->nr_gp = pmu->nr_arch_gp_counters;
\tctx->host_nr_gp = kvm_pmu_cap.num_counters_gp;
\tfor (i = 0; i < pmu->nr_arch_gp_counters; i++) {
\t\tctx->gp_counter[i] = pmu->gp_counters[i].counter;
\t\tctx->gp_eventsel[i] = pmu->gp_counters[i].eventsel;
\t\tctx->gp_eventsel_hw[i] = pmu->gp_counters[i].eventsel_hw;
\t}
\tctx->global_ctrl = pmu->global_ctrl;
\tctx->global_status = pmu->global_status;
\tctx->counter_rsvd = ~pmu->counter_bitmask[KVM_PMC_GP];
\t/* GuestOnly/HostOnly are KVM's to set in eventsel_hw, not the guest's. */
\tctx->eventsel_rsvd = pmu->reserved_bits &
\t\t\t     ~(AMD64_EVENTSEL_GUESTONLY | AMD64_EVENTSEL_HOSTONLY);
\t/* No fixed counters. */
\tctx->fixed_counter_rsvd = ~0ull;
\tctx->fixed_ctr_ctrl_rsvd = ~0ull;
\t/*
\t * The GP counter mask: for a PerfMonV1 guest, pmu->global_ctrl_rsvd
\t * stays ~0 while kvm_pmu_refresh() sets pmu->global_ctrl to all GP
\t * enables; for PerfMonV2 both masks are equal.
\t */
\tctx->global_ctrl_rsvd = ~(BIT_ULL(pmu->nr_arch_gp_counters) - 1);
\tctx->global_status_rsvd = ctx->global_ctrl_rsvd;
\t/* PerfCntrGlobalStatusSet sets the core counters' overflow bits. */
\tctx->host_status_set_rsvd = ~(BIT_ULL(kvm_pmu_cap.num_counters_gp) - 1);
}

static void amd_mediated_pmu_load(struct kvm_vcpu *vcpu)
{
\tstruct mpmu_ctx ctx;

\tamd_pmu_to_mpmu_ctx(vcpu_to_pmu(vcpu), &ctx);
\tKVM_BUG_ON(mpmu_load_guest_context(&ctx), vcpu->kvm);
}

static void amd_mediated_pmu_put(struct kvm_vcpu *vcpu)
{
\tstruct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
\tstruct mpmu_ctx ctx;
\tu32 i;

\tamd_pmu_to_mpmu_ctx(pmu, &ctx);
\tif (KVM_BUG_ON(mpmu_put_guest_context(&ctx), vcpu->kvm))
\t\treturn;

\tfor (i = 0; i < pmu->nr_arch_gp_counters; i++)
\t\tpmu->gp_counters[i].counter = ctx.gp_counter[i];
\tpmu->global_status = ctx.global_status;
}
"""


def patch4(top, work):
    d = os.path.join(work, "arch/x86/kvm")
    p = os.path.join(d, "svm/pmu.c")
    sub(p, AMD_OLD, AMD_NEW)
    sub(p, "\t.FIXED_COUNTER_BASE = 0,\n",
        "\t.FIXED_COUNTER_BASE = 0,\n"
        "\t.MEDIATED_OPS_SWITCH_PMCS = true,\n")
    sub(p, '#include "svm.h"\n', '#include "svm.h"\n#include "mpmu/mpmu.h"\n')
    intel = intel_kbuild(top)
    sub(os.path.join(d, "Makefile"), intel,
        intel + kbuild_lines("kvm-amd-y", amd_objs(top)))
    commit(work, "KVM: SVM: Switch the AMD mediated PMU through the verified core", """
RFC, compile-untested against 7.0 (see the XXX notes): replace the
bodies of amd_mediated_pmu_load() and amd_mediated_pmu_put() with calls
into the verified core's AMD PerfMonV2 switch, and set
MEDIATED_OPS_SWITCH_PMCS in amd_pmu_ops so that
kvm_pmu_load_guest_pmcs()/kvm_pmu_put_guest_pmcs() leave the counters
and selectors to the core, as for Intel.

The core's load is one proved sequence: PerfCntrGlobalCtl := 0,
counters (a counter whose RDPMC value already matches is not rewritten)
and selectors, status via PerfCntrGlobalStatusClr then
PerfCntrGlobalStatusSet, and the guest's PerfCntrGlobalCtl last.  A
selector that can count is written with GuestOnly set and HostOnly
clear, one that cannot (EN clear) is written 0.  Its put zeroes
PerfCntrGlobalCtl first, saves and clears the status, then saves and
zeroes the counters and the selectors load enabled.  SVM does not
switch PerfCntrGlobalCtl at VMRUN/#VMEXIT; the proofs cover that order
(REQ-AMD-ORDER) and that no guest event counts host code while
PerfCntrGlobalCtl is non-zero in host mode (REQ-AMD-GUESTONLY).

struct kvm_pmu is mapped to struct mpmu_ctx on the stack, as for Intel;
counters and the status are copied back after a put.  Two masks are not
taken from struct kvm_pmu as they stand:
 - eventsel_rsvd drops GuestOnly/HostOnly from pmu->reserved_bits: they
   are reserved for the guest, but eventsel_hw carries GuestOnly by
   KVM's own doing (amd_pmu_set_msr()), and the core forces it anyway.
 - global_ctrl_rsvd is the mask of the guest's GP counters: for a
   PerfMonV1 guest pmu->global_ctrl_rsvd stays ~0 while
   kvm_pmu_refresh() sets pmu->global_ctrl to all GP enables, which
   hardware needs; for a PerfMonV2 guest the two masks are equal.

The core's contracts (mpmu/mpmu.h) assume, for AMD:
 - A_host_model: the context describes this host.  The vendor is AMD
   (amd_pmu_ops); host_nr_gp is kvm_pmu_cap.num_counters_gp, perf's
   count capped at KVM_MAX_NR_AMD_GP_COUNTERS (6, what PerfMonV2 parts
   have so far); host_status_set_rsvd allows the overflow bits of those
   counters only.  XXX: both come from kvm_pmu_cap, not from CPUID
   0x80000022 or the PPR; on a part with more core counters, or whose
   PerfCntrGlobalStatusSet accepts more bits, the equality the proofs
   assume does not hold (the core still touches only the guest's
   counters and sets only counter bits).
 - A_rsvd_model: the masks cover the host's reserved bits: 48-bit
   counters (counter_bitmask), PERF_CTL bits 19, 21, 36-39 and 42-63,
   no fixed counters, PerfCntrGlobalCtl bits above the guest's counters
   (amd_pmu_refresh() caps those at the host's).
 - A_host_events_off (load): no selector of a counter the guest does
   not own is enabled.  Upstream: kvm_mediated_pmu_load() calls
   perf_load_guest_context() before mediated_load, which schedules out
   all exclude_guest events, and perf refuses events that include the
   guest while a VM with a mediated vPMU exists.  The core does not
   check it.
 - A_amd_host_quiet, A_amd_selectors_intercepted (put): nothing counts
   in host mode when put starts, and each guest selector still holds
   what load wrote.  Upstream: PERF_CTLn stay intercepted for a
   mediated vPMU (only the counters and the global MSRs are passed
   through), eventsel_hw changes only in KVM_REQ_PMU handling and MSR
   emulation, which run outside the load..put window, and unowned
   selectors are off as above.
 - A_metrics_hidden and A_exit_gctl_zero concern Intel only.
A context the core rejects (a count or a reserved bit) is a KVM bug
(KVM_BUG_ON); the core checks it before any hardware access.

kvm_mediated_pmu_load() keeps its PerfCntrGlobalCtl := 0 before
perf_load_guest_lvtpc(); the core writes it again, as its proofs cannot
assume it, so AMD pays one extra WRMSR per load.  The PerfCntrGlobalCtl
read in svm_vcpu_run() after #VMEXIT is unchanged (the core's
mpmu_amd_refresh_global_ctrl() is the same RDMSR).

XXX: kvm-amd-y lists the objects kvm-intel-y already has (all but the
VMX ones).  Kbuild links a copy into each module, and one into vmlinux
when both are built in, but W=1 warns that they are "added to multiple
modules".  The alternative is to build the vendor-neutral core and
mpmu_glue.o into kvm.ko and export mpmu_load_guest_context() and
mpmu_put_guest_context() with EXPORT_SYMBOL_FOR_KVM_INTERNAL, keeping
mpmu_vmx.o and the VMX accessors in kvm-intel.""")


VMX_OLD = """\tif (!cpu_has_save_perf_global_ctrl()) {
\t\tint slot = vmx_find_loadstore_msr_slot(&vmx->msr_autostore,
\t\t\t\t\t\t       MSR_CORE_PERF_GLOBAL_CTRL);

\t\tif (WARN_ON_ONCE(slot < 0))
\t\t\treturn;

\t\tpmu->global_ctrl = vmx->msr_autostore.val[slot].value;
\t\tvmcs_write64(GUEST_IA32_PERF_GLOBAL_CTRL, pmu->global_ctrl);
\t\treturn;
\t}

\tpmu->global_ctrl = vmcs_read64(GUEST_IA32_PERF_GLOBAL_CTRL);
}
"""
VMX_NEW = """\t/*
\t * The verified core reads the GUEST_IA32_PERF_GLOBAL_CTRL field (VM-exit
\t * "save" control) or the MSR-store slot (Skylake/Icelake) and writes an
\t * auto-stored value back to the VMCS field for the next VM-entry.  A
\t * failed VM-entry never gets here (see vmx_vcpu_run()).
\t *
\t * XXX (mpmu): only ctx.global_ctrl is used; a per-vCPU struct mpmu_ctx
\t * would avoid materialising one here on every VM-exit, and cfg should
\t * come from mpmu_vmx_configure() once the VMCS controls are set up by
\t * the core.
\t */
\tmpmu_vmx_refresh_global_ctrl(&ctx, &cfg, 0);
\tpmu->global_ctrl = ctx.global_ctrl;
}
"""

VMX_DECL_OLD = """\tstruct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
\tstruct vcpu_vmx *vmx = to_vmx(vcpu);

\tif (msr_write_intercepted(vmx, MSR_CORE_PERF_GLOBAL_CTRL))
"""
VMX_DECL_NEW = """\tstruct kvm_pmu *pmu = vcpu_to_pmu(vcpu);
\tstruct vcpu_vmx *vmx = to_vmx(vcpu);
\tstruct mpmu_vmx_cfg cfg = {
\t\t.use_autostore = !cpu_has_save_perf_global_ctrl(),
\t};
\tstruct mpmu_ctx ctx;

\tif (msr_write_intercepted(vmx, MSR_CORE_PERF_GLOBAL_CTRL))
"""


def patch5(top, work):
    p = os.path.join(work, "arch/x86/kvm/vmx/vmx.c")
    sub(p, VMX_OLD, VMX_NEW)
    sub(p, VMX_DECL_OLD, VMX_DECL_NEW)
    # XXX: mid-file include: the hunk anchors only on text verified
    # against upstream; move it to the include block on a full tree.
    sub(p, "static void vmx_refresh_guest_perf_global_control(",
        '#include "mpmu/mpmu_vmx.h"\n\n'
        "static void vmx_refresh_guest_perf_global_control(")
    commit(work, "KVM: VMX: Refresh guest PERF_GLOBAL_CTRL through the verified core", """
RFC, compile-untested against 7.0 (see the XXX notes): replace the body
of vmx_refresh_guest_perf_global_control(), after the intercept check,
with the core's mpmu_vmx_refresh_global_ctrl().  It reads the guest value
from the VMCS field when the VM-exit "save PERF_GLOBAL_CTRL" control
exists and from the VM-exit MSR-store list otherwise (Skylake, Icelake),
and writes an auto-stored value back into the VMCS field so that the next
VM-entry loads it.  Its proof covers both paths (the core's REQ-SKL and
REQ-ROUNDTRIP), including the write-back that upstream v5 lacked.

The accessors it uses are those of the previous patches
(mpmu_hw_vmcs_read64/write64 with build-time checked field constants,
mpmu_hw_autostore_read).

The configuration is derived from cpu_has_save_perf_global_ctrl() as
vmx_recalc_pmu_msr_intercepts() does; the include sits next to the
function only because the series was checked against excerpts of vmx.c.""")


def refresh_core(top, out):
    """Patch 1 of OUTDIR with its stat and diff regenerated from src/ and
    spec/ (commit message and date kept)."""
    old = sorted(glob.glob(os.path.join(out, "0001-*.patch")))
    if len(old) != 1:
        sys.exit("mkpatches: no single 0001-*.patch in " + out)
    text = open(old[0]).read()
    head = text.split("\n" + SOB + "\n---\n", 1)
    if len(head) != 2:
        sys.exit("mkpatches: %s: no sign-off line" % old[0])
    with tempfile.TemporaryDirectory() as tmp:
        run(tmp, "git", "init", "-q")
        run(tmp, "git", "-c", "user.name=x", "-c", "user.email=x@x",
            "commit", "-q", "--allow-empty", "-m", "base")
        patch1(top, tmp)
        new = run(tmp, "git", *FORMAT_PATCH, "-1", "--stdout")
    body = new.split("\n" + SOB + "\n---\n", 1)[1]
    open(old[0], "w").write(with_base(head[0] + "\n" + SOB + "\n---\n" +
                                      body))
    print(os.path.basename(old[0]))


def main():
    if sys.argv[1:2] == ["--core"] and len(sys.argv) == 4:
        refresh_core(*(os.path.abspath(a) for a in sys.argv[2:4]))
        return
    top, upstream, out = (os.path.abspath(a) for a in sys.argv[1:4])
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "linux")
        run(tmp, "git", "clone", "-q", "--local", "--no-hardlinks",
            upstream, work)
        start = run(work, "git", "rev-parse", "HEAD").strip()
        patch1(top, work)
        patch2(top, work)
        patch3(top, work)
        patch4(top, work)
        patch5(top, work)
        for f in glob.glob(os.path.join(out, "*.patch")):
            os.remove(f)
        os.makedirs(out, exist_ok=True)
        run(work, "git", *FORMAT_PATCH, "-q", "-o", out, start + "..HEAD")
    for f in sorted(glob.glob(os.path.join(out, "*.patch"))):
        open(f, "w").write(with_base(open(f).read()))
    print("\n".join(sorted(os.path.basename(f)
                           for f in glob.glob(os.path.join(out, "*.patch")))))


if __name__ == "__main__":
    main()
