#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Render report/audit.md and report/audit.html from the machine outputs:
report/audit.json (proofs/prove.py), report/mutants.json (make mutants),
build/results/*.txt and report/coverage.json (make test), and
build/results/crosscheck.json (simulator contract cross-check).
No number in the report is typed by hand."""

import glob
import html
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPORT = os.path.join(ROOT, "report")


def load(path):
    p = os.path.join(ROOT, path)
    if os.path.exists(p):
        with open(p) as f:
            return json.load(f)
    return None


def results():
    out = []
    for p in sorted(glob.glob(os.path.join(ROOT, "build", "results",
                                           "*.txt"))):
        m = re.search(r"(\d+) passed, (\d+) failed", open(p).read())
        if m:
            out.append((os.path.basename(p)[:-4], int(m.group(1)),
                        int(m.group(2))))
    return out


# Where each caller obligation is discharged (prose; no figures).
DISCHARGE = {
    "A_host_model": "glue fills host counts, vendor and STATUS_SET mask "
                    "from CPUID/PERF_CAPABILITIES (kernel-glue); "
                    "simulator cross-check",
    "A_rsvd_model": "KVM derives guest reserved masks from guest CPUID, "
                    "a subset of the host's counters and widths; its "
                    "GLOBAL_CTRL mask reserves exactly the bits of counters "
                    "the guest lacks (intel_pmu_refresh, amd_pmu_refresh)",
    "A_host_events_off": "perf_load_guest_context() schedules host events "
                         "out before load (kernel)",
    "A_exit_gctl_zero": "VM-exit loads HOST_IA32_PERF_GLOBAL_CTRL = 0 "
                        "(proved in proofs/harness/roundtrip.c)",
    "A_amd_host_quiet": "proved in the AMD round trip "
                        "(proofs/harness/roundtrip_amd.c, "
                        "REQ_AMD_ROUNDTRIP_host_quiet): load's GuestOnly "
                        "selectors, selectors intercepted, host events "
                        "off (A_host_events_off)",
    "A_selectors_intercepted": "selectors and FIXED_CTR_CTRL always "
                               "intercepted (REQ-OWN); proved in the "
                               "round trip",
    "A_amd_selectors_intercepted": "proved in the AMD round trip "
                                   "(REQ_AMD_ROUNDTRIP_selectors): only "
                                   "load writes the PERF_CTL MSRs, which "
                                   "mpmu_intercept_decisions keeps "
                                   "intercepted (REQ-OWN)",
    "A_vmx_configured": "mpmu_vmx_configure (REQ-SKL) and the glue's "
                        "VMCS setup; round trip",
    "A_configured": "the glue calls mpmu_vmx_configure / "
                    "mpmu_amd_configure at module init and enables the "
                    "mediated PMU only on success (REQ_FEATURES_configured "
                    "establishes pmu_configured)",
    "A_caps_model": "the glue passes the host's CPUID.0AH, "
                    "PERF_CAPABILITIES and VMX capability MSRs (AMD: the "
                    "host PMU version), the values the ghost host model "
                    "stands for; simulator cross-check (sim_vmx_caps, "
                    "xc_ghost_from_config)",
    "A_pmi_masked": "the glue loads the guest's LVTPC "
                    "(perf_load_guest_lvtpc) before load and restores it "
                    "(perf_put_guest_lvtpc) after put: a PMU interrupt is "
                    "then a masked IRQ and perf's NMI handler returns at "
                    "once, so no host handler writes a PMU MSR in the "
                    "window (kernel arch/x86/events/core.c)",
    "A_vmcs_gctl_synced": "every write of the guest's GLOBAL_CTRL goes "
                          "through mpmu_vmx_write_global_ctrl "
                          "(REQ_ROUNDTRIP_write_guest_gctl), and the "
                          "refresh after each VM-exit keeps the VMCS field "
                          "equal to the context (REQ_ROUNDTRIP_next_entry, "
                          "proved in the round trip)",
    "A_autostore_slot": "vmx.c reads the MSR-store slot of "
                        "IA32_PERF_GLOBAL_CTRL (WARN_ON_ONCE and no refresh "
                        "if it is missing) and passes it; round trip "
                        "(mpmu_kvm_autostore_slot)",
}

OUT_OF_SCOPE = [
    ("Timing and microarchitectural channels",
     "Counting itself leaks through event counts influenced by the other "
     "domain's caches and predictors; no functional proof covers it."),
    ("NMIs and PMIs inside the switch",
     "The proof is sequential. KVM runs load/put with IRQs off, but PMIs "
     "are NMIs; the argument rests on GLOBAL_CTRL = 0 before any state "
     "changes and on perf's NMI handler ignoring NMIs while the guest "
     "LVTPC is loaded."),
    ("perf core",
     "perf_load/put_guest_context and the LVTPC switch stay in the kernel "
     "and are not verified."),
    ("Nested virtualization",
     "L1 and L2 share one PMU context; the merged MSR bitmaps of nested "
     "VMX/SVM are not modelled."),
    ("PEBS, LBR, DS area, GLOBAL_INUSE",
     "Disabled by KVM when the mediated PMU is enabled; not modelled."),
    ("Hardware errata",
     "The model is the SDM/APM text (spec/mpmu_hw.h); errata such as the "
     "Nehalem GLOBAL_CTRL clearing are excluded by KVM's enablement."),
    ("Compiler",
     "Frama-C proves the C source. The kernel compiles the same bytes with "
     "gcc; the compiler is trusted."),
]


def anchor(c):
    return "clause-%s-%s-%d" % (c["name"], re.sub(r"[^a-z0-9]", "-",
                                                  c["file"]), c["line"])


def md_table(rows, header):
    out = ["| " + " | ".join(header) + " |",
           "|" + "---|" * len(header)]
    for r in rows:
        out.append("| " + " | ".join(str(c).replace("|", "\\|")
                                     for c in r) + " |")
    return "\n".join(out)


def main():
    audit = load("report/audit.json")
    if audit is None:
        raise SystemExit("render_report: report/audit.json missing; "
                         "run make proof")
    mut = load("report/mutants.json")
    cov = load("report/coverage.json")
    cross = load("build/results/crosscheck.json")
    res = results()
    ident = audit["identification"]
    reqs = sorted(audit["requirements"],
                  key=lambda q: (q["status"] == "valid", q["id"]))
    tb = audit["trusted_base"]
    g = audit["goals"]

    md = ["# Audit report: mediated PMU context switch core", ""]
    # 1. Identification
    md += ["## 1. Identification", "",
           "- commit: `%s`%s" % (ident["commit"],
                                 " (working tree modified)"
                                 if ident.get("dirty") else ""),
           "- date: %s" % ident["date"],
           "- command: `%s`" % ident["command"],
           "- Why3 configuration: `%s` (project-local)" %
           ident["why3_config"],
           "- GLIBC_TUNABLES: `%s`" % (ident.get("glibc_tunables") or
                                      "(not set)"), ""]
    md.append(md_table([(k, v) for k, v in audit["tools"].items()],
                       ["tool", "version"]))
    md += ["", md_table([(f["path"], "`%s`" % f["sha256"])
                         for f in ident["files"]], ["file", "sha256"]), ""]
    # 2. Claims
    md += ["## 2. Claims", "",
           "Requirements that are not fully Valid come first.", ""]
    rows = []
    for q in reqs:
        cl = ", ".join("`%s` (%s:%d)" % (c["name"], c["file"], c["line"])
                       for c in q["clauses"]) or "WP-generated goals"
        pv = ", ".join("%s %d" % kv for kv in sorted(q["provers"].items()))
        rows.append((q["id"], q["prose"], cl, q["goals"],
                     q["status"].upper(), pv, "%.2fs" % q["max_time"]))
    md.append(md_table(rows, ["id", "requirement", "clauses", "goals",
                              "status", "provers", "max time"]))
    md.append("")
    # 3. Trusted base
    md += ["## 3. Trusted base", "", "### Accessor contracts (assumed)", ""]
    covered = set((cross or {}).get("covered", []))
    md.append(md_table([(a["function"], "%s:%d" % (a["file"], a["line"]),
                         a["reference"] or "-",
                         ", ".join(a["requirements"]) or "-",
                         "yes" if a.get("returns") else "no",
                         "yes" if a["function"] in covered else
                         ("no" if cross else "not run"))
                        for a in tb["accessors"]],
                       ["accessor", "where", "reference", "requirements",
                        "exits \\false", "simulator cross-check"]))
    md += ["", "Each accessor says `exits \\false` (it returns), so the "
           "dead-call smoke tests of `make proof` see its returning "
           "postcondition and frame (proofs/README.md, \"Smoke tests\")."]
    md += ["", "### Axioms", "",
           "%d axioms, admits or axiomatic blocks in spec/ and src/ "
           "(target: none)." % len(tb["axioms"]), ""]
    for a in tb["axioms"]:
        md.append("- %s:%d `%s`" % (a["file"], a["line"], a["text"]))
    md += ["", "### Glue (trusted, one operation per function)", ""]
    glue = []
    for path in sorted(glob.glob(os.path.join(ROOT, "kernel-glue", "*.c"))):
        text = open(path).read()
        for m in re.finditer(r"^\w[^\n;]*\b(mpmu_hw_\w+)\([^)]*\)\n\{(.*?)^\}",
                             text, re.S | re.M):
            body = [l for l in m.group(2).splitlines() if l.strip()]
            glue.append((m.group(1), os.path.relpath(path, ROOT),
                         len(body)))
    md.append(md_table(glue, ["function", "file", "body lines"])
              if glue else "No glue found.")
    md += ["", "### Caller obligations (named preconditions)", ""]
    md.append(md_table([(p["name"], p["function"],
                         "%s:%d" % (p["file"], p["line"]),
                         DISCHARGE.get(p["name"], "reviewed"))
                        for p in tb["preconditions"]],
                       ["assumption", "function", "where",
                        "discharged by"]))
    md += ["", "### Unsoundness warnings", "",
           "unjustified: %d; allowed with justification: %d" %
           (len(audit["warnings"]["unjustified"]),
            len(audit["warnings"]["allowed"])), ""]
    # 4. Evidence the proofs bite
    sm = audit["smoke"]
    md += ["## 4. Evidence that the proofs bite", "",
           "- smoke tests: %d run, %d passed, failed: %s" %
           (sm["total"], sm["passed"], ", ".join(sm["failed"]) or "none")]
    if sm.get("canary"):
        md.append("- smoke prover: %s, budget %d CVC4 resource units; the "
                  "canary (`%s` planted in `%s`) failed its smoke test, "
                  "as it must" % (sm["prover"], sm["rlimit"],
                                  sm["canary"]["planted"],
                                  sm["canary"]["function"]))
    if mut:
        md.append("- mutants: %d total, %d killed by proof, %d killed by "
                  "tests only, survived: %s" %
                  (mut["total"], mut["killed_by_proof"],
                   mut["killed_by_tests"],
                   ", ".join(mut["survived"]) or "none"))
        if mut.get("mutants"):
            md += ["", md_table([(m["id"], m.get("requirement", ""),
                                  m.get("result", ""),
                                  m.get("failing_goal", ""))
                                 for m in mut["mutants"]],
                                ["mutant", "requirement", "result",
                                 "failing goal"])]
    else:
        md.append("- mutants: not run yet (`make mutants`)")
    md.append("")
    # 5. Tests
    md += ["## 5. Tests", ""]
    if res:
        md.append(md_table(res, ["suite", "passed", "failed"]))
    else:
        md.append("No test results in build/results (`make test`).")
    simlog = os.path.join(ROOT, "build", "results", "sim.log")
    if os.path.exists(simlog):
        sw = re.findall(r"^switch/(\w+): (\d+) switches \((\d+) VM-entries, "
                        r"(\d+) failed", open(simlog).read(), re.M)
        if sw:
            md += ["", "Simulator switches executed (load + VM-entries + "
                   "exits + put, randomized; seed in build/results/sim.log):",
                   "", md_table([(c, n, e, f) for c, n, e, f in sw],
                                ["configuration", "switches", "VM-entries",
                                 "failed VM-entries"])]
    if cov:
        tot = cov.get("total", {})
        md += ["", "Coverage of src/ under the simulator tests (%s): "
               "lines %s%% (%s/%s), branches %s%% (%s/%s)." %
               (cov.get("tool", "gcov"), tot.get("line_coverage", "?"),
                tot.get("lines_covered", "?"), tot.get("lines", "?"),
                tot.get("branch_coverage", "?"),
                tot.get("branches_covered", "?"), tot.get("branches", "?"))]
    if cross:
        md += ["", "Contract cross-check (%s): " % cross.get("checker", "") +
               ", ".join("%s %d ops, %d disagreements" %
                         (c["config"], c["operations"],
                          c.get("disagreements", 0))
                         for c in cross.get("configs", []))]
    bench = os.path.join(ROOT, "report", "bench.csv")
    if os.path.exists(bench):
        import csv
        rows = list(csv.DictReader(open(bench)))
        md += ["", "Switch cost (`make bench`, report/bench.csv, "
               "report/bench.png): %d configurations, ours <= upstream in %d."
               % (len(rows), sum(1 for r in rows
                                 if "pass" in [str(v).lower()
                                               for v in r.values()]))]
    md.append("")
    # 6. Statistics
    md += ["## 6. Statistics", "",
           "- goals: %d total, %d valid, %d cached" %
           (g["total"], g["valid"], g.get("cached", 0)),
           "- wall time %.1fs, CPU time %s (every process of the run, "
           "provers included)" % (g["wall_time"], "%.1fs" % g["cpu_time"]
                                  if "cpu_time" in g else "not recorded"),
           "- goal times as WP logs them (Qed's, and a prover's except for "
           "goals proved through their prover hint, which WP logs without "
           "a time): max %.2fs, sum %.1fs" % (g["max_time"], g["sum_time"]),
           "- prover share: " + ", ".join(
               "%s %d" % kv for kv in sorted(g["provers"].items())),
           "- frama-c jobs: %d, longest %.1fs (each job's command is in "
           "audit.json, identification.jobs)" %
           (len(ident.get("jobs", [])),
            max([j["time"] for j in ident.get("jobs", [])] or [0.0])), ""]
    md.append(md_table([(f["name"], f["goals"], f["valid"],
                         "%.2fs" % f["time"]) for f in audit["functions"]],
                       ["function", "goals", "valid", "time"]))
    md.append("")
    # 7. Out of scope
    md += ["## 7. Out of scope and residual risks", ""]
    md += ["- **%s**: %s" % r for r in OUT_OF_SCOPE]
    md.append("")
    # 8. Reproduction
    d = audit.get("baseline_diff", {})
    md += ["## 8. Reproduction", "",
           "```", "make proof   # re-proves and rewrites report/",
           "make test    # tests, kernel build, report check", "```", "",
           "Against proofs/baseline.json: %d goals added, %d removed, %d "
           "changed status; assumptions added: %s; removed: %s; "
           "regressed requirements: %s." %
           (len(d.get("added", [])), len(d.get("removed", [])),
            len(d.get("changed", [])),
            ", ".join(d.get("assumptions_added", [])) or "none",
            ", ".join(d.get("assumptions_removed", [])) or "none",
            ", ".join(audit.get("baseline_regressions", [])) or "none"),
           ""]
    with open(os.path.join(REPORT, "audit.md"), "w") as f:
        f.write("\n".join(md))

    # HTML: same content, self-contained, claim rows link to clause anchors.
    e = html.escape
    h = ["<!DOCTYPE html><html><head><meta charset='utf-8'>",
         "<title>Audit: mediated PMU switch core</title><style>",
         "body{font-family:sans-serif;max-width:1200px;margin:auto}",
         "table{border-collapse:collapse;margin:8px 0}",
         "td,th{border:1px solid #999;padding:3px 6px;vertical-align:top}",
         ".valid{background:#cfc}.unknown,.failed{background:#f99;"
         "color:#900;font-weight:bold}code{font-size:90%}",
         "</style></head><body>",
         "<h1>Audit report: mediated PMU context switch core</h1>"]
    h.append("<h2>1. Identification</h2><ul>")
    h.append("<li>commit <code>%s</code>%s</li><li>date %s</li>"
             "<li>command <code>%s</code></li></ul>" %
             (e(ident["commit"]), " (modified)" if ident.get("dirty")
              else "", e(ident["date"]), e(ident["command"])))
    h.append("<table><tr><th>tool</th><th>version</th></tr>" +
             "".join("<tr><td>%s</td><td>%s</td></tr>" % (e(k), e(v))
                     for k, v in audit["tools"].items()) + "</table>")
    h.append("<table><tr><th>file</th><th>sha256</th></tr>" +
             "".join("<tr><td>%s</td><td><code>%s</code></td></tr>" %
                     (e(f["path"]), f["sha256"]) for f in ident["files"]) +
             "</table>")
    h.append("<h2>2. Claims</h2><table id='claims'><tr><th>id</th>"
             "<th>requirement</th><th>clauses</th><th>goals</th>"
             "<th>status</th><th>provers</th><th>max time</th></tr>")
    for q in reqs:
        cl = ", ".join("<a href='#%s'>%s</a> (%s:%d)" %
                       (anchor(c), e(c["name"]), e(c["file"]), c["line"])
                       for c in q["clauses"]) or "WP-generated goals"
        h.append("<tr class='claim' id='%s'><td>%s</td><td>%s</td>"
                 "<td>%s</td><td>%d</td><td class='status %s'>%s</td>"
                 "<td>%s</td><td>%.2fs</td></tr>" %
                 (e(q["id"]), e(q["id"]), e(q["prose"]), cl, q["goals"],
                  q["status"], q["status"].upper(),
                  e(", ".join("%s %d" % kv
                              for kv in sorted(q["provers"].items()))),
                  q["max_time"]))
    h.append("</table><h3>Clauses</h3><table><tr><th>clause</th>"
             "<th>kind</th><th>file:line</th><th>requirement</th>"
             "<th>status</th></tr>")
    for q in reqs:
        for c in q["clauses"]:
            h.append("<tr id='%s'><td><code>%s</code></td><td>%s"
                     "</td><td>%s:%d</td><td><a href='#%s'>%s</a></td>"
                     "<td class='%s'>%s</td></tr>" %
                     (anchor(c), e(c["name"]), e(c["kind"]),
                      e(c["file"]), c["line"], e(q["id"]), e(q["id"]),
                      q["status"], q["status"].upper()))
    h.append("</table>")
    # Sections 3-8 reuse the markdown text in preformatted blocks.
    rest = "\n".join(md)
    start = rest.index("## 3. Trusted base")
    for block in re.split(r"(?m)^## ", rest[start:]):
        if not block.strip():
            continue
        title, _, body = block.partition("\n")
        h.append("<h2>%s</h2><pre>%s</pre>" % (e(title), e(body)))
    png = os.path.join(ROOT, "report", "bench.png")
    if os.path.exists(png):
        import base64
        h.append("<h3>Switch cost chart</h3><img alt='bench' src='data:"
                 "image/png;base64,%s' style='max-width:100%%'>" %
                 base64.b64encode(open(png, "rb").read()).decode())
    h.append("</body></html>")
    with open(os.path.join(REPORT, "audit.html"), "w") as f:
        f.write("\n".join(h))
    print("render_report: wrote report/audit.md, report/audit.html")


if __name__ == "__main__":
    main()
