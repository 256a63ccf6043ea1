/*
 * tests/host/test_desc_decode.c - descriptor words read back: kinds, base
 * addresses, edits of existing words, every field round-tripped through
 * from_raw and the getters, names, and the one-line descriptions.
 *
 * Bit positions as in test_desc.c ([TRM] ARM DDI 0301H 6.11.2, Figures
 * 6-7/6-8; Table 6-1 for AP, Table 6-2 for TEX/C/B).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "paging/desc.h"

#include "tests/host/desc_words.h"

/* ---- kinds, edits, round trips ------------------------------------------------- */

static void test_kinds(void **state)
{
	(void)state;
	assert_int_equal(l1e_kind(l1e_from_raw(0x00000000)), L1_FAULT);
	assert_int_equal(l1e_kind(l1e_from_raw(0xFFFFFFFC)), L1_FAULT);   /* rest ignored */
	assert_int_equal(l1e_kind(l1e_from_raw(0x00300021)), L1_PAGETABLE);
	assert_int_equal(l1e_kind(l1e_from_raw(0x00100002)), L1_SECTION);
	assert_int_equal(l1e_kind(l1e_from_raw(0x01040002)), L1_SUPERSECTION);
	assert_int_equal(l1e_kind(l1e_from_raw(0x00000003)), L1_RESERVED);
	assert_int_equal(l2e_kind(l2e_from_raw(0x00000000)), L2_FAULT);
	assert_int_equal(l2e_kind(l2e_from_raw(0x00010001)), L2_LARGE);
	assert_int_equal(l2e_kind(l2e_from_raw(0x00008002)), L2_SMALL);
	assert_int_equal(l2e_kind(l2e_from_raw(0x00008003)), L2_SMALL);   /* 1x: XN set */
	/* base addresses */
	/* section with every attribute bit set except 18: base is 31:20 only */
	assert_int_equal(l1e_pa(l1e_from_raw(0x123BFFF2)), 0x12300000);
	/* the same with bit 18: a supersection, base is 31:24 only */
	assert_int_equal(l1e_pa(l1e_from_raw(0x12FFFFF2)), 0x12000000);
	assert_int_equal(l1e_pa(l1e_from_raw(0x003005E1)), 0x00300400);
	assert_int_equal(l1e_pa(l1e_from_raw(0x00000003)), 0);
	assert_int_equal(l2e_pa(l2e_from_raw(0x0ABCDE6F)), 0x0ABCD000);
	assert_int_equal(l2e_pa(l2e_from_raw(0xFFFF801D)), 0xFFFF0000);
	assert_int_equal(l2e_pa(l2e_from_raw(0xFFFFFFFC)), 0);
}

/* l1_edit/l2_edit keep every field that is not set again. */
static void test_edit(void **state)
{
	(void)state;
	/* 0x12332C72 (krw/urw) with AP kro (1:01 -> 0x8400) and no XN:
	 * 0x12332C72 - 0xC00 + 0x8400 - 0x10 = 0x1233A462 */
	assert_int_equal(w1(l1_xn(l1_ap(l1_edit(l1e_from_raw(0x12332C72)), AP_KRO), false)),
			 0x1233A462);
	/* page table 0x00300021 moved to domain 2 -> 0x00300041 */
	assert_int_equal(w1(l1_domain(l1_edit(l1e_from_raw(0x00300021)), 2)), 0x00300041);
	/* small 0x0ABCDE6F with krw (0x10), XN off: 0x0ABCDE6F - 0x220 + 0x10 - 1 */
	assert_int_equal(w2(l2_xn(l2_ap(l2_edit(l2e_from_raw(0x0ABCDE6F)), AP_KRW), false)),
			 0x0ABCDC5E);
	/* large 0xFFFF801D made kro/uro (0x220), XN kept */
	assert_int_equal(w2(l2_ap(l2_edit(l2e_from_raw(0xFFFF801D)), AP_KRO_URO)), 0xFFFF822D);
	assert_int_equal(l2_edit(l2e_from_raw(0xFFFF801D)).kind, L2_LARGE);
	assert_int_equal(l1_edit(l1e_from_raw(0x01040002)).kind, L1_SUPERSECTION);
}

