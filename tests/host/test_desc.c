/*
 * tests/host/test_desc.c - descriptor builders and getters, bit-exact.
 *
 * Every expected word is derived in its comment from the ARMv6 formats,
 * [TRM] ARM DDI 0301H 6.11.2 Figures 6-7/6-8, with the AP encodings of
 * Table 6-1 and the TEX/C/B encodings of Table 6-2:
 *
 *   section       1:0=10  B=2  C=3  XN=4  domain 8:5  AP 11:10  TEX 14:12
 *                 APX=15  S=16  nG=17  (18=0)  base 31:20
 *   supersection  as section, bit 18 = 1, base 31:24, no domain
 *   page table    1:0=01  domain 8:5  base 31:10
 *   large page    1:0=01  B=2  C=3  AP 5:4  APX=9  S=10  nG=11  TEX 14:12
 *                 XN=15  base 31:16
 *   small page    bit1=1  XN=0  B=2  C=3  AP 5:4  TEX 8:6  APX=9  S=10
 *                 nG=11  base 31:12
 *
 *   AP  (APX:AP[1:0])  none 0:00  krw 0:01  kro 1:01  krw/uro 0:10
 *                      krw/urw 0:11  kro/uro 1:10
 *   mem (TEX C B)      SO 000 0 0  dev-shared 000 0 1  dev 010 0 0
 *                      NC 001 0 0  WT 000 1 0  WB 000 1 1  WBWA 001 1 1
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "kernel/errno.h"
#include "paging/desc.h"

#include "tests/host/desc_words.h"

/* ---- bare descriptors ------------------------------------------------------ */

static void test_bare_words(void **state)
{
	(void)state;
	/* fault: bits 1:0 = 00, nothing else */
	assert_int_equal(w1(l1_fault()), 0x00000000);
	assert_int_equal(w2(l2_fault()), 0x00000000);
	/* section 0x00100000: base 0x001 in 31:20, type 10 -> 0x00100002 */
	assert_int_equal(w1(l1_section(0x00100000)), 0x00100002);
	/* section 0xFFF00000: highest base -> 0xFFF00002 */
	assert_int_equal(w1(l1_section(0xFFF00000)), 0xFFF00002);
	/* supersection 0x01000000: base 0x01 in 31:24, bit 18 (0x40000), type 10 */
	assert_int_equal(w1(l1_supersection(0x01000000)), 0x01040002);
	/* page table at 0x00300000, domain 0: base | 01 -> 0x00300001 */
	assert_int_equal(w1(l1_pagetable(0x00300000)), 0x00300001);
	/* page table at 0x00300400 (1 KiB aligned, not 4 KiB): 0x00300401 */
	assert_int_equal(w1(l1_pagetable(0x00300400)), 0x00300401);
	/* small page 0x00008000: base | bit 1 -> 0x00008002 */
	assert_int_equal(w2(l2_small(0x00008000)), 0x00008002);
	/* large page 0x00010000: base 31:16 | 01 -> 0x00010001 */
	assert_int_equal(w2(l2_large(0x00010000)), 0x00010001);
}

/* The brief's worked example: section 0x00100000, krw (AP=01 -> bit 10 =
 * 0x400), normal-wbwa (TEX=001 -> 0x1000, C -> 0x8, B -> 0x4), type 0x2:
 * 0x00100000 + 0x1000 + 0x400 + 0x8 + 0x4 + 0x2 = 0x0010140E */
static void test_section_example(void **state)
{
	(void)state;
	assert_int_equal(w1(l1_ap(l1_mem(l1_section(0x00100000), MT_NORMAL_WBWA), AP_KRW)),
			 0x0010140E);
}

/* ---- every AP in every leaf format ------------------------------------------ */

struct ap_case {
	enum ap ap;
	uint32_t sect;    /* on section 0x00100002 */
	uint32_t super;   /* on supersection 0x01040002 */
	uint32_t small;   /* on small page 0x00008002 */
	uint32_t large;   /* on large page 0x00010001 */
};

