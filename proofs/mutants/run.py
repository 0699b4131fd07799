#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Mutation suite (issue 7): every realistic switch bug must break the proof.

Applies the mutants of proofs/mutants/catalogue.py one at a time to a
scratch copy of the repository (build/mutants/<id>/: src/, spec/, proofs/,
and tests/ when the simulator is needed), re-proves only the functions the
mutant touches, and classifies each mutant:

  proof     some WP goal of a touched function is no longer Valid
            (first failing goal and its requirement are recorded);
  tests     every goal is still Valid, but `make -C tests run` against the
            mutated src/ fails (the proof missed a bug the tests found);
  survived  neither noticed it.

Mutants whose `requires` file is absent are reported as skipped and not
counted. A mutant whose rule no longer matches a file that exists is
"stale": the catalogue has rotted and the run fails.

Writes report/mutants.json and exits non-zero if any mutant survives the
proof (a mutant killed by the tests only counts as surviving the proof),
if the unmutated baseline does not prove, if a mutant is stale or invalid
(does not compile), or if fewer than MIN_MUTANTS mutants ran.

usage: run.py [--only ID,ID] [--list] [--check] [--no-tests]
              [--timeout S] [--par N] [--keep]
"""

import argparse
import concurrent.futures
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.path.join(ROOT, "build", "mutants")
REPORT = os.path.join(ROOT, "report", "mutants.json")
CACHE = os.path.join(WORK, "wp-cache")
MIN_MUTANTS = 40
CFLAGS_CORE = ["-std=gnu11", "-ffreestanding", "-fno-common", "-Wall",
               "-Wextra", "-Werror", "-Wno-unused-function", "-Isrc",
               "-Ispec"]
# Every catalogue mutant also runs against the simulator tests alone
# (issue 25): the suites that run src/ (unit, bad input, randomized
# switches), fixed seed, a smaller switch workload than `make test`. The
# test objects are built once; a mutant recompiles its one file and links.
TEST_SUITES = "unit,badinput,switch"
TEST_SEED = 1
TEST_SWITCHES = 20000
TEST_TIMEOUT = 300


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# proofs/prove.py is the one place that knows how to read wp.conf, WP's log
# and JSON report, and how goal names map to requirements: reuse it.
PROVE = load_module("prove", os.path.join(ROOT, "proofs", "prove.py"))
PROV = load_module("provenance", os.path.join(ROOT, "scripts",
                                              "provenance.py"))


def log(msg):
    print("mutants: " + msg, flush=True)


# ---------------------------------------------------------------- rules ---

def edit_pattern(edit):
    """(find, replace) pair or dict -> (compiled regex, replacement fn).

    A plain find string matches with any run of whitespace standing for
    any run of whitespace (tabs vs spaces, line breaks); {"re": ...,
    "sub": ...} is a Python regex with a re.sub-style template.
    """
    if isinstance(edit, dict):
        rx = re.compile(edit["re"], re.M | re.S)
        sub = edit["sub"]
        return rx, (lambda m: m.expand(sub))
    find, repl = edit
    parts = []
    for tok in re.split(r"(\s+)", find):
        if not tok:
            continue
        parts.append(r"\s+" if tok.isspace() else re.escape(tok))
    return re.compile("".join(parts)), (lambda m: repl)


def annotation_spans(text):
    """ACSL annotations (/*@ ... */ and //@): mutants never touch them."""
    spans = [(m.start(), m.end()) for m in
             re.finditer(r"/\*@.*?\*/", text, re.S)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"//@[^\n]*", text)]
    return spans


def function_ranges(text):
    """Kernel style: a function runs from its signature (the nearest line
    before a column-0 "{" that starts at column 0 and has a "(") to the
    next line "}" at column 0."""
    ranges = []
    lines = text.split("\n")
    offs = [0]
    for ln in lines:
        offs.append(offs[-1] + len(ln) + 1)
    i = 0
    while i < len(lines):
        if lines[i] == "{":
            name, start = None, offs[i]
            for k in range(i - 1, max(-1, i - 8), -1):
                ln = lines[k]
                if ln and not ln[0].isspace():
                    m = re.search(r"(\w+)\s*\(", ln)
                    if m:
                        name, start = m.group(1), offs[k]
                    break
            j = i + 1
            while j < len(lines) and lines[j] != "}":
                j += 1
            if name:
                ranges.append((name, start, offs[min(j + 1, len(lines))]))
            i = j
        i += 1
    return ranges


def changed_region(old, new):
    """[start, end) of old that differs from new (common prefix/suffix)."""
    p = 0
    n = min(len(old), len(new))
    while p < n and old[p] == new[p]:
        p += 1
    s = 0
    while s < n - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return p, len(old) - s


