#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# QEMU TCG boot of Debian's 7.x kernel image with the KVM modules built
# from the patched tree, the in-kernel tests, and a tiny guest run through
# KVM_RUN.  No -enable-kvm: this machine kind cannot run a nested x86
# guest; TCG's `-cpu max` exposes SVM, so kvm-amd loads and runs guests
# (slowly), while kvm-intel needs VMX, which TCG does not emulate.
#
# The busybox init loads Debian's irqbypass.ko and ccp.ko, then our
# kvm.ko and kvm-amd.ko with enable_mediated_pmu=1 (a load failure fails
# the test), says whether KVM enabled the mediated PMU and why not, runs
# the guest, and loads mpmu-kvm-test.ko (core and mapping on a fake PMU).
#
# usage: qemu-boot.sh ROOT KVM_DIR GUEST_BIN WORKDIR RESULT_FILE
#   ROOT: the unpacked linux-binary/linux-modules packages (.abi inside)
# Writes RESULT_FILE ("N passed, N failed" of the boot's checks) and
# WORKDIR/boot.json (what ran, for the audit report).
set -euo pipefail
ROOT=$1 K=$2 GUEST=$3 D=$4 OUT=$5
ABI=$(cat "$ROOT/.abi")
MODS=$ROOT/usr/lib/modules/$ABI/kernel

rm -rf "$D/initramfs"
mkdir -p "$D/initramfs"/{bin,proc,sys,dev,mod}
I=$D/initramfs
cp /bin/busybox "$I/bin/"
cp "$GUEST" "$I/bin/kvm_guest"
xz -dc "$MODS/virt/lib/irqbypass.ko.xz" > "$I/mod/irqbypass.ko"
xz -dc "$MODS/drivers/crypto/ccp/ccp.ko.xz" > "$I/mod/ccp.ko"
for m in kvm kvm-amd kvm-intel mpmu-kvm-test; do
	strip --strip-debug -o "$I/mod/$m.ko" "$K/$m.ko"
done
cat > "$I/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
say() { echo "BOOT: $*"; }
echo
for m in irqbypass ccp kvm; do
	if insmod /mod/$m.ko; then say "insmod $m ok"; else say "insmod $m FAILED"; fi
done
if insmod /mod/kvm-amd.ko enable_mediated_pmu=1; then
	say "insmod kvm-amd ok"
else
	say "insmod kvm-amd FAILED"
fi
if insmod /mod/kvm-intel.ko 2>/dev/null; then
	say "insmod kvm-intel ok"
else
	say "insmod kvm-intel refused (no VMX under TCG)"
fi
p=/sys/module/kvm_amd/parameters/enable_mediated_pmu
say "enable_mediated_pmu requested 1, KVM says $(cat $p 2>/dev/null || echo '?')"
if grep -qw perfmon_v2 /proc/cpuinfo; then v2=yes; else v2=no; fi
say "host: PerfMonV2 in /proc/cpuinfo: $v2"
dmesg | grep -E 'Performance Events|mediated' | sed 's/^/BOOT: dmesg: /'
/bin/kvm_guest
say "kvm_guest exit $?"
if insmod /mod/mpmu-kvm-test.ko; then say "insmod mpmu-kvm-test ok"; else say "insmod mpmu-kvm-test FAILED"; fi
dmesg | grep -E 'mpmu|kvm' | sed 's/^/DMESG: /'
say "done"
poweroff -f
INIT
chmod +x "$I/init"
(cd "$I" && find . | cpio -o -H newc --quiet | gzip -1) > "$D/initrd.gz"

log=$D/serial.log
boot() {
	t0=$(date +%s)
	timeout 300 qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 1536 \
		-nographic -no-reboot \
		-kernel "$ROOT/usr/lib/modules/$ABI/vmlinuz" \
		-initrd "$D/initrd.gz" \
		-append "console=ttyS0 panic=-1 loglevel=4 oops=panic" \
		> "$log" 2>&1 || true
	echo "qemu: boot to poweroff in $(( $(date +%s) - t0 )) s (TCG, serial log $log)"
}
boot
# A distribution kernel has panicked under TCG before our init ran (not
# ours to judge): boot once more. A panic after init started fails.
if ! grep -q '^BOOT:' "$log" && grep -q 'Kernel panic' "$log"; then
	mv "$log" "$D/serial-panic-before-init.log"
	echo "qemu: kernel panicked before init; booting once more"
	boot
fi

# Serial output without carriage returns and terminal escapes.
tr -d '\r' < "$log" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/^c//' > "$log.txt"
grep -E '^(BOOT|kvm_guest):|mpmu_kvm_test: .*(passed|FAIL)' "$log.txt" |
	sed 's/^/  /'

pass=0 fail=0
check() {	# check NAME GREP-PATTERN
	if grep -qE "$2" "$log.txt"; then
		pass=$((pass + 1))
	else
		echo "qemu: FAIL $1" >&2
		fail=$((fail + 1))
	fi
}
for m in irqbypass ccp kvm kvm-amd mpmu-kvm-test; do
	check "insmod $m" "^BOOT: insmod $m ok"
done
check "KVM said whether the mediated PMU is on" \
	'^BOOT: enable_mediated_pmu requested 1, KVM says [YN]$'
check "guest ran through KVM_RUN to HLT" '^kvm_guest: PASS$'
check "init finished" '^BOOT: done$'
tests=$(grep -oE 'mpmu_kvm_test: [0-9]+ passed, [0-9]+ failed' "$log.txt" |
	tail -1 | sed 's/^mpmu_kvm_test: //')
if [ -n "$tests" ]; then
	pass=$((pass + ${tests%% passed*}))
	f=${tests##*, }
	fail=$((fail + ${f%% failed}))
else
	echo "qemu: FAIL no mpmu_kvm_test result line" >&2
	fail=$((fail + 1))
fi
if grep -E 'Oops|BUG:|WARNING:|Call Trace|Kernel panic' "$log.txt"; then
	echo "qemu: FAIL the kernel complained, see $log.txt" >&2
	fail=$((fail + 1))
fi

mediated=$(sed -n 's/^BOOT: enable_mediated_pmu requested 1, KVM says //p' "$log.txt")
v2=$(sed -n 's/^BOOT: host: PerfMonV2 in \/proc\/cpuinfo: //p' "$log.txt")
perf=$(sed -n 's/^BOOT: dmesg: .*Performance Events: //p' "$log.txt" | head -1)
guest=$(sed -n 's/^kvm_guest: \([0-9]* KVM_RUN exits.*\)/\1/p' "$log.txt")
python3 - "$D/boot.json" "$ABI" "${mediated:-?}" "${v2:-?}" "${perf:-}" \
	"${guest:-}" "${tests:-none}" "$pass" "$fail" <<'PY'
import json, sys
out, abi, med, v2, perf, guest, tests, p, f = sys.argv[1:]
json.dump({"kernel": abi, "accel": "tcg", "cpu": "max",
           "mediated_pmu_requested": True,
           "mediated_pmu_enabled": med == "Y",
           "why_not": None if med == "Y" else
               "host PMU: PerfMonV2 %s; perf: %s" % (v2, perf or "?"),
           "guest": guest, "in_kernel_tests": tests,
           "checks_passed": int(p), "checks_failed": int(f)},
          open(out, "w"), indent=1)
PY
echo "$pass passed, $fail failed" > "$OUT"
echo "qemu: $pass passed, $fail failed"
[ "$fail" = 0 ]