static const struct ap_case ap_cases[] = {
	/* none 0:00 adds nothing */
	{ AP_NONE,    0x00100002, 0x01040002, 0x00008002, 0x00010001 },
	/* krw 0:01: section bit 10 (0x400); page bit 4 (0x10) */
	{ AP_KRW,     0x00100402, 0x01040402, 0x00008012, 0x00010011 },
	/* kro 1:01: section APX bit 15 (0x8000) + 0x400; page APX bit 9 (0x200) + 0x10 */
	{ AP_KRO,     0x00108402, 0x01048402, 0x00008212, 0x00010211 },
	/* krw/uro 0:10: section bit 11 (0x800); page bit 5 (0x20) */
	{ AP_KRW_URO, 0x00100802, 0x01040802, 0x00008022, 0x00010021 },
	/* krw/urw 0:11: section 0xC00; page 0x30 */
	{ AP_KRW_URW, 0x00100C02, 0x01040C02, 0x00008032, 0x00010031 },
	/* kro/uro 1:10: section 0x8000 + 0x800; page 0x200 + 0x20 */
	{ AP_KRO_URO, 0x00108802, 0x01048802, 0x00008222, 0x00010221 },
};

static void test_every_ap(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof ap_cases / sizeof ap_cases[0]; i++) {
		const struct ap_case *c = &ap_cases[i];

		assert_int_equal(w1(l1_ap(l1_section(0x00100000), c->ap)), c->sect);
		assert_int_equal(w1(l1_ap(l1_supersection(0x01000000), c->ap)), c->super);
		assert_int_equal(w2(l2_ap(l2_small(0x00008000), c->ap)), c->small);
		assert_int_equal(w2(l2_ap(l2_large(0x00010000), c->ap)), c->large);
		/* and back */
		assert_int_equal(l1e_ap(l1e_from_raw(c->sect)), c->ap);
		assert_int_equal(l1e_ap(l1e_from_raw(c->super)), c->ap);
		assert_int_equal(l2e_ap(l2e_from_raw(c->small)), c->ap);
		assert_int_equal(l2e_ap(l2e_from_raw(c->large)), c->ap);
	}
}

/* Setting AP twice replaces it: krw/urw then kro leaves only kro's bits. */
static void test_ap_replaces(void **state)
{
	(void)state;
	assert_int_equal(w1(l1_ap(l1_ap(l1_section(0x00100000), AP_KRW_URW), AP_KRO)), 0x00108402);
	assert_int_equal(w2(l2_ap(l2_ap(l2_small(0x00008000), AP_KRW_URW), AP_KRO)), 0x00008212);
	assert_int_equal(w2(l2_ap(l2_ap(l2_large(0x00010000), AP_KRW_URW), AP_NONE)), 0x00010001);
}

/* The other two codes of Table 6-1. */
static void test_ap_decode_odd_codes(void **state)
{
	(void)state;
	/* APX=1 AP=00 is reserved: section 0x00108002, small 0x00008202, large 0x00010201 */
	assert_int_equal(l1e_ap(l1e_from_raw(0x00108002)), AP_COUNT);
	assert_int_equal(l2e_ap(l2e_from_raw(0x00008202)), AP_COUNT);
	assert_int_equal(l2e_ap(l2e_from_raw(0x00010201)), AP_COUNT);
	/* APX=1 AP=11 is read-only for both, like 1:10: section 0x00108C02 */
	assert_int_equal(l1e_ap(l1e_from_raw(0x00108C02)), AP_KRO_URO);
	assert_int_equal(l2e_ap(l2e_from_raw(0x00008232)), AP_KRO_URO);
	assert_int_equal(ap_decode(1, 3), AP_KRO_URO);
	assert_int_equal(ap_decode(1, 0), AP_COUNT);
	/* entries without AP */
	assert_int_equal(l1e_ap(l1e_from_raw(0x00300001)), AP_COUNT);
	assert_int_equal(l1e_ap(l1e_from_raw(0)), AP_COUNT);
	assert_int_equal(l2e_ap(l2e_from_raw(0)), AP_COUNT);
}

