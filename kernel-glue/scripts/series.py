#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The patch series (kernel-glue/patches/) and the project files it
carries (kernel-glue/series.map).

  series.py map TOP              project file -> tree path, one per line
  series.py verify TOP TREE      the tree holds every mapped file verbatim
  series.py sync TOP TREE        (inside `git rebase --exec`) copy the
                                 project's version of every mapped file
                                 this commit has, and amend if one changed
  series.py regen TOP REPO OUT   refresh the series: check out the
                                 pristine commit of REPO, `git am` the
                                 series, sync every commit, format-patch
                                 into OUT

The patches are the source of the hunks into upstream files; the files
the project proves or tests come from src/, spec/ and kernel-glue/, so a
refreshed series carries exactly the proved bytes.  Scripts never hold C.
"""
import glob
import hashlib
import os
import shutil
import subprocess
import sys

IDENT = ["-c", "user.name=Mediated PMU Core Project",
         "-c", "user.email=mpmu@example.invalid"]
FORMAT_PATCH = ["format-patch", "-q", "--no-signature", "--zero-commit",
                "--full-index", "--base=pristine"]


def mapping(top, groups=False):
    """(project file, tree path) pairs; with groups, also the series.map
    line each pair comes from."""
    pairs = []
    for n, line in enumerate(open(os.path.join(top, "kernel-glue",
                                               "series.map"))):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        pat, tdir = line.split()
        hits = sorted(glob.glob(os.path.join(top, pat)))
        if not hits:
            sys.exit("series: %s matches no file" % pat)
        for h in hits:
            pair = (os.path.relpath(h, top),
                    os.path.join(tdir, os.path.basename(h)))
            pairs.append(pair + (n,) if groups else pair)
    return pairs


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def git(repo, *args, check=True):
    return subprocess.run(["git", "-C", repo] + IDENT + list(args),
                          check=check, text=True,
                          capture_output=True).stdout


def verify(top, tree):
    bad = []
    for src, dst in mapping(top):
        t = os.path.join(tree, dst)
        if not os.path.exists(t):
            bad.append("%s: not in the tree (%s)" % (src, dst))
        elif sha(t) != sha(os.path.join(top, src)):
            bad.append("%s: the series carries another version (%s)" %
                       (src, dst))
    for b in bad:
        print("series: " + b, file=sys.stderr)
    if bad:
        print("series: the series is stale; refresh it with "
              "`make -C kernel-glue patches`", file=sys.stderr)
        return 1
    print("series: %d project files in the tree, byte for byte" %
          len(mapping(top)))
    return 0


def added_here(tree, path):
    """The commit checked out in tree adds path."""
    return bool(git(tree, "diff", "--name-only", "--diff-filter=A",
                    "HEAD~1", "HEAD", "--", path).strip())


def sync(top, tree):
    """Refresh the mapped files this commit carries; a project file new
    to the series goes into the commit that adds its series.map line's
    other files."""
    pairs = mapping(top, groups=True)
    home = {n for _, dst, n in pairs
            if os.path.exists(os.path.join(tree, dst)) and
            added_here(tree, dst)}
    changed = []
    for src, dst, n in pairs:
        t = os.path.join(tree, dst)
        if not os.path.exists(t) and n in home:
            os.makedirs(os.path.dirname(t), exist_ok=True)
            shutil.copyfile(os.path.join(top, src), t)
            changed.append(dst)
        elif os.path.exists(t) and sha(t) != sha(os.path.join(top, src)):
            shutil.copyfile(os.path.join(top, src), t)
            changed.append(dst)
    if changed:
        git(tree, "add", "-f", *changed)
        git(tree, "commit", "-q", "--amend", "--no-edit")
        print("series: refreshed " + " ".join(changed))
    return 0


def regen(top, repo, out):
    patches = sorted(glob.glob(os.path.join(out, "*.patch")))
    git(repo, "checkout", "-q", "-f", "--detach", "pristine")
    git(repo, "clean", "-q", "-ffdx")
    r = subprocess.run(["git", "-C", repo] + IDENT + ["am", "-q"] + patches,
                       text=True, capture_output=True)
    if r.returncode:
        git(repo, "am", "--abort", check=False)
        sys.exit("series: the series does not apply:\n" + r.stdout + r.stderr)
    me = os.path.abspath(__file__)
    git(repo, "rebase", "-q", "--exec",
        "%s %s sync %s ." % (sys.executable, me, top), "pristine")
    if verify(top, repo):
        sys.exit("series: project files no patch carries: add them to a "
                 "patch by hand (git commit --amend) first")
    for p in patches:
        os.remove(p)
    git(repo, *FORMAT_PATCH, "-o", out, "pristine..HEAD")
    for p in sorted(glob.glob(os.path.join(out, "*.patch"))):
        print(os.path.basename(p))
    return 0


def main():
    cmd, top = sys.argv[1], os.path.abspath(sys.argv[2])
    if cmd == "map":
        for src, dst in mapping(top):
            print("%s\t%s" % (src, dst))
        return 0
    if cmd == "verify":
        return verify(top, sys.argv[3])
    if cmd == "sync":
        return sync(top, os.path.abspath(sys.argv[3]))
    if cmd == "regen":
        return regen(top, os.path.abspath(sys.argv[3]),
                     os.path.abspath(sys.argv[4]))
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
