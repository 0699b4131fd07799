#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Resolve the version conditionals of the glue for Linux 7.0.

The glue in kernel-glue/ also builds against Debian's 6.12 (the `make
kernel` test bed), so it tests LINUX_VERSION_CODE and provides #ifndef
fallbacks for symbols 6.12 lacks.  Upstream code has neither: this keeps
the 7.0 side of every

  #if KERNEL_VERSION(a, b, c) <= LINUX_VERSION_CODE ... [#else ...] #endif
  #ifndef MSR_CORE_PERF_GLOBAL_STATUS_SET / VM_EXIT_SAVE_IA32_PERF_GLOBAL_CTRL

and drops <linux/version.h>.  usage: unifdef70.py < in > out
"""
import re
import sys

TARGET = (7, 0, 0)
IN_70 = {"MSR_CORE_PERF_GLOBAL_STATUS_SET", "VM_EXIT_SAVE_IA32_PERF_GLOBAL_CTRL"}


def main():
    out, stack = [], []      # stack of [resolved?, keep_now]
    for line in sys.stdin.read().splitlines(keepends=True):
        s = line.strip()
        m = re.match(r"#if KERNEL_VERSION\((\d+), (\d+), (\d+)\) <= "
                     r"LINUX_VERSION_CODE$", s)
        n = re.match(r"#ifndef (\w+)$", s)
        if m:
            stack.append([True, tuple(map(int, m.groups())) <= TARGET])
            continue
        if n and n.group(1) in IN_70:
            stack.append([True, False])
            continue
        if s.startswith("#if"):
            stack.append([False, True])
        elif s == "#else" and stack and stack[-1][0]:
            stack[-1][1] = not stack[-1][1]
            continue
        elif s.startswith("#endif") and stack:
            if stack.pop()[0]:
                continue
        if all(k for _, k in stack) and s != "#include <linux/version.h>":
            out.append(line)
    text = "".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
