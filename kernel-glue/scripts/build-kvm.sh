#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Rebuild Debian's 6.12 KVM (arch/x86/kvm + virt/kvm from linux-source-6.12)
# as an external module against Debian's matching headers, with the core
# (src/*.c, verbatim) and the glue linked into kvm-intel.ko and kvm-amd.ko.
# W=1; fails on any warning in our files.  Then sparse (C=1) on our files.
#
# usage: build-kvm.sh TOP ROOT LINUX_SRC KVM_WORKDIR RESULTS_DIR
set -euo pipefail

TOP=$1 ROOT=$2 LSRC=$3 W=$4 RES=$5
ABI=$(cat "$ROOT/.abi")
KDIR=$ROOT/usr/src/linux-headers-$ABI-amd64
K=$W/arch/x86/kvm
JOBS=${JOBS:-$(nproc)}
mkdir -p "$RES"

# 1. KVM sources (rsync keeps mtimes: incremental rebuilds stay incremental).
mkdir -p "$W/arch/x86" "$W/virt" "$W/include/trace"
rsync -a --exclude Makefile "$LSRC/arch/x86/kvm/" "$K/"
rsync -a "$LSRC/virt/kvm/" "$W/virt/kvm/"

# 2. Makefile: $(srctree) is the headers tree now; add our fragment.
tmp=$(mktemp)
sed 's|^ccflags-y += -I \$(srctree)/arch/x86/kvm$|ccflags-y += -I $(src) -I $(src)/../../../include/trace|; s|^include \$(srctree)/virt/kvm/Makefile.kvm|include $(src)/../../../virt/kvm/Makefile.kvm|' \
	"$LSRC/arch/x86/kvm/Makefile" > "$tmp"
grep -q 'include/trace' "$tmp" && grep -q '\.\./\.\./\.\./virt/kvm/Makefile.kvm' "$tmp" ||
	{ echo "build-kvm: KVM Makefile layout changed, cannot adapt it" >&2; exit 1; }
{ echo; echo "include $TOP/kernel-glue/kvm-mpmu.mk"; } >> "$tmp"
cmp -s "$tmp" "$K/Makefile" || cp "$tmp" "$K/Makefile"
rm -f "$tmp"

# 3. Our files, verbatim.  cp -p keeps mtimes; stale copies are removed.
put() {		# put SRC DESTDIR
	local d=$2/$(basename "$1")
	cmp -s "$1" "$d" || cp -p "$1" "$d"
}
for m in intel amd; do
	mkdir -p "$K/mpmu-$m"
	for f in "$K/mpmu-$m"/*.c; do
		[ -e "$f" ] || continue
		b=$(basename "$f")
		[ -e "$TOP/src/$b" ] || [ "$b" = mpmu_glue.c ] || rm -f "$f" "${f%.c}.o"
	done
	for f in "$TOP"/src/*.c "$TOP/kernel-glue/mpmu_glue.c"; do
		put "$f" "$K/mpmu-$m"
	done
done
# The VMX-only core files (VMCS accessors) are not linked into kvm-amd.
for f in "$TOP"/src/*vmx*.c; do
	[ -e "$f" ] && rm -f "$K/mpmu-amd/$(basename "$f")" "$K/mpmu-amd/$(basename "${f%.c}").o"
done
put "$TOP/kernel-glue/mpmu_glue_vmx.c" "$K/vmx"

# sha256: every copy equals its original, byte for byte.
(cd "$TOP" && for f in src/*.c kernel-glue/mpmu_glue.c; do
	for m in intel amd; do
		c=$K/mpmu-$m/$(basename "$f")
		[ -e "$c" ] || continue
		[ "$(sha256sum < "$f")" = "$(sha256sum < "$c")" ] ||
			{ echo "build-kvm: $c differs from $f" >&2; exit 1; }
	done
done)
[ "$(sha256sum < "$TOP/kernel-glue/mpmu_glue_vmx.c")" = "$(sha256sum < "$K/vmx/mpmu_glue_vmx.c")" ]

MK=(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$KDIR" M="$K" -j"$JOBS" W=1
    MPMU_SRC="$TOP/src" MPMU_SPEC="$TOP/spec" MPMU_GLUE="$TOP/kernel-glue")

# 4. Build, W=1.  A warning anywhere in our files fails the run.
log=$RES/kvm-build.log
t0=$(date +%s)
if ! "${MK[@]}" modules > "$log" 2>&1; then
	tail -40 "$log"; echo "build-kvm: KVM build failed (log: $log)" >&2; exit 1
fi
echo "build-kvm: KVM 6.12 ($ABI) built in $(( $(date +%s) - t0 )) s, W=1"
ours='mpmu'
if grep -E "(warning|error):" "$log" | grep -E "$ours"; then
	echo "build-kvm: warnings in our files (W=1), see above" >&2; exit 1
fi
echo "build-kvm: W=1: $(grep -cE 'warning:' "$log" || true) warnings in total, 0 in our files"

# 5. sparse on our files only: C=1 checks the files that get recompiled.
touch "$K"/mpmu-intel/*.c "$K"/mpmu-amd/*.c "$K/vmx/mpmu_glue_vmx.c"
slog=$RES/sparse.log
if ! "${MK[@]}" C=1 CHECK="sparse" modules > "$slog" 2>&1; then
	tail -40 "$slog"; echo "build-kvm: sparse build failed" >&2; exit 1
fi
(grep -E '^[^ ]*mpmu[^ ]*:[0-9]+:[0-9]+: (warning|error)' "$slog" || true) > "$RES/sparse-ours.txt"
cat "$RES/sparse-ours.txt" >&2
nsp=$(wc -l < "$RES/sparse-ours.txt")
nchk=$(grep -c '  CHECK ' "$slog" || true)
echo "sparse: $nchk files checked, $nsp warnings in our files" | tee "$RES/sparse.txt"
[ "$nsp" = 0 ]

# 6. Symbols.
for m in kvm-intel kvm-amd; do
	echo "nm $m.ko (mpmu symbols):"
	nm "$K/$m.ko" | grep -E ' mpmu_' | sed 's/^/  /'
	modinfo -F vermagic "$K/$m.ko" | sed 's/^/  vermagic: /'
done | tee "$RES/nm.txt"
for m in kvm-intel kvm-amd; do
	nm "$K/$m.ko" | grep -E ' T mpmu_hw_wrmsr$' > /dev/null ||
		{ echo "build-kvm: $m.ko lacks the glue" >&2; exit 1; }
done

# No 128-bit division or floating point helpers may be pulled in.
for m in kvm-intel kvm-amd; do
	if nm -u "$K/$m.ko" | grep -E ' __(u?(div|mod)ti3|.*(sf|df|tf)[0-9]?)$'; then
		echo "build-kvm: $m.ko needs a libgcc helper (128-bit or FP)" >&2; exit 1
	fi
done

# 7. Stack frames of our functions (-fstack-usage), largest first.
find "$K/mpmu-intel" "$K/mpmu-amd" "$K/vmx" -name 'mpmu*.su' -o -path '*mpmu-*/*.su' |
	sort -u | xargs cat | sort -t$'\t' -k2 -n -r | awk -F'\t' '
	{ print; if ($2 + 0 > max) max = $2 + 0 }
	END { printf "stack: largest frame %d bytes (limit 512, CONFIG_FRAME_WARN 2048)\n", max;
	      if (max >= 512) exit 1 }' > "$RES/stack.txt"
head -3 "$RES/stack.txt"; tail -1 "$RES/stack.txt"
