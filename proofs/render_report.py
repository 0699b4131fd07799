#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Render report/audit.md and report/audit.html from the machine outputs:
report/audit.json (proofs/prove.py), report/mutants.json (make mutants),
build/results/ (make test: result lines, run.json, sim.json,
crosscheck.json, kernel.json), report/coverage.json, report/fuzz.json
and report/soak.json (make fuzz, make soak), report/bench.csv.
No number in the report is typed by hand.

Both files are rendered from one list of blocks (headings, paragraphs,
lists, tables, code), so the HTML has real tables and code, never
Markdown in a <pre>. A summary box comes first; every section names the
run that produced it (command, date, commit)."""

import base64
import csv
import glob
import html
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPORT = os.path.join(ROOT, "report")
RESULTS = os.path.join(ROOT, "build", "results")


def load(path):
    p = os.path.join(ROOT, path)
    if os.path.exists(p):
        try:
            with open(p) as f:
                return json.load(f)
        except ValueError:
            return None
    return None


def results():
    out = []
    for p in sorted(glob.glob(os.path.join(RESULTS, "*.txt"))):
        m = re.fullmatch(r"\s*(?:\w+: )?(\d+) passed, (\d+) failed\s*",
                         open(p).read())
        if m:
            out.append((os.path.basename(p)[:-4], int(m.group(1)),
                        int(m.group(2))))
    return out


def num(n):
    return "{:,}".format(n) if isinstance(n, int) else str(n)


# Where each caller obligation is discharged: the function that does it
# (file:function; "kernel:" for a function of the kernel the series does
# not change) and how, in prose (no figures).  scripts/check-report.py
# fails if an A_ clause of the audit has no entry or names a function the
# project does not define.
DISCHARGE = {
    "A_host_model": (
        ["kernel-glue/mpmu_kvm.c:kvm_mpmu_host_init",
         "kernel-glue/mpmu_kvm.c:kvm_mpmu_host_intel",
         "kernel-glue/mpmu_kvm.c:kvm_mpmu_host_amd",
         "kernel-glue/mpmu_kvm.c:kvm_mpmu_status_settable"],
        "counts and widths from CPUID 0xA / 0x80000022 (not KVM's capped "
        "counts), PERF_METRICS from PERF_CAPABILITIES, the STATUS_SET "
        "mask from the PMU version, read once at module init (reviewed, "
        "not proved; in-kernel tests on fabricated CPUID values)"),
    "A_rsvd_model": (
        ["kernel-glue/mpmu_kvm.c:kvm_mpmu_ctx_from_pmu",
         "kernel-glue/mpmu_kvm.c:kvm_mpmu_sel2_rsvd"],
        "the guest's reserved masks as KVM derives them from guest CPUID "
        "(intel_pmu_refresh, amd_pmu_refresh), a subset of the host's "
        "counters and widths; IN_TX_CHECKPOINTED the guest's on counter 2 "
        "only (kvm_mpmu_sel2_rsvd, in-kernel test kvm/sel2_rsvd); the "
        "GLOBAL_CTRL mask reserves exactly the bits of counters the guest "
        "lacks"),
    "A_host_events_off": (
        ["kernel:perf_load_guest_context"],
        "schedules host events out before kvm_mediated_pmu_load()"),
    "A_exit_gctl_zero": (
        ["proofs/harness/roundtrip.c:mpmu_roundtrip",
         "src/mpmu_vmx.c:mpmu_vmx_configure"],
        "VM-exit loads HOST_IA32_PERF_GLOBAL_CTRL = 0 (proved in the "
        "round trip)"),
    "A_amd_host_quiet": (
        ["proofs/harness/roundtrip_amd.c:mpmu_roundtrip_amd"],
        "REQ_AMD_ROUNDTRIP_host_quiet: load's GuestOnly selectors, "
        "selectors intercepted, host events off (A_host_events_off)"),
    "A_selectors_intercepted": (
        ["proofs/harness/roundtrip.c:mpmu_roundtrip",
         "src/mpmu_vmx.c:mpmu_intercept_decisions"],
        "selectors and FIXED_CTR_CTRL always intercepted (REQ-OWN); "
        "proved in the round trip"),
    "A_amd_selectors_intercepted": (
        ["proofs/harness/roundtrip_amd.c:mpmu_roundtrip_amd",
         "src/mpmu_vmx.c:mpmu_intercept_decisions"],
        "REQ_AMD_ROUNDTRIP_selectors: only load writes the PERF_CTL MSRs, "
        "which stay intercepted (REQ-OWN)"),
    "A_vmx_configured": (
        ["kernel-glue/mpmu_kvm_vmx.c:kvm_mpmu_vmx_configure",
         "src/mpmu_vmx.c:mpmu_vmx_configure"],
        "REQ-SKL from the VMCS configuration KVM computed; round trip"),
    "A_configured": (
        ["kernel-glue/mpmu_kvm_vmx.c:kvm_mpmu_vmx_configure",
         "kernel-glue/mpmu_kvm.c:kvm_mpmu_host_init"],
        "mpmu_vmx_configure (Intel) / mpmu_amd_configure (AMD) at module "
        "init; the mediated PMU is offered only on success "
        "(REQ_FEATURES_configured establishes pmu_configured)"),
    "A_caps_model": (
        ["kernel-glue/mpmu_kvm_vmx.c:kvm_mpmu_vmx_configure",
         "kernel-glue/mpmu_kvm.c:kvm_mpmu_host_init"],
        "the host's CPUID.0AH, PERF_CAPABILITIES and VMX capability "
        "values (AMD: the PMU version), the values the ghost host model "
        "stands for; simulator cross-check (sim_vmx_caps, "
        "xc_ghost_from_config)"),
    "A_pmi_masked": (
        ["kernel:perf_load_guest_lvtpc"],
        "the guest's LVTPC is loaded before load and restored "
        "(perf_put_guest_lvtpc) after put: a PMU interrupt is then a "
        "masked IRQ and perf's NMI handler returns at once, so no host "
        "handler writes a PMU MSR in the window "
        "(arch/x86/events/core.c)"),
    "A_vmcs_gctl_synced": (
        ["src/mpmu_vmx.c:mpmu_vmx_write_global_ctrl",
         "kernel-glue/mpmu_kvm_vmx.c:kvm_mpmu_vmx_refresh",
         "kernel-glue/mpmu_kvm.c:kvm_mpmu_sync",
         "proofs/harness/roundtrip.c:mpmu_roundtrip"],
        "every write of the guest's GLOBAL_CTRL goes through "
        "mpmu_vmx_write_global_ctrl (REQ_ROUNDTRIP_write_guest_gctl), and "
        "the refresh after each VM-exit keeps the VMCS field equal to the "
        "context (REQ_ROUNDTRIP_next_entry); in the kernel, a write by "
        "KVM's PMU code (kvm_pmu_set_msr, kvm_pmu_refresh) marks the "
        "vCPU's context for a refill from struct kvm_pmu (kvm_mpmu_sync), "
        "so the next load sees the value KVM wrote to the VMCS"),
    "A_autostore_slot": (
        ["kernel-glue/mpmu_kvm_vmx.c:kvm_mpmu_vmx_refresh",
         "proofs/harness/roundtrip.c:mpmu_roundtrip"],
        "vmx.c reads the MSR-store slot of IA32_PERF_GLOBAL_CTRL "
        "(WARN_ON_ONCE and no refresh if it is missing) and passes it; "
        "round trip (mpmu_kvm_autostore_slot)"),
}


def discharge_text(name):
    d = DISCHARGE.get(name)
    if not d:
        return "NONE NAMED"
    return "%s: %s" % (", ".join("`%s()`" % f.split(":")[-1]
                                 for f in d[0]), d[1])


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


# ------------------------------------------------------------ blocks ---

class Raw:
    """A cell or paragraph written differently in Markdown and HTML."""

    def __init__(self, md, htm):
        self.md, self.html = md, htm


def inline_html(text):
    """The inline markup of the blocks: `code` and **bold**; the rest is
    escaped."""
    if isinstance(text, Raw):
        return text.html
    out = []
    for k, part in enumerate(re.split(r"(`[^`]+`)", str(text))):
        if k % 2:
            out.append("<code>%s</code>" % html.escape(part[1:-1]))
        else:
            out.append(re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>",
                              html.escape(part)))
    return "".join(out)


def inline_md(text):
    return text.md if isinstance(text, Raw) else str(text)


class Doc:
    def __init__(self):
        self.md, self.html = [], []

    def heading(self, level, text, hid=None):
        self.md += ["#" * level + " " + text, ""]
        self.html.append("<h%d%s>%s</h%d>" % (
            level, " id='%s'" % hid if hid else "", inline_html(text),
            level))

    def para(self, text, cls=None):
        self.md += [inline_md(text), ""]
        self.html.append("<p%s>%s</p>" % (" class='%s'" % cls if cls
                                          else "", inline_html(text)))

    def stamp(self, what, st):
        """The run that produced the section."""
        if not st:
            self.para("Produced by: %s (no run stamp)." % what, "run")
            return
        commit = st.get("commit", "?")
        self.para("Produced by: `%s`, %s, commit `%s`%s." % (
            st.get("command", what), st.get("date", "?"), commit[:12],
            " with local changes" if st.get("dirty") else ""), "run")

    def items(self, items):
        self.md += ["- " + inline_md(i) for i in items] + [""]
        self.html.append("<ul>%s</ul>" % "".join(
            "<li>%s</li>" % inline_html(i) for i in items))

    def table(self, header, rows, tid=None, row_attrs=None, cls=None):
        self.md.append("| " + " | ".join(header) + " |")
        self.md.append("|" + "---|" * len(header))
        for r in rows:
            self.md.append("| " + " | ".join(
                inline_md(c).replace("|", "\\|") for c in r) + " |")
        self.md.append("")
        h = ["<table%s%s><thead><tr>%s</tr></thead><tbody>" % (
            " id='%s'" % tid if tid else "",
            " class='%s'" % cls if cls else "",
            "".join("<th>%s</th>" % html.escape(c) for c in header))]
        for k, r in enumerate(rows):
            h.append("<tr%s>%s</tr>" % (
                row_attrs(k) if row_attrs else "",
                "".join(c.html if isinstance(c, Raw) and
                        c.html.startswith("<td") else
                        "<td>%s</td>" % inline_html(c) for c in r)))
        h.append("</tbody></table>")
        self.html.append("".join(h))

    def code(self, text):
        self.md += ["```", text, "```", ""]
        self.html.append("<pre><code>%s</code></pre>" % html.escape(text))

    def raw_html(self, text):
        self.html.append(text)


def anchor(c):
    return "clause-%s-%s-%d" % (c["name"], re.sub(r"[^a-z0-9]", "-",
                                                  c["file"]), c["line"])


# ----------------------------------------------------------- summary ---

def kernel_summary(k):
    """One line from build/results/kernel.json (make kernel)."""
    if k is None:
        return "not run (no build/results/kernel.json)"
    parts = []
    if k.get("tree"):
        s = k.get("series") or {}
        parts.append("%s: series of %s patches %s" % (
            k["tree"], s.get("patches", "?"),
            "applied with git am" if k.get("series_applied")
            else "NOT applied"))
    mods = k.get("modules_built")
    if isinstance(mods, list):
        parts.append("%d modules built (%s)" % (
            len(mods), ", ".join(str(m) for m in mods)))
    calls = k.get("calls") or {}
    if calls:
        parts.append("%d call chains into the core %s" % (
            len(calls.get("chains", [])),
            "found" if calls.get("ok") else "MISSING"))
    q = k.get("qemu") or {}
    if q:
        parts.append("QEMU boot of %s: %d checks passed, %d failed "
                     "(in-kernel tests %s; mediated PMU %s)" % (
                         q.get("kernel"), q.get("checks_passed", 0),
                         q.get("checks_failed", 0),
                         q.get("in_kernel_tests"),
                         "on" if q.get("mediated_pmu_enabled") else "off"))
    if k.get("steps_passed") is not None:
        parts.append("steps: %d passed, %d failed" % (
            k["steps_passed"], k.get("steps_failed") or 0))
    return "; ".join(parts) or "kernel.json is empty"


def kernel_details(doc, k):
    """What `make kernel` ran on what, and what it could not run."""
    if not k:
        return
    s = k.get("series") or {}
    q = k.get("qemu") or {}
    rows = [("tree", "%s, base commit `%s`" % (k.get("tree"),
                                                 s.get("base", "?"))),
            ("image", str(k.get("image"))),
            ("sparse", str(k.get("sparse"))),
            ("stack", "; ".join(k.get("stack") or []))]
    if q:
        rows += [("mediated PMU", "requested; %s" % (
                     "enabled" if q.get("mediated_pmu_enabled") else
                     "not enabled: %s" % q.get("why_not"))),
                 ("guest", str(q.get("guest"))),
                 ("in-kernel tests", str(q.get("in_kernel_tests")))]
    doc.table(["", "make kernel"], rows)
    chains = (k.get("calls") or {}).get("chains", [])
    if chains:
        doc.para("Call chains read off the modules' machine code "
                 "(`objdump -dr`):")
        doc.table(["module", "chain"],
                  [(c["module"], " -> ".join(c["chain"])) for c in chains])
    if k.get("not_run_here"):
        doc.para("Not run on this machine:")
        doc.items(k["not_run_here"])


def stamp_text(st):
    if not st:
        return "no run stamp"
    return "%s, commit %s%s" % (st.get("date", "?"),
                                st.get("commit", "?")[:12],
                                " (local changes)" if st.get("dirty")
                                else "")


def summary(doc, ctx):
    audit, mut, res = ctx["audit"], ctx["mut"], ctx["res"]
    g = audit["goals"]
    reqs = audit["requirements"]
    tb = audit["trusted_base"]
    rows = [("goals", "%s of %s proved Valid" % (num(g["valid"]),
                                                  num(g["total"])),
             "make proof, " + stamp_text(audit["identification"])),
            ("requirements", "%d of %d Valid%s" % (
                sum(1 for q in reqs if q["status"] == "valid"), len(reqs),
                "; not Valid: " + ", ".join(
                    q["id"] for q in reqs if q["status"] != "valid")
                if any(q["status"] != "valid" for q in reqs) else ""),
             "make proof"),
            ("assumptions", "%d trusted accessor contracts, %d named "
             "caller obligations, %d axioms" % (
                 len(tb["accessors"]), len(tb["preconditions"]),
                 len(tb["axioms"])), "make proof")]
    if mut:
        ta = mut.get("tests_alone") or {}
        rows.append(("mutants killed by the proof", "%d of %d (%s set)" % (
            mut["killed_by_proof"], mut["total"],
            mut.get("catalogue", {}).get("ran", "?")),
            "make mutants, " + stamp_text(mut.get("run"))))
        if "killed" in ta:
            rows.append(("mutants killed by the tests alone",
                         "%d of %d catalogue mutants; %d of the %d the "
                         "proof killed" % (ta["killed"], ta["total"],
                                           ta["proof_killed_tests_killed"],
                                           ta["proof_killed"]),
                         "make mutants"))
        else:
            rows.append(("mutants killed by the tests alone", "not run: %s"
                         % ta.get("error", "no tests_alone in "
                                  "report/mutants.json"), "make mutants"))
    else:
        rows.append(("mutants", "not run (`make mutants`)", "-"))
    if res:
        p, f = sum(r[1] for r in res), sum(r[2] for r in res)
        rows.append(("tests", "%s passed, %s failed (%d result files)" % (
            num(p), num(f), len(res)),
            "make test, " + stamp_text(ctx["run"])))
    else:
        rows.append(("tests", "not run (no build/results)", "-"))
    fz = ctx["fuzz"]
    rows.append(("fuzz", "%s executions, %s edges, %d violations in %ss%s"
                 % (num(fz.get("executions", 0)), num(fz.get("edges", 0)),
                    fz.get("violations", 0), fz.get("seconds", "?"),
                    "" if fz.get("exit_status") == 0 else
                    " (exit %s)" % fz.get("exit_status"))
                 if fz else "not run (`make fuzz`)",
                 "make fuzz, " + stamp_text(fz) if fz else "-"))
    sk = ctx["soak"]
    rows.append(("soak", "%s switches, %d violations in %ss" % (
        num(sk.get("switches", 0)), sk.get("violations", 0),
        sk.get("seconds", "?")) if sk else "not run (`make soak`)",
        "make soak, " + stamp_text(sk) if sk else "-"))
    rows.append(("kernel", kernel_summary(ctx["kernel"]),
                 "make kernel, " + stamp_text(ctx["kernel"])
                 if ctx["kernel"] else "-"))
    doc.raw_html("<div class='summary' id='summary'>")
    doc.heading(2, "Summary", "summary-title")
    doc.table(["", "figure", "from"], rows, tid="summary-table")
    doc.raw_html("</div>")


# ---------------------------------------------------------- sections ---

def identification(doc, audit):
    ident = audit["identification"]
    doc.heading(2, "1. Identification")
    doc.stamp("make proof", ident)
    doc.items(["commit: `%s`%s" % (ident["commit"], " (working tree "
                                   "modified)" if ident.get("dirty") else ""),
               "date: %s" % ident["date"],
               "command: `%s`" % ident["command"],
               "Why3 configuration: `%s` (project-local)" %
               ident["why3_config"],
               "GLIBC_TUNABLES: `%s`" % (ident.get("glibc_tunables") or
                                         "(not set)")] +
              ["library lemmas left out of %s's tasks: %s (proofs/README.md, "
               "\"Two memory-model lemmas left out\")" %
               (prover, ", ".join("`%s`" % l for l in lemmas))
               for prover, lemmas in sorted(
                   ident.get("why3_lemmas_left_out", {}).items())])
    doc.table(["tool", "version"], [(k, v) for k, v in
                                    audit["tools"].items()])
    doc.table(["file", "sha256"], [(f["path"], "`%s`" % f["sha256"])
                                   for f in ident["files"]], cls="hashes")


def claims(doc, audit, reqs):
    doc.heading(2, "2. Claims")
    doc.stamp("make proof", audit["identification"])
    doc.para("Requirements that are not fully Valid come first.")
    rows = []
    for q in reqs:
        md = ", ".join("`%s` (%s:%d)" % (c["name"], c["file"], c["line"])
                       for c in q["clauses"]) or "WP-generated goals"
        htm = ", ".join("<a href='#%s'><code>%s</code></a> (%s:%d)" %
                        (anchor(c), html.escape(c["name"]),
                         html.escape(c["file"]), c["line"])
                        for c in q["clauses"]) or "WP-generated goals"
        rows.append((q["id"], q["prose"], Raw(md, htm), q["goals"],
                     Raw(q["status"].upper(),
                         "<td class='status %s'>%s</td>" %
                         (q["status"], q["status"].upper())),
                     ", ".join("%s %d" % kv
                               for kv in sorted(q["provers"].items())),
                     "%.2fs" % q["max_time"]))
    doc.table(["id", "requirement", "clauses", "goals", "status",
               "provers", "max time"], rows, tid="claims",
              row_attrs=lambda k: " class='claim' id='%s'" %
              html.escape(reqs[k]["id"]))
    doc.heading(3, "Clauses")
    rows, ids = [], []
    for q in reqs:
        for c in q["clauses"]:
            rows.append(("`%s`" % c["name"], c["kind"], "%s:%d" %
                         (c["file"], c["line"]),
                         Raw(q["id"], "<a href='#%s'>%s</a>" %
                             (html.escape(q["id"]), html.escape(q["id"]))),
                         Raw(q["status"].upper(),
                             "<td class='%s'>%s</td>" %
                             (q["status"], q["status"].upper()))))
            ids.append(anchor(c))
    doc.table(["clause", "kind", "file:line", "requirement", "status"], rows,
              row_attrs=lambda k: " id='%s'" % ids[k])


def trusted_base(doc, audit, cross):
    tb = audit["trusted_base"]
    doc.heading(2, "3. Trusted base")
    doc.stamp("make proof", audit["identification"])
    doc.heading(3, "Accessor contracts (assumed)")
    covered = set((cross or {}).get("covered", []))
    doc.table(["accessor", "where", "reference", "requirements",
               "exits \\false", "simulator cross-check"],
              [(a["function"], "%s:%d" % (a["file"], a["line"]),
                a["reference"] or "-", ", ".join(a["requirements"]) or "-",
                "yes" if a.get("returns") else "no",
                "checked" if a["function"] in covered else
                ("not checked" if cross else "not run"))
               for a in tb["accessors"]])
    doc.para("Each accessor says `exits \\false` (it returns), so the "
             "dead-call smoke tests of `make proof` see its returning "
             "postcondition and frame (proofs/README.md, \"Smoke tests\"). "
             "The cross-check column says whether the simulator's "
             "implementation was checked against the contract (section 5); "
             "that tests the simulator and the contract together, it does "
             "not prove the contract of real hardware.")
    doc.heading(3, "Axioms")
    doc.para("%d axioms, admits or axiomatic blocks in spec/ and src/ "
             "(target: none)." % len(tb["axioms"]))
    if tb["axioms"]:
        doc.items(["%s:%d `%s`" % (a["file"], a["line"], a["text"])
                   for a in tb["axioms"]])
    doc.heading(3, "Glue (trusted, one operation per function)")
    glue = []
    for path in sorted(glob.glob(os.path.join(ROOT, "kernel-glue", "*.c"))):
        text = open(path).read()
        for m in re.finditer(r"^\w[^\n;]*\b(mpmu_hw_\w+)\([^)]*\)\n\{(.*?)^\}",
                             text, re.S | re.M):
            body = [ln for ln in m.group(2).splitlines() if ln.strip()]
            glue.append((m.group(1), os.path.relpath(path, ROOT),
                         len(body)))
    if glue:
        doc.table(["function", "file", "body lines"], glue)
    else:
        doc.para("No glue found.")
    doc.heading(3, "Caller obligations (named preconditions)")
    doc.table(["assumption", "function", "where", "discharged by"],
              [(p["name"], p["function"], "%s:%d" % (p["file"], p["line"]),
                discharge_text(p["name"]))
               for p in tb["preconditions"]])
    doc.heading(3, "Unsoundness warnings")
    doc.para("unjustified: %d; allowed with justification: %d" %
             (len(audit["warnings"]["unjustified"]),
              len(audit["warnings"]["allowed"])))


def evidence(doc, audit, mut):
    sm = audit["smoke"]
    doc.heading(2, "4. Evidence that the proofs bite")
    doc.stamp("make proof", audit["identification"])
    items = ["smoke tests: %d run, %d passed, failed: %s" %
             (sm["total"], sm["passed"], ", ".join(sm["failed"]) or "none")]
    if sm.get("canary"):
        items.append("smoke prover: %s, budget %d CVC4 resource units; the "
                     "canary (`%s` planted in `%s`) failed its smoke test, "
                     "as it must" % (sm["prover"], sm["rlimit"],
                                     sm["canary"]["planted"],
                                     sm["canary"]["function"]))
    doc.items(items)
    doc.heading(3, "Mutants")
    if not mut:
        doc.para("Not run yet (`make mutants`).")
        return
    doc.stamp("make mutants", mut.get("run"))
    ta = mut.get("tests_alone") or {}
    items = ["proof: %d mutants of the %s set, %d killed by the proof, %d "
             "killed by the tests only, survived: %s" %
             (mut["total"], mut.get("catalogue", {}).get("ran", "?"),
              mut["killed_by_proof"], mut["killed_by_tests"],
              ", ".join(mut["survived"]) or "none")]
    if "killed" in ta:
        items.append("tests alone (`%s`, %ss): %d of %d catalogue mutants "
                     "killed; of the %d mutants the proof killed, the "
                     "tests killed %d" % (
                         ta["command"], ta["seconds"], ta["killed"],
                         ta["total"], ta["proof_killed"],
                         ta["proof_killed_tests_killed"]))
        for mid, why in sorted(ta.get("proof_only", {}).items()):
            items.append("killed by the proof only: `%s`: %s" %
                         (mid, why or "**no reason given**"))
    elif ta:
        items.append("tests alone: not run: %s" % ta.get("error"))
    doc.items(items)
    proof = {m["id"]: m for m in mut.get("mutants", [])}
    rows = []
    for t in ta.get("mutants", []) or [{"id": i, "result": "-"}
                                       for i in sorted(proof)]:
        p = proof.get(t["id"], {})
        rows.append(("`%s`" % t["id"],
                     p.get("requirement", t.get("requirement", "-")),
                     p.get("result", "not run (extended set)"),
                     "`%s`" % p["failing_goal"] if p.get("failing_goal")
                     else "-",
                     t["result"] + (" (%s)" % t["blind"]
                                    if t.get("blind") else ""),
                     (t.get("failures") or [t.get("how", "")] or [""])[0]
                     [:160] or "-"))
    doc.table(["mutant", "requirement", "proof", "first failing goal",
               "tests alone", "first failing test"], rows, cls="mutants")


def tests_section(doc, ctx):
    res = ctx["res"]
    doc.heading(2, "5. Tests")
    doc.stamp("make test", ctx["run"])
    if res:
        doc.table(["suite", "passed", "failed"], res)
    else:
        doc.para("No test results in build/results (`make test`).")
    simlog = os.path.join(RESULTS, "sim.log")
    if os.path.exists(simlog):
        text = open(simlog).read()
        sw = re.findall(r"^switch/(\w+): (\d+) switches \((\d+) VM-entries, "
                        r"(\d+) failed VM-entries.*?over (\d+) guest "
                        r"shapes, (\d+) guest ops", text, re.M)
        seed = re.findall(r"^SEED=(\d+)", text, re.M)
        if sw:
            doc.heading(3, "Randomized switches")
            doc.para("Load, VM-entries and exits, put, with every property "
                     "checked on every switch (seed %s, build/results/"
                     "sim.log); every shape runs with its own counter "
                     "widths from 32 to 48." % (seed[0] if seed else "?"))
            doc.table(["configuration", "switches", "VM-entries",
                       "failed VM-entries", "guest shapes", "guest ops"],
                      [(c, num(int(n)), num(int(e)), num(int(f)), s,
                        num(int(o))) for c, n, e, f, s, o in sw])
    cov = ctx["cov"]
    if cov:
        doc.heading(3, "Coverage")
        doc.stamp("make -C tests coverage", cov.get("run"))
        tot = cov.get("total", {})
        doc.para("Coverage of src/ under the simulator tests (%s): lines "
                 "%s%% (%s/%s), branches %s%% (%s/%s)." % (
                     cov.get("tool", "gcov"), tot.get("line_coverage", "?"),
                     tot.get("lines_covered", "?"), tot.get("lines", "?"),
                     tot.get("branch_coverage", "?"),
                     tot.get("branches_covered", "?"),
                     tot.get("branches", "?")))
    cross = ctx["cross"]
    if cross:
        doc.heading(3, "Contract cross-check")
        doc.stamp("make -C tests run", ctx["sim"])
        doc.para("Random states and accessor calls on the simulator, each "
                 "checked clause by clause against the trusted contracts "
                 "(%s). An operation outside a contract's requires is "
                 "only counted: the contract says nothing about it." %
                 cross.get("checker", ""))
        doc.table(["configuration", "accessor calls", "VM transitions",
                   "within the requires", "outside", "outside, #GP",
                   "disagreements"],
                  [(c["config"], num(c["operations"]),
                    num(c.get("transitions", 0)),
                    num(c.get("within_requires",
                              c["operations"] + c.get("transitions", 0) -
                              c.get("outside_requires", 0))),
                    num(c.get("outside_requires", 0)),
                    num(c.get("outside_requires_faulted", 0)),
                    c.get("disagreements", 0))
                   for c in cross.get("configs", [])])
        out = cross.get("outcomes")
        if out:
            both = sum(1 for o in out if o["kept"] and o["changed"])
            doc.para("Outcomes the contracts allow: %d (clause, open "
                     "location) pairs, %d of them seen both kept and "
                     "changed by the simulator." % (len(out), both))
            doc.raw_html("<details><summary>every pair</summary>")
            doc.table(["clause", "open location", "kept", "changed"],
                      [("`%s`" % o["clause"], o["location"],
                        num(o["kept"]), num(o["changed"])) for o in out])
            doc.raw_html("</details>")
    for name, data, what in (("Fuzzing", ctx["fuzz"], "make fuzz"),
                             ("Soak", ctx["soak"], "make soak")):
        doc.heading(3, name)
        if not data:
            doc.para("Not run (`%s`)." % what)
            continue
        doc.stamp(what, data)
        if what == "make fuzz":
            rows = [("executions", num(data.get("executions", 0))),
                    ("edges (libFuzzer cov)", num(data.get("edges", 0))),
                    ("features", num(data.get("features", 0))),
                    ("corpus units", num(data.get("corpus_units", 0))),
                    ("seconds", data.get("seconds")),
                    ("violations", data.get("violations", 0)),
                    ("exit status", data.get("exit_status"))]
        else:
            rows = [("switches", num(data.get("switches", 0)))] + [
                ("switches on " + c, num(n)) for c, n in
                sorted(data.get("switches_per_config", {}).items())] + [
                ("tests passed, failed", "%s, %s" % (data.get("passed"),
                                                    data.get("failed"))),
                ("seconds", data.get("seconds")),
                ("violations", data.get("violations", 0)),
                ("exit status", data.get("exit_status"))]
        doc.table(["", "figure"], rows)
        if data.get("messages"):
            doc.code("\n".join(data["messages"]))
    doc.heading(3, "Kernel")
    k = ctx["kernel"]
    if k:
        doc.stamp("make kernel", k)
    doc.para(kernel_summary(k))
    kernel_details(doc, k)
    bench = os.path.join(REPORT, "bench.csv")
    if os.path.exists(bench):
        rows = list(csv.DictReader(open(bench)))
        doc.heading(3, "Switch cost")
        doc.para("`make bench` (report/bench.csv, report/bench.png): %d "
                 "configurations, ours <= upstream in %d." % (
                     len(rows), sum(1 for r in rows if "pass" in
                                    [str(v).lower() for v in r.values()])))


def statistics(doc, audit):
    g, ident = audit["goals"], audit["identification"]
    doc.heading(2, "6. Statistics")
    doc.stamp("make proof", ident)
    doc.items([
        "goals: %d total, %d valid, %d cached" %
        (g["total"], g["valid"], g.get("cached", 0)),
        "wall time %.1fs, CPU time %s (every process of the run, provers "
        "included)" % (g["wall_time"], "%.1fs" % g["cpu_time"]
                       if "cpu_time" in g else "not recorded"),
        "goal times as WP logs them (Qed's, and a prover's except for goals "
        "proved through their prover hint, which WP logs without a time): "
        "max %.2fs, sum %.1fs" % (g["max_time"], g["sum_time"]),
        "prover share: " + ", ".join("%s %d" % kv
                                     for kv in sorted(g["provers"].items())),
        "frama-c jobs: %d, longest %.1fs (each job's command is in "
        "audit.json, identification.jobs)" %
        (len(ident.get("jobs", [])),
         max([j["time"] for j in ident.get("jobs", [])] or [0.0]))])
    doc.table(["function", "goals", "valid", "time"],
              [(f["name"], f["goals"], f["valid"], "%.2fs" % f["time"])
               for f in audit["functions"]])


def out_of_scope(doc):
    doc.heading(2, "7. Out of scope and residual risks")
    doc.items(["**%s**: %s" % r for r in OUT_OF_SCOPE])


def reproduction(doc, audit):
    d = audit.get("baseline_diff", {})
    doc.heading(2, "8. Reproduction")
    doc.stamp("make proof", audit["identification"])
    doc.code("make proof   # re-proves and rewrites report/\n"
             "make test    # tests, kernel build, mutants, report check\n"
             "make mutants # the mutation suite alone\n"
             "make fuzz    # libFuzzer, FUZZ_SECONDS\n"
             "make soak    # 10^7 switches per configuration")
    doc.para("Against proofs/baseline.json: %d goals added, %d removed, %d "
             "changed status; assumptions added: %s; removed: %s; "
             "regressed requirements: %s." %
             (len(d.get("added", [])), len(d.get("removed", [])),
              len(d.get("changed", [])),
              ", ".join(d.get("assumptions_added", [])) or "none",
              ", ".join(d.get("assumptions_removed", [])) or "none",
              ", ".join(audit.get("baseline_regressions", [])) or "none"))


CSS = """
body{font-family:sans-serif;max-width:1200px;margin:auto;padding:0 12px;
line-height:1.35}
table{border-collapse:collapse;margin:8px 0;max-width:100%}
td,th{border:1px solid #999;padding:3px 6px;vertical-align:top;
overflow-wrap:break-word}
th{background:#eee;text-align:left}
code{font-size:90%;overflow-wrap:anywhere}
#claims td:first-child,td.status,.summary td:first-child{white-space:nowrap}
pre{background:#f6f6f6;padding:6px;white-space:pre-wrap;
overflow-wrap:anywhere}
.valid{background:#cfc}.unknown,.failed{background:#f99;color:#900;
font-weight:bold}
.run{color:#555;font-size:90%}
.summary{border:2px solid #446;background:#f4f6fb;padding:4px 12px;
margin:12px 0}
.summary table{width:100%}
table.hashes td:first-child{white-space:nowrap}
"""


def main():
    audit = load("report/audit.json")
    if audit is None:
        raise SystemExit("render_report: report/audit.json missing; "
                         "run make proof")
    ctx = {
        "audit": audit,
        "mut": load("report/mutants.json"),
        "cov": load("report/coverage.json"),
        "cross": load("build/results/crosscheck.json"),
        "run": load("build/results/run.json"),
        "sim": load("build/results/sim.json"),
        "kernel": load("build/results/kernel.json"),
        "fuzz": load("report/fuzz.json"),
        "soak": load("report/soak.json"),
        "res": results(),
    }
    reqs = sorted(audit["requirements"],
                  key=lambda q: (q["status"] == "valid", q["id"]))
    doc = Doc()
    doc.heading(1, "Audit report: mediated PMU context switch core")
    summary(doc, ctx)
    identification(doc, audit)
    claims(doc, audit, reqs)
    trusted_base(doc, audit, ctx["cross"])
    evidence(doc, audit, ctx["mut"])
    tests_section(doc, ctx)
    statistics(doc, audit)
    out_of_scope(doc)
    reproduction(doc, audit)
    png = os.path.join(REPORT, "bench.png")
    if os.path.exists(png):
        doc.raw_html("<h3>Switch cost chart</h3><img alt='bench' src='data:"
                     "image/png;base64,%s' style='max-width:100%%'>" %
                     base64.b64encode(open(png, "rb").read()).decode())
    with open(os.path.join(REPORT, "audit.md"), "w") as f:
        f.write("\n".join(doc.md))
    with open(os.path.join(REPORT, "audit.html"), "w") as f:
        f.write("<!DOCTYPE html><html><head><meta charset='utf-8'>"
                "<meta name='viewport' content='width=device-width'>"
                "<title>Audit: mediated PMU switch core</title>"
                "<style>%s</style></head><body>\n%s\n</body></html>\n" %
                (CSS, "\n".join(doc.html)))
    print("render_report: wrote report/audit.md, report/audit.html")


if __name__ == "__main__":
    main()
