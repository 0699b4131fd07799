#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Reachability probes after every call to a trusted function.

A trusted contract (a bodiless mpmu_hw_* of spec/) can contradict itself,
for instance ensure the trace grew (traced{Pre, Post}) while leaving
tr_len out of its assigns; every goal after such a call is then proved
from \\false. `make proof` catches that with WP's dead-call smoke tests,
which see the returning path only because every trusted contract says
`exits \\false` (spec/mpmu_hw.h). This check is a second, independent
one: a dead-code smoke test at a statement after each call.

1. copies src/, spec/ and proofs/harness/ to build/probes/tree/ and,
   in the copy only, follows every statement that calls a trusted
   function with a ghost write, `/*@ ghost mpmu_probe_reached = 1; */`;
2. runs WP's smoke tests with -wp-smoke-dead-code (the smoke prover and
   budget of proofs/wp.conf) on the functions that hold a probe; goals
   are not proved here (`make proof` does that);
3. fails if the smoke test of any probe fails (the state after that call
   is contradictory), or if a probe got no smoke test;
4. self-tests, on mpmu_wr_gp_counter with tr_len taken out of the WRMSR
   accessor's assigns: a probe must catch it, and so must the dead-call
   smoke test `make proof` runs (its smoke-job options, no probe); and
   with `exits \\false` taken out of that broken contract, the dead-call
   smoke test must pass, which shows what the clause is for. (That the
   smoke budget still finds a contradiction is `make proof`'s own smoke
   canary, prove.canary_job.)

