#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# checkpatch.pl --strict of the patched tree (so its SPDX check runs):
#  1. on the series (kernel-glue/patches/): no ERROR, no WARNING, no CHECK
#     but the ignored types below, each justified;
#  2. on the files of src/ and kernel-glue/ one by one (-f): none at all,
#     with the same ignores; spec/ is reported, not gated.
#
# usage: checkpatch.sh TOP TREE RESULTS
set -euo pipefail
TOP=$1 L=$2 RES=$3
P=$TOP/kernel-glue/patches
# spdxcheck.py needs Debian's python3 with python3-ply and python3-git.
export PATH=/usr/bin:/bin:$PATH
CP=(perl "$L/scripts/checkpatch.pl" --strict --terse --show-types)

# Ignored checkpatch types, and why:
#  BLOCK_COMMENT_STYLE  ACSL contracts are /*@ ... @*/ blocks whose lines
#                       start with "@": ACSL rejects a leading " * ", and
#                       consecutive //@ lines are separate annotations.
#  BIT_MACRO            BIT()/BIT_ULL() come from <linux/bits.h>; src/ and
#                       spec/ are kernel-header-free (Frama-C parses them),
#                       so they spell the shifts out.
#  PREFER_KERNEL_TYPES  only mpmu_types.h, which maps <stdint.h> types to
#                       u8..u64 for the Frama-C and test builds.
#  COMPLEX_MACRO        only spec/mpmu_hw.h: MPMU_HW_REGS and the other
#                       ACSL location lists used in "assigns" clauses are
#                       comma-separated; parentheses would make them one
#                       (invalid) term.  The compiler never expands them.
#  MACRO_ARG_REUSE      only src/mpmu.h: MPMU_SEL_RSVD(ctx, i) is also an
#                       ACSL term (contracts and invariants use it), so it
#                       cannot be a statement expression or an inline
#                       function; every C use passes a plain variable for
#                       both arguments (no side effect to repeat).
#  FILE_PATH_CHANGES    the new files are under arch/x86/kvm/, covered by
#                       the "KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)"
#                       entry of MAINTAINERS (F: arch/x86/kvm/).
IGN=BLOCK_COMMENT_STYLE,BIT_MACRO,PREFER_KERNEL_TYPES,COMPLEX_MACRO,MACRO_ARG_REUSE,FILE_PATH_CHANGES
COMPLAINT=': (ERROR|WARNING|CHECK):'

rc=0
(cd "$L" && "${CP[@]}" --ignore "$IGN" "$P"/*.patch 2>&1) \
	> "$RES/checkpatch-series.log" || true
if grep -E "$COMPLAINT" "$RES/checkpatch-series.log"; then rc=1; fi
if grep -E 'Traceback|No module' "$RES/checkpatch-series.log"; then
	echo "checkpatch: its SPDX check did not run" >&2; rc=1
fi
echo "checkpatch --strict: $(ls "$P"/*.patch | wc -l) patches:" \
	"$(grep -cE "$COMPLAINT" "$RES/checkpatch-series.log" || true)" \
	"complaints (ignored: $IGN)"

# The file-specific ignores must not hide anything outside their file.
for t in PREFER_KERNEL_TYPES:mpmu_types.h COMPLEX_MACRO:mpmu_hw.h \
	MACRO_ARG_REUSE:mpmu.h; do
	bad=$( (cd "$L" && perl scripts/checkpatch.pl --strict --show-types \
		--types "${t%%:*}" "$P"/*.patch 2>/dev/null) |
		sed -n 's/^#[0-9]*: FILE: \([^:]*\):.*/\1/p' | sort -u |
		grep -v "/${t#*:}$" || true)
	if [ -n "$bad" ]; then
		echo "checkpatch: ${t%%:*} outside ${t#*:}: $bad" >&2
		rc=1
	fi
done

# src/ and kernel-glue/, file mode: zero complaints.
(cd "$L" && "${CP[@]}" --no-tree --ignore "$IGN" -f "$TOP"/src/*.[ch] \
	"$TOP"/kernel-glue/*.[ch] "$TOP"/kernel-glue/test/*.[ch] 2>&1) \
	> "$RES/checkpatch-files.log" || true
if grep -E "$COMPLAINT" "$RES/checkpatch-files.log"; then rc=1; fi
n=$(ls "$TOP"/src/*.[ch] "$TOP"/kernel-glue/*.[ch] "$TOP"/kernel-glue/test/*.[ch] | wc -l)
echo "checkpatch --strict -f: $n files of src/ and kernel-glue/:" \
	"$(grep -cE "$COMPLAINT" "$RES/checkpatch-files.log" || true) complaints"
(cd "$L" && "${CP[@]}" --no-tree --ignore "$IGN" -f "$TOP"/spec/*.h 2>&1) \
	> "$RES/checkpatch-spec.log" || true
echo "checkpatch (reported, spec/): $(grep -cE "$COMPLAINT" \
	"$RES/checkpatch-spec.log" || true) complaints"
exit $rc