/* ---- every memory type in every leaf format --------------------------------- */

struct mem_case {
	enum memtype mt;
	uint32_t sect, super, small, large;
};

static const struct mem_case mem_cases[] = {
	/* SO 000 0 0: nothing */
	{ MT_STRONGLY_ORDERED, 0x00100002, 0x01040002, 0x00008002, 0x00010001 },
	/* shared device 000 0 1: B = bit 2 (0x4) everywhere */
	{ MT_DEVICE_SHARED,    0x00100006, 0x01040006, 0x00008006, 0x00010005 },
	/* device 010 0 0: TEX 2 -> section/large 2<<12 = 0x2000, small 2<<6 = 0x80 */
	{ MT_DEVICE,           0x00102002, 0x01042002, 0x00008082, 0x00012001 },
	/* normal NC 001 0 0: TEX 1 -> 0x1000, small 0x40 */
	{ MT_NORMAL_NC,        0x00101002, 0x01041002, 0x00008042, 0x00011001 },
	/* WT 000 1 0: C = bit 3 (0x8) */
	{ MT_NORMAL_WT,        0x0010000A, 0x0104000A, 0x0000800A, 0x00010009 },
	/* WB 000 1 1: C + B = 0xC */
	{ MT_NORMAL_WB,        0x0010000E, 0x0104000E, 0x0000800E, 0x0001000D },
	/* WBWA 001 1 1: TEX 1 + 0xC -> 0x100C, small 0x40 + 0xC = 0x4C */
	{ MT_NORMAL_WBWA,      0x0010100E, 0x0104100E, 0x0000804E, 0x0001100D },
};

static void test_every_memtype(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof mem_cases / sizeof mem_cases[0]; i++) {
		const struct mem_case *c = &mem_cases[i];

		assert_int_equal(w1(l1_mem(l1_section(0x00100000), c->mt)), c->sect);
		assert_int_equal(w1(l1_mem(l1_supersection(0x01000000), c->mt)), c->super);
		assert_int_equal(w2(l2_mem(l2_small(0x00008000), c->mt)), c->small);
		assert_int_equal(w2(l2_mem(l2_large(0x00010000), c->mt)), c->large);
		assert_int_equal(l1e_memtype(l1e_from_raw(c->sect)), c->mt);
		assert_int_equal(l1e_memtype(l1e_from_raw(c->super)), c->mt);
		assert_int_equal(l2e_memtype(l2e_from_raw(c->small)), c->mt);
		assert_int_equal(l2e_memtype(l2e_from_raw(c->large)), c->mt);
		/* replacing: WBWA first, then this type */
		assert_int_equal(w1(l1_mem(l1_mem(l1_section(0x00100000), MT_NORMAL_WBWA), c->mt)),
				 c->sect);
		assert_int_equal(w2(l2_mem(l2_mem(l2_small(0x00008000), MT_DEVICE), c->mt)),
				 c->small);
	}
}

/* TEX/C/B combinations outside the table decode as -1. */
static void test_memtype_unknown(void **state)
{
	(void)state;
	/* section, TEX 001 C0 B1 (reserved): 0x1000 + 0x4 + 0x2 */
	assert_int_equal(l1e_memtype(l1e_from_raw(0x00101006)), -1);
	/* small, TEX 100 (1BBAA, outer NC) C0 B0: 4<<6 = 0x100 */
	assert_int_equal(l2e_memtype(l2e_from_raw(0x00008102)), -1);
	/* large, TEX 011 C1 B1 (reserved): 0x3000 + 0xC + 0x1 */
	assert_int_equal(l2e_memtype(l2e_from_raw(0x0001300D)), -1);
	/* page table and fault entries have no memory type */
	assert_int_equal(l1e_memtype(l1e_from_raw(0x00300001)), -1);
	assert_int_equal(l2e_memtype(l2e_from_raw(0)), -1);
	assert_int_equal(memtype_decode(2, 1, 0), -1);
	assert_int_equal(memtype_decode(1, 1, 1), MT_NORMAL_WBWA);
	assert_non_null(memtype_bits(MT_DEVICE));
	assert_int_equal(memtype_bits(MT_DEVICE)->tex, 2);
	assert_null(memtype_bits(MT_COUNT));
}