Writes "N passed, N failed" (one per probe, plus the self-test) to
build/results/probes.txt when run by `make test`.
"""

import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import prove  # noqa: E402

ROOT = prove.ROOT
WORK = os.path.join(ROOT, "build", "probes")
TREE = os.path.join(WORK, "tree")
GHOST_DECL = "/*@ ghost int mpmu_probe_reached; */"
PROBE = "/*@ ghost mpmu_probe_reached = 1; */"
# Keep one cheap kind of goal per function, or WP runs no smoke test:
# the `exits \false` goals WP closes as it generates them.
KEEP = ("exits",)
# The self-test: the WRMSR contract without tr_len in its assigns.
BROKEN_FROM = "assigns MPMU_HW_REGS, MPMU_TRACE_NEXT;\n" \
              "  @ exits \\false;\n  @ ensures hw_wf;\n" \
              "  @ ensures traced{Pre, Post}(MPMU_TR_WRMSR, msr, val);"
BROKEN_TO = "assigns MPMU_HW_REGS, tr_kind[tr_len], tr_reg[tr_len],\n" \
            "  @   tr_val[tr_len], tr_gctl[tr_len];\n" \
            "  @ exits \\false;\n  @ ensures hw_wf;\n" \
            "  @ ensures traced{Pre, Post}(MPMU_TR_WRMSR, msr, val);"
EXITS = "  @ exits \\false;\n  @ ensures hw_wf;\n" \
        "  @ ensures traced{Pre, Post}(MPMU_TR_WRMSR, msr, val);"


def trusted_functions():
    """The bodiless functions whose contracts spec/ declares."""
    names = set()
    for h in glob.glob(os.path.join(ROOT, "spec", "*.h")):
        names.update(re.findall(r"^\w[\w \t*]*?\b(mpmu_hw_\w+)\(.*\);$",
                                open(h).read(), re.M))
    return names


def insert_probes(path, trusted):
    """Probe every call statement of a trusted function in path; returns
    [(line, function)] of the probes, lines counted in the new file."""
    out, probes, fn, in_acsl = [], [], None, False
    lines = open(path).read().split("\n")
    last_include = max((i for i, l in enumerate(lines)
                        if l.startswith("#include")), default=-1)
    for i, line in enumerate(lines):
        m = re.match(r"^\w[\w \t*]*?\b(\w+)\(", line)
        if m and not line.rstrip().endswith(";"):
            fn = m.group(1)
        stripped = line.strip()
        if stripped.startswith("/*@"):
            in_acsl = "*/" not in stripped
        elif in_acsl:
            in_acsl = "*/" not in stripped
        else:
            call = re.match(r"^(\s*)((?:\w+\s*=\s*)?(\w+)\(.*\);)\s*$",
                            line)
            ret = re.match(r"^\s*return (\w+)\(.*\);\s*$", line)
            if ret and ret.group(1) in trusted:
                # CIL splits it into a call and `return tmp;`: WP's own
                # dead-code test of that return is the probe.
                probes.append((len(out) + 1, fn))
            elif call and call.group(3) in trusted:
                # A block, so an unbraced if/else body stays one
                # statement.
                line = "%s{ %s %s }" % (call.group(1), call.group(2),
                                        PROBE)
                probes.append((len(out) + 1, fn))
        out.append(line)
        if i == last_include:
            out.append(GHOST_DECL)
    open(path, "w").write("\n".join(out))
    return probes


def run_wp(tree, src, base, opts, conf, env, log):
    """One frama-c smoke run on src in tree, SMOKE_PROVERS at 1 s and no
    cache (the prover's budget is SMOKE_RLIMIT); returns its log (also
    written to log)."""
    cmd = base + opts + ["-wp-timeout", "1", "-wp-prover",
                         conf["SMOKE_PROVERS"], "-wp-cache", "none",
                         os.path.relpath(src, tree)]
    r = subprocess.run(cmd, cwd=tree, env=dict(env, PWD=tree), text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    open(log, "w").write(r.stdout)
    if r.returncode != 0:
        sys.exit("probes: frama-c failed on %s (see %s)" %
                 (os.path.relpath(src, tree), prove.rel(log)))
    return r.stdout


def run_smoke(tree, src, functions, conf, env, log):
    """WP smoke tests with dead-code tests on; returns (failed lines,
    number of dead-code smoke tests, log text)."""
    base = [o for o in prove.frama_c_base(conf)
            if o != "-wp-no-smoke-dead-code"]
    out = run_wp(tree, src, base,
                 ["-wp-smoke-dead-code", "-wp-fct",
                  ",".join(sorted(functions)), prove.keep_only(KEEP)],
                 conf, env, log)
    failed = set(int(n) for n in re.findall(
        r"^\[wp\] \S+?:(\d+): Warning: Failed smoke-test", out, re.M))
    dead_code = len(re.findall(r"Smoke-test \S+_wp_smoke_dead_code_s\d+",
                               out))
    return failed, dead_code, out


def dead_call_smoke(tree, src, fn, conf, env, log):
    """The dead-call smoke tests of fn with make proof's smoke-job options
    (the `exits` goals kept, as smoke_keep does);
    returns the failed ones."""
    out = run_wp(tree, src, prove.frama_c_base(conf),
                 ["-wp-smoke-dead-call", "-wp-fct", fn,
                  prove.keep_only(KEEP)], conf, env, log)
    if not re.search(r"Smoke-test \S+_wp_smoke_dead_call_s\d+", out):
        sys.exit("probes: no dead-call smoke test ran (see %s)" %
                 prove.rel(log))
    return re.findall(r"^\[wp\] \[Failed\] Smoke-test (\S+_wp_smoke_"
                      r"dead_call_s\d+)", out, re.M)


# The driver check: goals whose tasks both drivers print (proofs, smoke
# tests and a dead-call smoke test; bit operations, loops and the trace).
DRIVER_CHECK = [("src/mpmu_intel.c",
                 "mpmu_intel_load_status,mpmu_load_fixed_counters"),
                ("src/mpmu_hw_ops.c", "mpmu_wr_gp_counter")]
CAPTURE = """#!/bin/sh
# Keep the task Why3 hands to the prover; answer "unknown".
cp "$2" "$(mktemp "$1/task.XXXXXX")"
echo unknown
"""


def without_lemmas(text, names):
    """A task's text without the declarations of `names` (each block of
    the SMT-LIB printer starts with a `;; name` line and ends at a blank
    line) and without `;;;` comment lines."""
    blocks = text.split("\n\n")
    kept = [b for b in blocks
            if b.lstrip("\n").split("\n")[0] not in
            [";; " + n for n in names]]
    return "".join(l for l in "\n\n".join(kept).splitlines(True)
                   if not l.startswith(";;;"))


def digests(texts, drop=()):
    """Sorted digests of task texts, without comment lines and `drop`."""
    return sorted(hashlib.sha256(without_lemmas(t, drop).encode())
                  .hexdigest() for t in texts)


def declaring(texts, names):
    """How many of the task texts declare every lemma of `names`."""
    return sum(1 for t in texts
               if all("\n;; %s\n" % n in t for n in names))


def driver_tasks(kind, drivers, detected, conf):
    """Run WP on DRIVER_CHECK with capture provers (CVC4's and Z3's
    drivers from `drivers`, a command that keeps the task); returns
    {prover: the texts of the tasks}."""
    work = os.path.join(WORK, "drivers", kind)
    shutil.rmtree(work, ignore_errors=True)
    script = os.path.join(work, "capture.sh")
    os.makedirs(work)
    open(script, "w").write(CAPTURE)
    head = open(prove.DETECTED).read()
    sections = []
    for name in ("CVC4", "Z3"):
        out = os.path.join(work, name)
        os.makedirs(out)
        fields = {k: v for k, v in detected[name].items()
                  if k != "command_steps"}
        sections.append(prove.prover_section(
            fields, drivers[name], alternative='"capture"',
            command='"sh %s %s %%f"' % (script, out),
            shortcut='"%s-capture"' % name.lower()))
    w3 = os.path.join(work, "why3.conf")
    open(w3, "w").write(head + "\n" + "\n".join(sections))
    env = prove.proof_env(conf, WHY3CONFIG=w3, PWD=ROOT)
    for src, fns in DRIVER_CHECK:
        cmd = prove.frama_c_base(conf) + [
            "-wp-fct", fns, "-wp-smoke-dead-call", "-wp-timeout", "1",
            "-wp-prover", "cvc4-capture,z3-capture", "-wp-cache", "none",
            src]
        r = subprocess.run(cmd, cwd=ROOT, env=env, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        open(os.path.join(work, "frama-c.log"), "a").write(r.stdout)
        if r.returncode != 0:
            sys.exit("probes: frama-c failed in the driver check (see %s)"
                     % prove.rel(os.path.join(work, "frama-c.log")))
    texts = {}
    for name in ("CVC4", "Z3"):
        out = os.path.join(work, name)
        texts[name] = [open(os.path.join(out, f)).read()
                       for f in sorted(os.listdir(out))]
    return texts


def driver_check(conf):
    """Self-test: the drivers of make proof print every task as Why3's
    own drivers do, comment lines aside, but for the two memory-model
    lemmas prove.DRIVER_CUT_LEMMAS leaves out. Three sets of tasks:
    Why3's drivers, the trimmed ones (prove.trimmed_driver) and those
    of make proof (prove.lemma_cut_driver over the trimmed ones). The
    first two must be the same; the third must be the second without
    the two lemmas, which some tasks of the second declare (those with
    WP's memory model: the comparison is not vacuous) and none of the
    third."""
    prove.why3_config()
    detected = prove.detected_provers()
    stock = {n: prove.stock_driver(detected[n]["driver"], detected["datadir"])
             for n in ("CVC4", "Z3")}
    trimmed = {n: prove.trimmed_driver(detected[n]["driver"],
                                       detected["datadir"])
               for n in ("CVC4", "Z3")}
    cut = {n: prove.lemma_cut_driver(trimmed[n]) for n in ("CVC4", "Z3")}
    lemmas = prove.DRIVER_CUT_LEMMAS[1]
    a = driver_tasks("stock", stock, detected, conf)
    b = driver_tasks("trimmed", trimmed, detected, conf)
    c = driver_tasks("proof", cut, detected, conf)
    names = ("CVC4", "Z3")
    same = all(digests(a[n]) == digests(b[n]) and a[n] for n in names)
    cut_only = all(digests(c[n]) == digests(b[n], lemmas) and c[n] and
                   declaring(b[n], lemmas) > 0 and
                   not any(declaring(c[n], (l,)) for l in lemmas)
                   for n in names)
    return same, cut_only, {n: (len(a[n]), len(b[n]), len(c[n]))
                            for n in names}


def make_tree(dest):
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(os.path.join(dest, "proofs"))
    for d in ("src", "spec"):
        shutil.copytree(os.path.join(ROOT, d), os.path.join(dest, d))
    shutil.copytree(os.path.join(ROOT, "proofs", "harness"),
                    os.path.join(dest, "proofs", "harness"))


def main():
    conf = prove.load_conf()
    env = prove.proof_env(conf, WHY3CONFIG=prove.why3_config())
    trusted = trusted_functions()
    if not trusted:
        sys.exit("probes: no trusted function found in spec/")
    make_tree(TREE)
    passed = failed = 0
    sources = sorted(glob.glob(os.path.join(TREE, "src", "*.c")) +
                     glob.glob(os.path.join(TREE, "proofs", "harness",
                                            "*.c")))
    for src in sources:
        probes = insert_probes(src, trusted)
        if not probes:
            continue
        name = os.path.basename(src)[:-2]
        bad, n_dead, _ = run_smoke(TREE, src, set(f for _, f in probes),
                                   conf, env, os.path.join(
                                       WORK, name + ".log"))
        for line, fn in probes:
            if line in bad:
                failed += 1
                print("probes: FAIL %s:%d (%s): the state after this "
                      "trusted call is contradictory" %
                      (prove.rel(src).replace("build/probes/tree/", ""),
                       line, fn))
            else:
                passed += 1
        if n_dead < len(probes):
            failed += 1
            print("probes: FAIL %s: %d probes but %d dead-code smoke tests"
                  % (name, len(probes), n_dead))
        print("probes: %-12s %2d probes, %d dead-code smoke tests" %
              (name, len(probes), n_dead))
    # Self-test: the check must catch a contract that contradicts its
    # own assigns frame.
    broken = os.path.join(WORK, "selftest")
    make_tree(broken)
    hw = os.path.join(broken, "spec", "mpmu_hw.h")
    text = open(hw).read()
    if text.count(BROKEN_FROM) != 1:
        failed += 1
        print("probes: FAIL self-test: the WRMSR contract changed; update "
              "BROKEN_FROM")
    else:
        open(hw, "w").write(text.replace(BROKEN_FROM, BROKEN_TO))
        ops = os.path.join(broken, "src", "mpmu_hw_ops.c")
        probes = insert_probes(ops, trusted)
        bad, _, _ = run_smoke(broken, ops, {"mpmu_wr_gp_counter"}, conf,
                              env, os.path.join(WORK, "selftest.log"))
        if any(line in bad for line, fn in probes
               if fn == "mpmu_wr_gp_counter"):
            passed += 1
            print("probes: self-test: tr_len left out of the WRMSR "
                  "assigns is caught")
        else:
            failed += 1
            print("probes: FAIL self-test: a WRMSR contract that "
                  "contradicts its assigns was not caught")
        # The same broken contract, in make proof's own smoke tests.
        make_tree(broken)
        open(hw, "w").write(text.replace(BROKEN_FROM, BROKEN_TO))
        if dead_call_smoke(broken, ops, "mpmu_wr_gp_counter", conf, env,
                           os.path.join(WORK, "selftest-smoke.log")):
            passed += 1
            print("probes: self-test: make proof's dead-call smoke test "
                  "catches it too")
        else:
            failed += 1
            print("probes: FAIL self-test: make proof's dead-call smoke "
                  "test missed the broken WRMSR contract")
        # Without `exits \false` the exit path hides it (WP 25).
        lax = text.replace(BROKEN_FROM, BROKEN_TO).replace(
            EXITS, EXITS.replace("  @ exits \\false;\n", ""), 1)
        open(hw, "w").write(lax)
        if not dead_call_smoke(broken, ops, "mpmu_wr_gp_counter", conf,
                               env, os.path.join(WORK,
                                                 "selftest-exits.log")):
            passed += 1
            print("probes: self-test: without exits \\false the "
                  "dead-call smoke test misses it (why the clause is "
                  "there)")
        else:
            failed += 1
            print("probes: FAIL self-test: the dead-call smoke test "
                  "caught the broken contract without exits \\false; "
                  "the comment in spec/mpmu_hw.h is out of date")
    # Self-test: make proof's trimmed Why3 drivers change no task, and
    # its drivers only leave out the two memory-model lemmas.
    same, cut_only, counts = driver_check(conf)
    if same:
        passed += 1
        print("probes: self-test: the trimmed Why3 drivers print the same "
              "tasks as Why3's own (%d CVC4, %d Z3)" %
              (counts["CVC4"][0], counts["Z3"][0]))
    else:
        failed += 1
        print("probes: FAIL self-test: the trimmed Why3 drivers print "
              "other tasks than Why3's own (CVC4 %d/%d, Z3 %d/%d tasks; "
              "see build/probes/drivers/)" %
              (counts["CVC4"][:2] + counts["Z3"][:2]))
    if cut_only:
        passed += 1
        print("probes: self-test: make proof's drivers print the trimmed "
              "drivers' tasks without %s and nothing else (%d CVC4, %d Z3)"
              % (" and ".join(prove.DRIVER_CUT_LEMMAS[1]),
                 counts["CVC4"][2], counts["Z3"][2]))
    else:
        failed += 1
        print("probes: FAIL self-test: make proof's drivers change more "
              "than the two memory-model lemmas of DRIVER_CUT_LEMMAS, or "
              "the trimmed tasks lack them (see build/probes/drivers/)")
    print("probes: %d passed, %d failed" % (passed, failed))
    results = os.environ.get("RESULTS")
    if results:
        os.makedirs(results, exist_ok=True)
        with open(os.path.join(results, "probes.txt"), "w") as f:
            f.write("%d passed, %d failed\n" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
