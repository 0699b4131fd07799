#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Figures of a fuzz or soak run, from its log, as JSON (issue 25).

usage: run_report.py fuzz|soak LOG OUT.json EXIT_STATUS SECONDS [NAME=VAL..]

fuzz: executions, edges (libFuzzer's "cov:"), features, corpus, violations
(each "property violated" line or sanitizer/libFuzzer error, with the
saved input); soak: switches per configuration, tests passed and failed,
violations (failed tests). Both carry the run stamp
(scripts/provenance.py) and the exit status; the caller exits with it.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import provenance  # noqa: E402


def last_int(pattern, text):
    m = re.findall(pattern, text, re.M)
    return int(m[-1]) if m else None


def fuzz(text):
    errors = re.findall(r"^(?:property violated: .*|==\d+==\s*ERROR: .*|"
                        r".*runtime error: .*)$", text, re.M)
    corp = re.findall(r"corp: (\d+)/(\d+)([bKM]?b)", text)
    return {
        "executions": last_int(r"^stat::number_of_executed_units:\s+(\d+)",
                               text) or last_int(r"^#(\d+)\s", text) or 0,
        "exec_per_sec": last_int(r"^stat::average_exec_per_sec:\s+(\d+)",
                                 text),
        "edges": last_int(r"\bcov: (\d+)", text) or 0,
        "features": last_int(r"\bft: (\d+)", text) or 0,
        "corpus_units": int(corp[-1][0]) if corp else 0,
        "new_units": last_int(r"^stat::new_units_added:\s+(\d+)", text),
        "violations": len([e for e in errors
                           if e.startswith("property violated")]) or
        (1 if errors else 0),
        "messages": errors[:5],
        "inputs": re.findall(r"Test unit written to (\S+)", text),
        "planted": (re.findall(r"^fuzz: planted bug (\S+)", text, re.M) or
                    [None])[0],
    }


def soak(text):
    per = {c: int(n) for c, n in
           re.findall(r"^switch/(\w+): (\d+) switches", text, re.M)}
    m = re.findall(r"^(\d+) passed, (\d+) failed$", text, re.M)
    fails = re.findall(r"^FAIL (.*)$", text, re.M)
    return {
        "switches": sum(per.values()),
        "switches_per_config": per,
        "passed": int(m[-1][0]) if m else 0,
        "failed": int(m[-1][1]) if m else 0,
        "violations": len(fails) if m else 1,
        "messages": [f[:300] for f in fails[:5]],
        "seed": (re.findall(r"^SEED=(\d+)", text, re.M) or [None])[0],
    }


def main():
    if len(sys.argv) < 6 or sys.argv[1] not in ("fuzz", "soak"):
        sys.exit(__doc__)
    kind, log, out, rc, secs = sys.argv[1:6]
    text = open(log, errors="replace").read() if os.path.exists(log) else ""
    rep = provenance.stamp("make %s" % kind)
    for kv in sys.argv[6:]:
        k, _, v = kv.partition("=")
        rep[k] = int(v) if v.isdigit() else v
    rep.update(fuzz(text) if kind == "fuzz" else soak(text))
    rep["exit_status"] = int(rc)
    rep["seconds"] = int(secs)
    rep["log"] = os.path.relpath(log, ROOT)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        json.dump(rep, f, indent=1)
        f.write("\n")
    print("%s: %s -> %s" % (kind, ", ".join(
        "%s %s" % (k, rep[k]) for k in
        (("executions", "edges", "violations") if kind == "fuzz" else
         ("switches", "violations")) + ("seconds", "exit_status")),
        os.path.relpath(out, ROOT)))


if __name__ == "__main__":
    main()
