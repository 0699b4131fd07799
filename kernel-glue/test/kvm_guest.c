// SPDX-License-Identifier: GPL-2.0-only
/*
 * A tiny VM through /dev/kvm for the QEMU boot of `make kernel`: one vCPU
 * with the PMU CPUID KVM offers, an in-kernel irqchip (the mediated PMU
 * needs one), and six instructions in real mode: "o" and "k" to port
 * 0x3f8, then HLT.  Every KVM_RUN passes kvm_mediated_pmu_load() and
 * kvm_mediated_pmu_put() (which return at once without a mediated PMU).
 *
 * With the in-kernel LAPIC, HLT does not exit to user space: the vCPU
 * blocks in KVM.  A timer signal then ends KVM_RUN with EINTR, and the
 * vCPU's MP state says whether it halted.
 *
 * Prints "kvm_guest: ..." lines; exit status 0 iff the guest printed its
 * bytes and halted.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#define GUEST_BASE	0x1000
#define MAX_CPUID	256

/* mov $0x3f8, %dx; mov $'o', %al; out; mov $'k', %al; out; hlt */
static const uint8_t guest_code[] = {
	0xba, 0xf8, 0x03, 0xb0, 'o', 0xee, 0xb0, 'k', 0xee, 0xf4,
};

static void on_alarm(int sig)
{
	(void)sig;
}

/* KVM_RUN returns EINTR if the guest is still in KVM after @ms. */
static void arm_timer(int ms)
{
	struct itimerval it = { .it_value = { 0, ms * 1000 } };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART */
	setitimer(ITIMER_REAL, &it, NULL);
}

static int fail(const char *what)
{
	printf("kvm_guest: FAIL %s: %s\n", what, strerror(errno));
	return 1;
}

/* Give the vCPU what KVM supports, PMU leaf 0xA / 0x80000022 included. */
static int set_cpuid(int kvm, int vcpu)
{
	struct kvm_cpuid2 *c;
	unsigned int i;
	int r;

	c = calloc(1, sizeof(*c) + MAX_CPUID * sizeof(c->entries[0]));
	if (!c)
		return -1;
	c->nent = MAX_CPUID;
	r = ioctl(kvm, KVM_GET_SUPPORTED_CPUID, c);
	if (!r) {
		for (i = 0; i < c->nent; i++)
			if (c->entries[i].function == 0xa)
				printf("kvm_guest: guest CPUID 0xA: eax 0x%x (PMU version %u)\n",
				       c->entries[i].eax,
				       c->entries[i].eax & 0xff);
		r = ioctl(vcpu, KVM_SET_CPUID2, c);
	}
	free(c);
	return r;
}

int main(void)
{
	struct kvm_userspace_memory_region region = { 0 };
	struct kvm_mp_state mp = { 0 };
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	struct kvm_run *run;
	char out[8] = { 0 };
	unsigned int nout = 0, exits = 0;
	int kvm, vm, vcpu, size;
	uint8_t *mem;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		return fail("open /dev/kvm");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		return fail("KVM_CREATE_VM");
	if (ioctl(vm, KVM_CREATE_IRQCHIP, 0))
		return fail("KVM_CREATE_IRQCHIP");

	mem = mmap(NULL, 0x10000, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return fail("mmap");
	memcpy(mem + GUEST_BASE, guest_code, sizeof(guest_code));
	region.memory_size = 0x10000;
	region.userspace_addr = (uintptr_t)mem;
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region))
		return fail("KVM_SET_USER_MEMORY_REGION");

	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		return fail("KVM_CREATE_VCPU");
	if (set_cpuid(kvm, vcpu))
		return fail("KVM_SET_CPUID2");
	size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		return fail("mmap kvm_run");

	if (ioctl(vcpu, KVM_GET_SREGS, &sregs))
		return fail("KVM_GET_SREGS");
	sregs.cs.base = 0;
	sregs.cs.selector = 0;
	if (ioctl(vcpu, KVM_SET_SREGS, &sregs))
		return fail("KVM_SET_SREGS");
	memset(&regs, 0, sizeof(regs));
	regs.rip = GUEST_BASE;
	regs.rflags = 0x2;
	if (ioctl(vcpu, KVM_SET_REGS, &regs))
		return fail("KVM_SET_REGS");

	for (;;) {
		arm_timer(900);
		if (ioctl(vcpu, KVM_RUN, 0)) {
			if (errno != EINTR)
				return fail("KVM_RUN");
			break;		/* still in the guest, or halted */
		}
		exits++;
		if (run->exit_reason == KVM_EXIT_IO &&
		    run->io.direction == KVM_EXIT_IO_OUT &&
		    run->io.port == 0x3f8 && nout < sizeof(out) - 1) {
			out[nout++] = *((char *)run + run->io.data_offset);
			continue;
		}
		break;
	}
	arm_timer(0);
	if (ioctl(vcpu, KVM_GET_MP_STATE, &mp))
		return fail("KVM_GET_MP_STATE");
	printf("kvm_guest: %u KVM_RUN exits to user space, guest wrote \"%s\", then vCPU %s\n",
	       exits, out,
	       mp.mp_state == KVM_MP_STATE_HALTED ? "halted (HLT)" :
						    "not halted");
	if (mp.mp_state != KVM_MP_STATE_HALTED || strcmp(out, "ok")) {
		printf("kvm_guest: FAIL\n");
		return 1;
	}
	printf("kvm_guest: PASS\n");
	return 0;
}
