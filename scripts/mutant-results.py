#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The result lines of the mutation suite for `make test`, from
report/mutants.json: build/results/mutants.txt (killed by the proof) and
build/results/mutants-tests.txt (killed by the tests alone, or killed by
neither with the reason the tests cannot see it in the catalogue's
tests_blind). A missing or unreadable report counts as one failure.

usage: mutant-results.py RESULTS_DIR"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(path, passed, failed):
    with open(path, "w") as f:
        f.write("%d passed, %d failed\n" % (passed, failed))


def main():
    res = sys.argv[1]
    try:
        m = json.load(open(os.path.join(ROOT, "report", "mutants.json")))
    except (OSError, ValueError):
        write(os.path.join(res, "mutants.txt"), 0, 1)
        write(os.path.join(res, "mutants-tests.txt"), 0, 1)
        return 1
    write(os.path.join(res, "mutants.txt"), m["killed_by_proof"],
          m["total"] - m["killed_by_proof"])
    t = m.get("tests_alone") or {}
    if "mutants" not in t:
        write(os.path.join(res, "mutants-tests.txt"), 0, 1)
        print("mutants: the tests alone did not run: %s" %
              t.get("error", "no tests_alone in report/mutants.json"))
        return 1
    ok = sum(1 for r in t["mutants"]
             if r["result"] == "killed" or r.get("blind"))
    write(os.path.join(res, "mutants-tests.txt"), ok, t["total"] - ok)
    print("mutants: tests alone killed %d of %d catalogue mutants (%d of "
          "the %d the proof killed)" % (t["killed"], t["total"],
                                        t["proof_killed_tests_killed"],
                                        t["proof_killed"]))
    return 0 if ok == t["total"] else 1


if __name__ == "__main__":
    sys.exit(main())