/* ---- domain and single-bit fields ------------------------------------------ */

static void test_domain(void **state)
{
	(void)state;
	/* section domain 5: 5 << 5 = 0xA0 -> 0x001000A2 */
	assert_int_equal(w1(l1_domain(l1_section(0x00100000), 5)), 0x001000A2);
	/* section domain 15: 0xF << 5 = 0x1E0 -> 0x001001E2 */
	assert_int_equal(w1(l1_domain(l1_section(0x00100000), 15)), 0x001001E2);
	/* page table 0x00300000 domain 1: 1 << 5 = 0x20 -> 0x00300021 */
	assert_int_equal(w1(l1_domain(l1_pagetable(0x00300000), 1)), 0x00300021);
	/* page table 0x00300400 domain 15: 0x400 + 0x1E0 + 1 = 0x003005E1 */
	assert_int_equal(w1(l1_domain(l1_pagetable(0x00300400), 15)), 0x003005E1);
	/* replacing 15 by 2 leaves only 2 << 5 = 0x40 */
	assert_int_equal(w1(l1_domain(l1_domain(l1_section(0x00100000), 15), 2)), 0x00100042);
	assert_int_equal(l1e_domain(l1e_from_raw(0x001001E2)), 15);
	assert_int_equal(l1e_domain(l1e_from_raw(0x003005E1)), 15);
	/* a supersection is in domain 0 */
	assert_int_equal(l1e_domain(l1e_from_raw(0x01040002)), 0);
}

static void test_flags(void **state)
{
	(void)state;
	/* section: XN bit 4 (0x10), S bit 16 (0x10000), nG bit 17 (0x20000) */
	assert_int_equal(w1(l1_xn(l1_section(0x00100000), true)), 0x00100012);
	assert_int_equal(w1(l1_shared(l1_section(0x00100000), true)), 0x00110002);
	assert_int_equal(w1(l1_ng(l1_section(0x00100000), true)), 0x00120002);
	/* supersection, all three: 0x01040002 + 0x10 + 0x30000 */
	assert_int_equal(w1(l1_ng(l1_shared(l1_xn(l1_supersection(0x01000000), true), true), true)),
			 0x01070012);
	/* small: XN bit 0, S bit 10 (0x400), nG bit 11 (0x800) */
	assert_int_equal(w2(l2_xn(l2_small(0x00008000), true)), 0x00008003);
	assert_int_equal(w2(l2_shared(l2_small(0x00008000), true)), 0x00008402);
	assert_int_equal(w2(l2_ng(l2_small(0x00008000), true)), 0x00008802);
	/* large: XN bit 15 (0x8000), S 0x400, nG 0x800 */
	assert_int_equal(w2(l2_xn(l2_large(0x00010000), true)), 0x00018001);
	assert_int_equal(w2(l2_shared(l2_large(0x00010000), true)), 0x00010401);
	assert_int_equal(w2(l2_ng(l2_large(0x00010000), true)), 0x00010801);
	/* clearing takes the bit away again */
	assert_int_equal(w1(l1_xn(l1_xn(l1_section(0x00100000), true), false)), 0x00100002);
	assert_int_equal(w2(l2_xn(l2_xn(l2_small(0x00008000), true), false)), 0x00008002);
	assert_int_equal(w2(l2_ng(l2_ng(l2_large(0x00010000), true), false)), 0x00010001);
}