def apply_mutant(mut, text):
    """Return (mutated text, touched functions) or raise ValueError."""
    touched = []
    for edit in mut["edits"]:
        rx, repl = edit_pattern(edit)
        hits = list(rx.finditer(text))
        want = mut.get("count", 1)
        if len(hits) != want:
            raise ValueError("rule %r matches %d times (want %d)" %
                             (rx.pattern[:60], len(hits), want))
        for a, b in annotation_spans(text):
            for h in hits:
                if h.start() < b and a < h.end():
                    raise ValueError("rule %r touches an ACSL annotation"
                                     % rx.pattern[:60])
        new = rx.sub(repl, text)
        if new == text:
            raise ValueError("rule %r changes nothing" % rx.pattern[:60])
        lo, hi = changed_region(text, new)
        for name, a, b in function_ranges(text):
            if lo < b and a <= max(lo, hi - 1) and name not in touched:
                touched.append(name)
        text = new
    return text, touched


def load_catalogue():
    cat = load_module("catalogue", os.path.join(HERE, "catalogue.py"))
    muts = cat.MUTANTS
    extra = set(getattr(cat, "EXTRA", ()))
    seen = set()
    for m in muts:
        if m["id"] in seen:
            sys.exit("mutants: duplicate id " + m["id"])
        seen.add(m["id"])
        if "edits" not in m:
            m["edits"] = [(m["find"], m["replace"])]
        for k in ("file", "requirement", "label"):
            if k not in m:
                sys.exit("mutants: %s has no %s" % (m["id"], k))
    unknown = extra - seen
    if unknown:
        sys.exit("mutants: EXTRA lists unknown ids: " +
                 ", ".join(sorted(unknown)))
    for m in muts:
        m["extra"] = m["id"] in extra
    return muts, extra


# ------------------------------------------------------------- scratch ---

# Everything is taken from one snapshot of the tree, made at the start, so
# a run is consistent even while someone edits src/ or spec/.
SNAP = os.path.join(WORK, "_snapshot")


def seed_cache():
    """Start from `make proof`'s WP cache (build/proof/wp-cache), if any:
    goals it proved are replayed instead of re-proved. Entries are keyed
    by the goal's text, so entries of other sources are never hit."""
    os.makedirs(CACHE, exist_ok=True)
    src = os.path.join(ROOT, "build", "proof", "wp-cache")
    if not os.path.isdir(src):
        return 0
    n = 0
    for name in os.listdir(src):
        dst = os.path.join(CACHE, name)
        if not os.path.exists(dst):
            try:
                shutil.copy2(os.path.join(src, name), dst)
                n += 1
            except OSError:
                pass
    return n


def take_snapshot():
    if os.path.exists(SNAP):
        shutil.rmtree(SNAP)
    os.makedirs(SNAP)
    for sub in ("src", "spec", "proofs", "tests"):
        if os.path.isdir(os.path.join(ROOT, sub)):
            shutil.copytree(os.path.join(ROOT, sub), os.path.join(SNAP, sub),
                            ignore=shutil.ignore_patterns("mutants"))


def make_scratch(name, with_tests=False):
    d = os.path.join(WORK, name)
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(os.path.join(d, "build", "proof"))
    for sub in ("src", "spec", "proofs"):
        shutil.copytree(os.path.join(SNAP, sub), os.path.join(d, sub))
    if with_tests:
        add_tests(d)
    return d


def add_tests(d):
    if not os.path.exists(os.path.join(d, "tests")):
        shutil.copytree(os.path.join(SNAP, "tests"), os.path.join(d, "tests"))


def compiles(d, relfile):
    r = subprocess.run(["gcc"] + CFLAGS_CORE + ["-fsyntax-only", relfile],
                       cwd=d, env=dict(os.environ, PWD=d), text=True,
                       capture_output=True)
    return r.returncode == 0, r.stderr


def why3_conf():
    path = os.path.join(ROOT, "build", "why3", "why3.conf")
    if os.path.exists(path):
        return path
    path = os.path.join(WORK, "why3.conf")
    if not os.path.exists(path):
        os.makedirs(WORK, exist_ok=True)
        subprocess.run(["why3", "config", "detect"],
                       env=dict(os.environ, WHY3CONFIG=path),
                       capture_output=True, check=True)
    return path


