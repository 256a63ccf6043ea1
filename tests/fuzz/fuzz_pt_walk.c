/*
 * tests/fuzz/fuzz_pt_walk.c - the software table walk (paging/pt_walk.c)
 * over a fuzzed translation table.
 *
 * The fake machine: one L1 table at physical 0x4000 and FAKE_TABLES L2
 * tables at physical 0x00300000 + i KiB, all zero (fault) to begin with.
 * Input, in order:
 *   dacr (4)
 *   n1 (1), n1 % 8 x (index (2), word (4))     L1 writes: L1[index % 4096] = word
 *   n2 (1), n2 % 16 x (table (1), index (1), word (4))   L2 writes
 *   the rest: queries (va (4), how (1), n (1)), up to MAX_QUERIES:
 *     how bits 1:0 access (3 -> read), bit 2 user, bit 3: take va as is,
 *     else keep only its low 20 bits and aim at the L1 entry written by
 *     the query's index (how >> 4) % n1;  n: pt_walk_describe buffer size.
 * An L1 page table word gets its base (bits 31:10) replaced by one of the
 * fake tables, chosen by that base modulo FAKE_TABLES, and keeps its other
 * bits: the kernel only ever points L1 entries at its own L2 tables.
 *
 * Oracle: a reference walk written from [TRM] 6.9 and Figures 6-7/6-8 on
 * the raw words (no desc.h getters, no fault.h table): the fault status
 * with WnR and the domain as the DFSR/IFSR would hold them, or the
 * physical address, plus the walk's steps.  pt_translate must agree, touch
 * only table memory (pt_pa_to_kva below refuses anything else), and
 * pt_walk_describe must behave as snprintf, show each entry's whole
 * description (l1e_describe/l2e_describe) and end with the outcome.
 */
#include "tests/fuzz/fuzz.h"

#include "paging/maint.h"
#include "paging/pt.h"

#define FAKE_L1_PA     0x00004000u
#define FAKE_ARENA_PA  0x00300000u
#define FAKE_TABLES    4u
#define MAX_QUERIES    32u   /* keeps inputs short, and the fuzzer fast */

static l1_table_t l1;
static l2_table_t arena[FAKE_TABLES];

/* ---- paging/maint.h over the fake machine (only these two are used) ---- */

void *pt_pa_to_kva(uint32_t pa)
{
	if (pa >= FAKE_L1_PA && pa - FAKE_L1_PA < sizeof l1)
		return (char *)&l1 + (pa - FAKE_L1_PA);
	FUZZ_CHECK(pa >= FAKE_ARENA_PA && pa - FAKE_ARENA_PA < sizeof arena,
		   "the walk read pa 0x%08x, which is no table", pa);
	return (char *)arena + (pa - FAKE_ARENA_PA);
}

uint32_t pt_kva_to_pa(const void *kva)
{
	const char *p = kva;

	if (p >= (const char *)&l1 && p < (const char *)(&l1 + 1))
		return FAKE_L1_PA + (uint32_t)(p - (const char *)&l1);
	FUZZ_CHECK(p >= (const char *)arena && p < (const char *)(arena + FAKE_TABLES),
		   "pt_kva_to_pa(%p): not table memory", kva);
	return FAKE_ARENA_PA + (uint32_t)(p - (const char *)arena);
}

/* ---- the reference walk -------------------------------------------------- */

static uint32_t bits(uint32_t w, unsigned hi, unsigned lo)
{
	return (w >> lo) & ((2u << (hi - lo)) - 1u);
}

/* [TRM] Table 6-1 with SCTLR.S = R = 0: may this access go through?
 * APX:AP = 1:00 is reserved; pagoda treats it as no access. */
static bool ref_ap_allows(unsigned apx, unsigned ap, enum pt_access acc, bool user)
{
	/* [apx][ap]: bit 0 kernel read, 1 kernel write, 2 user read, 3 user write */
	static const uint8_t rights[2][4] = { { 0x0, 0x3, 0x7, 0xF }, { 0x0, 0x1, 0x5, 0x5 } };
	unsigned need = (acc == PT_WRITE ? 2u : 1u) << (user ? 2 : 0);

	return rights[apx][ap] & need;
}

struct ref {
	uint32_t fsr, pa, l2_table_pa, l2_raw;
	int level;
	bool has_l2;
	unsigned domain;
};

