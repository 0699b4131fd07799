#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Run Frama-C/WP on every src/*.c, classify every goal, gate the result.

Frama-C exits 0 even when goals stay unknown, so this script classifies
each goal itself from WP's console log and JSON report. It fails (exit 1)
if any goal is not Valid, a smoke test finds a dead or vacuous path, WP
prints an unsoundness warning not justified in proofs/allowed-warnings.txt,
or a requirement that is Valid in proofs/baseline.json no longer is.
It writes report/audit.json (schema in proofs/README.md).
"""

import datetime
import glob
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from update_baseline import write_baseline  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build", "proof")
REPORT = os.path.join(ROOT, "report")
CONF = os.path.join(ROOT, "proofs", "wp.conf")
SESSION = os.path.join(BUILD, "session")


def rel(p):
    return os.path.relpath(p, ROOT)


def sh(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, text=True, capture_output=True,
                          **kw)


def load_conf():
    """proofs/wp.conf: KEY = value lines (the WP options, one place)."""
    conf = {}
    with open(CONF) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                k, v = line.split("=", 1)
                conf[k.strip()] = v.strip()
    return conf


def proof_env(conf, base=None, **extra):
    """The environment of every frama-c run and of its provers: base
    (os.environ by default) with extra, and GLIBC_TUNABLES from wp.conf
    unless the caller's environment sets it (an empty value turns it
    off, for comparisons)."""
    env = dict(os.environ if base is None else base, **extra)
    if conf.get("GLIBC_TUNABLES") and "GLIBC_TUNABLES" not in env:
        env["GLIBC_TUNABLES"] = conf["GLIBC_TUNABLES"]
    return env


def why3_config():
    """Project-local Why3 configuration: never the user's ~/.why3.conf.
    `why3 config detect` writes the provers it finds once; every run then
    rewrites the part below TAIL_MARK: CVC4 and Z3 with trimmed drivers
    (trimmed_driver) and the smoke prover (smoke_prover)."""
    path = os.path.join(ROOT, "build", "why3", "why3.conf")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    env = dict(os.environ, WHY3CONFIG=path)
    if not os.path.exists(path):
        r = subprocess.run(["why3", "config", "detect"], env=env,
                           text=True, capture_output=True)
        if r.returncode != 0:
            sys.exit("prove: why3 config detect failed:\n" + r.stderr)
        print("prove: wrote project-local Why3 config " + rel(path))
    text = open(path).read()
    for mark in (TAIL_MARK, SMOKE_MARK):
        text = text.split("\n" + mark)[0]
    for prover in ("Z3", "CVC4"):
        if 'name = "%s"' % prover not in text:
            sys.exit("prove: %s not detected by Why3 (%s)" %
                     (prover, rel(path)))
    # What Why3 detected, without this script's sections.
    open(DETECTED, "w").write(text)
    detected = detected_provers()
    drivers = {}
    LEMMAS_CUT.clear()
    for name in ("CVC4", "Z3"):
        try:
            drivers[name] = lemma_cut_driver(trimmed_driver(
                detected[name]["driver"], detected["datadir"]))
            LEMMAS_CUT[name] = ["%s.%s" % (DRIVER_CUT_LEMMAS[0], p)
                                for p in DRIVER_CUT_LEMMAS[1]]
        except (OSError, ValueError) as e:
            # Slower, never wrong: Why3's own driver.
            drivers[name] = stock_driver(detected[name]["driver"],
                                         detected["datadir"])
            print("prove: note: %s runs with Why3's own driver %s (%s)" %
                  (name, drivers[name], e))
    detected["CVC4"] = untimed_cvc4(detected["CVC4"])
    tail = [prover_section(detected[name], drivers[name])
            for name in ("CVC4", "Z3")]
    tail.append(smoke_prover(detected["CVC4"], drivers["CVC4"],
                             load_conf()))
    # Whole or not at all: another run may be reading it.
    tmp = "%s.%d" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write(text + "\n" + TAIL_MARK + "\n".join(tail))
    os.replace(tmp, path)
    return path


def untimed_cvc4(fields):
    """CVC4's fields without its own time limit (--tlimit=%t000): Why3's
    prover server already stops a prover at the time limit (checked:
    `why3 prove -t 2` on a goal CVC4 cannot prove answers "Timeout
    (2.00s)" either way). CVC4 1.8 with --tlimit
    reads the clock at every resource step: on 24 tasks of the Intel
    load job, 5.56 s with it against 3.40 s without (same answers); the
    clock reads are system calls on these VMs (kvm-clock). A command
    without --tlimit is kept as it is."""
    cmd = fields["command"]
    new = re.sub(r" --tlimit=%t\d*", "", cmd)
    if new == cmd:
        print("prove: note: CVC4 command without --tlimit=%%t: %s" % cmd)
    return dict(fields, command=new)


DETECTED = os.path.join(ROOT, "build", "why3", "detected.conf")
# Below this line, build/why3/why3.conf is rewritten by every run.
TAIL_MARK = "# proofs/prove.py: trimmed drivers, smoke prover\n"
# The mark of earlier versions (one smoke section only).
SMOKE_MARK = "# smoke prover: proofs/wp.conf SMOKE_RLIMIT\n"


def detected_provers():
    """The plain (no alternative) CVC4 and Z3 Why3 detected (`why3 config
    show` on DETECTED, written by why3_config), as field dictionaries,
    and Why3's data directory ("datadir")."""
    shown = subprocess.run(["why3", "config", "show"],
                           env=dict(os.environ, WHY3CONFIG=DETECTED),
                           text=True, capture_output=True).stdout
    out = {}
    m = re.search(r'^datadir = "([^"]+)"$', shown, re.M)
    out["datadir"] = m.group(1) if m else "/usr/share/why3"
    for sec in shown.split("[prover]")[1:]:
        sec = sec.split("\n[")[0]
        fields = dict(re.findall(r'^(\w+) = (".*"|\w+)$', sec, re.M))
        name = fields.get("name", "").strip('"')
        if name in ("CVC4", "Z3") and "alternative" not in fields:
            out[name] = fields
    for name in ("CVC4", "Z3"):
        if name not in out:
            sys.exit("prove: no plain %s prover in `why3 config show`" %
                     name)
    return out


def prover_section(fields, driver, **changes):
    """A [prover] section: fields with driver (a path) and changes."""
    f = dict(fields, driver='"%s"' % driver)
    f.update(changes)
    return "\n".join(["[prover]"] + ["%s = %s" % kv for kv in
                                      sorted(f.items())] + [""])


# Why3's drivers for CVC4 and Z3 import bit-vector, floating-point and
# string theories WP never uses; loading a driver reads them from Why3's
# library, and WP loads the driver for every goal and reads the library
# again for every function (Why3 environment per WP context). The
# trimmed drivers leave out those imports and `theory` blocks: every
# task is printed the same (checked by `make test`, proofs/probes.py),
# and a frama-c job spends less time (proofs/README.md, "Prover
# drivers").
DRIVER_DROP_IMPORTS = ("smt-libv2-bv.gen", "cvc4_bv.gen", "z3_bv.gen",
                       "smt-libv2-floats.gen", "smtlib-strings.gen")
DRIVER_DROP_THEORIES = ("bv.", "ieee_float.", "string.")
DRIVER_DIR = os.path.join(ROOT, "build", "why3", "drivers")


def driver_items(text):
    """The top-level `import "F"` and `theory NAME ... end` items of a
    Why3 driver as (start, end, kind, argument); comments and strings
    are skipped."""
    toks, i, n = [], 0, len(text)
    word = re.compile(r'[^\s"]+')
    while i < n:
        # "(*)" is the multiplication symbol, not a comment
        if text.startswith("(*", i) and not text.startswith("(*)", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("(*", i) and \
                        not text.startswith("(*)", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*)", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            toks.append((i, j + 1, text[i + 1:j]))
            i = j + 1
        elif text[i].isspace():
            i += 1
        else:
            m = word.match(text, i)
            toks.append((i, m.end(), m.group(0)))
            i = m.end()
    items, k = [], 0
    while k < len(toks):
        s, _e, w = toks[k]
        if w == "import" and k + 1 < len(toks):
            items.append((s, toks[k + 1][1], "import", toks[k + 1][2]))
            k += 2
        elif w == "theory" and k + 1 < len(toks):
            j = k + 2
            while j < len(toks) and toks[j][2] != "end":
                j += 1
            if j == len(toks):
                raise ValueError("unterminated theory block")
            items.append((s, toks[j][1], "theory", toks[k + 1][2]))
            k = j + 1
        else:
            k += 1
    return items


def stock_driver(name, datadir):
    """The file of Why3 driver `name` (a path, or a name in datadir)."""
    name = name.strip('"')
    return name if os.path.isabs(name) else \
        os.path.join(datadir, "drivers", name + ".drv")


def trimmed_driver(name, datadir, out=DRIVER_DIR):
    """Write the trimmed copy of Why3 driver `name` (and of the files it
    imports) under out; return the path of the top file."""
    src = stock_driver(name, datadir)
    os.makedirs(out, exist_ok=True)
    text = open(src).read()
    cut = []
    for s, e, kind, arg in driver_items(text):
        if kind == "import" and arg in DRIVER_DROP_IMPORTS:
            cut.append((s, e))
        elif kind == "import":
            trimmed_driver(os.path.join(os.path.dirname(src), arg), datadir,
                           out)
        elif kind == "theory" and arg.startswith(DRIVER_DROP_THEORIES):
            cut.append((s, e))
    for s, e in reversed(cut):
        text = text[:s] + "(* left out by proofs/prove.py *)" + text[e:]
    dest = os.path.join(out, os.path.basename(src))
    with open(dest, "w") as f:
        f.write("(* %s, trimmed by proofs/prove.py *)\n%s" % (src, text))
    return dest


# Two lemmas of WP's memory model (frama_c_wp.memory.Memory, proved in
# Frama-C's library) that every task carries: transitivity of `included`
# and of `separated` through `included`. Their two-term patterns feed
# each other, and on the large tasks here the SMT solvers spend their
# time instantiating them: on a goal of the Intel load, Z3 made 29,629
# quantifier instantiations in 4.2 s, 27,340 of them of these two, and
# needed 0.2 s without them (measured, `smt.qi.profile`). No goal here
# reasons about pointer inclusion: the core reaches one context through
# one pointer. Leaving hypotheses out of a task cannot make a false goal
# provable; a goal that needed them would fail, not pass.
DRIVER_CUT_LEMMAS = ("frama_c_wp.memory.Memory",
                     ("included_trans", "separated_trans"))
# Prover -> the lemmas its driver leaves out in this run (for the audit).
LEMMAS_CUT = {}


def lemma_cut_driver(top):
    """A driver next to the trimmed driver `top` (same directory, so its
    relative import resolves) that imports it and removes
    DRIVER_CUT_LEMMAS from every task; returns its path."""
    theory, props = DRIVER_CUT_LEMMAS
    base = os.path.basename(top)[:-len(".drv")]
    dest = os.path.join(os.path.dirname(top), base + "-wp.drv")
    with open(dest, "w") as f:
        f.write("(* %s without two memory-model lemmas: proofs/prove.py, "
                "DRIVER_CUT_LEMMAS *)\nimport \"%s\"\n\ntheory %s\n%s"
                "end\n" % (os.path.basename(top), os.path.basename(top),
                           theory, "".join("  remove prop %s\n" % p
                                           for p in props)))
    return dest


def smoke_prover(cvc4, driver, conf):
    """The smoke tests' prover, "cvc4-smoke": the CVC4 that Why3 detected,
    with a resource budget (SMOKE_RLIMIT units) on top of the 1 s time
    limit (Why3's, untimed_cvc4). A smoke test passes when the prover
    gives up; with a budget it gives up after the same work whatever the
    machine's load, and sooner. Rewritten on every run, so the budget is
    wp.conf's."""
    cmd = cvc4["command"].strip('"')
    if "%f" not in cmd:
        sys.exit("prove: unexpected CVC4 command: %s" % cmd)
    # --rlimit, not --rlimit-per: CVC4 1.8 with --tlimit and --rlimit-per
    # answers "unknown (RESOURCEOUT)" after ~400 units, before reading the
    # task, and every smoke test would pass (measured: a planted
    # contradiction went unnoticed; the smoke canary checks that now).
    cmd = cmd.replace(" %f", " --rlimit=%d %%f" % int(conf["SMOKE_RLIMIT"]))
    fields = {k: v for k, v in cvc4.items() if k != "command_steps"}
    return prover_section(fields, driver, alternative='"smoke"',
                          command='"%s"' % cmd, shortcut='"cvc4-smoke"')


def why3_prover_ids(w3):
    """Prover name -> WP's prover id ("Z3" -> "Z3:4.8.12") from the
    project-local Why3 configuration."""
    ids = {}
    for sec in open(w3).read().split("[")[1:]:
        name = re.search(r'^name = "([^"]+)"', sec, re.M)
        ver = re.search(r'^version = "([^"]+)"', sec, re.M)
        if sec.startswith("partial_prover]") or sec.startswith("prover]"):
            if name and ver:
                ids[name.group(1)] = "%s:%s" % (name.group(1), ver.group(1))
    return ids


def write_hints(hints, ids):
    """Prover hints as WP session scripts: one file per goal naming the
    prover to try first (build/proof/session/script/<goal>.json, the goal
    name without the model prefix). A script holds no result: WP runs the
    named prover with the usual timeout and, if it fails, the provers of
    -wp-prover in order, so a stale hint costs time, never soundness."""
    sdir = os.path.join(SESSION, "script")
    if os.path.isdir(sdir):
        for f in os.listdir(sdir):
            os.remove(os.path.join(sdir, f))
    os.makedirs(sdir, exist_ok=True)
    n = 0
    for goal, prover in sorted(hints.items()):
        if prover not in ids or not goal.startswith("typed_"):
            continue
        with open(os.path.join(sdir, goal[len("typed_"):] + ".json"),
                  "w") as f:
            json.dump([{"prover": ids[prover], "verdict": "valid"}], f)
        n += 1
    return n


def versions():
    def first(cmd):
        try:
            out = subprocess.run(cmd, text=True, capture_output=True)
            return (out.stdout + out.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "absent"
    return {
        "frama-c": first(["frama-c", "-version"]),
        "why3": first(["why3", "--version"]),
        "z3": first(["z3", "--version"]),
        "cvc4": [l for l in first(["cvc4", "--version"]).splitlines()][0],
        "gcc": first(["gcc", "--version"]),
    }


GOAL_RE = re.compile(
    r"^\[wp\] \[([^\]]+)\] (Goal|Smoke-test) (\S+)(?: : (\w+))?(.*)$")
PROVER_RE = re.compile(r"^\s+(Qed|Z3 [\d.]+|CVC4 [\d.]+|Script): (.*)$")
TIME_RE = re.compile(r"\((\d+(?:\.\d+)?)(ms|s)\)")


def parse_time(text):
    best = 0.0
    for num, unit in TIME_RE.findall(text):
        t = float(num) / (1000.0 if unit == "ms" else 1.0)
        best = max(best, t)
    return best


def parse_log(log):
    """Goals and smoke tests from WP's console output."""
    goals, smoke = {}, {}
    last = None
    for line in log.splitlines():
        m = GOAL_RE.match(line)
        if m:
            tag, kind, name, status, rest = m.groups()
            cached = "(cached)" in rest
            if kind == "Smoke-test":
                smoke[name] = {"status": tag}
                last = None
                continue
            if status == "Valid":
                prover = tag
                st = "valid"
            else:
                prover = None
                st = tag.lower()
            goals[name] = {"status": st, "prover": prover,
                           "time": parse_time(rest),
                           "prover_time": parse_time(
                               re.sub(r"\(Qed:[^)]*\)", "", rest)),
                           "cached": cached, "attempts": []}
            last = name
            continue
        m = PROVER_RE.match(line)
        if m and last:
            goals[last]["attempts"].append(m.group(1) + ": " + m.group(2))
            goals[last]["time"] = max(goals[last]["time"],
                                      parse_time(m.group(2)))
    return goals, smoke


def resolve_hinted(goals, report, fns, hints):
    """WP prints "[Script] Goal g : Valid" for a goal proved through its
    prover hint, without the prover or its time; the prover is read back
    from the job's JSON report (per property, parts merged): the hinted
    one if it closed the property, else the only one that did."""
    props = report.get("wp:functions", {})
    for g, info in goals.items():
        if info["prover"] != "Script":
            continue
        info["hinted"] = True
        fn = owner_of(g, fns)
        key = goal_stem(g)[len("typed_"):]
        fp = props.get(fn, {})
        if key not in fp and key.startswith(fn + "_call_"):
            key = key[len(fn + "_call_"):]
        valid = [p for p, r in fp.get(key, {}).items()
                 if p not in ("wp:main", "qed", "script") and
                 isinstance(r, dict) and r.get("valid")]
        hint = [p for p in valid if p.split(":")[0] == hints.get(g)]
        if hint or len(valid) == 1:
            info["prover"] = (hint or valid)[0].replace(":", " ")
        elif g in hints:
            info["prover"] = hints[g]


def goal_functions(report, goals):
    """Goal name -> function (owner_of), the functions being those of
    WP's JSON report."""
    fns = list(report.get("wp:functions", {}))
    return {g: owner_of(g, fns) for g in goals}


def load_requirements():
    """spec/requirements.md: | REQ-ID | prose | clauses | table rows."""
    reqs = []
    with open(os.path.join(ROOT, "spec", "requirements.md")) as f:
        for line in f:
            m = re.match(r"^\|\s*(REQ-[A-Z0-9-]+)\s*\|(.*)\|(.*)\|\s*$",
                         line)
            if m:
                reqs.append({"id": m.group(1), "prose": m.group(2).strip(),
                             "clause_text": m.group(3).strip()})
    return reqs


_BEHAVIOR_REQS = None


def behavior_requirements(ids):
    """(function, behavior) -> requirement ids of its named ensures, from
    the contracts in src/ and spec/ headers. Frama-C renames clauses of a
    contract merged from several translation units ("REQ", "REQ_2"), so
    such goals are attributed through their behavior."""
    global _BEHAVIOR_REQS
    if _BEHAVIOR_REQS is not None:
        return _BEHAVIOR_REQS
    out = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "src", "*.h")) +
                       glob.glob(os.path.join(ROOT, "spec", "*.h"))):
        text = open(path).read()
        for m in re.finditer(r"/\*@(.*?)\*/\s*(?:\w+\s+)+\**(mpmu_\w+)\(",
                             text, re.S):
            body, fn = m.group(1), m.group(2)
            beh = None
            for line in body.splitlines():
                b = re.search(r"behavior\s+(\w+)\s*:", line)
                if b:
                    beh = b.group(1)
                    continue
                c = re.search(r"ensures\s+(REQ_[A-Za-z0-9_]+)\s*:", line)
                if c and beh:
                    rid = requirement_of("x_" + c.group(1), ids,
                                         fallback=False)
                    if rid:
                        out.setdefault((fn, beh), set()).add(rid)
    _BEHAVIOR_REQS = out
    return out


