#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Fetch one matching upload of Debian's Linux 7.x: linux-source-X.Y and,
for the same version, the kernel image (linux-binary-<abi>), the modules
the QEMU boot loads (from linux-modules-<abi>), Module.symvers
(linux-headers-<abi>) and the configuration (linux-base-<abi>).

Debian's newer suites are read through a project-private apt
configuration under WORK/apt (own sources list, lists and cache); the
machine's apt state is never changed and nothing is installed.  The
mirror is the one the machine's own sources use.

The pin (PACKAGE=VERSION) is used while the archive has it; when it has
left, the newest upload that has both the source and the image is used,
with a warning.  Never fails because a version moved.

It also builds sparse from Debian's source package (SPARSE_PIN, from
SPARSE_SUITE through deb-src): bookworm's sparse 0.6.4 lacks
__typeof_unqual__, and Linux 7.x then turns C=1 off ("sparse is not
available or not up to date").  Only the sparse binary is built.

usage: fetch-kernel.py WORK PIN SUITES SPARSE_PIN SPARSE_SUITE
  WORK    build/kernel: writes WORK/apt, WORK/debs, WORK/root, WORK/sparse,
          WORK/kernel.env
  PIN     e.g. linux-source-7.3=7.3.4-1~bpo13+1
  SUITES  comma-separated, e.g. trixie-backports
"""
import glob
import os
import re
import subprocess
import sys

KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"


def log(msg):
    print("fetch-kernel: " + msg, flush=True)


def warn(msg):
    print("fetch-kernel: WARNING: " + msg, file=sys.stderr, flush=True)


def machine_mirror():
    """The Debian archive URI of the machine's own apt sources."""
    uris = []
    for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
        block = {}
        for line in open(path).read().splitlines() + [""]:
            if not line.strip():
                if "bookworm" in block.get("Suites", "") or \
                   "trixie" in block.get("Suites", ""):
                    uris += block.get("URIs", "").split()
                block = {}
            elif ":" in line and not line.startswith("#"):
                k, v = line.split(":", 1)
                block[k.strip()] = v.strip()
    lists = ["/etc/apt/sources.list"] + \
        sorted(glob.glob("/etc/apt/sources.list.d/*.list"))
    for path in lists:
        if not os.path.exists(path):
            continue
        for line in open(path):
            m = re.match(r"\s*deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+(\S+)", line)
            if m:
                uris.append(m.group(1))
    for u in uris:
        if not re.search(r"security|updates|backports|debug", u):
            return u.rstrip("/")
    sys.exit("fetch-kernel: no Debian mirror in the machine's apt sources")


class Apt:
    def __init__(self, work, suites, src_suite):
        self.dir = os.path.join(work, "apt")
        for d in ("lists/partial", "cache/archives/partial"):
            os.makedirs(os.path.join(self.dir, d), exist_ok=True)
        mirror = machine_mirror()
        with open(os.path.join(self.dir, "sources.list"), "w") as f:
            for s in suites:
                f.write("deb [signed-by=%s] %s %s main\n" % (KEYRING, mirror, s))
            f.write("deb-src [signed-by=%s] %s %s main\n" %
                    (KEYRING, mirror, src_suite))
        self.opts = [
            "-o", "Dir::Etc::sourcelist=" + self.dir + "/sources.list",
            "-o", "Dir::Etc::sourceparts=-",
            "-o", "Dir::State::Lists=" + self.dir + "/lists",
            "-o", "Dir::Cache=" + self.dir + "/cache",
            "-o", "Dir::State::status=/dev/null",
            "-o", "APT::Sandbox::User=root",
            "-o", "Debug::NoLocking=1",
        ]
        log("private apt config %s: %s %s, sources from %s" %
            (self.dir, mirror, ",".join(suites), src_suite))

    def run(self, tool, *args, cwd=None, check=True):
        r = subprocess.run([tool] + self.opts + list(args), cwd=cwd,
                           text=True, capture_output=True)
        if check and r.returncode:
            sys.exit("fetch-kernel: %s %s failed:\n%s" %
                     (tool, " ".join(args), r.stderr))
        return r

    def versions(self, pkg):
        r = self.run("apt-cache", "show", pkg, check=False)
        return re.findall(r"^Version: (\S+)$", r.stdout, re.M)

    def src_versions(self, pkg):
        r = self.run("apt-cache", "showsrc", pkg, check=False)
        return re.findall(r"^Version: (\S+)$", r.stdout, re.M)

    def names(self, pattern):
        r = self.run("apt-cache", "pkgnames", check=False)
        return sorted(n for n in r.stdout.split() if re.fullmatch(pattern, n))


def version_key(v):
    """dpkg ordering, by asking dpkg."""
    class K:
        def __init__(self, s):
            self.s = s

        def __lt__(self, o):
            return subprocess.run(["dpkg", "--compare-versions", self.s,
                                   "lt", o.s]).returncode == 0
    return K(v)


def image_for(apt, version):
    """(abi, {role: package}) of the image upload of @version, or None."""
    for name in apt.names(r"linux-binary-\d+\.\d+\.\d+\+deb\d+-amd64"):
        if version in apt.versions(name):
            abi = name[len("linux-binary-"):]
            pkgs = {"binary": name, "modules": "linux-modules-" + abi,
                    "headers": "linux-headers-" + abi,
                    "base": "linux-base-" + abi}
            if all(version in apt.versions(p) for p in pkgs.values()):
                return abi, pkgs
    return None


def resolve(apt, pin):
    src, ver = pin.split("=", 1)
    if ver in apt.versions(src):
        img = image_for(apt, ver)
        if img:
            return src, ver, img
        warn("%s has no matching image upload any more" % pin)
    else:
        warn("pinned %s is no longer in the archive" % pin)
    cands = []
    for name in apt.names(r"linux-source-\d+\.\d+"):
        cands += [(name, v) for v in apt.versions(name)]
    cands.sort(key=lambda nv: version_key(nv[1]), reverse=True)
    for name, v in cands:
        img = image_for(apt, v)
        if img:
            warn("using the newest upload with source and image: %s=%s "
                 "(update KERNEL_PIN in kernel-glue/Makefile)" % (name, v))
            return name, v, img
    sys.exit("fetch-kernel: no linux-source-X.Y with a matching image "
             "in the configured suites")


def deb(debs, pkg, ver):
    hits = [p for p in glob.glob(os.path.join(debs, pkg + "_*.deb"))
            if "_" + ver.replace(":", "%3a") + "_" in os.path.basename(p)]
    return hits[0] if hits else None


def fsys(path, *members, dest):
    """Extract members of a .deb's data archive into dest."""
    p1 = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", path],
                          stdout=subprocess.PIPE)
    subprocess.run(["tar", "x", "-C", dest] + list(members), stdin=p1.stdout,
                   check=True)
    p1.stdout.close()
    if p1.wait():
        sys.exit("fetch-kernel: dpkg-deb failed on " + path)


