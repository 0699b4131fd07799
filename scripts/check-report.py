#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Load report/audit.html (or the page given) in headless Chromium and
check it as a reviewer would see it: the summary box comes first, the claims table has one row
per requirement of spec/requirements.md with a status, every table is
laid out as a table (no Markdown left as text), no line overflows its box
or the page, and a screenshot is taken (build/results/audit.png). Also
checks report/audit.json. Writes build/results/report.txt."""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "build", "results")
out = os.path.join(RESULTS, "report.txt")
os.makedirs(RESULTS, exist_ok=True)
# Another page may be given (to see the checks fail on an old report).
page = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else \
    os.path.join(ROOT, "report", "audit.html")
if not os.path.exists(page):
    subprocess.run([sys.executable,
                    os.path.join(ROOT, "proofs", "render_report.py")],
                   check=False)
passed = failed = 0
WIDTH, HEIGHT = 1280, 2400


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("check-report: FAIL " + what)
    return ok


def chromium(args, timeout=120):
    """Headless Chromium with a fresh profile, no network use."""
    with tempfile.TemporaryDirectory() as prof:
        return subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--user-data-dir=" + prof,
             "--window-size=%d,%d" % (WIDTH, HEIGHT)] + args,
            text=True, capture_output=True, timeout=timeout)


# Measured in the page itself, after layout: every table laid out as a
# table; no text with Markdown table rows, bold or code fences; no
# element whose content is wider than its box, or that reaches past the
# viewport; no horizontal scroll. The result goes to body[data-layout].
PROBE = """<script>(function () {
  var vw = document.documentElement.clientWidth, r = {tables: 0,
    bad_tables: [], markdown: [], overflow: [], view: vw,
    page: document.documentElement.scrollWidth, first_h2: ""};
  var h2 = document.querySelector("h2");
  r.first_h2 = h2 ? h2.textContent : "";
  document.querySelectorAll("table").forEach(function (t, i) {
    var b = t.getBoundingClientRect(), d = getComputedStyle(t).display;
    r.tables++;
    if (d !== "table" || t.rows.length === 0 ||
        (t.offsetParent !== null && b.height <= 0))
      r.bad_tables.push(i + ": display " + d);
  });
  var w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT),
      n;
  while ((n = w.nextNode())) {
    var s = n.nodeValue, p = n.parentNode.nodeName;
    if (p === "SCRIPT" || p === "STYLE")
      continue;
    if (/^\\s*\\|.*\\|\\s*$/m.test(s) || /\\|\\s*-{3,}\\s*\\|/.test(s) ||
        /\\*\\*[^*\\s][^*]*\\*\\*/.test(s) || /```/.test(s))
      r.markdown.push(s.slice(0, 100));
  }
  document.querySelectorAll("body *").forEach(function (e) {
    var b = e.getBoundingClientRect(), d = getComputedStyle(e).display;
    if (b.width === 0 || d === "inline" || d === "none")
      return;
    if (b.right > vw + 1 || e.scrollWidth > e.clientWidth + 1)
      r.overflow.push(e.tagName + " " + (e.textContent || "")
                      .slice(0, 60) + " (" + e.scrollWidth + " > " +
                      e.clientWidth + ")");
  });
  document.body.setAttribute("data-layout", JSON.stringify(r));
})();</script>"""


def probe(path):
    """(layout measured by PROBE or None, the DOM Chromium dumped)."""
    r = chromium(["--dump-dom", "file://" + path])
    m = re.search(r'<body[^>]*data-layout="([^"]*)"', r.stdout)
    if r.returncode or not m:
        return None, r.stdout
    return json.loads(html.unescape(m.group(1))), r.stdout


def probe_selftest(work):
    """The probe is not vacuous: a Markdown table in a <pre> with a line
    wider than the page (the old audit.html) is flagged."""
    bad = os.path.join(work, "bad.html")
    with open(bad, "w") as f:
        f.write("<!DOCTYPE html><html><body><h2>Summary</h2><table><tr>"
                "<td>ok</td></tr></table><pre>| a | b |\n|---|---|\n| "
                "**x** | %s |</pre>%s</body></html>" % ("y" * 400, PROBE))
    lay, _dom = probe(bad)
    check(lay is not None and lay["markdown"] and lay["overflow"] and
          lay["page"] > lay["view"], "the layout probe flags Markdown "
          "shown as text and a line wider than the page (self-test)")


def layout_checks(dom_page):
    lay, dom = probe(dom_page)
    if not check(lay is not None, "chromium lays out the page and runs "
                 "the layout probe"):
        return dom
    check(lay["first_h2"].strip() == "Summary",
          "the summary box comes first (first section: %r)" %
          lay["first_h2"])
    check(lay["tables"] >= 10 and not lay["bad_tables"],
          "every table renders as a table (%d tables; not: %s)" %
          (lay["tables"], lay["bad_tables"][:5]))
    check(not lay["markdown"], "no Markdown rendered as text: %s" %
          lay["markdown"][:3])
    check(not lay["overflow"], "no line overflows its box or the page "
          "(%d do: %s)" % (len(lay["overflow"]), lay["overflow"][:3]))
    check(lay["page"] <= lay["view"], "no horizontal scroll (page %d px, "
          "window %d px)" % (lay["page"], lay["view"]))
    return dom


def defines(path, fn):
    """Does the project file @path define the C function @fn?"""
    full = os.path.join(ROOT, path)
    return os.path.exists(full) and re.search(
        r"^\w[^;{]*\b%s\((?:[^;{])*\)\s*\{" % re.escape(fn),
        open(full).read(), re.M) is not None


def discharges(audit):
    """Every caller obligation names the function that discharges it."""
    sys.path.insert(0, os.path.join(ROOT, "proofs"))
    from render_report import DISCHARGE
    names = sorted({p["name"] for p in
                    audit.get("trusted_base", {}).get("preconditions", [])})
    check(len(names) > 0, "audit.json lists the caller obligations")
    for name in names:
        fns = DISCHARGE.get(name, ([], ""))[0]
        ok = len(fns) > 0
        for f in fns:
            where, fn = f.split(":")
            ok = ok and (where == "kernel" or defines(where, fn))
        check(ok, "%s: discharged by %s" % (name, ", ".join(fns) or
                                            "NO FUNCTION NAMED"))


def main():
    check(os.path.exists(page), "report/audit.html exists (run make proof)")
    ids = re.findall(r"^\|\s*(REQ-[A-Z0-9-]+)\s*\|",
                     open(os.path.join(ROOT, "spec", "requirements.md"))
                     .read(), re.M)
    if os.path.exists(page) and check(shutil.which("chromium") is not None,
                                      "chromium is installed"):
        work = os.path.join(ROOT, "build", "report-check")
        os.makedirs(work, exist_ok=True)
        probe_page = os.path.join(work, "audit-probe.html")
        text = open(page).read()
        with open(probe_page, "w") as f:
            f.write(text.replace("</body>", PROBE + "</body>"))
        probe_selftest(work)
        dom = layout_checks(probe_page)
        check("<table id=\"claims\">" in dom,
              "chromium renders the claims table")
        rows = re.findall(r"<tr class=\"claim\" id=\"(REQ-[A-Z0-9-]+)\">"
                          r"(.*?)</tr>", dom, re.S)
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
        png = os.path.join(RESULTS, "audit.png")
        if os.path.exists(png):
            os.remove(png)
        r = chromium(["--hide-scrollbars", "--screenshot=" + png,
                      "file://" + page])
        check(r.returncode == 0 and os.path.exists(png) and
              os.path.getsize(png) > 10000,
              "screenshot of the page (build/results/audit.png)")
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
            # exits \false: the dead-call smoke tests see the contract
            # whole.
            check(a.get("returns") is True and a.get("reference") and
                  a.get("requirements"),
                  "%s: exits \\false, a reference and a requirement id" %
                  a.get("function"))
        discharges(audit)
    print("check-report: %d passed, %d failed" % (passed, failed))
    with open(out, "w") as f:
        f.write("%d passed, %d failed\n" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
