#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The run stamp every machine output carries (issue 25): when it ran
(UTC), on which commit, whether the tree had local changes, and the
command. The audit report shows one stamp per section.

As a module: stamp(command) -> dict. As a script, for make recipes:
    provenance.py OUT.json COMMAND [key=value ...]
writes the stamp (plus the key=value pairs, numbers parsed) to OUT.json.
"""
import datetime
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def git(*args):
    try:
        r = subprocess.run(["git"] + list(args), cwd=ROOT, text=True,
                           capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return r.stdout.strip() if r.returncode == 0 else ""


def stamp(command):
    return {"date": datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%dT%H:%M:%SZ"),
            "commit": git("rev-parse", "HEAD") or "uncommitted",
            "dirty": bool(git("status", "--porcelain", "src", "spec",
                              "tests", "proofs")),
            "command": command}


def value(text):
    for conv in (int, float):
        try:
            return conv(text)
        except ValueError:
            pass
    return text


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: provenance.py OUT.json COMMAND [key=value ...]")
    out = stamp(sys.argv[2])
    for kv in sys.argv[3:]:
        k, _, v = kv.partition("=")
        out[k] = value(v)
    os.makedirs(os.path.dirname(os.path.abspath(sys.argv[1])), exist_ok=True)
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