# A goal that discharges an assumption of a callee (a precondition named
# A_...) counts under the requirement the assumption serves.
ASSUMPTION_REQ = {
    "A_configured": "REQ-FEATURES", "A_caps_model": "REQ-FEATURES",
    "A_pmi_masked": "REQ-ORDER", "A_exit_gctl_zero": "REQ-ORDER",
    "A_host_model": "REQ-VALIDATE", "A_rsvd_model": "REQ-RSVD",
    "A_host_events_off": "REQ-AMD-GUESTONLY",
    "A_amd_host_quiet": "REQ-AMD-ORDER",
    "A_amd_selectors_intercepted": "REQ-G2H",
    "A_selectors_intercepted": "REQ-G2H",
    "A_vmx_configured": "REQ-ROUNDTRIP", "A_autostore_slot": "REQ-ROUNDTRIP",
    "A_vmcs_gctl_synced": "REQ-H2G-GCTL",
}


def requirement_of(goal, ids, fallback=True):
    """Clause names start with the requirement id (REQ_H2G_... is
    REQ-H2G); RTE guards are REQ-RTE, loop variants and `exits \\false`
    REQ-TERM; the frame (assigns, loop assigns) REQ-FRAME; behavior
    completeness and disjointness REQ-VALIDATE; the discharge of a
    callee's A_ assumption the requirement it serves (ASSUMPTION_REQ);
    the lemma (bit reasoning for status exactness) REQ-H2G."""
    if "_assert_rte_" in goal:
        return "REQ-RTE"
    if "_loop_variant" in goal or re.search(r"_exits(_part\d+)?$", goal):
        return "REQ-TERM"
    if re.search(r"_(loop_)?assigns(_|$)", goal):
        return "REQ-FRAME"
    if re.search(r"_(complete|disjoint)_", goal):
        return "REQ-VALIDATE"
    if goal.startswith("typed_lemma_"):
        return "REQ-H2G"
    m = re.search(r"_requires_(A_[A-Za-z0-9]+(?:_[a-z0-9]+)*)$", goal)
    if m:
        name = m.group(1)
        for a in sorted(ASSUMPTION_REQ, key=len, reverse=True):
            if name == a or a.startswith(name) or name.startswith(a):
                return ASSUMPTION_REQ[a]
    # Clauses renamed "REQ" / "REQ_<n>" by Frama-C's contract merge: use
    # the requirements of the goal's behavior when they are one.
    m = re.match(r"typed_(\w+?)_(\w+)_ensures_REQ(?:_\d+)?$", goal)
    if m and fallback:
        for (fn, beh), rids in behavior_requirements(ids).items():
            if goal.startswith("typed_%s_%s_ensures_REQ" % (fn, beh)) and \
                    len(rids) == 1:
                return next(iter(rids))
    i = goal.find("_REQ_")
    if i < 0:
        return None
    tail = goal[i + 1:]
    best = None
    for rid in ids:
        key = rid.replace("-", "_")
        if tail == key or tail.startswith(key + "_"):
            if best is None or len(key) > len(best.replace("-", "_")):
                best = rid
    return best