/* A full section and small page, every field at once. */
static void test_full_words(void **state)
{
	(void)state;
	/* section 0x12300000, krw/urw (0xC00), device (TEX 010: 0x2000), domain 3
	 * (0x60), XN (0x10), S (0x10000), nG (0x20000), type 0x2:
	 * 0x12300000 + 0x30000 + 0x2000 + 0xC00 + 0x60 + 0x10 + 0x2 = 0x12332C72 */
	assert_int_equal(w1(l1_ng(l1_shared(l1_xn(l1_domain(l1_mem(l1_ap(
		l1_section(0x12300000), AP_KRW_URW), MT_DEVICE), 3), true), true), true)),
		0x12332C72);
	/* small 0x0ABCD000, kro/uro (APX 0x200 + 0x20), WBWA (TEX 1: 0x40, C+B 0xC),
	 * XN (0x1), S (0x400), nG (0x800), bit 1 (0x2):
	 * 0x0ABCD000 + 0xC00 + 0x200 + 0x40 + 0x20 + 0xC + 0x2 + 0x1 = 0x0ABCDE6F */
	assert_int_equal(w2(l2_ng(l2_shared(l2_xn(l2_mem(l2_ap(
		l2_small(0x0ABCD000), AP_KRO_URO), MT_NORMAL_WBWA), true), true), true)),
		0x0ABCDE6F);
	/* large 0xFFFF0000, krw (0x10), WB (0xC), XN (0x8000), type 01:
	 * 0xFFFF0000 + 0x8000 + 0x10 + 0xC + 0x1 = 0xFFFF801D */
	assert_int_equal(w2(l2_xn(l2_mem(l2_ap(l2_large(0xFFFF0000), AP_KRW), MT_NORMAL_WB), true)),
			 0xFFFF801D);
}

/* ---- refusals ------------------------------------------------------------------- */

static void expect_l1_refused(l1b_t b)
{
	l1e_t e = { 0xDEADBEEFu };

	assert_int_equal(b.err, -EINVAL);
	assert_int_equal(l1_build(b, &e), -EINVAL);
	assert_int_equal(e.raw, 0xDEADBEEFu);   /* *out untouched */
}

static void expect_l2_refused(l2b_t b)
{
	l2e_t e = { 0xDEADBEEFu };

	assert_int_equal(b.err, -EINVAL);
	assert_int_equal(l2_build(b, &e), -EINVAL);
	assert_int_equal(e.raw, 0xDEADBEEFu);
}

static void test_misaligned(void **state)
{
	(void)state;
	expect_l1_refused(l1_section(0x00180000));        /* not 1 MiB */
	expect_l1_refused(l1_section(0x00100001));
	expect_l1_refused(l1_supersection(0x01100000));   /* not 16 MiB */
	expect_l1_refused(l1_supersection(0x00F00000));
	expect_l1_refused(l1_pagetable(0x00300200));      /* not 1 KiB */
	expect_l1_refused(l1_pagetable(0x00300004));
	expect_l2_refused(l2_small(0x00008800));          /* not 4 KiB */
	expect_l2_refused(l2_small(0x00008001));
	expect_l2_refused(l2_large(0x00018000));          /* not 64 KiB */
	expect_l2_refused(l2_large(0x00011000));
}

