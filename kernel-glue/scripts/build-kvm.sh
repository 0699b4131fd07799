#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build kvm.ko, kvm-intel.ko, kvm-amd.ko and mpmu-kvm-test.ko in the
# patched tree (tree.sh) with Debian's configuration and release string,
# so that they load into Debian's image: `make M=arch/x86/kvm W=1`.
# Fails on any warning in a file the series adds or touches, then runs
# sparse (C=1) on those files (fails on a warning in ours: mpmu/ and
# vmx/mpmu_*), and reports stack frames of our objects.
#
# usage: build-kvm.sh TOP WORK RESULTS
set -euo pipefail
TOP=$1 W=$2 RES=$3
. "$W/kernel.env"
L=$W/linux
ROOT=$W/root
JOBS=${JOBS:-$(nproc)}
MK=(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$L" -j"$JOBS"
    KERNELRELEASE="$KABI")
mkdir -p "$RES"

t0=$(date +%s)
cp "$ROOT/usr/lib/modules/$KABI/config" "$L/.config"
"${MK[@]}" olddefconfig > "$RES/kernel-config.log" 2>&1
"${MK[@]}" modules_prepare > "$RES/kernel-prepare.log" 2>&1 ||
	{ tail -30 "$RES/kernel-prepare.log"; exit 1; }
cp "$ROOT/usr/src/linux-headers-$KABI/Module.symvers" "$L/"
echo "build: Debian's config and Module.symvers, release $KABI," \
	"modules_prepare in $(( $(date +%s) - t0 )) s"

# Files the series adds or changes, and of those the project's own.
touched=$(git -C "$L" diff --name-only pristine HEAD -- '*.c' '*.h')
ours=$(echo "$touched" | grep -E '^arch/x86/kvm/(mpmu/|vmx/mpmu_)' || true)

log=$RES/kvm-build.log
t0=$(date +%s)
if ! "${MK[@]}" M=arch/x86/kvm W=1 modules > "$log" 2>&1; then
	tail -40 "$log"; echo "build: FAIL KVM build (log: $log)" >&2; exit 1
fi
echo "build: kvm.ko kvm-intel.ko kvm-amd.ko mpmu-kvm-test.ko in" \
	"$(( $(date +%s) - t0 )) s (W=1)"
pat=$(echo "$touched" | sed 's|\.|\\.|g' | paste -sd'|')
if grep -E '(warning|error):' "$log" | grep -E "($pat):"; then
	echo "build: FAIL warnings in files the series touches (W=1)" >&2
	exit 1
fi
echo "build: W=1: $(grep -cE 'warning:' "$log" || true) warnings in" \
	"total, 0 in the $(echo "$touched" | wc -l) files the series touches"

# sparse (built by fetch-kernel.py) on the .c files the series touches:
# C=1 checks what is rebuilt.
(cd "$L" && touch $(echo "$touched" | grep '\.c$'))
slog=$RES/sparse.log
if ! "${MK[@]}" M=arch/x86/kvm C=1 CHECK="$SPARSE" modules > "$slog" 2>&1; then
	tail -40 "$slog"; echo "build: FAIL sparse build" >&2; exit 1
fi
spat=$(echo "$ours" | sed 's|\.|\\.|g' | paste -sd'|')
(grep -E "^[^ ]*($spat):[0-9]+:[0-9]+: (warning|error)" "$slog" || true) \
	> "$RES/sparse-ours.txt"
(grep -E "^[^ ]*($pat):[0-9]+:[0-9]+: (warning|error)" "$slog" || true) \
	> "$RES/sparse-touched.txt"
cat "$RES/sparse-ours.txt" >&2
nchk=$(grep -c '  CHECK ' "$slog" || true)
echo "build: sparse: $nchk files checked, $(wc -l < "$RES/sparse-ours.txt")" \
	"warnings in ours, $(wc -l < "$RES/sparse-touched.txt") in all" \
	"touched files" | tee "$RES/sparse.txt"
[ "$nchk" -gt 0 ] || { echo "build: FAIL sparse checked nothing" >&2; exit 1; }
[ ! -s "$RES/sparse-ours.txt" ]

# Stack frames of our objects (-fstack-usage, test/Kbuild.kvm).
find "$L/arch/x86/kvm/mpmu" "$L/arch/x86/kvm/vmx" -name '*.su' \
	-path '*mpmu*' ! -path '*/test/*' | sort | xargs cat |
	sort -t$'\t' -k2 -n -r | awk -F'\t' '
	{ print; if ($2 + 0 > max) max = $2 + 0 }
	END { printf "stack: largest frame %d bytes (limit 512)\n", max;
	      if (max >= 512) exit 1 }' > "$RES/stack.txt"
tail -1 "$RES/stack.txt"
