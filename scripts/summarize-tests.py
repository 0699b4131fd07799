#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Add up the "N passed, N failed" lines every check wrote under
build/results/ and print the closing line. Exit 1 if anything failed, a
suite reported an error, or no test ran at all."""
import glob
import os
import re
import sys

d = sys.argv[1] if len(sys.argv) > 1 else "build/results"
# Suites `make test` must produce; other *.txt files under build/results
# are logs (nm, sparse, stack usage) unless they are a bare result line.
EXPECTED = ("compile", "sim", "kernel", "qemu", "mutants", "mutants-tests",
            "report", "probes", "fuzz-check")
passed = failed = 0
seen = set()
for path in sorted(glob.glob(os.path.join(d, "*.txt"))):
    name = os.path.basename(path)[:-4]
    if name == "errors":
        continue
    text = open(path).read()
    m = re.fullmatch(r"\s*(?:\w+: )?(\d+) passed, (\d+) failed\s*", text)
    if not m:
        if name in EXPECTED:
            print("summary: %s: no result line" % name)
            failed += 1
        continue
    seen.add(name)
    p, f = int(m.group(1)), int(m.group(2))
    print("summary: %-12s %6d passed, %d failed" % (name, p, f))
    passed += p
    failed += f
for name in EXPECTED:
    if name not in seen and not os.path.exists(os.path.join(d, name +
                                                             ".txt")):
        print("summary: %s: suite did not run" % name)
        failed += 1
err = os.path.join(d, "errors.txt")
if os.path.exists(err):
    for line in open(err):
        print("summary: ERROR " + line.strip())
        failed += 1
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed or passed == 0 else 0)