def prove(d, files, functions, args, props=None, tag=""):
    """Frama-C/WP on files (relative to d), only the given functions (and
    properties, if props), with the options of proofs/wp.conf and the
    mutant overrides. Returns (ok, goals in log order, seconds, log tail).

    Frama-C resolves relative file names against $PWD, not the process's
    working directory: PWD must be the scratch copy, or the real src/ is
    proved instead of the mutant. The WP cache (build/mutants/wp-cache)
    replays goals a mutant leaves unchanged; its key is the goal's text."""
    conf = PROVE.load_conf()
    jout = os.path.join("build", "proof", "wp-report.json")
    if os.path.exists(os.path.join(d, jout)):
        os.remove(os.path.join(d, jout))
    cmd = (PROVE.frama_c_base(conf) + ["-wp-prover", conf["PROVERS"]] +
           ["-wp-report-json", jout,
            "-wp-timeout", str(args.timeout), "-wp-par", str(args.par),
            "-wp-no-smoke-tests", "-wp-fct", ",".join(functions),
            "-wp-cache", "update", "-wp-cache-dir", CACHE] +
           (["-wp-prop=" + ",".join(props)] if props else []) + files)
    env = PROVE.proof_env(conf, WHY3CONFIG=why3_conf(), PWD=d)
    t0 = time.time()
    logpath = os.path.join(d, "build", "proof", "wp-%s%s.log" %
                           ("+".join(os.path.basename(f) for f in files),
                            tag))
    with open(logpath, "w") as lf:
        lf.write("# " + " ".join(cmd) + "\n")
        lf.flush()
        r = subprocess.run(cmd, cwd=d, env=env, text=True, stdout=lf,
                           stderr=subprocess.STDOUT)
    secs = time.time() - t0
    text = open(logpath).read()
    if r.returncode != 0:
        return False, [], secs, text[-3000:]
    if not os.path.exists(os.path.join(d, jout)):
        # -wp-prop selected nothing in these functions.
        return True, [], secs, text[-3000:]
    goals, _smoke = PROVE.parse_log(text)
    report = json.load(open(os.path.join(d, jout))) or {}
    owner = PROVE.goal_functions(report, goals)
    ids = [q["id"] for q in PROVE.load_requirements()]
    out = []
    for g, info in goals.items():
        out.append({"goal": g, "status": info["status"],
                    "function": owner.get(g, "?"),
                    "requirement": PROVE.requirement_of(g, ids),
                    "time": info["time"]})
    return True, out, secs, text[-3000:]


TESTS_LINE = re.compile(r"^(\d+) passed, (\d+) failed$", re.M)


def test_command(binary):
    return [binary, "--seed", str(TEST_SEED), "--switches",
            str(TEST_SWITCHES), "--suite", TEST_SUITES]


def run_test_binary(binary):
    """Run the test binary; {"result": killed|survived, ...}. Killed: a
    test failed, or the binary crashed or hung (the unmutated binary
    passes every test: tests_prepare checks it)."""
    t0 = time.time()
    try:
        r = subprocess.run(test_command(binary), text=True,
                           capture_output=True, timeout=TEST_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"result": "killed", "how": "timeout after %ds" %
                TEST_TIMEOUT, "seconds": round(time.time() - t0, 1)}
    out = r.stdout
    m = None
    for m in TESTS_LINE.finditer(out):
        pass
    fails = [ln[5:][:240] for ln in out.splitlines()
             if ln.startswith("FAIL ")]
    res = {"seconds": round(time.time() - t0, 1)}
    if m:
        res["tests"] = "%s passed, %s failed" % (m.group(1), m.group(2))
    if r.returncode < 0:
        res.update(result="killed", how="crashed (signal %d)" %
                   -r.returncode)
    elif fails or r.returncode != 0 or not m:
        res.update(result="killed", how="%d tests failed" % len(fails))
    else:
        res.update(result="survived")
    if fails:
        res["failures"] = fails[:3]
    return res


def tests_prepare():
    """Build the test objects once (in the snapshot) and run the
    unmutated binary with the mutants' arguments: every test must pass,
    or a failing mutant would prove nothing. (baseline dict, error)."""
    tdir = os.path.join(SNAP, "tests")
    r = subprocess.run(["make", "-s", "--no-print-directory", "-C", tdir,
                        "all"], text=True, capture_output=True)
    if r.returncode != 0:
        return None, "the tests do not build:\n" + r.stderr[-1500:]
    res = run_test_binary(os.path.join(SNAP, "build", "tests",
                                       "mpmu_tests"))
    if res["result"] != "survived":
        return None, "the unmutated tests fail: %s %s" % (
            res.get("how", ""), "; ".join(res.get("failures", [])))
    return res, None


