#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# KUnit suite "mpmu" on UML with kunit.py from linux-source-6.12: the core
# (verbatim copies of src/*.c) on the fake backend, built into the UML
# kernel from lib/mpmu/ of the unpacked source tree.
#
# usage: kunit.sh TOP LINUX_SRC BUILD_DIR RESULT_FILE
set -euo pipefail
TOP=$1 LSRC=$2 BD=$3 OUT=$4
JOBS=${JOBS:-$(nproc)}

"$TOP/kernel-glue/scripts/sync-core.sh" "$TOP" "$LSRC/lib/mpmu" Kbuild.kunit
cmp -s "$TOP/kernel-glue/test/Kconfig.kunit" "$LSRC/lib/mpmu/Kconfig" ||
	cp "$TOP/kernel-glue/test/Kconfig.kunit" "$LSRC/lib/mpmu/Kconfig"
grep -q '^obj-y += mpmu/$' "$LSRC/lib/Makefile" ||
	echo 'obj-y += mpmu/' >> "$LSRC/lib/Makefile"
grep -q '^source "lib/mpmu/Kconfig"$' "$LSRC/lib/Kconfig.debug" ||
	printf '\nsource "lib/mpmu/Kconfig"\n' >> "$LSRC/lib/Kconfig.debug"

mkdir -p "$BD"
log=$BD/kunit.log
t0=$(date +%s)
rc=0
(cd "$LSRC" && python3 tools/testing/kunit/kunit.py run --arch=um \
	--build_dir="$BD" --kunitconfig="$TOP/kernel-glue/test/kunitconfig" \
	--jobs="$JOBS" --timeout=120 \
	--make_options "MPMU_SRC=$TOP/src" --make_options "MPMU_SPEC=$TOP/spec") \
	> "$log" 2>&1 || rc=$?
echo "kunit: kunit.py finished in $(( $(date +%s) - t0 )) s (rc $rc, log $log)"
grep -E '\[(PASSED|FAILED|SKIPPED|CRASHED)\]|Testing complete|mpmu_cases' "$log" | sed 's/^/  /' | tail -25

if grep -E '(warning|error):' "$log" | grep -E 'mpmu'; then
	echo "kunit: compiler warnings in our files" >&2; exit 1
fi

# "Testing complete. Ran 10 tests: passed: 10" or "..: passed: 9, failed: 1"
line=$(grep -E 'Testing complete\. Ran [0-9]+ tests' "$log" | tail -1 || true)
if [ -z "$line" ]; then
	tail -30 "$log"; echo "kunit: no result line" >&2; exit 1
fi
passed=$(echo "$line" | grep -oE 'passed: [0-9]+' | grep -oE '[0-9]+' || echo 0)
failed=$(echo "$line" | grep -oE '(failed|crashed): [0-9]+' | grep -oE '[0-9]+' | paste -sd+ | bc || true)
failed=${failed:-0}
ran=$(echo "$line" | grep -oE 'Ran [0-9]+' | grep -oE '[0-9]+')
[ "$ran" -gt 0 ] || { echo "kunit: ran no test" >&2; exit 1; }
echo "$passed passed, $failed failed" > "$OUT"
echo "kunit: $passed passed, $failed failed"
[ "$rc" = 0 ] && [ "$failed" = 0 ] && [ "$passed" = "$ran" ]