_FN_CLAUSES = None


def function_clauses():
    """function -> the REQ_ clause names of its contract and body, from
    the sources (src/, spec/, the harnesses): a contract belongs to the
    function declared right after it, an annotation in a body to that
    function."""
    global _FN_CLAUSES
    if _FN_CLAUSES is not None:
        return _FN_CLAUSES
    out = {}
    decl = re.compile(r"^[A-Za-z_][\w \t*]*?\b(\w+)\(", re.M)
    for path in (glob.glob(os.path.join(ROOT, "src", "*.[ch]")) +
                 glob.glob(os.path.join(ROOT, "spec", "*.h")) +
                 glob.glob(os.path.join(ROOT, "proofs", "harness", "*.c"))):
        text = open(path).read()
        fns = [(m.start(), m.group(1)) for m in decl.finditer(text)]
        for m in re.finditer(r"\b(REQ_[A-Za-z0-9_]+)\s*:", text):
            at = m.start()
            after = [f for pos, f in fns if pos > at]
            before = [f for pos, f in fns if pos < at]
            # In a body (after a definition's "{" and before its "}"),
            # else the contract of the next declaration.
            body_open = text.rfind("\n{\n", 0, at)
            body_close = text.rfind("\n}\n", 0, at)
            fn = (before[-1] if before and body_open > body_close
                  else (after[0] if after else None))
            if fn:
                out.setdefault(fn, set()).add(m.group(1))
    _FN_CLAUSES = out
    return out


