#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Copy the core (TOP/src/*.c) and the test files into a Kbuild directory,
# keeping mtimes (incremental builds), dropping stale copies, and checking
# that every copy equals its original byte for byte (sha256).
#
# usage: sync-core.sh TOP DIR KBUILD_FILE
set -euo pipefail
TOP=$1 D=$2 KB=$3
mkdir -p "$D/core"
for f in "$D"/core/*.c; do
	[ -e "$f" ] || continue
	[ -e "$TOP/src/$(basename "$f")" ] || rm -f "$f" "${f%.c}.o"
done
put() {
	cmp -s "$1" "$2" || cp -p "$1" "$2"
	[ "$(sha256sum < "$1")" = "$(sha256sum < "$2")" ] ||
		{ echo "sync-core: $2 differs from $1" >&2; exit 1; }
}
for f in "$TOP"/src/*.c; do
	put "$f" "$D/core/$(basename "$f")"
done
for f in mpmu_fake.c mpmu_fake.h mpmu_cases.c mpmu_cases.h mpmu_cases.def \
	 mpmu_kunit.c mpmu_selftest.c; do
	put "$TOP/kernel-glue/test/$f" "$D/$f"
done
put "$TOP/kernel-glue/test/$KB" "$D/Kbuild"