/* Build every ap x memtype x flag combination in every leaf format, read
 * the word back through from_raw, and compare every getter. */
static void test_round_trip(void **state)
{
	(void)state;
	for (int ap = 0; ap < AP_COUNT; ap++)
	for (int mt = 0; mt < MT_COUNT; mt++)
	for (int f = 0; f < 8; f++) {
		bool xn = f & 1, s = f & 2, ng = f & 4;
		unsigned dom = (unsigned)(ap + mt + f) & 15;
		l1e_t e1 = l1e_from_raw(w1(l1_ng(l1_shared(l1_xn(l1_domain(l1_mem(l1_ap(
			l1_section(0x7FF00000), ap), mt), dom), xn), s), ng)));
		l1e_t e3 = l1e_from_raw(w1(l1_ng(l1_shared(l1_xn(l1_mem(l1_ap(
			l1_supersection(0xFF000000), ap), mt), xn), s), ng)));
		l2e_t p = l2e_from_raw(w2(l2_ng(l2_shared(l2_xn(l2_mem(l2_ap(
			l2_small(0x000FF000), ap), mt), xn), s), ng)));
		l2e_t g = l2e_from_raw(w2(l2_ng(l2_shared(l2_xn(l2_mem(l2_ap(
			l2_large(0x00FF0000), ap), mt), xn), s), ng)));

		assert_int_equal(l1e_kind(e1), L1_SECTION);
		assert_int_equal(l1e_pa(e1), 0x7FF00000);
		assert_int_equal(l1e_ap(e1), ap);
		assert_int_equal(l1e_memtype(e1), mt);
		assert_int_equal(l1e_domain(e1), dom);
		assert_true(l1e_xn(e1) == xn && l1e_shared(e1) == s && l1e_ng(e1) == ng);

		assert_int_equal(l1e_kind(e3), L1_SUPERSECTION);
		assert_int_equal(l1e_pa(e3), 0xFF000000);
		assert_int_equal(l1e_ap(e3), ap);
		assert_int_equal(l1e_memtype(e3), mt);
		assert_int_equal(l1e_domain(e3), 0);
		assert_true(l1e_xn(e3) == xn && l1e_shared(e3) == s && l1e_ng(e3) == ng);

		assert_int_equal(l2e_kind(p), L2_SMALL);
		assert_int_equal(l2e_pa(p), 0x000FF000);
		assert_int_equal(l2e_ap(p), ap);
		assert_int_equal(l2e_memtype(p), mt);
		assert_true(l2e_xn(p) == xn && l2e_shared(p) == s && l2e_ng(p) == ng);

		assert_int_equal(l2e_kind(g), L2_LARGE);
		assert_int_equal(l2e_pa(g), 0x00FF0000);
		assert_int_equal(l2e_ap(g), ap);
		assert_int_equal(l2e_memtype(g), mt);
		assert_true(l2e_xn(g) == xn && l2e_shared(g) == s && l2e_ng(g) == ng);
	}
	/* page tables: every domain */
	for (unsigned d = 0; d < 16; d++) {
		l1e_t e = l1e_from_raw(w1(l1_domain(l1_pagetable(0xFFFFFC00), d)));

		assert_int_equal(l1e_kind(e), L1_PAGETABLE);
		assert_int_equal(l1e_pa(e), 0xFFFFFC00);
		assert_int_equal(l1e_domain(e), d);
		assert_false(l1e_xn(e) || l1e_ng(e) || l1e_shared(e));
	}
}

/* ---- names and text ------------------------------------------------------------ */