# Frama-C/WP shortens a goal name longer than this at a "_".
WP_NAME_MAX = 65


def wp_cut(name):
    if len(name) <= WP_NAME_MAX:
        return name
    cut = name[:WP_NAME_MAX + 1]
    return cut[:cut.rfind("_")]


def truncated_requirement(goal, goals, ids):
    """WP cuts a goal name longer than WP_NAME_MAX at a "_" (and numbers
    the collisions), so a clause such as REQ_METRICS_ORDER_load of a
    function with a long name comes out as ..._REQ_METRICS: the goal's
    clause is the one of its function whose name, cut the same way, gives
    the goal's name. Its requirement, if all such clauses agree."""
    i = goal.find("_REQ_")
    if i < 0:
        return None
    head, stem = goal[:i + 1], re.sub(r"_\d+$", "", goal)
    fn = owner_of(goal, function_clauses())
    cands = set()
    for name in function_clauses().get(fn, ()):
        if wp_cut(head + name) == stem:
            rid = requirement_of("x_" + name, ids, fallback=False)
            if rid:
                cands.add(rid)
    return next(iter(cands)) if len(cands) == 1 else None


def clause_locations():
    """Named ACSL clauses REQ_...: with file and line."""
    locs = []
    pat = re.compile(r"\b(requires|ensures|assert|invariant)\s+"
                     r"(REQ_[A-Z0-9_a-z]+)\s*:")
    for path in sorted(glob.glob(os.path.join(ROOT, "src", "*.[ch]")) +
                       glob.glob(os.path.join(ROOT, "spec", "*.h"))):
        with open(path) as f:
            for n, line in enumerate(f, 1):
                for kind, name in pat.findall(line):
                    locs.append({"name": name, "kind": kind,
                                 "file": rel(path), "line": n})
    return locs


def trusted_base():
    """Accessor contracts (bodiless functions of spec/: hardware accessors,
    transitions, and what KVM reads for the core) and axioms."""
    acc = []
    for path in sorted(glob.glob(os.path.join(ROOT, "spec", "*.h"))):
        text = open(path).read()
        for m in re.finditer(r"^(?:u64|void|u32|int) (mpmu_\w+)\(",
                             text, re.M):
            line = text.count("\n", 0, m.start()) + 1
            before = text[:m.start()]
            cstart = before.rfind("/*\n")
            doc = before[cstart:].split("*/")[0] if cstart >= 0 else ""
            refs = [re.sub(r"\s*\n\s*\*\s*", " ", r) for r in re.findall(
                r"\(([^()]*(?:SDM|APM|PPR|kernel|vmx)[^()]*)\)", doc)]
            reqs = sorted(set(re.findall(r"REQ-[A-Z0-9-]+", doc)))
            contract = before[before.rfind("/*@"):]
            has = contract.strip().endswith("*/") and "/*@" in contract
            # exits \false: without it WP's dead-call smoke test sees an
            # exit path after the call and misses a contradictory
            # contract (proofs/README.md, "Smoke tests").
            acc.append({"function": m.group(1), "file": rel(path),
                        "line": line, "reference": "; ".join(refs),
                        "requirements": reqs, "has_contract": has,
                        "returns": has and bool(re.search(
                            r"@ exits \\false;", contract))})
    axioms = []
    for path in sorted(glob.glob(os.path.join(ROOT, "s*", "*.[ch]"))):
        for n, line in enumerate(open(path), 1):
            if re.search(r"\baxiom\b|\baxiomatic\b|\badmit\b", line):
                axioms.append({"file": rel(path), "line": n,
                               "text": line.strip()})
    return acc, axioms


def preconditions():
    """Named assumptions the caller must guarantee (A_... clauses): of
    the core's entry points (src/*.h) and of the proof-only harnesses
    (the hypotheses of the round-trip theorems)."""
    out = []
    pat = re.compile(r"requires\s+(A_[A-Za-z0-9_]+)\s*:")
    for path in sorted(glob.glob(os.path.join(ROOT, "src", "*.h")) +
                       glob.glob(os.path.join(ROOT, "proofs", "harness",
                                              "*.c"))):
        text = open(path).read()
        for m in pat.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            fn = re.search(r"^\w[\w ]*?\b(mpmu_\w+)\(", text[m.end():], re.M)
            out.append({"name": m.group(1), "file": rel(path),
                        "line": line,
                        "function": fn.group(1) if fn else "?"})
    return out


def defined_functions(path):
    """Functions defined in a C file (kernel style: the body's opening
    brace is alone at the start of the line after the declarator)."""
    text = open(path).read()
    return re.findall(r"^[A-Za-z_][\w \t*]*?\b(\w+)\((?:[^;{]|\n)*?\)"
                      r"\s*\n\{", text, re.M)


def owner_of(goal, functions):
    """The function a goal belongs to: the longest function name that
    prefixes it (typed_<function>_..., or <function>_... for the goals
    WP's control-flow pass closes before any model, such as the `exits`
    goal of a function that calls nothing); lemmas apart."""
    if goal.startswith("typed_lemma_"):
        return "lemmas"
    name = goal[len("typed_"):] if goal.startswith("typed_") else goal
    for fn in sorted(functions, key=len, reverse=True):
        if name.startswith(fn + "_"):
            return fn
    return "?"


