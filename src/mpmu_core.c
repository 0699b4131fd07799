// SPDX-License-Identifier: GPL-2.0-only
/*
 * Public entry points of the switch: pick the vendor half by ctx->vendor
 * (contracts in mpmu.h, vendor contracts in mpmu_vendor.h).
 */
#include "mpmu_vendor.h"

int mpmu_load_guest_context(struct mpmu_ctx *ctx)
{
	/*@ ghost tr_len = 0; */
	if (ctx->vendor == MPMU_VENDOR_AMD)
		return mpmu_amd_load_guest_context(ctx);
	return mpmu_intel_load_guest_context(ctx);
}

int mpmu_put_guest_context(struct mpmu_ctx *ctx)
{
	/*@ ghost tr_len = 0; */
	if (ctx->vendor == MPMU_VENDOR_AMD)
		return mpmu_amd_put_guest_context(ctx);
	return mpmu_intel_put_guest_context(ctx);
}
