#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The patched kernel tree `make kernel` builds, fresh every run:
#  1. WORK/linux is a git repository of Debian's pristine linux-source
#     tree (made once per upload; commit tagged "pristine", with fixed
#     metadata, so its hash, the series' base-commit, is reproducible);
#  2. it is reset to that commit and cleaned of every other file;
#  3. the series (kernel-glue/patches/*.patch) is applied with `git am`:
#     a series that does not apply fails;
#  4. the tree must then hold the project's files byte for byte
#     (series.py verify: the kernel compiles what Frama-C proves);
#  5. the in-kernel tests are added, untracked: kernel-glue/test/ in
#     arch/x86/kvm/mpmu/test/, the core copied again into its core/ (its
#     own objects), Kbuild.kvm appended to arch/x86/kvm/Makefile.
#
# usage: tree.sh TOP WORK RESULTS   (WORK/kernel.env from fetch-kernel.py)
set -euo pipefail
TOP=$1 W=$2 RES=$3
. "$W/kernel.env"
L=$W/linux
GIT=(git -C "$L" -c user.name="Mediated PMU Core Project"
     -c user.email=mpmu@example.invalid)
mkdir -p "$RES"

# The upload the repository was made from (inside .git: `git clean` keeps it).
MARK=$L/.git/mpmu-pristine
if ! [ -f "$MARK" ] || [ "$(cat "$MARK")" != "$KSRC_VER" ]; then
	t0=$(date +%s)
	rm -rf "$L" && mkdir -p "$L"
	dpkg-deb --fsys-tarfile "$KSRC_DEB" |
		tar xO "./usr/src/linux-source-$KSERIES.tar.xz" |
		tar xJ -C "$L" --strip-components=1
	git -C "$L" init -q
	git -C "$L" add -A -f .
	GIT_AUTHOR_DATE="@0 +0000" GIT_COMMITTER_DATE="@0 +0000" \
	GIT_AUTHOR_NAME="Debian" GIT_AUTHOR_EMAIL="debian-kernel@lists.debian.org" \
	GIT_COMMITTER_NAME="Debian" GIT_COMMITTER_EMAIL="debian-kernel@lists.debian.org" \
		git -C "$L" commit -q -m "$KSRC_PKG $KSRC_VER (Debian's pristine tree)"
	git -C "$L" tag -f pristine > /dev/null
	echo "$KSRC_VER" > "$MARK"
	echo "tree: git repository of $KSRC_PKG $KSRC_VER made in $(( $(date +%s) - t0 )) s"
fi
base=$(git -C "$L" rev-parse pristine)

# Fresh: the pristine commit, nothing else (build outputs included).
"${GIT[@]}" am --abort > /dev/null 2>&1 || true
"${GIT[@]}" checkout -q -f --detach pristine
"${GIT[@]}" clean -q -ffdx

if ! "${GIT[@]}" am -q "$TOP"/kernel-glue/patches/*.patch > "$RES/git-am.log" 2>&1; then
	cat "$RES/git-am.log"
	"${GIT[@]}" am --abort > /dev/null 2>&1 || true
	echo "tree: FAIL the series does not apply to $KSRC_PKG $KSRC_VER" >&2
	exit 1
fi
n=$(git -C "$L" rev-list --count pristine..HEAD)
echo "tree: git am of $n patches onto $KSRC_PKG $KSRC_VER (base $base) ok"
python3 "$TOP/kernel-glue/scripts/series.py" verify "$TOP" "$L"

# The in-kernel tests (not part of the series).
T=$L/arch/x86/kvm/mpmu/test
mkdir -p "$T/core"
cp "$TOP"/kernel-glue/test/mpmu_{kvm_test.c,cases.c,cases.h,cases.def,fake.c,fake.h} "$T/"
cp "$TOP"/src/*.c "$T/core/"
for f in "$TOP"/src/*.c; do
	cmp -s "$f" "$T/core/$(basename "$f")"
done
{ echo; cat "$TOP/kernel-glue/test/Kbuild.kvm"; } >> "$L/arch/x86/kvm/Makefile"

printf '{"package": "%s", "version": "%s", "base": "%s", "patches": %s}\n' \
	"$KSRC_PKG" "$KSRC_VER" "$base" "$n" > "$RES/tree.json"