def inventory(base, env, sources):
    """All sources in one Frama-C run with no prover: the link-level check
    of the contracts every translation unit sees, the goals every job's
    goals must cover, and the goal count per function (a cost guess)."""
    logp = os.path.join(BUILD, "inventory.log")
    jout = os.path.join(BUILD, "inventory.json")
    cmd = (base + ["-wp-prover", "none", "-wp-no-smoke-tests",
                   "-wp-report-json", rel(jout)] + [rel(s) for s in sources])
    with open(logp, "w") as lf:
        r = subprocess.run(cmd, cwd=ROOT, env=env, text=True, stdout=lf,
                           stderr=subprocess.STDOUT)
    text = open(logp).read()
    if r.returncode != 0:
        print(text[-4000:])
        sys.exit("prove: frama-c failed on the whole program (exit %d)" %
                 r.returncode)
    goals = re.findall(r"^\[wp\] Goal (\S+) : not tried$", text, re.M)
    fns = list(json.load(open(jout)).get("wp:functions", {}))
    if not goals or not fns:
        sys.exit("prove: the whole-program inventory found no goal")
    counts = {}
    for g in goals:
        f = owner_of(g, fns)
        counts[f] = counts.get(f, 0) + 1
    trivial = re.findall(r"^\[wp\] Goal (\S+) : trivial$", text, re.M)
    return {"counts": counts, "goals": set(goal_stem(g) for g in goals),
            "trivial": set(goal_stem(g) for g in trivial)}


def goal_stem(goal):
    """A goal's name without the _partN suffix Qed's splitting adds."""
    return re.sub(r"_part\d+$", "", goal)


_TUNE = None


def tune_module():
    """-load-module of proofs/wp_tune.ml (Frama-C's GC and WP's idle
    poll; it changes speed only), compiled into build/proof/ with the
    OCaml compiler Frama-C was built with. Without ocamlopt, or if the
    module does not build or load, the proof runs without it, slower,
    and says so."""
    global _TUNE
    if _TUNE is not None:
        return _TUNE
    _TUNE = []
    src = os.path.join(ROOT, "proofs", "wp_tune.ml")
    out = os.path.join(BUILD, "tune", "wp_tune.cmxs")
    if os.environ.get("WP_TUNE") == "0":
        return _TUNE
    if not os.path.exists(out) or \
            os.path.getmtime(out) < os.path.getmtime(src):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        lib = sh(["frama-c", "-print-lib-path"]).stdout.strip()
        shutil.copy(src, os.path.dirname(out))
        try:
            r = subprocess.run(
                ["ocamlopt", "-shared", "-I", lib, "-I", "+unix", "-o",
                 out, os.path.join(os.path.dirname(out), "wp_tune.ml")],
                text=True, capture_output=True)
        except OSError as e:
            r = subprocess.CompletedProcess([], 1, "", str(e))
        if r.returncode != 0:
            print("prove: note: proofs/wp_tune.ml not built, frama-c runs "
                  "untuned (slower): " + (r.stderr.strip() or "?")[:300])
            return _TUNE
    r = sh(["frama-c", "-load-module", out])
    if r.returncode != 0:
        print("prove: note: frama-c cannot load %s, runs untuned: %s" %
              (rel(out), (r.stdout + r.stderr).strip()[:300]))
        return _TUNE
    _TUNE = ["-load-module", out]
    return _TUNE


def frama_c_base(conf):
    """frama-c and the options of proofs/wp.conf every WP run shares."""
    return (["frama-c"] + conf["FRAMAC_OPTS"].split() + tune_module() +
            ["-cpp-extra-args=" + conf["CPP_ARGS"]] + ["-wp"] +
            conf["WP_OPTS"].split())


def prover_list(conf):
    """-wp-prover of a job: the session scripts (prover hints) first, then
    the provers in order. WP_PROVERS=<list> (profiling a prover alone)
    replaces both and turns the hints off."""
    only = os.environ.get("WP_PROVERS")
    if only:
        return only
    return "script," + conf["PROVERS"]


# A smoke job selects properties by exclusion: WP runs the smoke tests of
# a function only if it has a selected goal, and drops them under a
# positive -wp-prop. Each function keeps its kind of goal with the fewest
# goals (ties: the cheaper kind first); those goals are proved by the goal
# jobs, and a smoke job gives them -wp-timeout 1 and ignores them. Every
# contract says `exits \false`, whose goal WP closes as it generates it
# when no callee can end the program, so that is the kind kept: before,
# 26 kept assertions and postconditions went to the smoke prover for
# nothing (measured: smoke jobs 12% less CPU).
SMOKE_CATEGORIES = ["ensures", "rte", "requires", "check", "invariant",
                    "variant", "assert", "assigns", "complete_behaviors",
                    "disjoint_behaviors", "exits"]
SMOKE_KEEP_ORDER = ["exits", "complete_behaviors,disjoint_behaviors",
                    "check", "variant", "assigns", "ensures", "requires",
                    "invariant", "assert"]


def goal_kind(fn, goal):
    """The -wp-prop category of one of fn's goals, from its name:
    typed_<fn>[_<behavior>]_<kind>[_<clause name>], so the kind is the
    kind word found first. None for RTE goals: they are assertions, and
    a job that excludes @assert runs none of them."""
    tail = goal[len("typed_" + fn):]
    found = []
    for mark, kind in (("_assert_rte_", None), ("_variant", "variant"),
                       ("_invariant", "invariant"), ("_assigns", "assigns"),
                       ("_complete_", "complete_behaviors,"
                        "disjoint_behaviors"),
                       ("_disjoint_", "complete_behaviors,"
                        "disjoint_behaviors"),
                       ("_requires", "requires"), ("_check", "check"),
                       ("_assert", "assert"), ("_ensures", "ensures"),
                       ("_exits", "exits")):
        at = tail.find(mark)
        if at >= 0:
            found.append((at, -len(mark), kind))
    return min(found)[2] if found else None


def smoke_keep(fn, inv):
    """The categories a smoke job keeps for fn: fn's kind of goal with the
    fewest goals Qed does not close (inv["hinted"]: the goal stems with a
    prover hint), then the fewest goals left after generation. Goals WP
    finds trivial when it generates them (often behavior completeness)
    cost nothing, and WP still runs the function's smoke tests for them;
    a kept goal that needs a prover costs a call for nothing."""
    if "by_function" not in inv:
        inv["by_function"] = {}
        for g in inv["goals"] | inv.get("trivial", set()):
            inv["by_function"].setdefault(owner_of(g, inv["counts"]),
                                          []).append(g)
    hinted = inv.get("hinted", set())
    n = {}
    for g in inv["by_function"].get(fn, []):
        kind = goal_kind(fn, g)
        if kind:
            c = n.setdefault(kind, [0, 0])
            c[0] += g in hinted
            c[1] += g in inv["goals"]
    if not n:
        sys.exit("prove: no goal of %s to keep in its smoke job" % fn)
    return min(n, key=lambda k: (n[k], SMOKE_KEEP_ORDER.index(k)))


def keep_only(kinds):
    """-wp-prop excluding every kind of goal but kinds (a kind of
    smoke_keep, or a sequence of categories): WP then still runs the
    smoke tests of the functions that keep a goal."""
    if isinstance(kinds, str):
        kinds = kinds.split(",")
    return "-wp-prop=" + ",".join("-@" + c for c in SMOKE_CATEGORIES
                                  if c not in kinds)


