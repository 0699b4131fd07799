#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Summarise gcov JSON (gcov --json-format) of src/ into report/coverage.json.

usage: coverage.py COV_DIR REPO_ROOT OUT_JSON
Line coverage: lines with code that ran at least once. Branch coverage:
branch outcomes taken at least once (gcov's "branches executed/taken").
"""
import glob
import gzip
import json
import os
import sys

# The run stamp of the report's sections (scripts/provenance.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))), "scripts"))
import provenance  # noqa: E402


def main():
    cov_dir, root, out = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    files = {}
    for path in sorted(glob.glob(os.path.join(cov_dir, "*.gcov.json.gz"))):
        with gzip.open(path, "rt") as f:
            data = json.load(f)
        for fe in data["files"]:
            name = fe["file"]
            full = name if os.path.isabs(name) else \
                os.path.normpath(os.path.join(data.get("current_working_directory", cov_dir), name))
            rel = os.path.relpath(full, root)
            if not rel.startswith("src/") or not rel.endswith(".c"):
                continue
            ent = files.setdefault(rel, {"lines": {}, "branches": {}})
            for ln in fe["lines"]:
                n = ln["line_number"]
                ent["lines"][n] = ent["lines"].get(n, 0) + ln["count"]
                for k, br in enumerate(ln.get("branches", [])):
                    key = (n, k)
                    ent["branches"][key] = ent["branches"].get(key, 0) + br["count"]
    report = {"tool": "gcov %s (gcc --coverage -O0)" % "json", "files": {},
              "run": provenance.stamp("make -C tests coverage")}
    tl = th = tb = tbh = 0
    for rel, ent in sorted(files.items()):
        nl = len(ent["lines"])
        hl = sum(1 for c in ent["lines"].values() if c > 0)
        nb = len(ent["branches"])
        hb = sum(1 for c in ent["branches"].values() if c > 0)
        missed_lines = sorted(n for n, c in ent["lines"].items() if c == 0)
        missed_br = sorted("%d:%d" % k for k, c in ent["branches"].items() if c == 0)
        report["files"][rel] = {
            "lines": nl, "lines_covered": hl,
            "line_coverage": round(100.0 * hl / nl, 2) if nl else 100.0,
            "branches": nb, "branches_covered": hb,
            "branch_coverage": round(100.0 * hb / nb, 2) if nb else 100.0,
            "missed_lines": missed_lines, "missed_branches": missed_br,
        }
        tl += nl; th += hl; tb += nb; tbh += hb
    report["total"] = {
        "lines": tl, "lines_covered": th,
        "line_coverage": round(100.0 * th / tl, 2) if tl else 100.0,
        "branches": tb, "branches_covered": tbh,
        "branch_coverage": round(100.0 * tbh / tb, 2) if tb else 100.0,
    }
    with open(out, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    for rel, r in report["files"].items():
        print("%-28s lines %6.2f%% (%d/%d)  branches %6.2f%% (%d/%d)" % (
            rel, r["line_coverage"], r["lines_covered"], r["lines"],
            r["branch_coverage"], r["branches_covered"], r["branches"]))
    t = report["total"]
    print("%-28s lines %6.2f%% (%d/%d)  branches %6.2f%% (%d/%d)" % (
        "TOTAL src/", t["line_coverage"], t["lines_covered"], t["lines"],
        t["branch_coverage"], t["branches_covered"], t["branches"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
