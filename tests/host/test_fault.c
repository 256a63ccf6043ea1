/*
 * tests/host/test_fault.c - fault status decoding for all 32 status codes.
 *
 * Expected values: [TRM] ARM DDI 0301H Table 6-11 "Fault Status Register
 * encoding" (code FSR[10,3:0], and whether FSR[7:4] holds a valid domain),
 * and the DFSR layout of 3.2.17: status 3:0, domain 7:4, S (status bit 4)
 * at 10, WnR at 11, SD at 12.  QEMU's measured values are in
 * QEMU-FACTS.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "paging/fault.h"

struct expect {
	const char *name;
	enum fault_class cls;
	int level;
	bool domain_valid;
};

/* Written out independently of fault.c's table, from Table 6-11. */
static const struct expect want[32] = {
	[0x00] = { "TLB miss",                         FC_TLB_MISS,    0, false },
	[0x01] = { "alignment fault",                  FC_ALIGNMENT,   0, false },
	[0x02] = { "debug event",                      FC_DEBUG,       0, true },
	[0x03] = { "section access flag fault",        FC_ACCESS_FLAG, 1, true },
	[0x04] = { "I-cache maintenance fault",        FC_CACHE_MAINT, 0, false },
	[0x05] = { "section translation fault",        FC_TRANSLATION, 1, false },
	[0x06] = { "page access flag fault",           FC_ACCESS_FLAG, 2, true },
	[0x07] = { "page translation fault",           FC_TRANSLATION, 2, true },
	[0x08] = { "precise external abort",           FC_EXTERNAL,    0, true },
	[0x09] = { "section domain fault",             FC_DOMAIN,      1, true },
	[0x0A] = { "reserved",                         FC_RESERVED,    0, false },
	[0x0B] = { "page domain fault",                FC_DOMAIN,      2, true },
	[0x0C] = { "external abort on L1 translation", FC_EXTERNAL,    1, false },
	[0x0D] = { "section permission fault",         FC_PERMISSION,  1, true },
	[0x0E] = { "external abort on L2 translation", FC_EXTERNAL,    2, true },
	[0x0F] = { "page permission fault",            FC_PERMISSION,  2, true },
	[0x10] = { "reserved", FC_RESERVED, 0, false },
	[0x11] = { "reserved", FC_RESERVED, 0, false },
	[0x12] = { "reserved", FC_RESERVED, 0, false },
	[0x13] = { "reserved", FC_RESERVED, 0, false },
	[0x14] = { "reserved", FC_RESERVED, 0, false },
	[0x15] = { "reserved", FC_RESERVED, 0, false },
	[0x16] = { "imprecise external abort",         FC_EXTERNAL,    0, false },
	[0x17] = { "reserved", FC_RESERVED, 0, false },
	[0x18] = { "parity error",                     FC_PARITY,      0, false },
	[0x19] = { "reserved", FC_RESERVED, 0, false },
	[0x1A] = { "reserved", FC_RESERVED, 0, false },
	[0x1B] = { "reserved", FC_RESERVED, 0, false },
	[0x1C] = { "reserved", FC_RESERVED, 0, false },
	[0x1D] = { "reserved", FC_RESERVED, 0, false },
	[0x1E] = { "reserved", FC_RESERVED, 0, false },
	[0x1F] = { "reserved", FC_RESERVED, 0, false },
};

/* The FSR bits of a 5-bit status: bit 4 goes to FSR bit 10. */
static uint32_t fsr_of(unsigned status5)
{
	return (status5 & 0xFu) | ((status5 & 0x10u) << 6);
}

static void test_table(void **state)
{
	(void)state;
	for (unsigned s = 0; s < 32; s++) {
		const struct fault_info *fi = fault_info(s);

		assert_non_null(fi);
		assert_string_equal(fi->name, want[s].name);
		assert_int_equal(fi->cls, want[s].cls);
		assert_int_equal(fi->level, want[s].level);
		assert_int_equal(fi->domain_valid, want[s].domain_valid);
	}
	/* beyond 5 bits: reserved, never NULL */
	assert_string_equal(fault_info(32)->name, "reserved");
	assert_string_equal(fault_info(0xFFFFFFFFu)->name, "reserved");
	assert_int_equal(fault_info(99)->cls, FC_RESERVED);
}