def tests_one(m, text, keep):
    """Build the tests with this mutant's file and run them."""
    d = os.path.join(WORK, "_tests", m["id"])
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(d)
    mut = os.path.join(d, os.path.basename(m["file"]))
    with open(mut, "w") as f:
        f.write(text)
    binary = os.path.join(d, "mpmu_tests")
    t0 = time.time()
    r = subprocess.run(["make", "-s", "--no-print-directory", "-C",
                        os.path.join(SNAP, "tests"), "mutant",
                        "MUT=" + mut, "MUT_BIN=" + binary], text=True,
                       capture_output=True)
    if r.returncode != 0:
        res = {"result": "error", "how": "does not build with the tests: "
               + r.stderr.strip()[-400:]}
    else:
        res = run_test_binary(binary)
    res["seconds"] = round(time.time() - t0, 1)
    if not keep:
        shutil.rmtree(d)
    return res


def tests_alone(ready, args):
    """Every ready mutant against the simulator tests alone, --jobs 2 at a
    time at least (each run is one process). {id: result} and the
    summary, or (None, error) if the tests cannot classify."""
    t0 = time.time()
    base, err = tests_prepare()
    if err:
        return None, {"error": err}
    out = {}
    lock = threading.Lock()

    def one(item):
        m, text, _fns = item
        try:
            res = tests_one(m, text, args.keep)
        except Exception as e:      # one broken mutant must not end the run
            res = {"result": "error", "how": repr(e)}
        with lock:
            out[m["id"]] = res
            log("tests [%d/%d] %-34s %-8s %5.1fs %s" %
                (len(out), len(ready), m["id"], res["result"],
                 res.get("seconds", 0), res.get("how", "") + (
                     ": " + res["failures"][0][:120]
                     if res.get("failures") else "")))
        return res

    with concurrent.futures.ThreadPoolExecutor(max(2, args.jobs)) as pool:
        list(pool.map(one, ready))
    summary = {"command": " ".join(["build/tests/mpmu_tests"] +
                                   test_command("")[1:]),
               "baseline": base.get("tests"),
               "seconds": round(time.time() - t0, 1)}
    return out, summary


def clause_names():
    """Requirement id -> the named ACSL clauses (REQ_X_...) that formalise
    it, from the snapshot's src/ and spec/ (as proofs/prove.py maps them)."""
    ids = [q["id"] for q in PROVE.load_requirements()]
    out = {}
    for loc in PROVE.clause_locations():
        rid = PROVE.requirement_of("x_" + loc["name"], ids)
        if rid and loc["name"] not in out.setdefault(rid, []):
            out[rid].append(loc["name"])
    return out


def audit_baseline(per_file, args):
    """The baseline from report/audit.json when `make proof` ran on exactly
    these sources (same sha256 for every src/ and spec/ file) and every
    goal of the targeted functions is there with its time; None
    otherwise. Goals that were not Valid, or took more than half the
    mutant timeout (a mutant that only makes them time out proves
    nothing), are returned as unproved: they never count as kills."""
    path = os.path.join(ROOT, "report", "audit.json")
    if args.baseline or not os.path.exists(path):
        return None
    try:
        audit = json.load(open(path))
        files = {f["path"]: f["sha256"]
                 for f in audit["identification"]["files"]}
        goals = audit["goal_list"]
    except (ValueError, KeyError, TypeError):
        return None
    for sub in ("src", "spec"):
        for name in sorted(os.listdir(os.path.join(SNAP, sub))):
            p = os.path.join(SNAP, sub, name)
            h = hashlib.sha256(open(p, "rb").read()).hexdigest()
            if files.get(sub + "/" + name) != h:
                return None
    # Goal -> function by name (typed_<function>_...), longest name first:
    # the audit's own "function" field is not reliable for every goal.
    names = set(i.get("function") for i in goals.values())
    for fns in per_file.values():
        names.update(fns)
    names = sorted((n for n in names if n and n != "?"), key=len,
                   reverse=True)

    def owner(g):
        for n in names:
            if g.startswith("typed_" + n + "_"):
                return n
        return None

    base = {"ok": True, "source": "report/audit.json (%s)" %
            audit["identification"].get("date", "?"), "files": {},
            "seconds": 0.0}
    for f, fns in sorted(per_file.items()):
        mine = {g: i for g, i in goals.items() if owner(g) in fns}
        found = set(owner(g) for g in mine)
        if [fn for fn in fns if fn not in found]:
            return None
        # A goal proved through its prover hint (a WP session script)
        # has no time in the log, so "took at most half the timeout"
        # cannot be checked: prove the baseline instead.
        if any(i.get("hinted") for i in mine.values()):
            log("baseline: report/audit.json has goals proved through "
                "prover hints (no time recorded); proving the baseline")
            return None
        unproved = sorted(g for g, i in mine.items()
                          if i.get("status") != "valid" or
                          i.get("time", 0) > args.timeout / 2.0)
        base["files"][f] = {"functions": fns, "goals": len(mine),
                            "unproved": unproved, "no_goals": []}
    log("baseline: report/audit.json matches the sources (%s)" %
        base["source"])
    return base


