#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Check kernel-glue/patches/: checkpatch --strict on every patch (always),
# and, given UPSTREAM (a git tree of Linux at the base commit, or a scratch
# repository with the touched files at that commit), that the series
# applies in order (git apply --check, then apply, in a throw-away clone).
#
# usage: check-patches.sh TOP CHECKPATCH_PL [UPSTREAM]
set -euo pipefail
TOP=$1 CP=$2 UP=${3:-}
P=$TOP/kernel-glue/patches

# Ignored checkpatch types for the series, and why:
#  BLOCK_COMMENT_STYLE  ACSL contracts (/*@ ... @*/, lines start with "@").
#  BIT_MACRO            the core is kernel-header-free (no <linux/bits.h>).
#  PREFER_KERNEL_TYPES  only mpmu_types.h, which maps <stdint.h> types to
#                       u8..u64 for the non-kernel (Frama-C, test) builds.
#  COMPLEX_MACRO        only spec/mpmu_hw.h: MPMU_HW_REGS & co. are ACSL
#                       location lists (comma-separated) used in "assigns"
#                       clauses; parentheses would make them invalid ACSL.
#                       Reported to the core's owner.
#  FILE_PATH_CHANGES    new files under arch/x86/kvm/ are covered by the
#                       existing "KERNEL VIRTUAL MACHINE FOR X86" entry
#                       (F: arch/x86/kvm/) of MAINTAINERS.
IGN=BLOCK_COMMENT_STYLE,BIT_MACRO,PREFER_KERNEL_TYPES,COMPLEX_MACRO,FILE_PATH_CHANGES

rc=0
for p in "$P"/*.patch; do
	out=$(perl "$CP" --strict --no-tree --terse --show-types --ignore "$IGN" "$p" 2>&1) || rc=1
	n=$(printf '%s\n' "$out" | grep -c ': \(ERROR\|WARNING\|CHECK\):' || true)
	printf '%s\n' "$out" | grep ': \(ERROR\|WARNING\|CHECK\):' || true
	echo "checkpatch --strict $(basename "$p"): $n complaints"
done
[ "$rc" = 0 ] || { echo "check-patches: checkpatch complaints" >&2; exit 1; }

# The file-specific ignores must not hide anything outside their file.
for t in PREFER_KERNEL_TYPES:mpmu_types.h COMPLEX_MACRO:mpmu_hw.h; do
	files=$( (for p in "$P"/*.patch; do
		perl "$CP" --strict --no-tree --show-types --types "${t%%:*}" "$p" 2>/dev/null || true
	done) | grep -oE 'FILE: [^:]+' | sed 's/^FILE: //' | sort -u | grep -v "/${t#*:}\$" || true)
	if [ -n "$files" ]; then
		echo "check-patches: ${t%%:*} outside ${t#*:}: $files" >&2; exit 1
	fi
done

# Freshness: the new files of the series must equal src/, spec/ and the
# 7.0 form of the glue.  New-file hunks apply to an empty tree.
F=$(mktemp -d)
git -C "$F" init -q
stale=
for p in "$P"/*.patch; do
	git -C "$F" apply --include='arch/x86/kvm/mpmu/*' --include='arch/x86/kvm/vmx/mpmu_*' \
		"$p" 2>/dev/null || true
done
for f in "$TOP"/src/*.[ch]; do
	cmp -s "$f" "$F/arch/x86/kvm/mpmu/$(basename "$f")" || stale="$stale ${f#"$TOP"/}"
done
for f in "$TOP"/spec/*.h; do
	cmp -s "$f" "$F/arch/x86/kvm/mpmu/spec/$(basename "$f")" || stale="$stale ${f#"$TOP"/}"
done
for g in mpmu_glue.c mpmu_glue.h; do
	python3 "$TOP/kernel-glue/scripts/unifdef70.py" < "$TOP/kernel-glue/$g" |
		cmp -s - "$F/arch/x86/kvm/mpmu/$g" || stale="$stale kernel-glue/$g"
done
python3 "$TOP/kernel-glue/scripts/unifdef70.py" < "$TOP/kernel-glue/mpmu_glue_vmx.c" |
	sed 's|#include "mpmu_glue.h"|#include "../mpmu/mpmu_glue.h"|' |
	cmp -s - "$F/arch/x86/kvm/vmx/mpmu_glue_vmx.c" || stale="$stale kernel-glue/mpmu_glue_vmx.c"
rm -rf "$F"
if [ -n "$stale" ]; then
	echo "check-patches: WARNING: patches/ predate:$stale"
	echo "check-patches: regenerate with: make -C kernel-glue patches UPSTREAM=<linux-7.0 tree>"
	echo "check-patches: (src/ and spec/ alone: make -C kernel-glue patches-core)"
	[ -z "${PATCHES_MUST_BE_FRESH:-}" ] || exit 1
else
	echo "check-patches: the series carries the current src/, spec/ and glue"
fi

[ -n "$UP" ] || { echo "check-patches: no UPSTREAM tree given, git apply not checked"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
git clone -q --local --no-hardlinks "$UP" "$T/linux"
for p in "$P"/*.patch; do
	git -C "$T/linux" apply --check "$p"
	git -C "$T/linux" apply "$p"
	echo "git apply: $(basename "$p"): ok"
done
echo "check-patches: the series applies to $(git -C "$UP" rev-parse --short HEAD) ($UP)"