/* Every code as a DFSR, read and write, with domain 10 in bits 7:4. */
static void test_decode_data(void **state)
{
	(void)state;
	for (unsigned s = 0; s < 32; s++)
	for (int wr = 0; wr < 2; wr++) {
		uint32_t fsr = fsr_of(s) | (0xAu << 4) | (wr ? 0x800u : 0);
		struct fault_report r;

		memset(&r, 0x5A, sizeof r);
		fault_decode(fsr, false, &r);
		assert_int_equal(r.fsr, fsr);
		assert_int_equal(r.status, s);
		assert_ptr_equal(r.info, fault_info(s));
		assert_int_equal(r.write, wr);
		assert_int_equal(r.domain, want[s].domain_valid ? 10 : -1);
		assert_false(r.prefetch);
	}
}

/* Every code as an IFSR: only bits 10 and 3:0 count.  QEMU writes the
 * domain into 7:4; WnR and SD junk must not show either. */
static void test_decode_prefetch(void **state)
{
	(void)state;
	for (unsigned s = 0; s < 32; s++) {
		uint32_t raw = fsr_of(s) | 0xF0u | 0x800u | 0xFFFFF000u;
		struct fault_report r;

		fault_decode(raw, true, &r);
		assert_int_equal(r.fsr, fsr_of(s));
		assert_int_equal(r.status, s);
		assert_ptr_equal(r.info, fault_info(s));
		assert_false(r.write);
		assert_int_equal(r.domain, -1);
		assert_true(r.prefetch);
	}
	/* 0x40F is the mask */
	{
		struct fault_report r;

		fault_decode(0xFFFFFFFFu, true, &r);
		assert_int_equal(r.fsr, 0x40F);
	}
}

/* The domain field is extracted for each of the 16 domains. */
static void test_domain_field(void **state)
{
	(void)state;
	for (unsigned d = 0; d < 16; d++) {
		struct fault_report r;

		fault_decode(0x00Fu | (d << 4), false, &r);   /* page permission */
		assert_int_equal(r.domain, (int)d);
		fault_decode(0x005u | (d << 4), false, &r);   /* section translation */
		assert_int_equal(r.domain, -1);
	}
}

static void expect_text(uint32_t fsr, bool prefetch, const char *text)
{
	struct fault_report r;
	char buf[96];

	fault_decode(fsr, prefetch, &r);
	assert_int_equal(fault_describe(&r, buf, sizeof buf), (int)strlen(text));
	assert_string_equal(buf, text);
}

/* The values QEMU-FACTS.md measured, and a few more. */
static void test_describe(void **state)
{
	struct fault_report r;
	char small[10];

	(void)state;
	expect_text(0x005, false, "section translation fault (FSR 0x005, read, level 1)");
	expect_text(0x805, false, "section translation fault (FSR 0x805, write, level 1)");
	expect_text(0x007, false, "page translation fault (FSR 0x007, read, domain 0, level 2)");
	expect_text(0x80F, false, "page permission fault (FSR 0x80F, write, domain 0, level 2)");
	expect_text(0x80D, false, "section permission fault (FSR 0x80D, write, domain 0, level 1)");
	expect_text(0x019, false, "section domain fault (FSR 0x019, read, domain 1, level 1)");
	expect_text(0x819, false, "section domain fault (FSR 0x819, write, domain 1, level 1)");
	expect_text(0x02B, false, "page domain fault (FSR 0x02B, read, domain 2, level 2)");
	expect_text(0x001, false, "alignment fault (FSR 0x001, read)");
	expect_text(0x801, false, "alignment fault (FSR 0x801, write)");
	expect_text(0x00F, true, "page permission fault (IFSR 0x00F, instruction fetch, level 2)");
	/* QEMU's IFSR for an XN section in domain 1: 0x01D, masked to 0x00D */
	expect_text(0x01D, true, "section permission fault (IFSR 0x00D, instruction fetch, level 1)");
	expect_text(0x019, true, "section domain fault (IFSR 0x009, instruction fetch, level 1)");
	/* S bit: imprecise external abort is 1 0110 -> 0x406 */
	expect_text(0x406, false, "imprecise external abort (FSR 0x406, read)");
	/* SD (AXI slave error) and WnR on a precise external abort, domain 3 */
	expect_text(0x1838, false, "precise external abort (FSR 0x1838, write, domain 3)");
	expect_text(0x00A, false, "reserved (FSR 0x00A, read)");
	expect_text(0x40A, true, "reserved (IFSR 0x40A, instruction fetch)");
	/* snprintf rules */
	fault_decode(0x005, false, &r);
	assert_int_equal(fault_describe(&r, small, sizeof small), 52);
	assert_string_equal(small, "section t");
	assert_int_equal(fault_describe(&r, NULL, 0), 52);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_decode_data),
		cmocka_unit_test(test_decode_prefetch),
		cmocka_unit_test(test_domain_field),
		cmocka_unit_test(test_describe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
