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
passed = failed = 0
for path in sorted(glob.glob(os.path.join(d, "*.txt"))):
    name = os.path.basename(path)[:-4]
    if name == "errors":
        continue
    text = open(path).read()
    m = re.search(r"(\d+) passed, (\d+) failed", text)
    if not m:
        print("summary: %s: no result line" % name)
        failed += 1
        continue
    p, f = int(m.group(1)), int(m.group(2))
    print("summary: %-12s %6d passed, %d failed" % (name, p, f))
    passed += p
    failed += f
err = os.path.join(d, "errors.txt")
if os.path.exists(err):
    for line in open(err):
        print("summary: ERROR " + line.strip())
        failed += 1
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed or passed == 0 else 0)
