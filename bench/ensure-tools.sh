#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Debian packages the bench needs: valgrind (callgrind) and gnuplot-nox.
missing=""
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
command -v gnuplot >/dev/null 2>&1 || missing="$missing gnuplot-nox"
[ -f /usr/include/valgrind/callgrind.h ] || missing="$missing valgrind"
if [ -n "$missing" ]; then
	echo "bench: installing Debian packages:$missing"
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y $missing >/dev/null ||
			{ apt-get update >/dev/null && apt-get install -y $missing >/dev/null; }
	else
		echo "bench: run as root or install:$missing" >&2
		exit 1
	fi
fi
