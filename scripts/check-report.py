#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Load report/audit.html in headless Chromium and check that the claims
table has one row per requirement of spec/requirements.md and that no
status cell is empty. Writes build/results/report.txt."""
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(ROOT, "build", "results", "report.txt")
os.makedirs(os.path.dirname(out), exist_ok=True)
page = os.path.join(ROOT, "report", "audit.html")
if not os.path.exists(page):
    subprocess.run([sys.executable,
                    os.path.join(ROOT, "proofs", "render_report.py")],
                   check=False)
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("check-report: FAIL " + what)


check(os.path.exists(page), "report/audit.html exists (run make proof)")
ids = re.findall(r"^\|\s*(REQ-[A-Z0-9-]+)\s*\|",
                 open(os.path.join(ROOT, "spec", "requirements.md")).read(),
                 re.M)
if os.path.exists(page):
    with tempfile.TemporaryDirectory() as prof:
        r = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--user-data-dir=" + prof, "--dump-dom",
             "file://" + page], text=True, capture_output=True, timeout=120)
    dom = r.stdout
    check(r.returncode == 0 and "<table id=\"claims\">" in dom,
          "chromium loads the page and renders the claims table")
    rows = re.findall(r"<tr class=\"claim\" id=\"(REQ-[A-Z0-9-]+)\">(.*?)"
                      r"</tr>", dom, re.S)
    check(sorted(r[0] for r in rows) == sorted(ids),
          "one claims row per requirement (%d rows, %d requirements)" %
          (len(rows), len(ids)))
    for rid, body in rows:
        m = re.search(r"<td class=\"status [a-z]+\">([A-Z]+)</td>", body)
        check(m is not None and m.group(1) in ("VALID", "UNKNOWN",
                                               "FAILED"),
              "status cell of %s" % rid)
        check("href=\"#clause-" in body or "WP-generated" in body,
              "%s links to its clauses" % rid)
apath = os.path.join(ROOT, "report", "audit.json")
if os.path.exists(apath):
    audit = json.load(open(apath))
    acc = audit.get("trusted_base", {}).get("accessors", [])
    # The smoke tests can fail: the planted canary was caught.
    sm = audit.get("smoke", {})
    check(sm.get("canary", {}).get("caught") is True and
          sm.get("rlimit", 0) > 0 and sm.get("total", 0) > 0 and
          sm.get("passed") == sm.get("total"),
          "audit.json: smoke tests all passed and the smoke canary was "
          "caught")
    check(len(acc) > 0, "audit.json lists the trusted accessors")
    for a in acc:
        # exits \false: the dead-call smoke tests see the contract whole.
        check(a.get("returns") is True and a.get("reference") and
              a.get("requirements"),
              "%s: exits \\false, a reference and a requirement id" %
              a.get("function"))
print("check-report: %d passed, %d failed" % (passed, failed))
with open(out, "w") as f:
    f.write("%d passed, %d failed\n" % (passed, failed))
sys.exit(1 if failed else 0)