/* [TRM] Table 6-11: the walk's statuses whose domain field is valid. */
static bool ref_domain_valid(unsigned status)
{
	return status == 0x07 || status == 0x09 || status == 0x0B || status == 0x0D ||
	       status == 0x0F;
}

static uint32_t ref_fsr(unsigned status, enum pt_access acc, unsigned domain)
{
	uint32_t fsr = (status & 0xFu) | (status & 0x10u ? 1u << 10 : 0);

	if (acc == PT_EXEC)
		return fsr;
	if (acc == PT_WRITE)
		fsr |= 1u << 11;
	if (ref_domain_valid(status))
		fsr |= domain << 4;
	return fsr;
}

static struct ref ref_walk(uint32_t va, enum pt_access acc, bool user, uint32_t dacr)
{
	struct ref r = { .level = 1 };
	uint32_t e1 = l1.e[va >> 20].raw, e2;
	unsigned apx, ap, xn;

	switch (bits(e1, 1, 0)) {
	case 2:   /* section, supersection */
		if (bits(e1, 18, 18)) {
			r.pa = (e1 & 0xFF000000u) | (va & 0x00FFFFFFu);
		} else {
			r.pa = (e1 & 0xFFF00000u) | (va & 0x000FFFFFu);
			r.domain = bits(e1, 8, 5);
		}
		apx = bits(e1, 15, 15);
		ap = bits(e1, 11, 10);
		xn = bits(e1, 4, 4);
		break;
	case 1:   /* page table */
		r.domain = bits(e1, 8, 5);
		r.has_l2 = true;
		r.level = 2;
		r.l2_table_pa = e1 & 0xFFFFFC00u;
		e2 = arena[(r.l2_table_pa - FAKE_ARENA_PA) / 1024u].e[bits(va, 19, 12)].raw;
		r.l2_raw = e2;
		if (bits(e2, 1, 0) == 0) {
			r.fsr = ref_fsr(0x07, acc, r.domain);
			return r;
		}
		if (bits(e2, 1, 1)) {   /* small page */
			r.pa = (e2 & 0xFFFFF000u) | (va & 0xFFFu);
			xn = bits(e2, 0, 0);
		} else {                /* large page */
			r.pa = (e2 & 0xFFFF0000u) | (va & 0xFFFFu);
			xn = bits(e2, 15, 15);
		}
		apx = bits(e2, 9, 9);
		ap = bits(e2, 5, 4);
		break;
	default:  /* fault, reserved: no domain (reported as 0) */
		r.fsr = ref_fsr(0x05, acc, 0);
		return r;
	}
	switch (bits(dacr, 2 * r.domain + 1, 2 * r.domain)) {
	case 3:   /* manager */
		return r;
	case 1:   /* client */
		if ((acc == PT_EXEC && xn) || !ref_ap_allows(apx, ap, acc, user))
			r.fsr = ref_fsr(r.level == 1 ? 0x0D : 0x0F, acc, r.domain);
		return r;
	default:  /* no access, reserved */
		r.fsr = ref_fsr(r.level == 1 ? 0x09 : 0x0B, acc, r.domain);
		return r;
	}
}

/* ---- one query ------------------------------------------------------------ */

