#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Second half of `make bench`: callgrind instructions of the core per
switch on the null accessor backend, proof times from report/audit.json,
the gnuplot chart report/bench.png, and the closing "N passed, N failed"
line (from build/results/bench.txt, written by the bench binary)."""

import argparse
import glob
import json
import os
import re
import subprocess
import sys


def callgrind(build):
    """Run build/bench/cg under callgrind; Ir per load+exit+put."""
    out = os.path.join(build, "cg.out")
    for f in glob.glob(out + "*"):
        os.remove(f)
    r = subprocess.run(
        ["valgrind", "--tool=callgrind", "--collect-atstart=no",
         "--callgrind-out-file=" + out, os.path.join(build, "cg")],
        capture_output=True, text=True, cwd=build)
    if r.returncode != 0:
        print("bench: callgrind run failed:\n" + r.stderr[-2000:])
        return None
    rows = []
    dumps = sorted(glob.glob(out + ".*"),
                   key=lambda p: int(p.rsplit(".", 1)[1]))
    for d in dumps:
        text = open(d).read()
        m = re.search(r"^desc: Trigger: Client Request: (\S+) pairs=(\d+)",
                      text, re.M)
        if not m:
            continue
        name, pairs = m.group(1), int(m.group(2))
        total = int(re.search(r"^totals: (\d+)", text, re.M).group(1))
        ann = subprocess.run(
            ["callgrind_annotate", "--inclusive=no", "--threshold=100", d],
            capture_output=True, text=True).stdout
        core = acc = 0
        for line in ann.splitlines():
            m2 = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(\S+?):(\S+)",
                          line)
            if not m2:
                continue
            ir = int(m2.group(1).replace(",", ""))
            path = m2.group(2)
            if "/src/" in path:
                core += ir
            elif path.endswith("null_hw.c"):
                acc += ir
        rows.append({"config": name, "pairs": pairs,
                     "ir_per_pair_total": total / pairs,
                     "ir_per_pair_core": core / pairs,
                     "ir_per_pair_null_accessors": acc / pairs})
    return rows


def proof_times(root):
    p = os.path.join(root, "report", "audit.json")
    if not os.path.exists(p):
        return None, "report/audit.json not present (run `make proof`)"
    try:
        goals = json.load(open(p)).get("goals", {})
    except (OSError, ValueError) as e:
        return None, "report/audit.json unreadable: %s" % e
    wt, cached = goals.get("wall_time"), goals.get("cached")
    if wt is None and cached is None:
        return None, "report/audit.json has no goals.wall_time / goals.cached"
    return {"wall_time": wt, "cached": cached}, None


GNUPLOT = r"""
set terminal pngcairo size 1800,820 font "DejaVu Sans,10"
set output "{png}"
set title "Mediated PMU switch cost per load + exit + put (cycle-weighted model; lower is better)"
set ylabel "cycles (cycle table in bench/README.md)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set xtics rotate by -60 nomirror font ",8"
set grid ytics
set key top left
set rmargin 8
set bmargin 14
set yrange [0:*]
plot "{dat}" using 3:xtic(2) title "ours (proved core, measured on the simulator)" lc rgb "#1f77b4", \
     "" using 4 title "upstream 7.0 model" lc rgb "#ff7f0e", \
     "" using 5 title "lower bound" lc rgb "#2ca02c"
"""


def chart(root, build):
    dat = os.path.join(build, "bench.dat")
    png = os.path.join(root, "report", "bench.png")
    if not os.path.exists(dat):
        return "no bench.dat"
    gp = os.path.join(build, "bench.gp")
    with open(gp, "w") as f:
        f.write(GNUPLOT.format(png=png, dat=dat))
    r = subprocess.run(["gnuplot", gp], capture_output=True, text=True)
    if r.returncode != 0:
        return "gnuplot failed: " + r.stderr.strip()[-500:]
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--build", required=True)
    a = ap.parse_args()

    err = os.path.join(a.build, "bench.stderr")
    if os.path.exists(err):
        for line in open(err):
            if not line.startswith("bench-checks:"):
                sys.stdout.write(line)

    rows = callgrind(a.build)
    print("\nCallgrind: instructions (Ir) of the core per load + exit + put,"
          " null accessor backend, gcc -O2")
    if rows:
        print("  %-18s %10s %12s %14s" % ("configuration", "core Ir",
                                           "accessor Ir", "total Ir"))
        for r in rows:
            print("  %-18s %10.0f %12.0f %14.0f" % (
                r["config"], r["ir_per_pair_core"],
                r["ir_per_pair_null_accessors"], r["ir_per_pair_total"]))
        print("  (core = src/*.c; accessor = the null backend's loads and "
              "stores; total adds the collection toggles' own call sites)")

    proof, why = proof_times(a.root)
    print("\nProof time (from report/audit.json, not re-run): ", end="")
    if proof:
        print("full %s s, cached %s s" % (proof["wall_time"],
                                          proof["cached"]))
    else:
        print(why)

    cerr = chart(a.root, a.build)
    print("Chart: " + ("report/bench.png" if not cerr else cerr))

    res = os.path.join(a.root, "build", "results", "bench.txt")
    line = open(res).read().strip() if os.path.exists(res) else \
        "0 passed, 1 failed"
    with open(os.path.join(a.build, "summary.json"), "w") as f:
        json.dump({"callgrind": rows, "proof": proof,
                   "proof_note": why, "checks": line}, f, indent=1)
    m = re.match(r"(\d+) passed, (\d+) failed", line)
    print(line)
    sys.exit(0 if m and m.group(2) == "0" else 1)


if __name__ == "__main__":
    main()
