#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Show, from the built modules' machine code, that KVM's mediated PMU
paths call the verified core: `objdump -dr` of kvm.ko and kvm-intel.ko,
the call graph read from each function's call instructions (relocations
included: in a module, calls to other functions are relocated), and one
chain per path.  Also that the code the core replaced is gone from all
three modules.  Writes the chains found to RESULTS/calls.txt and
RESULTS/calls.json.

usage: check-calls.py KVM_DIR RESULTS
"""
import json
import os
import re
import subprocess
import sys

# (module, chain): each function must call (or tail-call) the next one;
# "a|b" where the compiler may have inlined a into b.
RUN_LOOP = "vcpu_enter_guest|vcpu_run|kvm_arch_vcpu_ioctl_run"
CHAINS = [
    ("kvm", [RUN_LOOP, "kvm_mediated_pmu_load", "kvm_mpmu_load",
             "mpmu_load_guest_context", "mpmu_intel_load_guest_context"]),
    ("kvm", ["mpmu_load_guest_context", "mpmu_amd_load_guest_context"]),
    ("kvm", [RUN_LOOP, "kvm_mediated_pmu_put", "kvm_mpmu_put",
             "mpmu_put_guest_context", "mpmu_intel_put_guest_context"]),
    ("kvm", ["mpmu_put_guest_context", "mpmu_amd_put_guest_context"]),
    ("kvm", ["kvm_init_pmu_capability", "kvm_mpmu_host_init"]),
    ("kvm-intel", ["vmx_refresh_guest_perf_global_control|vmx_vcpu_run",
                   "kvm_mpmu_vmx_refresh",
                   "mpmu_vmx_refresh_global_ctrl"]),
    ("kvm-intel", ["intel_pmu_is_mediated_pmu_supported",
                   "kvm_mpmu_vmx_configure", "mpmu_vmx_configure"]),
]
# What the series removed: no module may still define it.
GONE = ["kvm_pmu_load_guest_pmcs", "kvm_pmu_put_guest_pmcs",
        "intel_mediated_pmu_load", "intel_mediated_pmu_put",
        "amd_mediated_pmu_load", "amd_mediated_pmu_put"]

FUNC = re.compile(r"^[0-9a-f]+ <([^>]+)>:$")
CALL = re.compile(r"\s(?:call|jmp)\s+[0-9a-f]+\s+<([^>+]+)(?:\+0x[0-9a-f]+)?>")
RELOC = re.compile(r"R_X86_64_(?:PLT32|PC32)\s+([\w.]+?)(?:[-+]0x[0-9a-f]+)?$")


# A hardware access of the PMU's kind in a function's own body: the
# instruction, or the paravirt / native MSR helpers wrmsrq() and rdmsrq()
# become.
MSR_INSN = re.compile(r"\s(wrmsr|wrmsrns|rdmsr|rdpmc)\s*$")
MSR_CALL = re.compile(r"R_X86_64_\w+\s+(pv_ops|native_(?:read|write)_msr"
                      r"\w*|__(?:rd|wr)msr\w*|(?:rd|wr)msr\w*_safe\w*)\b")

# The switch's entry points on KVM's side: KVM's own MSR accesses around
# the core (upstream's PERF_GLOBAL_CTRL := 0) are gone, the core's are
# the only ones (bench's integrated figure relies on it).
NO_DIRECT_MSR = ("kvm_mediated_pmu_load", "kvm_mediated_pmu_put",
                 "kvm_mpmu_load", "kvm_mpmu_put", "kvm_mpmu_ctx_of",
                 "kvm_mpmu_sync", "kvm_mpmu_counted")


def call_graph(ko, msr=None):
    out = subprocess.run(["objdump", "-dr", "--no-show-raw-insn", ko],
                         check=True, text=True, capture_output=True).stdout
    graph, cur, pending = {}, None, None
    for line in out.splitlines():
        m = FUNC.match(line)
        if m:
            cur = re.sub(r"\.(cold|part|isra|constprop)(\.\d+)?$", "",
                         m.group(1))
            graph.setdefault(cur, set())
            pending = None
            continue
        if cur is None:
            continue
        if msr is not None and (MSR_INSN.search(line) or
                                MSR_CALL.search(line)):
            msr.setdefault(cur, []).append(line.strip())
        r = RELOC.search(line)
        if r and pending is not None:
            graph[cur].add(r.group(1))
            pending = None
            continue
        c = CALL.search(line)
        if c:
            if pending:
                graph[cur].add(pending)
            pending = c.group(1)
        elif pending and re.match(r"\s+[0-9a-f]+:", line):
            # No relocation: a call (or jump) within the function's own
            # section, to the symbol objdump named; jumps to itself are
            # branches, not calls.
            graph[cur].add(pending)
            pending = None
    return graph


def defined(ko):
    out = subprocess.run(["nm", ko], check=True, text=True,
                         capture_output=True).stdout
    return {l.split()[-1] for l in out.splitlines()
            if len(l.split()) == 3 and l.split()[1] in "tT"}


def main():
    kdir, res = sys.argv[1], sys.argv[2]
    msr = {}
    graphs = {m: call_graph(os.path.join(kdir, m + ".ko"),
                            msr if m == "kvm" else None)
              for m in ("kvm", "kvm-intel")}
    lines, ok, found = [], True, []
    for fn in NO_DIRECT_MSR:
        if msr.get(fn):
            lines.append("FAIL kvm.ko: %s accesses MSRs itself: %s" %
                         (fn, "; ".join(msr[fn])))
            ok = False
    lines.append("kvm.ko: no MSR access of its own in %s (present: %s)" %
                 (", ".join(NO_DIRECT_MSR),
                  ", ".join(f for f in NO_DIRECT_MSR if f in graphs["kvm"])))
    for mod, chain in CHAINS:
        g = graphs[mod]
        seen = []
        for a, b in zip(chain, chain[1:]):
            callers = [f for f in a.split("|") if b in g.get(f, ())]
            if not callers:
                lines.append("FAIL %s.ko: %s does not call %s" % (mod, a, b))
                ok = False
                break
            seen.append(callers[0])
        else:
            seen.append(chain[-1])
            lines.append("%s.ko: %s" % (mod, " -> ".join(seen)))
            found.append({"module": mod + ".ko", "chain": seen})
    for mod in ("kvm", "kvm-intel", "kvm-amd"):
        left = sorted(set(GONE) & defined(os.path.join(kdir, mod + ".ko")))
        if left:
            lines.append("FAIL %s.ko still defines %s" % (mod, ", ".join(left)))
            ok = False
    lines.append("gone from kvm.ko, kvm-intel.ko, kvm-amd.ko: " +
                 ", ".join(GONE))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    open(os.path.join(res, "calls.txt"), "w").write(text)
    json.dump({"chains": found, "removed": GONE, "ok": ok,
               "no_direct_msr": [f for f in NO_DIRECT_MSR
                                 if f in graphs["kvm"]]},
              open(os.path.join(res, "calls.json"), "w"), indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
