#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# QEMU TCG smoke boot of Debian's 6.12 kernel (no -enable-kvm: /dev/kvm on
# this machine kind cannot run a nested x86 guest) with a busybox initramfs
# that loads: Debian's irqbypass.ko and ccp.ko, our rebuilt kvm.ko and
# kvm-amd.ko (the core and glue inside), and mpmu_smoke.ko, which runs the
# core on the fake backend and prints "N passed, N failed".
# Fails on any Oops/BUG/WARNING or a missing line.
#
# usage: qemu-smoke.sh ROOT KVM_DIR SMOKE_KO WORKDIR RESULT_FILE
set -euo pipefail
ROOT=$1 K=$2 SMOKE=$3 D=$4 OUT=$5
ABI=$(cat "$ROOT/.abi")
MODS=$ROOT/lib/modules/$ABI-amd64/kernel

rm -rf "$D/initramfs"
mkdir -p "$D/initramfs"/{bin,proc,sys,dev,mod}
I=$D/initramfs
cp /bin/busybox "$I/bin/"
xz -dc "$MODS/virt/lib/irqbypass.ko.xz" > "$I/mod/irqbypass.ko"
xz -dc "$MODS/drivers/crypto/ccp/ccp.ko.xz" > "$I/mod/ccp.ko"
for m in kvm kvm-amd; do
	strip --strip-debug -o "$I/mod/$m.ko" "$K/$m.ko"
done
cp "$SMOKE" "$I/mod/mpmu_smoke.ko"
cat > "$I/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in irqbypass ccp kvm; do
	if insmod /mod/$m.ko; then echo "SMOKE: insmod $m ok"; else echo "SMOKE: insmod $m FAILED"; fi
done
# kvm-amd needs SVM: present with TCG -cpu max, but not required to pass.
if insmod /mod/kvm-amd.ko; then echo "SMOKE: insmod kvm-amd ok"; else echo "SMOKE: insmod kvm-amd refused (informational)"; fi
if insmod /mod/mpmu_smoke.ko; then echo "SMOKE: insmod mpmu_smoke ok"; else echo "SMOKE: insmod mpmu_smoke FAILED"; fi
dmesg | grep -E 'mpmu|kvm' | sed 's/^/DMESG: /'
echo "SMOKE: done"
poweroff -f
INIT
chmod +x "$I/init"
(cd "$I" && find . | cpio -o -H newc --quiet | gzip -1) > "$D/initrd.gz"

log=$D/serial.log
boot() {
	t0=$(date +%s)
	timeout 180 qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 1024 \
		-nographic -no-reboot -kernel "$ROOT/boot/vmlinuz-$ABI-amd64" \
		-initrd "$D/initrd.gz" \
		-append "console=ttyS0 panic=-1 loglevel=4 oops=panic" \
		> "$log" 2>&1 || true
	echo "qemu: boot to poweroff in $(( $(date +%s) - t0 )) s (TCG, serial log $log)"
}
boot
# The distribution kernel has panicked under TCG before our init ran
# (int3 in sched_clock_cpu on the second CPU, no module loaded): that is
# not ours to judge, so boot once more. A panic after init started fails.
if ! grep -q '^SMOKE:' "$log" && grep -q 'Kernel panic' "$log"; then
	mv "$log" "$D/serial-panic-before-init.log"
	echo "qemu: guest kernel panicked before init (log kept in" \
		"$D/serial-panic-before-init.log); booting once more"
	boot
fi

grep -E '^SMOKE:|mpmu_selftest: .*(passed|FAIL)' "$log" | tr -d '\r' | sed 's/^/  /'
fail=0
for m in irqbypass ccp kvm mpmu_smoke; do
	grep -q "SMOKE: insmod $m ok" "$log" || { echo "qemu: insmod $m missing/failed" >&2; fail=1; }
done
grep -q 'SMOKE: done' "$log" || { echo "qemu: init did not finish" >&2; fail=1; }
if grep -E 'Oops|BUG:|WARNING:|Call Trace|Kernel panic' "$log"; then
	echo "qemu: kernel complained, see $log" >&2; fail=1
fi
res=$(tr -d '\r' < "$log" | grep -oE 'mpmu_selftest: [0-9]+ passed, [0-9]+ failed' | tail -1 |
      sed 's/^mpmu_selftest: //')
if [ -z "$res" ]; then
	echo "qemu: no 'N passed, N failed' line" >&2; fail=1
else
	echo "$res" > "$OUT"
	echo "qemu: $res"
	case $res in *", 0 failed") ;; *) fail=1 ;; esac
fi
exit $fail