static void test_wrong_kind(void **state)
{
	l1b_t pt = l1_pagetable(0x00300000), f1 = l1_fault();
	l1b_t ss = l1_supersection(0x01000000);
	l2b_t f2 = l2_fault();

	(void)state;
	/* page table entries have no AP, memory type, S, nG or XN */
	expect_l1_refused(l1_ap(pt, AP_KRW));
	expect_l1_refused(l1_mem(pt, MT_NORMAL_WB));
	expect_l1_refused(l1_shared(pt, true));
	expect_l1_refused(l1_ng(pt, true));
	expect_l1_refused(l1_xn(pt, true));
	expect_l1_refused(l1_xn(pt, false));   /* even a no-op is a wrong kind */
	/* supersections have no domain, not even 0 */
	expect_l1_refused(l1_domain(ss, 0));
	expect_l1_refused(l1_domain(ss, 1));
	/* fault entries have no fields */
	expect_l1_refused(l1_ap(f1, AP_KRW));
	expect_l1_refused(l1_mem(f1, MT_DEVICE));
	expect_l1_refused(l1_domain(f1, 0));
	expect_l1_refused(l1_xn(f1, true));
	expect_l2_refused(l2_ap(f2, AP_KRW));
	expect_l2_refused(l2_mem(f2, MT_DEVICE));
	expect_l2_refused(l2_xn(f2, true));
	expect_l2_refused(l2_ng(f2, true));
	expect_l2_refused(l2_shared(f2, true));
	/* nothing to edit in a fault or reserved entry */
	expect_l1_refused(l1_edit(l1e_from_raw(0)));
	expect_l1_refused(l1_edit(l1e_from_raw(0x00100003)));
	expect_l2_refused(l2_edit(l2e_from_raw(0)));
}

static void test_out_of_range(void **state)
{
	l1b_t s = l1_section(0x00100000);
	l2b_t p = l2_small(0x00008000), g = l2_large(0x00010000);

	(void)state;
	expect_l1_refused(l1_domain(s, 16));
	expect_l1_refused(l1_domain(l1_pagetable(0x00300000), 16));
	expect_l1_refused(l1_domain(s, 0xFFFFFFFFu));
	expect_l1_refused(l1_ap(s, AP_COUNT));
	expect_l1_refused(l1_ap(s, (enum ap)-1));
	expect_l1_refused(l1_ap(s, (enum ap)77));
	expect_l1_refused(l1_mem(s, MT_COUNT));
	expect_l1_refused(l1_mem(s, (enum memtype)-1));
	expect_l2_refused(l2_ap(p, AP_COUNT));
	expect_l2_refused(l2_ap(g, (enum ap)-1));
	expect_l2_refused(l2_mem(p, MT_COUNT));
	expect_l2_refused(l2_mem(g, (enum memtype)100));
}

/* After the first refusal, later setters change nothing, and the error and
 * the word stay those of the moment of refusal. */
static void test_error_sticks(void **state)
{
	l1b_t b = l1_domain(l1_section(0x00100000), 16);
	l1b_t c = l1_ng(l1_shared(l1_xn(l1_mem(l1_ap(l1_domain(b, 3), AP_KRW), MT_DEVICE),
					true), true), true);
	l2b_t d = l2_ap(l2_small(0x00008000), AP_COUNT);
	l2b_t e = l2_xn(l2_mem(l2_ap(d, AP_KRW), MT_NORMAL_WB), true);

	(void)state;
	expect_l1_refused(c);
	assert_int_equal(c.raw, b.raw);
	expect_l2_refused(e);
	assert_int_equal(e.raw, d.raw);
	/* a bad base, then only valid setters: still refused */
	expect_l1_refused(l1_ap(l1_mem(l1_section(0x00100800), MT_NORMAL_WB), AP_KRW));
	expect_l2_refused(l2_xn(l2_large(0x00001000), true));
	/* build into NULL */
	assert_int_equal(l1_build(l1_section(0x00100000), NULL), -EINVAL);
	assert_int_equal(l2_build(l2_small(0x00008000), NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bare_words),
		cmocka_unit_test(test_section_example),
		cmocka_unit_test(test_every_ap),
		cmocka_unit_test(test_ap_replaces),
		cmocka_unit_test(test_ap_decode_odd_codes),
		cmocka_unit_test(test_every_memtype),
		cmocka_unit_test(test_memtype_unknown),
		cmocka_unit_test(test_domain),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_full_words),
		cmocka_unit_test(test_misaligned),
		cmocka_unit_test(test_wrong_kind),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_error_sticks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
