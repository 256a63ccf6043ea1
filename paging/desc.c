/*
 * paging/desc.c - the attribute tables shared by both descriptor levels, and
 * the one-line descriptions used by the shell's page-table dumps.
 *
 * References: [TRM] ARM DDI 0301H Table 6-1 (access permissions, 6.5.1) and
 * Table 6-2 (TEX/C/B, 6.6); see paging/desc.h.
 */
#include "paging/desc.h"

#include "kernel/fmt.h"

/*
 * Memory types, [TRM] 6.6 Table 6-2, with SCTLR.TRE = 0.  One row per
 * enum value; memtype_decode() searches the same rows, so encoder and
 * decoder cannot disagree.
 *
 *   TEX C B   type
 *   000 0 0   Strongly Ordered (always shared, the S bit is ignored)
 *   000 0 1   Shared Device (the S bit is ignored)
 *   010 0 0   Non-shared Device
 *   001 0 0   Normal, outer and inner non-cacheable
 *   000 1 0   Normal, outer and inner write-through, no allocate on write
 *   000 1 1   Normal, outer and inner write-back, no allocate on write
 *   001 1 1   Normal, outer and inner write-back, allocate on write
 *             (Table 6-2 note c: the ARM1176 L1 cache itself does not
 *             allocate on write; an outer cache may)
 *
 * Not in the table, so decoded as -1: the reserved rows (001 0 1, 001 1 0,
 * 010 0 1, 010 1 x, 011 x x) and the 1BBAA "cached memory" rows with
 * separate inner (AA) and outer (BB) policies, which pagoda never builds.
 */
static const struct memtype_bits memtypes[MT_COUNT] = {
	[MT_STRONGLY_ORDERED] = { .tex = 0, .c = 0, .b = 0, .name = "strongly-ordered" },
	[MT_DEVICE_SHARED]    = { .tex = 0, .c = 0, .b = 1, .name = "device-shared" },
	[MT_DEVICE]           = { .tex = 2, .c = 0, .b = 0, .name = "device" },
	[MT_NORMAL_NC]        = { .tex = 1, .c = 0, .b = 0, .name = "normal-nc" },
	[MT_NORMAL_WT]        = { .tex = 0, .c = 1, .b = 0, .name = "normal-wt" },
	[MT_NORMAL_WB]        = { .tex = 0, .c = 1, .b = 1, .name = "normal-wb" },
	[MT_NORMAL_WBWA]      = { .tex = 1, .c = 1, .b = 1, .name = "normal-wbwa" },
};

/*
 * Access permissions, [TRM] 6.5.1 Table 6-1, for SCTLR.S = SCTLR.R = 0 (the
 * reset value; the S and R bits are deprecated and pagoda never sets them).
 *
 *   APX AP[1:0]  privileged   user
 *    0    00     none         none
 *    0    01     read/write   none
 *    0    10     read/write   read-only
 *    0    11     read/write   read/write
 *    1    00     reserved
 *    1    01     read-only    none
 *    1    10     read-only    read-only
 *    1    11     read-only    read-only  (same as 1:10; pagoda builds 1:10)
 */
struct ap_row {
	uint8_t apx, ap10;
	bool kr, kw, ur, uw;   /* kernel/user read/write allowed */
	const char *name;
};

static const struct ap_row aps[AP_COUNT] = {
	[AP_NONE]    = { 0, 0, false, false, false, false, "none" },
	[AP_KRW]     = { 0, 1, true,  true,  false, false, "krw" },
	[AP_KRO]     = { 1, 1, true,  false, false, false, "kro" },
	[AP_KRW_URO] = { 0, 2, true,  true,  true,  false, "krw/uro" },
	[AP_KRW_URW] = { 0, 3, true,  true,  true,  true,  "krw/urw" },
	[AP_KRO_URO] = { 1, 2, true,  false, true,  false, "kro/uro" },
};

const struct memtype_bits *memtype_bits(enum memtype mt)
{
	if ((unsigned)mt >= MT_COUNT)
		return NULL;
	return &memtypes[mt];
}

int memtype_decode(unsigned tex, unsigned c, unsigned b)
{
	for (int i = 0; i < MT_COUNT; i++)
		if (memtypes[i].tex == tex && memtypes[i].c == c && memtypes[i].b == b)
			return i;
	return -1;
}

bool ap_encode(enum ap ap, unsigned *apx, unsigned *ap10)
{
	if ((unsigned)ap >= AP_COUNT)
		return false;
	*apx = aps[ap].apx;
	*ap10 = aps[ap].ap10;
	return true;
}

