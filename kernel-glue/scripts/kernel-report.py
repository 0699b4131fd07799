#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""build/results/kernel.json: what `make kernel` ran on what, from the
files its steps left (kernel.env, tree.json, calls.json, qemu/boot.json,
sparse.txt, stack.txt, kernel.txt).  The audit report and README quote
it; the "not_run_here" list is the one place that says what this
machine cannot run.

usage: kernel-report.py WORK RESULTS
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "scripts"))
import provenance  # noqa: E402

NOT_RUN_HERE = [
    "kvm-intel.ko is built, checkpatch'd, sparse-checked and its call "
    "chains are read off its machine code, but it is never loaded: QEMU "
    "TCG does not emulate VMX, and this machine kind cannot run a nested "
    "guest with -enable-kvm.",
    "No real PMU: QEMU TCG has none (\"PMU not available due to "
    "virtualization\"), so KVM keeps the mediated PMU off "
    "(enable_mediated_pmu reads N after kvm-amd.ko loads) and the guest's "
    "KVM_RUN passes kvm_mediated_pmu_load()/put() without reaching the "
    "core.  The core and KVM's mapping (mpmu_kvm.c) run in the same boot "
    "on a fake register file (mpmu-kvm-test.ko), not on hardware.",
    "The RDMSR/WRMSR/RDPMC/VMREAD/VMWRITE accessors (mpmu_glue*.c) are "
    "compiled and linked into the modules, but never execute here.",
]


def load(path):
    try:
        return json.load(open(path))
    except (OSError, ValueError):
        return None


def text(path):
    try:
        return open(path).read().strip()
    except OSError:
        return None


def main():
    work, res = sys.argv[1], sys.argv[2]
    env = {}
    for line in (text(os.path.join(work, "kernel.env")) or "").splitlines():
        k, _, v = line.partition("=")
        env[k] = v
    result = text(os.path.join(res, "kernel.txt")) or ""
    m = re.match(r"(\d+) passed, (\d+) failed", result)
    out = provenance.stamp("make kernel")
    out.update({
        "tree": "%s %s" % (env.get("KSRC_PKG", "?"), env.get("KSRC_VER", "?")),
        "image": env.get("KABI"),
        "series": load(os.path.join(res, "tree.json")),
        "series_applied": load(os.path.join(res, "tree.json")) is not None,
        "modules_built": [k for k in ("kvm.ko", "kvm-intel.ko", "kvm-amd.ko",
                                      "mpmu-kvm-test.ko")
                          if os.path.exists(os.path.join(
                              work, "linux", "arch", "x86", "kvm", k))],
        "sparse": text(os.path.join(res, "sparse.txt")),
        "stack": (text(os.path.join(res, "stack.txt")) or "").splitlines()[-1:],
        "calls": load(os.path.join(res, "calls.json")),
        "qemu": load(os.path.join(work, "qemu", "boot.json")),
        "steps_passed": int(m.group(1)) if m else None,
        "steps_failed": int(m.group(2)) if m else None,
        "not_run_here": NOT_RUN_HERE,
    })
    json.dump(out, open(os.path.join(res, "kernel.json"), "w"), indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