def build_sparse(apt, work, pin):
    """WORK/sparse/sparse from Debian's source package; its path."""
    name, ver = pin.split("=", 1)
    have = apt.src_versions(name)
    if ver not in have:
        if not have:
            sys.exit("fetch-kernel: no source package %s" % name)
        have.sort(key=version_key, reverse=True)
        warn("pinned source %s is no longer in the archive; using %s=%s "
             "(update SPARSE_PIN in kernel-glue/Makefile)" %
             (pin, name, have[0]))
        ver = have[0]
    d = os.path.join(work, "sparse")
    binary = os.path.join(d, "sparse")
    stamp = os.path.join(d, ".built")
    if os.path.exists(stamp) and open(stamp).read() == ver:
        return binary
    subprocess.run(["rm", "-rf", d], check=True)
    dl = os.path.join(work, "debs", "src-" + name)
    os.makedirs(dl, exist_ok=True)
    apt.run("apt-get", "source", "-q", "--download-only",
            "%s=%s" % (name, ver), cwd=dl)
    upstream = re.sub(r"^\d+:", "", ver).rsplit("-", 1)[0]
    orig = glob.glob(os.path.join(dl, "%s_%s.orig.tar.*" % (name, upstream)))
    if not orig:
        sys.exit("fetch-kernel: no upstream tarball of %s=%s" % (name, ver))
    os.makedirs(d)
    subprocess.run(["tar", "xf", orig[0], "-C", d, "--strip-components=1"],
                   check=True)
    r = subprocess.run(["make", "-C", d, "-j%d" % os.cpu_count(), "sparse",
                        "HAVE_LIBXML=no", "HAVE_GTK=no", "HAVE_SQLITE=no",
                        "HAVE_LLVM=no"], text=True, capture_output=True)
    if r.returncode:
        sys.exit("fetch-kernel: building sparse failed:\n" + r.stderr[-2000:])
    open(stamp, "w").write(ver)
    log("built sparse %s=%s from source" % (name, ver))
    return binary


def main():
    work, pin, suites = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    sparse_pin, sparse_suite = sys.argv[4], sys.argv[5]
    work = os.path.abspath(work)
    apt = Apt(work, suites, sparse_suite)
    apt.run("apt-get", "update", "-qq")
    sparse = build_sparse(apt, work, sparse_pin)
    src, ver, (abi, img) = resolve(apt, pin)
    log("%s=%s, image %s" % (src, ver, abi))

    debs = os.path.join(work, "debs")
    os.makedirs(debs, exist_ok=True)
    want = [src] + list(img.values())
    missing = [p for p in want if not deb(debs, p, ver)]
    if missing:
        log("apt-get download " + " ".join(missing))
        apt.run("apt-get", "download", "-q",
                *["%s=%s" % (p, ver) for p in missing], cwd=debs)
    for p in want:
        if not deb(debs, p, ver):
            sys.exit("fetch-kernel: download of %s=%s failed" % (p, ver))

    root = os.path.join(work, "root")
    stamp = os.path.join(root, ".fetched")
    if not (os.path.exists(stamp) and open(stamp).read() == ver):
        subprocess.run(["rm", "-rf", root], check=True)
        mods = "./usr/lib/modules/%s/" % abi
        os.makedirs(root)
        fsys(deb(debs, img["binary"], ver), mods + "vmlinuz", dest=root)
        fsys(deb(debs, img["base"], ver), mods + "config", dest=root)
        fsys(deb(debs, img["headers"], ver),
             "./usr/src/linux-headers-%s/Module.symvers" % abi, dest=root)
        fsys(deb(debs, img["modules"], ver),
             mods + "kernel/virt/lib/irqbypass.ko.xz",
             mods + "kernel/drivers/crypto/ccp/ccp.ko.xz", dest=root)
        open(os.path.join(root, ".abi"), "w").write(abi)
        open(stamp, "w").write(ver)

    series = src[len("linux-source-"):]
    with open(os.path.join(work, "kernel.env"), "w") as f:
        f.write("KSRC_PKG=%s\nKSRC_VER=%s\nKSERIES=%s\nKABI=%s\n"
                "KSRC_DEB=%s\nSPARSE=%s\n" % (src, ver, series, abi,
                                              deb(debs, src, ver), sparse))
    log("wrote %s/kernel.env" % work)


if __name__ == "__main__":
    main()
