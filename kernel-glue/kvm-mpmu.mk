# SPDX-License-Identifier: GPL-2.0-only
#
# Kbuild fragment for the 6.12 KVM rebuild: appended to arch/x86/kvm/Makefile
# by scripts/build-kvm.sh.  The core (src/*.c, copied verbatim and checked
# by sha256) and the glue go into kvm-intel.ko and kvm-amd.ko.  Each module
# gets its own objects (mpmu-intel/, mpmu-amd/): Kbuild warns when one
# object is linked into two modules (KBUILD_MODNAME would be ambiguous).
#
# MPMU_SRC, MPMU_SPEC, MPMU_GLUE: real paths of src/, spec/, kernel-glue/,
# passed on the make command line.  Headers are used from there, unchanged.

ccflags-y += -I $(MPMU_SRC) -I $(MPMU_SPEC) -I $(MPMU_GLUE)

# Core files that call the VMCS accessors live only in kvm-intel.
mpmu-intel-objs := $(patsubst $(src)/%.c,%.o,$(wildcard $(src)/mpmu-intel/*.c))
mpmu-amd-objs := $(patsubst $(src)/%.c,%.o,$(wildcard $(src)/mpmu-amd/*.c))
mpmu-objs := $(mpmu-intel-objs) $(mpmu-amd-objs) vmx/mpmu_glue_vmx.o

kvm-intel-y += $(mpmu-intel-objs) vmx/mpmu_glue_vmx.o
kvm-amd-y += $(mpmu-amd-objs)

# Stack frames: CONFIG_FRAME_WARN is 2048; ours must stay far below.  The
# per-object flags come after KBUILD_CFLAGS, so this limit wins.  The .su
# files feed the report of `make kernel`.
$(foreach o,$(mpmu-objs),$(eval CFLAGS_$(o) += -Wframe-larger-than=512 -fstack-usage))
