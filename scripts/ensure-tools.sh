#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Install the Debian packages a make target needs, and say what was done.
# Usage: ensure-tools.sh proof|test
# As root, missing packages are installed with apt-get; otherwise the
# script stops and names the packages to install.
set -eu

want=""
need() {	# need <command> <debian-package>
	if ! command -v "$1" >/dev/null 2>&1; then
		want="$want $2"
	fi
}

case "${1:-}" in
proof)
	need frama-c frama-c-base
	need why3 why3
	need z3 z3
	need cvc4 cvc4
	# builds proofs/wp_tune.ml (Frama-C's GC and idle poll)
	need ocamlopt ocaml
	need python3 python3
	;;
test)
	need gcc gcc
	need make make
	need python3 python3
	need chromium chromium
	need gcov gcc
	need clang clang
	need valgrind valgrind
	need gnuplot gnuplot-nox
	if [ -f tests/packages.txt ]; then
		for p in $(grep -v '^#' tests/packages.txt); do
			dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
				grep -q 'install ok installed' || want="$want $p"
		done
	fi
	;;
*)
	echo "usage: $0 proof|test" >&2
	exit 2
	;;
esac

want=$(echo $want | tr ' ' '\n' | sort -u | tr '\n' ' ' | sed 's/ *$//')
if [ -z "$want" ]; then
	echo "ensure-tools($1): all tools present"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "ensure-tools($1): missing Debian packages: $want" >&2
	echo "ensure-tools($1): run as root, or: apt-get install $want" >&2
	exit 1
fi
echo "ensure-tools($1): installing Debian packages: $want"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $want >/dev/null
echo "ensure-tools($1): installed: $want"
