/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fixed-width types for the mediated PMU switch core.
 *
 * The core is freestanding: the kernel build gets the kernel's own types,
 * every other build (Frama-C, the user-space simulator) gets <stdint.h>.
 */
#ifndef MPMU_TYPES_H
#define MPMU_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
#endif

#endif /* MPMU_TYPES_H */
