/*
 * paging/fault.c - fault status decoding: one table, indexed by the 5-bit
 * status FSR[10,3:0], like Linux's fsr_info[].
 *
 * Source: [TRM] ARM DDI 0301H 6.10, Table 6-11 "Fault Status Register
 * encoding" (the "Domain" column gives domain_valid); names follow the
 * DFSR description in 3.2.17.  All other codes are reserved.
 */
#include "paging/fault.h"

#include "kernel/fmt.h"

static const struct fault_info fsr_info[FS_COUNT] = {
	/* b00000 is listed as "TLB miss"; 3.2.17 calls it "no function",
	 * and it is the DFSR's reset value. */
	[FS_TLB_MISS]            = { "TLB miss",                         FC_TLB_MISS,    0, false },
	[FS_ALIGNMENT]           = { "alignment fault",                  FC_ALIGNMENT,   0, false },
	/* Table 6-11 marks the debug event's domain "valid" */
	[FS_DEBUG]               = { "debug event",                      FC_DEBUG,       0, true },
	[FS_ACCESS_SECTION]      = { "section access flag fault",        FC_ACCESS_FLAG, 1, true },
	[FS_ICACHE_MAINT]        = { "I-cache maintenance fault",        FC_CACHE_MAINT, 0, false },
	[FS_TRANSLATION_SECTION] = { "section translation fault",        FC_TRANSLATION, 1, false },
	[FS_ACCESS_PAGE]         = { "page access flag fault",           FC_ACCESS_FLAG, 2, true },
	[FS_TRANSLATION_PAGE]    = { "page translation fault",           FC_TRANSLATION, 2, true },
	[FS_PRECISE_EXTERNAL]    = { "precise external abort",           FC_EXTERNAL,    0, true },
	[FS_DOMAIN_SECTION]      = { "section domain fault",             FC_DOMAIN,      1, true },
	[FS_DOMAIN_PAGE]         = { "page domain fault",                FC_DOMAIN,      2, true },
	[FS_EXT_TRANSLATION_L1]  = { "external abort on L1 translation", FC_EXTERNAL,    1, false },
	[FS_PERMISSION_SECTION]  = { "section permission fault",         FC_PERMISSION,  1, true },
	[FS_EXT_TRANSLATION_L2]  = { "external abort on L2 translation", FC_EXTERNAL,    2, true },
	[FS_PERMISSION_PAGE]     = { "page permission fault",            FC_PERMISSION,  2, true },
	[FS_IMPRECISE_EXTERNAL]  = { "imprecise external abort",         FC_EXTERNAL,    0, false },
	/* listed as "parity error exception, not supported" */
	[FS_PARITY]              = { "parity error",                     FC_PARITY,      0, false },
};

static const struct fault_info fsr_reserved = { "reserved", FC_RESERVED, 0, false };

const struct fault_info *fault_info(unsigned status5)
{
	if (status5 >= FS_COUNT || !fsr_info[status5].name)
		return &fsr_reserved;
	return &fsr_info[status5];
}

void fault_decode(uint32_t fsr, bool prefetch, struct fault_report *out)
{
	if (prefetch)
		fsr &= IFSR_VALID_MASK;
	out->fsr = fsr;
	out->status = FSR_STATUS5(fsr);
	out->info = fault_info(out->status);
	out->prefetch = prefetch;
	out->write = !prefetch && (fsr & FSR_WNR);
	out->domain = -1;
	if (!prefetch && out->info->domain_valid)
		out->domain = (int)((fsr & FSR_DOMAIN_MASK) >> FSR_DOMAIN_SHIFT);
}

int fault_describe(const struct fault_report *r, char *buf, size_t n)
{
	char dom[16] = "", lvl[12] = "";

	if (r->domain >= 0)
		ksnprintf(dom, sizeof dom, ", domain %d", r->domain);
	if (r->info->level)
		ksnprintf(lvl, sizeof lvl, ", level %d", r->info->level);
	return ksnprintf(buf, n, "%s (%s 0x%03X, %s%s%s)", r->info->name,
			 r->prefetch ? "IFSR" : "FSR", (unsigned)r->fsr,
			 r->prefetch ? "instruction fetch" : r->write ? "write" : "read",
			 dom, lvl);
}