def sources_key(args):
    """Hash of everything a proof depends on: src/, spec/, wp.conf and the
    mutant WP options."""
    h = hashlib.sha256()
    for sub in ("src", "spec"):
        for name in sorted(os.listdir(os.path.join(SNAP, sub))):
            h.update((sub + "/" + name).encode())
            h.update(open(os.path.join(SNAP, sub, name), "rb").read())
    h.update(open(os.path.join(SNAP, "proofs", "wp.conf"), "rb").read())
    h.update(json.dumps([args.timeout, args.par]).encode())
    return h.hexdigest()[:16]


def run_baseline(per_file, args):
    """Prove the unmutated functions. Per-function results are kept in
    build/mutants/baseline-<sources key>.json and reused by later runs on
    the same sources and options."""
    key = sources_key(args)
    saved = os.path.join(WORK, "baseline-%s.json" % key)
    known = json.load(open(saved)) if os.path.exists(saved) and \
        not args.baseline else {}
    baseline = {"ok": True, "source": "frama-c", "key": key, "files": {},
                "seconds": 0.0}
    base_dir = None
    for f, fns in sorted(per_file.items()):
        todo = [fn for fn in fns if f + ":" + fn not in known]
        if todo:
            if base_dir is None:
                base_dir = make_scratch("_baseline")
            ok, goals, secs, tail = prove(base_dir, [f], todo, args)
            baseline["seconds"] = round(baseline["seconds"] + secs, 1)
            log("baseline %s (%d functions): %d goals, %.1fs" %
                (f, len(todo), len(goals), secs))
            if not ok:
                baseline["ok"] = False
                log("baseline frama-c failed on %s:\n%s" % (f, tail))
                continue
            for fn in todo:
                mine = [g for g in goals if g["function"] == fn]
                if not mine:
                    baseline["ok"] = False
                    log("baseline: no goals for %s (wrong function name?)"
                        % fn)
                    continue
                known[f + ":" + fn] = {
                    "goals": len(mine),
                    "unproved": [g["goal"] for g in mine
                                 if g["status"] != "valid"]}
        entry = {"functions": fns, "goals": 0, "unproved": []}
        for fn in fns:
            k = known.get(f + ":" + fn)
            if k:
                entry["goals"] += k["goals"]
                entry["unproved"] += k["unproved"]
        baseline["files"][f] = entry
        for g in entry["unproved"]:
            log("baseline goal not proved: %s" % g)
    with open(saved, "w") as fh:
        json.dump(known, fh, indent=1)
    return baseline


