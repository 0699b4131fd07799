#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write proofs/baseline.json from the last report/audit.json, after a
reviewed proof run: `make proof` then `python3 proofs/update_baseline.py`.
A requirement Valid in the baseline must stay Valid (proofs/prove.py)."""
import json
import os

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
    }
    with open(BASELINE, "w") as f:
        json.dump(base, f, indent=1)
        f.write("\n")
    print("update_baseline: %d requirements, %d goals" %
          (len(base["requirements"]), len(base["goals"])))


if __name__ == "__main__":
    write_baseline(json.load(open(os.path.join(ROOT, "report",
                                               "audit.json"))))