static void test_names(void **state)
{
	static const char *const aps[] = { "none", "krw", "kro", "krw/uro", "krw/urw", "kro/uro" };
	static const char *const mts[] = { "strongly-ordered", "device-shared", "device",
		"normal-nc", "normal-wt", "normal-wb", "normal-wbwa" };
	/* kernel read, kernel write, user read, user write, per Table 6-1 */
	static const bool rights[AP_COUNT][4] = {
		[AP_NONE] = { 0, 0, 0, 0 },       [AP_KRW] = { 1, 1, 0, 0 },
		[AP_KRO] = { 1, 0, 0, 0 },        [AP_KRW_URO] = { 1, 1, 1, 0 },
		[AP_KRW_URW] = { 1, 1, 1, 1 },    [AP_KRO_URO] = { 1, 0, 1, 0 },
	};

	(void)state;
	for (int i = 0; i < AP_COUNT; i++) {
		assert_string_equal(ap_name(i), aps[i]);
		assert_int_equal(ap_kernel_readable(i), rights[i][0]);
		assert_int_equal(ap_kernel_writable(i), rights[i][1]);
		assert_int_equal(ap_user_readable(i), rights[i][2]);
		assert_int_equal(ap_user_writable(i), rights[i][3]);
	}
	for (int i = 0; i < MT_COUNT; i++)
		assert_string_equal(memtype_name(i), mts[i]);
	assert_string_equal(ap_name(AP_COUNT), "?");
	assert_string_equal(memtype_name((enum memtype)-1), "?");
	assert_false(ap_user_readable(AP_COUNT) || ap_kernel_readable(AP_COUNT) ||
		     ap_kernel_writable(AP_COUNT) || ap_user_writable(AP_COUNT));
}

static void expect_l1_text(uint32_t raw, const char *want)
{
	char buf[96];

	assert_int_equal(l1e_describe(l1e_from_raw(raw), buf, sizeof buf), (int)strlen(want));
	assert_string_equal(buf, want);
}

static void expect_l2_text(uint32_t raw, const char *want)
{
	char buf[96];

	assert_int_equal(l2e_describe(l2e_from_raw(raw), buf, sizeof buf), (int)strlen(want));
	assert_string_equal(buf, want);
}

static void test_describe(void **state)
{
	char small[8];

	(void)state;
	/* 0x00100000 + nG/S 0x30000 + TEX 1 0x1000 + AP 11 0xC00 + C B 0xC + XN 0x10 + 2 */
	expect_l1_text(0x00131C1E, "section pa=0x00100000 krw/urw normal-wbwa dom 0 XN S nG");
	expect_l1_text(0x001001E2, "section pa=0x00100000 none strongly-ordered dom 15");
	expect_l1_text(0x00300021, "page table @0x00300000, domain 1");
	expect_l1_text(0x00000000, "fault (unmapped)");
	expect_l1_text(0x00000003, "reserved (bits 1:0 = 11)");
	/* supersection 0x01000000, kro/uro (0x8800), device (0x2000), XN */
	expect_l1_text(0x0104A812, "supersection pa=0x01000000 kro/uro device XN");
	/* APX=1 AP=00 and TEX 011: both shown as what they are */
	expect_l1_text(0x00108002, "section pa=0x00100000 ap=reserved strongly-ordered dom 0");
	expect_l1_text(0x00103402, "section pa=0x00100000 krw tex=3 c=0 b=0 dom 0");
	/* small 0x8000, kro (0x210), WBWA (0x4C) */
	expect_l2_text(0x0000825E, "small page pa=0x00008000 kro normal-wbwa");
	expect_l2_text(0x0ABCDE6F, "small page pa=0x0abcd000 kro/uro normal-wbwa XN S nG");
	expect_l2_text(0xFFFF801D, "large page pa=0xffff0000 krw normal-wb XN");
	expect_l2_text(0x00000000, "fault (unmapped)");
	/* truncation: snprintf rules */
	assert_int_equal(l1e_describe(l1e_from_raw(0), small, sizeof small), 16);
	assert_string_equal(small, "fault (");
	assert_int_equal(l2e_describe(l2e_from_raw(0), NULL, 0), 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_describe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
