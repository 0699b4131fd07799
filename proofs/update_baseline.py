#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write proofs/baseline.json from the last report/audit.json, after a
reviewed proof run: `make proof` then `python3 proofs/update_baseline.py`.
A requirement Valid in the baseline must stay Valid (proofs/prove.py)."""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
audit = json.load(open(os.path.join(ROOT, "report", "audit.json")))
tb = audit["trusted_base"]
base = {
    "commit": audit["identification"]["commit"],
    "requirements": [{"id": q["id"], "status": q["status"],
                      "goals": q["goals"]} for q in audit["requirements"]],
    "goals": {g: i["status"] for g, i in sorted(audit["goal_list"].items())},
    "assumptions": sorted(set(a["function"] for a in tb["accessors"]) |
                          set(p["name"] for p in tb["preconditions"])),
}
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from prove import baseline_costs  # noqa: E402
base["function_seconds"] = baseline_costs(
    audit, os.path.join(ROOT, "proofs", "baseline.json"))
with open(os.path.join(ROOT, "proofs", "baseline.json"), "w") as f:
    json.dump(base, f, indent=1)
    f.write("\n")
print("update_baseline: %d requirements, %d goals" %
      (len(base["requirements"]), len(base["goals"])))