def plan_jobs(conf, sources, inv, cost):
    """Goal jobs: one per file, split so no job holds more
    than CHUNK goals. Smoke jobs: one per (file, dead-call class, kind of
    goal kept), with the smoke provers only. The costliest run first
    (cost: seconds per function measured by the last baseline update,
    else a guess from the goal count). Each job parses one translation
    unit, so parsing costs little, and JOBS jobs with -wp-par 1 keep both
    cores busy while Qed simplifies (Qed runs in the Frama-C process, one
    goal at a time) and while a job waits for its prover."""
    smoke_call = set(conf.get("SMOKE_CALL_FCTS", "").split(","))
    chunk = int(conf.get("CHUNK", "100"))
    counts = inv["counts"]

    def est(fn):
        return cost.get(fn, 0.5 * counts.get(fn, 0))

    jobs, placed = [], set()
    for src in sources:
        fns, smoke = [], {}
        for fn in defined_functions(src):
            fns.append(fn)
            smoke.setdefault((fn in smoke_call, smoke_keep(fn, inv)),
                             []).append(fn)
            placed.add(fn)
        fns.sort(key=lambda f: -counts.get(f, 0))
        groups = []
        for fn in fns:
            # first fit: join the lightest group that has room
            fit = [g for g in groups if g[0] + counts.get(fn, 0) <= chunk]
            if fit:
                g = min(fit, key=lambda g: g[0])
                g[0] += counts.get(fn, 0)
                g[1].append(fn)
            else:
                groups.append([counts.get(fn, 0), [fn]])
        for _n, group in groups:
            opts = ["-wp-fct", ",".join(group), "-wp-no-smoke-tests",
                    "-wp-prover", prover_list(conf)]
            jobs.append({"file": src, "functions": group,
                         "cost": sum(est(f) for f in group),
                         "opts": opts, "smoke": False})
        for (sc, keep), fns in sorted(smoke.items()):
            key = "smoke:%s:%d:%s" % (rel(src), sc, keep)
            opts = ["-wp-fct", ",".join(fns), keep_only(keep),
                    "-wp-timeout", "1", "-wp-prover",
                os.environ.get("WP_PROVERS") or conf["SMOKE_PROVERS"]]
            if sc:
                opts += ["-wp-smoke-dead-call"]
            jobs.append({"file": src, "functions": fns, "smoke": True,
                         "cost": cost.get(key, 2.0 * len(fns)),
                         "key": key, "opts": opts})
    missing = sorted(f for f in counts if f not in placed and f != "lemmas")
    if missing:
        sys.exit("prove: functions with goals but no definition found in "
                 "the sources: " + ", ".join(missing))
    if "lemmas" in counts:
        jobs.append({"file": sources[0], "functions": [], "cost":
                     est("lemmas"), "smoke": False,
                     "opts": ["-wp-prop=@lemma", "-wp-no-smoke-tests",
                              "-wp-prover", prover_list(conf)]})
    jobs.sort(key=lambda j: -j["cost"])
    os.makedirs(os.path.join(BUILD, "jobs"), exist_ok=True)
    for n, j in enumerate(jobs):
        j["name"] = "%02d-%s%s" % (n, "smoke-" if j["smoke"] else "",
                                   os.path.basename(j["file"])[:-2])
        j["log"] = os.path.join(BUILD, "jobs", j["name"] + ".log")
        j["json"] = os.path.join(BUILD, "jobs", j["name"] + ".json")
    return jobs


# The smoke canary: a copy of the sources where the largest function's
# contract gets a precondition that contradicts hw_wf. Its smoke test
# must fail with the smoke prover and budget of wp.conf, or every smoke
# test of the run could be passing vacuously (a prover that gives up
# before reading the task passes them all).
CANARY_FILE = os.path.join("src", "mpmu_vendor.h")
CANARY_FROM = "  @ requires A_exit_gctl_zero: hw_gctl == 0;"
CANARY_ADD = "\n  @ requires hw_nr_gp > MPMU_MAX_GP;"
CANARY_FN = "mpmu_intel_put_guest_context"
CANARY_SRC = os.path.join("src", "mpmu_intel.c")


def canary_job(conf, tree):
    """The canary job: src/ and spec/ copied to tree with the planted
    precondition, the smoke-job options, CANARY_FN only."""
    shutil.rmtree(tree, ignore_errors=True)
    for d in ("src", "spec"):
        shutil.copytree(os.path.join(ROOT, d), os.path.join(tree, d))
    path = os.path.join(tree, CANARY_FILE)
    text = open(path).read()
    if text.count(CANARY_FROM) != 1:
        sys.exit("prove: the smoke canary's anchor is not in %s once; "
                 "update CANARY_FROM" % CANARY_FILE)
    open(path, "w").write(text.replace(CANARY_FROM,
                                       CANARY_FROM + CANARY_ADD))
    opts = ["-wp-fct", CANARY_FN, keep_only("exits"),
            "-wp-timeout", "1", "-wp-prover",
            os.environ.get("WP_PROVERS") or conf["SMOKE_PROVERS"],
            "-wp-cache", "none"]
    return {"cwd": tree, "cmd": frama_c_base(conf) + opts + [CANARY_SRC],
            "log": os.path.join(BUILD, "jobs", "canary-smoke.log"),
            "json": os.path.join(BUILD, "jobs", "canary-smoke.json")}


def canary_caught(log):
    """True if the canary's default-requires smoke test failed."""
    return bool(re.search(r"^\[wp\] \[Failed\] Smoke-test typed_%s_wp_"
                          r"smoke_default_requires$" % CANARY_FN, log,
                          re.M))


def function_seconds(jobs, goals):
    """Wall time of each goal job shared among its functions by goal
    count, and of each smoke job: the cost estimate plan_jobs orders the
    next run by."""
    out = {}
    for j in jobs:
        if j["smoke"]:
            out[j["key"]] = round(j["time"], 1)
            continue
        fns = j["functions"] or ["lemmas"]
        n = {f: sum(1 for i in goals.values() if i["function"] == f)
             for f in fns}
        total = sum(n.values()) or 1
        for f in fns:
            out[f] = round(j["time"] * n[f] / total, 1)
    return dict(sorted(out.items()))


def start_job(j, env):
    """Start job j's frama-c (in j["cwd"], default the project root)."""
    if os.path.exists(j["json"]):
        os.remove(j["json"])
    os.makedirs(os.path.dirname(j["log"]), exist_ok=True)
    j["fh"] = open(j["log"], "w")
    j["t0"] = time.time()
    cwd = j.get("cwd", ROOT)
    j["proc"] = subprocess.Popen(j["cmd"], cwd=cwd, env=dict(env, PWD=cwd),
                                 stdout=j["fh"], stderr=subprocess.STDOUT)


