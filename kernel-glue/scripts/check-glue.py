#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Static checks of `make kernel` on our C sources.

1. Glue (kernel-glue/mpmu_glue*.c): only the accessor functions of
   spec/mpmu_hw.h and spec/mpmu_vmx_model.h are defined, and their bodies
   hold no logic: no branch or loop keyword, no ?:, && or ||, at most
   three statements (declare, one hardware operation, return).  Macros
   defined in the glue files obey the same keyword rule.  mpmu_glue.h
   defines no function at all.  (KVM's mapping, mpmu_kvm*.c, is logic
   and is tested in the QEMU boot instead.)
2. Our code (src/, spec/, the glue, the mapping): no plain char (the
   kernel builds with -funsigned-char, Frama-C's machdep has signed
   char), no floating point, no 128-bit integers (no 128-bit division can
   appear).

usage: check-glue.py TOP
"""
import glob
import os
import re
import sys

ACCESSORS = {
    "mpmu_hw_rdmsr", "mpmu_hw_wrmsr", "mpmu_hw_rdpmc",
    "mpmu_hw_vmcs_read64", "mpmu_hw_vmcs_write64",
}
CONTROL = re.compile(r"\b(if|else|for|while|do|switch|case|default|goto|"
                     r"break|continue)\b|\?|&&|\|\|")
FORBIDDEN_TYPES = re.compile(r"\b(float|double|_Complex|__int128|"
                             r"__int128_t|__uint128_t|_Float\d+)\b")
PLAIN_CHAR = re.compile(r"(?<!signed )(?<!unsigned )\bchar\b")


def strip(text):
    """Blank out comments and string/char literals, keep line numbers."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def lineno(text, pos):
    return text.count("\n", 0, pos) + 1


def functions(code):
    """Yield (name, body, start) of every function definition."""
    for m in re.finditer(r"\b([A-Za-z_]\w*)\s*\([^;{}()]*\)\s*\{", code):
        name = m.group(1)
        if name in ("if", "for", "while", "switch", "sizeof"):
            continue
        depth, j = 1, m.end()
        while depth and j < len(code):
            depth += {"{": 1, "}": -1}.get(code[j], 0)
            j += 1
        yield name, code[m.end():j - 1], m.start()


def check_glue(path, errors):
    code = strip(open(path).read())
    defines = [(k, l) for k, l in enumerate(code.splitlines(), 1)
               if l.lstrip().startswith("#define")]
    for k, l in defines:
        if CONTROL.search(l):
            errors.append(f"{path}:{k}: glue macro contains logic: {l.strip()}")
    # Drop preprocessor lines before looking for functions.
    code = "\n".join("" if l.lstrip().startswith("#") else l
                     for l in code.splitlines())
    found = []
    for name, body, pos in functions(code):
        found.append(name)
        where = f"{path}:{lineno(code, pos)}"
        if name not in ACCESSORS:
            errors.append(f"{where}: {name}(): the glue defines only the "
                          "accessors of spec/mpmu_hw.h")
        m = CONTROL.search(body)
        if m:
            errors.append(f"{where}: {name}(): branch or loop in the glue "
                          f"('{m.group(0)}')")
        if body.count(";") > 3 or "{" in body:
            errors.append(f"{where}: {name}(): more than one operation")
    return found


def check_types(path, errors):
    code = strip(open(path).read())
    for k, l in enumerate(code.splitlines(), 1):
        if l.lstrip().startswith("#include"):
            continue
        m = FORBIDDEN_TYPES.search(l)
        if m:
            errors.append(f"{path}:{k}: '{m.group(0)}' (no floating point or "
                          "128-bit integers in our code)")
        if PLAIN_CHAR.search(l):
            errors.append(f"{path}:{k}: plain 'char' (signedness differs "
                          "between the kernel and Frama-C)")


def main():
    top = sys.argv[1]
    errors = []
    os.chdir(top)
    glue = sorted(glob.glob("kernel-glue/mpmu_glue*.c"))
    defined = []
    for f in glue:
        defined += check_glue(f, errors)
    for name in sorted(ACCESSORS - set(defined)):
        errors.append(f"kernel-glue: accessor {name}() not defined")
    if "{" in strip(open("kernel-glue/mpmu_glue.h").read()):
        errors.append("kernel-glue/mpmu_glue.h: defines code")
    ours = sorted(glob.glob("src/*.[ch]") + glob.glob("spec/*.h") + glue +
                  ["kernel-glue/mpmu_glue.h"] +
                  glob.glob("kernel-glue/mpmu_kvm*.[ch]"))
    for f in ours:
        check_types(f, errors)
    for e in errors:
        print(e, file=sys.stderr)
    print(f"check-glue: {len(glue)} glue files, {len(defined)} accessor "
          f"definitions checked; {len(ours)} files free of plain char, "
          f"floating point and 128-bit types: "
          f"{'FAILED' if errors else 'ok'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