static void check_query(uint32_t va, enum pt_access acc, bool user, uint32_t dacr, size_t n)
{
	struct pt_walk w;
	struct ref r = ref_walk(va, acc, user, dacr);
	char buf[512], full[512], tail[64], what[256];
	int ret, len, full_len;

	memset(&w, 0x5A, sizeof w);
	ret = pt_translate(&l1, va, acc, user, dacr, &w);
	FUZZ_CHECK(ret == (int)r.fsr && w.fsr == r.fsr,
		   "va 0x%08x acc %d user %d dacr 0x%08x: fsr 0x%x (returned 0x%x), want 0x%x",
		   va, acc, user, dacr, w.fsr, ret, r.fsr);
	FUZZ_CHECK(pt_translate(&l1, va, acc, user, dacr, NULL) == ret, "out == NULL differs");
	FUZZ_CHECK(w.va == va && w.acc == acc && w.user == user && w.ttbr == FAKE_L1_PA,
		   "the walk's question was not kept");
	FUZZ_CHECK(w.l1.index == va >> 20 && w.l1.addr_pa == FAKE_L1_PA + (va >> 20) * 4u &&
		   w.l1.raw == l1.e[va >> 20].raw, "va 0x%08x: L1 step wrong", va);
	FUZZ_CHECK(w.level == r.level && w.has_l2 == r.has_l2, "va 0x%08x: level %d has_l2 %d",
		   va, w.level, w.has_l2);
	if (r.has_l2)
		FUZZ_CHECK(w.l2_table_pa == r.l2_table_pa && w.l2.index == bits(va, 19, 12) &&
			   w.l2.addr_pa == r.l2_table_pa + bits(va, 19, 12) * 4u &&
			   w.l2.raw == r.l2_raw, "va 0x%08x: L2 step wrong", va);
	if (r.fsr == 0)
		FUZZ_CHECK(w.pa == r.pa, "va 0x%08x: pa 0x%08x, want 0x%08x", va, w.pa, r.pa);
	FUZZ_CHECK(w.domain == r.domain, "va 0x%08x: domain %u, want %u", va, w.domain, r.domain);

	full_len = pt_walk_describe(&w, full, sizeof full);
	memset(buf, FUZZ_CANARY, sizeof buf);
	len = pt_walk_describe(&w, buf, n);
	fuzz_check_snprintf("pt_walk_describe", buf, sizeof buf, n, len, full, full_len);
	FUZZ_CHECK(strncmp(full, "TTBR0 = 0x00004000\nL1[", 22) == 0, "\"%s\"", full);
	FUZZ_CHECK((strstr(full, "\nL2[") != NULL) == r.has_l2, "\"%s\": L2 line", full);
	/* each step's line carries the whole description of its entry */
	l1e_describe(l1e_from_raw(w.l1.raw), what, sizeof what);
	FUZZ_CHECK(strstr(full, what) != NULL, "\"%s\" lacks \"%s\"", full, what);
	if (r.has_l2) {
		l2e_describe(l2e_from_raw(w.l2.raw), what, sizeof what);
		FUZZ_CHECK(strstr(full, what) != NULL, "\"%s\" lacks \"%s\"", full, what);
	}
	if (r.fsr == 0)
		snprintf(tail, sizeof tail, "\nPA = 0x%08x", r.pa);
	else
		snprintf(tail, sizeof tail, " (%s 0x%03X)", acc == PT_EXEC ? "IFSR" : "FSR", r.fsr);
	FUZZ_CHECK(strlen(full) >= strlen(tail) &&
		   strcmp(full + strlen(full) - strlen(tail), tail) == 0,
		   "\"%s\" does not end with \"%s\"", full, tail);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint32_t dacr = fuzz_u32(&in), idx[8] = { 0 };
	unsigned n1 = fuzz_u8(&in) % 8, n2, queries = 0;

	memset(arena, 0, sizeof arena);
	for (unsigned i = 0; i < n1; i++) {
		uint32_t word;

		idx[i] = fuzz_u16(&in) % L1_ENTRIES;
		word = fuzz_u32(&in);
		if ((word & L1_TYPE_MASK) == L1_TYPE_PAGETABLE)
			word = (word & ~L1_PT_BASE_MASK) |
			       (FAKE_ARENA_PA + (word >> 10) % FAKE_TABLES * L2_TABLE_SIZE);
		l1.e[idx[i]] = l1e_from_raw(word);
	}
	n2 = fuzz_u8(&in) % 16;
	for (unsigned i = 0; i < n2; i++) {
		unsigned t = fuzz_u8(&in) % FAKE_TABLES, j = fuzz_u8(&in);

		arena[t].e[j] = l2e_from_raw(fuzz_u32(&in));
	}
	do {
		uint32_t va = fuzz_u32(&in);
		uint8_t how = fuzz_u8(&in);
		size_t n = fuzz_u8(&in) * 2u;
		enum pt_access acc = (how & 3u) == 3u ? PT_READ : (enum pt_access)(how & 3u);

		if (!(how & 8u) && n1 > 0)
			va = idx[(how >> 4) % n1] << 20 | (va & 0xFFFFFu);
		check_query(va, acc, how & 4u, dacr, n);
	} while (in.n > 0 && ++queries < MAX_QUERIES);
	for (unsigned i = 0; i < n1; i++)   /* cheaper than clearing 16 KiB */
		l1.e[idx[i]] = l1e_from_raw(0);
	return 0;
}