def run_jobs(jobs, workers, env):
    """Run the jobs, `workers` at a time, biggest first."""
    queue, running = list(jobs), []
    while queue or running:
        while queue and len(running) < workers:
            j = queue.pop(0)
            start_job(j, env)
            running.append(j)
        time.sleep(0.2)
        for j in list(running):
            # wait4: the job's CPU time, its provers' included
            pid, status, ru = os.wait4(j["proc"].pid, os.WNOHANG)
            if pid == 0:
                continue
            running.remove(j)
            j["fh"].close()
            j["rc"] = os.waitstatus_to_exitcode(status)
            j["proc"].returncode = j["rc"]
            j["time"] = time.time() - j["t0"]
            j["cpu"] = ru.ru_utime + ru.ru_stime
            g, sm = parse_log(open(j["log"]).read())
            if j["smoke"]:
                ok = sum(1 for i in sm.values() if i["status"] == "Passed")
                what, n = "smoke", len(sm)
            else:
                ok = sum(1 for i in g.values() if i["status"] == "valid")
                what, n = "goals", len(g)
            print("prove: job %-24s %4d / %-4d %-5s %6.1fs %6.1fs cpu  %s" %
                  (j["name"], ok, n, what, j["time"], j["cpu"],
                   ",".join(j["functions"]) or "lemmas"), flush=True)
            del j["proc"], j["fh"]


