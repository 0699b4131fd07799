#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write proofs/baseline.json from the last report/audit.json, after a
reviewed proof run: `make proof` then `python3 proofs/update_baseline.py`.
A requirement Valid in the baseline must stay Valid (proofs/prove.py).

`update_baseline.py --hints-from A.json B.json ...` re-derives the prover
hints from the audit reports of single-prover runs (`WP_PROVERS=cvc4
WP_CACHE_MODE=none make proof`, then the same with z3): each goal gets
the prover that proved it fastest. Runs restricted to some files
(`PROVE_FILES`) re-derive the hints of their functions only; the other
goals keep the hints of the baseline. Nothing but the hints changes."""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASELINE = os.path.join(ROOT, "proofs", "baseline.json")


def baseline_costs(audit):
    """The per-function cost the baseline keeps for job ordering: this
    run's, unless it replayed goals from the WP cache (then its times say
    nothing and the baseline's stay)."""
    if audit["goals"]["cached"] * 10 <= audit["goals"]["total"]:
        return audit["function_seconds"]
    if os.path.exists(BASELINE):
        return json.load(open(BASELINE)).get("function_seconds", {})
    return {}


def prover_name(p):
    return (p or "").split(" ")[0]


def run_hints(audit):
    """Goal -> the prover that proved it in this run; a goal Qed closes
    needs none, and a goal this run did not prove keeps its old hint."""
    old = {}
    if os.path.exists(BASELINE):
        old = json.load(open(BASELINE)).get("prover_hints", {})
    hints = {}
    for g, i in audit["goal_list"].items():
        p = prover_name(i.get("prover"))
        if i["status"] == "valid" and p not in ("Qed", "CFG", "Script", ""):
            hints[g] = p
        elif i["status"] != "valid" and g in old:
            hints[g] = old[g]
    return hints


def fastest_hints(audits):
    """Goal -> the prover that proved it fastest over single-prover runs
    (goals Qed closes get none)."""
    best = {}
    for a in audits:
        for g, i in a["goal_list"].items():
            p = prover_name(i.get("prover"))
            if i["status"] != "valid" or p in ("Qed", "CFG", "Script", ""):
                continue
            t = i.get("prover_time", i["time"])
            if g not in best or t < best[g][1]:
                best[g] = (p, t)
    return {g: p for g, (p, _t) in sorted(best.items())}


def merged_hints(audits):
    """fastest_hints over audits for the functions they cover; the
    baseline's hints for every other function's goals."""
    fresh = fastest_hints(audits)
    covered = set(i["function"] for a in audits
                  for i in a["goal_list"].values())
    old, fns = {}, set(covered)
    if os.path.exists(BASELINE):
        base = json.load(open(BASELINE))
        old = base.get("prover_hints", {})
        fns |= set(base.get("function_seconds", {}))

    # A goal belongs to the longest function name it starts with:
    # mpmu_roundtrip does not cover mpmu_roundtrip_amd's goals.
    def owner(g):
        return max((f for f in fns if g.startswith("typed_%s_" % f)),
                   key=len, default=None)
    out = {g: p for g, p in old.items() if owner(g) not in covered}
    out.update(fresh)
    return dict(sorted(out.items()))


def write_baseline(audit):
    tb = audit["trusted_base"]
    base = {
        "commit": audit["identification"]["commit"],
        "requirements": [{"id": q["id"], "status": q["status"],
                          "goals": q["goals"]}
                         for q in audit["requirements"]],
        "goals": {g: i["status"]
                  for g, i in sorted(audit["goal_list"].items())},
        "assumptions": sorted(set(a["function"] for a in tb["accessors"]) |
                              set(p["name"] for p in tb["preconditions"])),
        "function_seconds": baseline_costs(audit),
        # The prover WP tries first on each goal (proofs/prove.py writes
        # them as session scripts); the others follow if it fails.
        "prover_hints": run_hints(audit),
    }
    with open(BASELINE, "w") as f:
        json.dump(base, f, indent=1)
        f.write("\n")
    print("update_baseline: %d requirements, %d goals, %d prover hints" %
          (len(base["requirements"]), len(base["goals"]),
           len(base["prover_hints"])))


def replace_hints(hints):
    """Only the prover hints change. The single-prover runs leave goals
    unproved and may cover some files only: their statuses, goal lists
    and times must not become the baseline (a full run's must)."""
    base = json.load(open(BASELINE))
    base["prover_hints"] = hints
    with open(BASELINE, "w") as f:
        json.dump(base, f, indent=1)
        f.write("\n")
    print("update_baseline: %d prover hints; the rest of the baseline is "
          "unchanged (record a full run with update_baseline.py)" %
          len(hints))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--hints-from"] and len(sys.argv) > 2:
        replace_hints(merged_hints([json.load(open(p))
                                    for p in sys.argv[2:]]))
        sys.exit(0)
    audit = json.load(open(os.path.join(ROOT, "report", "audit.json")))
    if len(sys.argv) > 1:
        sys.exit("usage: update_baseline.py [--hints-from AUDIT.json ...]")
    else:
        write_baseline(audit)