# ---------------------------------------------------------------- main ---

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", help="comma-separated mutant ids")
    ap.add_argument("--list", action="store_true",
                    help="list the catalogue and exit")
    ap.add_argument("--check", action="store_true",
                    help="apply and compile every mutant, no proof")
    ap.add_argument("--no-tests", action="store_true",
                    help="do not run the mutants against the simulator "
                         "tests")
    ap.add_argument("--tests-only", action="store_true",
                    help="run every mutant against the simulator tests "
                         "only, no proof (writes "
                         "build/mutants/mutants-tests.json)")
    ap.add_argument("--timeout", type=int, default=5,
                    help="WP prover timeout per goal (default 5; the "
                         "baseline must prove with it too)")
    ap.add_argument("--par", type=int, default=2,
                    help="-wp-par of each frama-c (default 2)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="mutants proved in parallel (default 1; with 2, "
                         "use --par 1 on a 2-core machine)")
    ap.add_argument("--all", action="store_true",
                    help="also run the extended catalogue (EXTRA)")
    ap.add_argument("--baseline", action="store_true",
                    help="always prove the baseline (ignore audit.json)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the scratch copies of killed mutants")
    args = ap.parse_args()

    muts, extra = load_catalogue()
    CATALOGUE.update(size=len(muts), core=len(muts) - len(extra),
                     extra=len(extra),
                     ran="only" if args.only else
                     "all" if args.all else "core")
    # The proof runs the core set (or --all); the tests run every
    # catalogue mutant, and every rule must still apply (stale check).
    proof_set = set(m["id"] for m in muts
                    if args.all or args.only or m["id"] not in extra)
    if args.only:
        want = set(args.only.split(","))
        unknown = want - set(m["id"] for m in muts)
        if unknown:
            sys.exit("mutants: unknown ids: " + ", ".join(sorted(unknown)))
        muts = [m for m in muts if m["id"] in want]
    if args.list:
        for m in muts:
            if m["id"] not in proof_set:
                continue
            print("%-36s %-5s %-18s %-18s %s" %
                  (m["id"], "extra" if m["extra"] else "core", m["file"],
                   m["requirement"], m["label"]))
        return 0

    t_start = time.time()
    os.makedirs(WORK, exist_ok=True)
    take_snapshot()
    PROVE.ROOT = SNAP
    PROVE.CONF = os.path.join(SNAP, "proofs", "wp.conf")
    if not args.check and not args.tests_only:
        log("seeded the WP cache with %d entries of build/proof/wp-cache" %
            seed_cache())

    # 1. Apply every rule to the pristine sources: skipped / stale / plan.
    plan, skipped, stale, invalid = [], [], [], []
    for m in muts:
        path = os.path.join(SNAP, m["file"])
        req = m.get("requires")
        if req and not os.path.exists(os.path.join(SNAP, req)):
            skipped.append({"id": m["id"], "reason": "requires " + req})
            continue
        if not os.path.exists(path):
            stale.append({"id": m["id"], "reason": m["file"] + " absent"})
            continue
        try:
            text, touched = apply_mutant(m, open(path).read())
        except ValueError as e:
            # The required file is there: a rule that no longer matches
            # is stale, never silently skipped.
            stale.append({"id": m["id"], "reason": str(e)})
            continue
        fns = m.get("functions") or touched
        if not fns:
            stale.append({"id": m["id"],
                          "reason": "no enclosing function found"})
            continue
        plan.append((m, text, fns))
    for s in skipped:
        log("skip %s: %s" % (s["id"], s["reason"]))
    for s in stale:
        log("STALE %s: %s" % (s["id"], s["reason"]))

    # 2. Every mutant must compile as freestanding C (a syntax error is not
    #    a bug the proof caught).
    ready = []
    chk = make_scratch("_check")
    for m, text, fns in plan:
        orig = open(os.path.join(SNAP, m["file"])).read()
        with open(os.path.join(chk, m["file"]), "w") as f:
            f.write(text)
        ok, err = compiles(chk, m["file"])
        with open(os.path.join(chk, m["file"]), "w") as f:
            f.write(orig)
        if ok:
            ready.append((m, text, fns))
        else:
            invalid.append({"id": m["id"], "reason": err.strip()[-600:]})
            log("INVALID %s: does not compile:\n%s" % (m["id"],
                                                      err.strip()[-600:]))
    shutil.rmtree(chk)
    if args.check:
        for m, _t, fns in ready:
            log("ok %-28s %s  [%s]" % (m["id"], m["file"], ",".join(fns)))
        log("%d ready, %d skipped, %d stale, %d invalid" %
            (len(ready), len(skipped), len(stale), len(invalid)))
        return 1 if stale or invalid or \
            (not args.only and len(ready) < MIN_MUTANTS) else 0

    # 3. Every ready mutant against the simulator tests alone.
    tests = tsum = None
    if not args.no_tests:
        tests, tsum = tests_alone(ready, args)
        if tests is None:
            log("tests cannot classify mutants: " + tsum["error"])
    if args.tests_only:
        return write_report(args, [], skipped, stale, invalid, None,
                            tests, tsum, ready, t_start)
    ready_proof = [r for r in ready if r[0]["id"] in proof_set]

    # 4. Baseline: the unmutated functions the mutants touch must prove,
    #    with the same options, or "killed" means nothing.
    per_file = {}
    for m, _t, fns in ready_proof:
        per_file.setdefault(m["file"], [])
        for f in fns:
            if f not in per_file[m["file"]]:
                per_file[m["file"]].append(f)
    baseline = audit_baseline(per_file, args)
    if baseline is None:
        baseline = run_baseline(per_file, args)
    # Goals already unproved without any mutation cannot kill a mutant.
    base_bad = set()
    for f in baseline["files"].values():
        base_bad.update(f["unproved"])
    if base_bad:
        log("WARNING: %d goals are unproved in the baseline; they are "
            "ignored when classifying mutants: %s" %
            (len(base_bad), ", ".join(sorted(base_bad))))
    if not baseline["ok"]:
        write_report(args, [], skipped, stale, invalid, baseline, tests,
                     None if args.no_tests else tsum, ready, t_start)
        log("baseline does not prove: mutant results would mean nothing")
        return 2

    # 5. The mutants, --jobs frama-c at a time (default 1, with -wp-par 2).
    #    Stages: the clauses of the mutant's requirement; assertions
    #    (RTE included) and loop invariants; call preconditions; then
    #    every goal of the touched functions. The first stage with a goal
    #    that is not Valid kills the mutant.
    clauses = clause_names()
    lock = threading.Lock()
    counter = [0]

    def one(item):
        m, text, fns = item
        d = make_scratch(m["id"])
        with open(os.path.join(d, m["file"]), "w") as f:
            f.write(text)
        t0 = time.time()
        # Stages, cheapest and likeliest first; stop at the first kill.
        # Goals proved in a stage come back from the WP cache later.
        stages = [clauses.get(m["requirement"], []) + m.get("props", []),
                  ["@assert", "@invariant"], ["@requires"], None]
        psecs, ngoals, phase = 0.0, 0, 0
        for phase, props in enumerate(stages, 1):
            if props == []:
                continue
            ok, goals, secs, tail = prove(d, [m["file"]], fns, args,
                                          props, "-phase%d" % phase)
            psecs += secs
            ngoals = max(ngoals, len(goals))
            if not ok or [g for g in goals if g["status"] != "valid" and
                          g["goal"] not in base_bad]:
                break
        res = {"id": m["id"], "file": m["file"],
               "requirement": m["requirement"], "label": m["label"],
               "functions": fns, "issue": bool(m.get("issue")),
               "extra": m["extra"],
               "proof_seconds": round(psecs, 1), "phase": phase}
        if m.get("requires"):
            res["requires"] = m["requires"]
        bad = [g for g in goals if g["status"] != "valid" and
               g["goal"] not in base_bad]
        if not ok or not goals:
            res.update(result="error", failing_goal=None,
                       error="frama-c failed: " + tail[-800:])
        elif bad:
            exp = [g for g in bad if g["requirement"] == m["requirement"]]
            res.update(result="proof", failing_goal=bad[0]["goal"],
                       failing_function=bad[0]["function"],
                       failing_requirement=bad[0]["requirement"],
                       failing_status=bad[0]["status"],
                       failing_goals=len(bad), goals=len(goals),
                       broken_requirements=sorted(set(
                           g["requirement"] or "supporting" for g in bad)),
                       expected_requirement_broken=bool(exp))
            if exp and exp[0] is not bad[0]:
                res["expected_goal"] = exp[0]["goal"]
        else:
            res.update(result="survived", failing_goal=None,
                       goals=ngoals)
        tr = (tests or {}).get(m["id"])
        if tr:
            res["tests_alone"] = tr["result"]
            if tr.get("tests"):
                res["tests"] = tr["tests"]
            # Missed by the proof, found by the tests.
            if res["result"] == "survived" and tr["result"] == "killed":
                res["result"] = "tests"
                res["tests_failures"] = tr.get("failures", [])
        res["seconds"] = round(time.time() - t0, 1)
        with lock:
            counter[0] += 1
            log("[%d/%d] %-34s %-8s %5.1fs p%d %s" %
                (counter[0], len(ready_proof), m["id"], res["result"],
                 res["seconds"], phase, res.get("failing_goal") or
                 res.get("tests") or res.get("error", "")[:300]))
        if res["result"] != "proof" or args.keep:
            with open(os.path.join(d, "result.json"), "w") as f:
                json.dump(res, f, indent=1)
        else:
            shutil.rmtree(d)
        return res

    def guarded(item):
        try:
            return one(item)
        except Exception as e:      # one broken mutant must not end the run
            m = item[0]
            log("ERROR %s: %r" % (m["id"], e))
            return {"id": m["id"], "file": m["file"],
                    "requirement": m["requirement"], "label": m["label"],
                    "functions": item[2], "issue": bool(m.get("issue")),
                    "extra": m["extra"], "result": "error",
                    "failing_goal": None, "error": repr(e), "seconds": 0}

    if args.jobs > 1:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(guarded, ready_proof))
    else:
        results = [guarded(item) for item in ready_proof]

    return write_report(args, results, skipped, stale, invalid, baseline,
                        tests, None if args.no_tests else tsum, ready,
                        t_start)


