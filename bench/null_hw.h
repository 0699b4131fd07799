/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef BENCH_NULL_HW_H
#define BENCH_NULL_HW_H

#include "mpmu_types.h"
#include "mpmu_defs.h"
#include "mpmu_hw.h"
#include "mpmu_vmx.h"

struct null_hw {
	u64 gp_ctr[8], gp_sel[8], fx_ctr[4];
	u64 fx_ctrl, gctl, status, metrics, vmcs_gctl, autostore, sink;
};
extern struct null_hw null_hw;

#endif