def main():
    conf = load_conf()
    os.makedirs(BUILD, exist_ok=True)
    os.makedirs(REPORT, exist_ok=True)
    w3 = why3_config()
    # Frama-C resolves relative names against $PWD, not the process cwd.
    env = proof_env(conf, WHY3CONFIG=w3, PWD=ROOT)
    # The core and the proof-only harnesses (round-trip theorem).
    sources = sorted(glob.glob(os.path.join(ROOT, "src", "*.c"))) + \
        sorted(glob.glob(os.path.join(ROOT, "proofs", "harness", "*.c")))
    only = os.environ.get("PROVE_FILES")
    if only:
        sources = [os.path.join(ROOT, p) for p in only.split()]
    cache = ["-wp-cache", os.environ.get("WP_CACHE_MODE", "update"),
             "-wp-cache-dir", rel(os.path.join(BUILD, "wp-cache")),
             "-wp-session", rel(SESSION)]
    # Checked before any proof: a trusted contract without `exits \false`
    # would make its dead-call smoke tests pass whatever it says.
    lax = [a["function"] for a in trusted_base()[0] if not a["returns"]]
    if lax:
        sys.exit("prove: trusted contracts without `exits \\false` (the "
                 "dead-call smoke tests cannot check them): " +
                 ", ".join(lax))
    base = frama_c_base(conf)
    extra = os.environ.get("WP_EXTRA", "").split()
    t0 = time.time()
    # The canary needs no inventory: it runs beside it.
    canary = canary_job(conf, os.path.join(BUILD, "canary"))
    start_job(canary, env)
    inv = inventory(base, env, sources)
    bpath = os.path.join(ROOT, "proofs", "baseline.json")
    cost = {}
    if os.path.exists(bpath):
        cost = json.load(open(bpath)).get("function_seconds", {})
    hints = {}
    if os.path.exists(bpath) and not os.environ.get("WP_PROVERS"):
        hints = json.load(open(bpath)).get("prover_hints", {})
    nhints = write_hints(hints, why3_prover_ids(w3))
    inv["hinted"] = set(goal_stem(g) for g in hints)
    jobs = plan_jobs(conf, sources, inv, cost)
    workers = int(os.environ.get("PROVE_JOBS") or conf.get("JOBS", "2"))
    print("prove: %d goals in %d functions, %d frama-c jobs, %d at a "
          "time, %d prover hints (inventory %.1fs)" %
          (sum(inv["counts"].values()), len(inv["counts"]), len(jobs),
           workers, nhints, time.time() - t0))
    for j in jobs:
        j["cmd"] = (base + j["opts"] + cache + extra +
                    ["-wp-report-json", rel(j["json"]), rel(j["file"])])
    run_jobs(jobs, workers, env)
    canary["rc"] = canary["proc"].wait()
    canary["fh"].close()
    canary_log = open(canary["log"]).read()
    print("prove: smoke canary %s in %s" % (
        "caught" if canary_caught(canary_log) else "MISSED", CANARY_FN))
    if canary["rc"] != 0:
        print(canary_log[-4000:])
        sys.exit("prove: frama-c failed (exit %d) in the smoke canary" %
                 canary["rc"])
    if not canary_caught(canary_log):
        sys.exit("prove: the smoke canary passed: the smoke prover (%s, "
                 "SMOKE_RLIMIT %s) did not find the contradiction planted "
                 "in %s, so no smoke test of this run can be trusted (see "
                 "%s)" % (conf["SMOKE_PROVERS"], conf["SMOKE_RLIMIT"],
                          CANARY_FN, rel(canary["log"])))
    wall = time.time() - t0
    # Every process this run waited for (inventory, canary, jobs and
    # their provers): wall time varies with the machine's hour, CPU less.
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ru.ru_utime + ru.ru_stime
    goals, smoke, log = {}, {}, ""
    for j in jobs:
        jlog = open(j["log"]).read()
        log += jlog
        if j["rc"] != 0:
            print(jlog[-4000:])
            sys.exit("prove: frama-c failed (exit %d) in job %s" %
                     (j["rc"], j["name"]))
        g, sm = parse_log(jlog)
        if j["smoke"]:
            # The goals a smoke job meets (the kind smoke_keep kept so
            # WP visits every function) are proved by the goal jobs.
            if not sm and j["functions"]:
                sys.exit("prove: smoke job %s ran no smoke test" % j["name"])
            smoke.update(sm)
            continue
        if sm:
            sys.exit("prove: goal job %s ran smoke tests" % j["name"])
        if os.path.exists(j["json"]):
            resolve_hinted(g, json.load(open(j["json"])), j["functions"],
                           hints)
        for name, info in g.items():
            if name in goals:
                sys.exit("prove: goal %s proved by two jobs" % name)
            info["function"] = owner_of(name, j["functions"])
            goals[name] = info
        smoke.update(sm)
    # Partitioning must not lose a goal: every goal of the whole-program
    # inventory is one of the jobs' goals (or was split into parts).
    lost = sorted(inv["goals"] - set(goal_stem(g) for g in goals))
    if lost:
        sys.exit("prove: %d goals of the whole-program inventory are in no "
                 "job: %s" % (len(lost), ", ".join(lost[:10])))

    # Unsoundness warnings: each must be listed and justified.
    allowed = []
    apath = os.path.join(ROOT, "proofs", "allowed-warnings.txt")
    for line in open(apath):
        line = line.strip()
        if line and not line.startswith("#"):
            allowed.append(line.split("|")[0].strip())
    bad_warn = []
    keys = ("Memory model hypotheses", "Missing RTE guards",
            "might be unsound", "interpreted as reads nothing",
            "Neither code nor", "No code nor implicit assigns",
            "unsound", "Ignored", "not yet implemented")
    for line in log.splitlines():
        if any(k in line for k in keys) and \
                not any(a in line for a in allowed):
            bad_warn.append(line.strip())

    reqs = load_requirements()
    ids = [q["id"] for q in reqs]
    locs = clause_locations()
    per_req = {i: [] for i in ids}
    for g, info in goals.items():
        rid = truncated_requirement(g, goals, ids) or requirement_of(g, ids)
        info["requirement"] = rid
        if rid:
            per_req[rid].append(g)
    for q in reqs:
        gl = per_req[q["id"]]
        sts = [goals[g]["status"] for g in gl]
        if not gl:
            q["status"] = "unknown"
        elif all(s == "valid" for s in sts):
            q["status"] = "valid"
        elif any(s == "failed" for s in sts):
            q["status"] = "failed"
        else:
            q["status"] = "unknown"
        q["goals"] = len(gl)
        q["valid"] = sum(1 for s in sts if s == "valid")
        key = q["id"].replace("-", "_")
        q["clauses"] = [l for l in locs
                        if l["name"] == key or
                        l["name"].startswith(key + "_")]
        # A clause belongs to the longest matching id.
        q["clauses"] = [l for l in q["clauses"]
                        if requirement_of("x_" + l["name"], ids) == q["id"]]
        provers = {}
        for g in gl:
            p = goals[g]["prover"] or "none"
            provers[p] = provers.get(p, 0) + 1
        q["provers"] = provers
        q["max_time"] = max([goals[g]["time"] for g in gl] or [0.0])
        q["failing_goals"] = [g for g in gl if goals[g]["status"] != "valid"]

    funcs = {}
    for g, info in goals.items():
        f = funcs.setdefault(info["function"], {"name": info["function"],
                                                "goals": 0, "valid": 0,
                                                "time": 0.0})
        f["goals"] += 1
        f["valid"] += info["status"] == "valid"
        f["time"] += info["time"]
    for f in sorted(funcs.values(), key=lambda x: x["name"]):
        print("%-40s %4d / %-4d %7.2fs" % (f["name"], f["valid"],
                                           f["goals"], f["time"]))
    total = len(goals)
    valid = sum(1 for g in goals.values() if g["status"] == "valid")
    smoke_failed = [s for s, v in smoke.items() if v["status"] != "Passed"]
    provers = {}
    for g in goals.values():
        p = (g["prover"] or "none").split(" ")[0]
        provers[p] = provers.get(p, 0) + 1

    accessors, axioms = trusted_base()
    files = []
    for p in sorted(glob.glob(os.path.join(ROOT, "src", "*.[ch]")) +
                    glob.glob(os.path.join(ROOT, "spec", "*"))):
        files.append({"path": rel(p), "sha256":
                      hashlib.sha256(open(p, "rb").read()).hexdigest()})
    commit = sh(["git", "rev-parse", "HEAD"]).stdout.strip() or "uncommitted"
    dirty = bool(sh(["git", "status", "--porcelain", "src", "spec",
                     "proofs"]).stdout.strip())
    audit = {
        "schema": 1,
        "identification": {
            "commit": commit, "dirty": dirty,
            "date": datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%dT%H:%M:%SZ"),
            "files": files,
            "command": "python3 proofs/prove.py (%d frama-c jobs, %d at a "
            "time; each job's command under \"jobs\")" % (len(jobs), workers),
            "jobs": [{"name": j["name"], "file": rel(j["file"]),
                      "functions": j["functions"], "time": round(j["time"], 1),
                      "cpu": round(j["cpu"], 1),
                      "command": " ".join(j["cmd"])} for j in jobs],
            "why3_config": rel(w3),
            "glibc_tunables": env.get("GLIBC_TUNABLES", ""),
            "why3_lemmas_left_out": LEMMAS_CUT,
        },
        "tools": versions(),
        "goals": {"total": total, "valid": valid,
                  "unknown": total - valid,
                  "cached": sum(1 for g in goals.values() if g["cached"]),
                  "wall_time": round(wall, 1),
                  "cpu_time": round(cpu, 1),
                  "max_time": max([g["time"] for g in goals.values()] or
                                  [0.0]),
                  "sum_time": round(sum(g["time"]
                                        for g in goals.values()), 2),
                  "provers": provers},
        "smoke": {"total": len(smoke), "passed": len(smoke) -
                  len(smoke_failed), "failed": smoke_failed,
                  "prover": conf["SMOKE_PROVERS"],
                  "rlimit": int(conf["SMOKE_RLIMIT"]),
                  "canary": {"function": CANARY_FN,
                             "planted": CANARY_ADD.strip(" \n@"),
                             "caught": True}},
        "requirements": [{k: q[k] for k in
                          ("id", "status", "goals", "valid", "prose",
                           "clauses", "provers", "max_time",
                           "failing_goals")} for q in reqs],
        "functions": sorted(funcs.values(), key=lambda x: x["name"]),
        "trusted_base": {"accessors": accessors, "axioms": axioms,
                         "preconditions": preconditions()},
        "warnings": {"unjustified": bad_warn, "allowed": allowed},
        "goal_list": {g: {k: v for k, v in i.items() if k != "attempts"}
                      for g, i in sorted(goals.items())},
    }

    # Baseline: a requirement Valid there must stay Valid.
    regress = []
    diff = {"added": [], "removed": [], "changed": []}
    if os.path.exists(bpath):
        base = json.load(open(bpath))
        bre = {q["id"]: q for q in base.get("requirements", [])}
        for q in reqs:
            b = bre.get(q["id"])
            if b and b["status"] == "valid" and q["status"] != "valid":
                regress.append(q["id"])
        bg = base.get("goals", {})
        diff["added"] = sorted(set(goals) - set(bg))
        diff["removed"] = sorted(set(bg) - set(goals))
        diff["changed"] = sorted(g for g in set(goals) & set(bg)
                                 if bg[g] != goals[g]["status"])
        ba = set(base.get("assumptions", []))
        na = set(a["function"] for a in accessors) | \
            set(p["name"] for p in audit["trusted_base"]["preconditions"])
        diff["assumptions_added"] = sorted(na - ba)
        diff["assumptions_removed"] = sorted(ba - na)
    audit["function_seconds"] = function_seconds(jobs, goals)
    audit["baseline_diff"] = diff
    audit["baseline_regressions"] = regress
    with open(os.path.join(REPORT, "audit.json"), "w") as f:
        json.dump(audit, f, indent=1, sort_keys=False)
    if os.environ.get("UPDATE_BASELINE"):
        write_baseline(audit)

    print("TOTAL %d / %d goals valid, %d/%d smoke tests passed, %.1fs "
          "(%.1fs of CPU)" % (valid, total, len(smoke) - len(smoke_failed),
                             len(smoke), wall, cpu))
    ok = True
    for q in reqs:
        if q["status"] != "valid":
            ok = False
            print("prove: %s is %s (%d/%d goals): %s" %
                  (q["id"], q["status"].upper(), q["valid"], q["goals"],
                   ", ".join(q["failing_goals"][:5])))
    orphans = [g for g, i in goals.items() if i["status"] != "valid"]
    if orphans:
        ok = False
        for g in orphans:
            print("prove: goal not proved: %s (%s) [%s]" %
                  (g, goals[g]["function"], goals[g]["requirement"] or
                   "supporting lemma/invariant"))
    if smoke_failed:
        ok = False
        print("prove: smoke tests failed (dead code or vacuous "
              "precondition): " + ", ".join(smoke_failed))
    if bad_warn:
        ok = False
        print("prove: unjustified WP warnings:\n  " + "\n  ".join(bad_warn))
    if regress:
        ok = False
        print("prove: requirements Valid in the baseline regressed: " +
              ", ".join(regress))
    if not ok:
        sys.exit(1)
    print("prove: all goals valid")


if __name__ == "__main__":
    main()