CATALOGUE = {}


def tests_report(results, tests, tsum, ready):
    """The tests' own kill rate: every ready catalogue mutant, and the
    proof kills the tests do not repeat (each needs a stated reason)."""
    if tsum is None:
        return None
    if tests is None:
        return {"error": tsum["error"]}
    cat = {m["id"]: m for m, _t, _f in ready}
    rows = []
    for mid in sorted(tests):
        r = dict(tests[mid])
        r["id"] = mid
        r["requirement"] = cat[mid]["requirement"]
        r["extra"] = cat[mid]["extra"]
        if r["result"] != "killed" and cat[mid].get("tests_blind"):
            r["blind"] = cat[mid]["tests_blind"]
        rows.append(r)
    proof_killed = [r["id"] for r in results if r["result"] == "proof"]
    missed = [i for i in proof_killed if tests[i]["result"] != "killed"]
    out = dict(tsum)
    out.update({
        "total": len(rows),
        "killed": sum(1 for r in rows if r["result"] == "killed"),
        "survived": [r["id"] for r in rows if r["result"] == "survived"],
        "errors": [r["id"] for r in rows if r["result"] == "error"],
        "proof_killed": len(proof_killed),
        "proof_killed_tests_killed": len(proof_killed) - len(missed),
        # Killed by the proof, not by the tests: each must say why a
        # test cannot see it (catalogue "tests_blind"), or the run fails.
        "proof_only": {i: cat[i].get("tests_blind") for i in missed},
        "unexplained": [i for i in missed if not cat[i].get("tests_blind")],
        "mutants": rows,
    })
    return out


