#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch one matching set of Debian 6.12 kernel packages (headers, kbuild,
# unsigned image, linux-source) with `apt-get download` into a cache and
# unpack them with dpkg-deb -x into a scratch root.  Nothing is installed
# into the machine: installing linux-headers-6.12-amd64 would pull in the
# 6.12 image, initramfs-tools and a systemd upgrade.
#
# usage: fetch-debs.sh CACHE_DIR ROOT_DIR PINNED_VERSION
# prints nothing on success but the resolved version; writes ROOT_DIR/.abi
set -euo pipefail

CACHE=$1
ROOT=$2
PIN=$3

mkdir -p "$CACHE" "$ROOT"
CACHE=$(realpath "$CACHE")
ROOT=$(realpath "$ROOT")

if [ -f "$ROOT/.done" ] && [ "$(cat "$ROOT/.pin")" = "$PIN" ]; then
	exit 0
fi

have_version() {
	apt-cache show "linux-source-6.12=$1" >/dev/null 2>&1
}

VER=$PIN
if ! have_version "$VER"; then
	if [ "$(id -u)" = 0 ] && [ ! -f "$CACHE/.apt-updated" ]; then
		echo "kernel-glue: apt-get update (package lists lack $VER)"
		apt-get update -qq && touch "$CACHE/.apt-updated"
	fi
fi
if ! have_version "$VER"; then
	CAND=$(apt-cache policy linux-source-6.12 | awk '/Candidate:/{print $2}')
	if [ -z "$CAND" ] || [ "$CAND" = "(none)" ]; then
		echo "kernel-glue: linux-source-6.12 is unknown to apt (run apt-get update as root)" >&2
		exit 1
	fi
	echo "kernel-glue: WARNING: pinned $PIN is no longer in the archive; using candidate $CAND" >&2
	echo "kernel-glue: WARNING: update KERNEL_DEB_VERSION in kernel-glue/Makefile" >&2
	VER=$CAND
fi

# ABI string: 6.12.117-1~deb12u1 -> 6.12.117+deb12
ABI=$(apt-cache show "linux-headers-6.12-amd64=$VER" |
	awk '/^Depends:/{ for (i = 2; i <= NF; i++) if ($i ~ /^linux-headers-6\.12/) { sub(/^linux-headers-/, "", $i); sub(/-amd64,?$/, "", $i); print $i; exit } }')
if [ -z "$ABI" ]; then
	echo "kernel-glue: cannot resolve the kernel ABI of $VER" >&2
	exit 1
fi

PKGS="linux-headers-$ABI-amd64=$VER linux-headers-$ABI-common=$VER
linux-kbuild-$ABI=$VER linux-image-$ABI-amd64-unsigned=$VER linux-source-6.12=$VER"

cd "$CACHE"
missing=
for p in $PKGS; do
	n=${p%%=*}
	ls "${n}"_*.deb >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "kernel-glue: apt-get download$missing"
	# As root, apt warns that it downloads unsandboxed (the cache is not
	# writable by _apt); that is harmless.
	apt-get download -q $missing 2>&1 | grep -v 'unsandboxed' || true
	for p in $missing; do
		ls "${p%%=*}"_*.deb >/dev/null 2>&1 ||
			{ echo "kernel-glue: apt-get download ${p} failed" >&2; exit 1; }
	done
fi

rm -rf "$ROOT"
mkdir -p "$ROOT"
for n in linux-headers-$ABI-amd64 linux-headers-$ABI-common linux-kbuild-$ABI; do
	dpkg-deb -x "$CACHE/${n}"_*.deb "$ROOT"
done
KDIR=$ROOT/usr/src/linux-headers-$ABI-amd64
# The arch Makefile includes the -common tree by absolute path.
sed -i "s|^include /usr/src/|include $ROOT/usr/src/|" "$KDIR/Makefile"

# The image: only vmlinuz and the modules the smoke boot loads.
dpkg-deb --fsys-tarfile "$CACHE/linux-image-$ABI-amd64-unsigned"_*.deb |
	tar x -C "$ROOT" "./boot/vmlinuz-$ABI-amd64" \
		"./lib/modules/$ABI-amd64/kernel/virt/lib/irqbypass.ko.xz" \
		"./lib/modules/$ABI-amd64/kernel/drivers/crypto/ccp/ccp.ko.xz"

# linux-source: a .deb holding a .tar.xz.
mkdir -p "$ROOT/src"
dpkg-deb --fsys-tarfile "$CACHE/linux-source-6.12"_*.deb |
	tar xO ./usr/src/linux-source-6.12.tar.xz > "$ROOT/src/linux-source-6.12.tar.xz"

echo "$ABI" > "$ROOT/.abi"
echo "$VER" > "$ROOT/.ver"
echo "$PIN" > "$ROOT/.pin"
touch "$ROOT/.done"