enum ap ap_decode(unsigned apx, unsigned ap10)
{
	if (apx == 1 && ap10 == 3)   /* the second read-only/read-only code */
		return AP_KRO_URO;
	for (int i = 0; i < AP_COUNT; i++)
		if (aps[i].apx == apx && aps[i].ap10 == ap10)
			return (enum ap)i;
	return AP_COUNT;             /* 1:00, reserved */
}

const char *ap_name(enum ap ap)
{
	return (unsigned)ap < AP_COUNT ? aps[ap].name : "?";
}

const char *memtype_name(enum memtype mt)
{
	return (unsigned)mt < MT_COUNT ? memtypes[mt].name : "?";
}

bool ap_user_readable(enum ap ap)   { return (unsigned)ap < AP_COUNT && aps[ap].ur; }
bool ap_user_writable(enum ap ap)   { return (unsigned)ap < AP_COUNT && aps[ap].uw; }
bool ap_kernel_readable(enum ap ap) { return (unsigned)ap < AP_COUNT && aps[ap].kr; }
bool ap_kernel_writable(enum ap ap) { return (unsigned)ap < AP_COUNT && aps[ap].kw; }

/* "krw/urw normal-wbwa" for a leaf; unknown codes are shown as bits. */
static void attr_str(char *buf, size_t n, enum ap ap, int mem,
		     unsigned tex, unsigned c, unsigned b)
{
	char membuf[24];
	const char *ms = membuf;

	if (mem >= 0)
		ms = memtype_name((enum memtype)mem);
	else
		ksnprintf(membuf, sizeof membuf, "tex=%u c=%u b=%u", tex, c, b);
	ksnprintf(buf, n, "%s %s", ap < AP_COUNT ? ap_name(ap) : "ap=reserved", ms);
}

/* " XN S nG", each flag only when set */
static const char *flag_str(char *buf, size_t n, bool xn, bool s, bool ng)
{
	ksnprintf(buf, n, "%s%s%s", xn ? " XN" : "", s ? " S" : "", ng ? " nG" : "");
	return buf;
}

int l1e_describe(l1e_t e, char *buf, size_t n)
{
	char attr[48], flags[12];
	unsigned tex = (e.raw & L1_SECT_TEX_MASK) >> L1_SECT_TEX_SHIFT;
	unsigned c = !!(e.raw & L1_SECT_C), b = !!(e.raw & L1_SECT_B);

	switch (l1e_kind(e)) {
	case L1_FAULT:
		return ksnprintf(buf, n, "fault (unmapped)");
	case L1_RESERVED:
		return ksnprintf(buf, n, "reserved (bits 1:0 = 11)");
	case L1_PAGETABLE:
		return ksnprintf(buf, n, "page table @0x%08x, domain %u",
				 (unsigned)l1e_pa(e), l1e_domain(e));
	case L1_SECTION:
		attr_str(attr, sizeof attr, l1e_ap(e), l1e_memtype(e), tex, c, b);
		return ksnprintf(buf, n, "section pa=0x%08x %s dom %u%s", (unsigned)l1e_pa(e),
				 attr, l1e_domain(e),
				 flag_str(flags, sizeof flags, l1e_xn(e),
					  l1e_shared(e), l1e_ng(e)));
	case L1_SUPERSECTION:
		attr_str(attr, sizeof attr, l1e_ap(e), l1e_memtype(e), tex, c, b);
		return ksnprintf(buf, n, "supersection pa=0x%08x %s%s", (unsigned)l1e_pa(e),
				 attr, flag_str(flags, sizeof flags, l1e_xn(e),
						l1e_shared(e), l1e_ng(e)));
	}
	return ksnprintf(buf, n, "?");
}

int l2e_describe(l2e_t e, char *buf, size_t n)
{
	char attr[48], flags[12];
	enum l2_kind k = l2e_kind(e);
	unsigned tex, c, b;

	if (k == L2_FAULT)
		return ksnprintf(buf, n, "fault (unmapped)");
	if (k == L2_LARGE) {
		tex = (e.raw & L2_LARGE_TEX_MASK) >> L2_LARGE_TEX_SHIFT;
		c = !!(e.raw & L2_LARGE_C);
		b = !!(e.raw & L2_LARGE_B);
	} else {
		tex = (e.raw & L2_SMALL_TEX_MASK) >> L2_SMALL_TEX_SHIFT;
		c = !!(e.raw & L2_SMALL_C);
		b = !!(e.raw & L2_SMALL_B);
	}
	attr_str(attr, sizeof attr, l2e_ap(e), l2e_memtype(e), tex, c, b);
	return ksnprintf(buf, n, "%s page pa=0x%08x %s%s",
			 k == L2_LARGE ? "large" : "small", (unsigned)l2e_pa(e), attr,
			 flag_str(flags, sizeof flags, l2e_xn(e), l2e_shared(e),
				  l2e_ng(e)));
}