def write_report(args, results, skipped, stale, invalid, baseline,
                 tests, tsum, ready, t_start):
    total = len(results)
    kp = sum(1 for r in results if r["result"] == "proof")
    kt = sum(1 for r in results if r["result"] == "tests")
    surv = [r["id"] for r in results if r["result"] in ("survived", "tests")]
    errors = [r["id"] for r in results if r["result"] == "error"]
    wall = time.time() - t_start
    talone = tests_report(results, tests, tsum, ready)
    rep = {
        "run": PROV.stamp(" ".join(["python3 proofs/mutants/run.py"] +
                                   sys.argv[1:])),
        "catalogue": CATALOGUE,
        "total": total,
        "killed_by_proof": kp,
        "killed_by_tests": kt,
        # Surviving the proof: killed by tests only, or by nothing.
        "survived": surv,
        "survived_all": [r["id"] for r in results
                         if r["result"] == "survived"],
        "errors": errors,
        "skipped": skipped,
        "stale": stale,
        "invalid": invalid,
        "expected_requirement_missed": [
            r["id"] for r in results if r["result"] == "proof" and
            not r.get("expected_requirement_broken")],
        "wall_time": round(wall, 1),
        "options": {"timeout": args.timeout, "par": args.par,
                    "smoke_tests": False,
                    "cache": os.path.relpath(CACHE, ROOT),
                    "phases": "1: the mutant's requirement clauses; "
                              "2: @assert,@invariant; 3: @requires; "
                              "4: all goals; stop at the first kill",
                    "tests": None if tsum is None else
                    tsum.get("command")},
        "baseline": baseline,
        # Every catalogue mutant against the simulator tests alone.
        "tests_alone": talone,
        "mutants": results,
    }
    partial = bool(args.only) or args.tests_only
    out = REPORT if not partial else os.path.join(
        WORK, "mutants-tests.json" if args.tests_only else
        "mutants-only.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump(rep, f, indent=1)
        f.write("\n")
    if not args.tests_only:
        log("%d mutants: %d killed by proof, %d by tests only, %d "
            "survived, %d errors; %d skipped, %d stale, %d invalid; %.0fs "
            "-> %s" % (total, kp, kt, len(rep["survived_all"]),
                       len(errors), len(skipped), len(stale), len(invalid),
                       wall, os.path.relpath(out, ROOT)))
    for r in results:
        if r["result"] in ("survived", "tests", "error"):
            log("NOT KILLED BY PROOF: %s (%s): %s" % (r["id"], r["result"],
                                                      r["label"]))
    tests_bad = False
    if talone is not None:
        if "error" in talone:
            tests_bad = True
        else:
            log("tests alone: %d of %d catalogue mutants killed (%d of the "
                "%d the proof killed); %.0fs" %
                (talone["killed"], talone["total"],
                 talone["proof_killed_tests_killed"],
                 talone["proof_killed"], talone["seconds"]))
            for i, why in sorted(talone["proof_only"].items()):
                log("killed by the proof only: %s: %s" %
                    (i, why or "NO REASON GIVEN (catalogue tests_blind)"))
            tests_bad = bool(talone["unexplained"] or talone["errors"])
    if args.tests_only:
        log("-> " + os.path.relpath(out, ROOT))
        return 1 if tests_bad or stale or invalid else 0
    bad = surv or errors or stale or invalid or not baseline["ok"] or \
        (not args.only and total < MIN_MUTANTS) or tests_bad
    if not args.only and total < MIN_MUTANTS:
        log("only %d mutants ran (need %d)" % (total, MIN_MUTANTS))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
