/*
 * tests/host/test_crc32.c - host tests for kernel/crc32.c.
 *
 * Expected values are zlib's (python3 -c 'import zlib; print(hex(
 * zlib.crc32(...)))'), the reference the upload protocol names.  Every
 * table entry is checked against the bit-at-a-time definition.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "kernel/crc32.h"

/* The definition, one bit at a time: reflected, poly 0xEDB88320,
 * init and final XOR 0xFFFFFFFF. */
static uint32_t crc32_bitwise(const uint8_t *p, uint32_t n)
{
	uint32_t c = 0xFFFFFFFFu;

	while (n-- > 0) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
	}
	return ~c;
}

static void test_standard_vectors(void **state)
{
	static const char fox[] = "The quick brown fox jumps over the lazy dog";

	(void)state;
	assert_int_equal(crc32("", 0), 0x00000000u);     /* zlib.crc32(b"") */
	assert_int_equal(crc32(NULL, 0), 0x00000000u);
	assert_int_equal(crc32("a", 1), 0xE8B7BE43u);    /* zlib.crc32(b"a") */
	assert_int_equal(crc32("123456789", 9), 0xCBF43926u);  /* the check */
	assert_int_equal(crc32(fox, sizeof(fox) - 1), 0x414FA339u);
}

/* zlib.crc32(bytes(1 << 20)) == 0xa738ea1c */
static void test_one_mib_of_zeros(void **state)
{
	uint8_t *z = calloc(1, 1u << 20);

	(void)state;
	assert_non_null(z);
	assert_int_equal(crc32(z, 1u << 20), 0xA738EA1Cu);
	free(z);
}

/* Each byte value alone goes through table entry (value ^ 0xFF), so the
 * 256 one-byte messages cover the whole table. */
static void test_table_matches_definition(void **state)
{
	(void)state;
	for (int i = 0; i < 256; i++) {
		uint8_t b = (uint8_t)i;

		assert_int_equal(crc32(&b, 1), crc32_bitwise(&b, 1));
	}
}

/* Splitting the input anywhere, and feeding it a byte at a time, gives
 * the one-shot value. */
static void test_incremental_equals_one_shot(void **state)
{
	uint8_t buf[300];
	uint32_t x = 12345, whole;

	(void)state;
	for (unsigned i = 0; i < sizeof(buf); i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (uint8_t)(x >> 16);
	}
	whole = crc32(buf, sizeof(buf));
	assert_int_equal(whole, crc32_bitwise(buf, sizeof(buf)));
	for (uint32_t cut = 0; cut <= sizeof(buf); cut++) {
		uint32_t c = crc32_update(crc32(buf, cut), buf + cut,
					  sizeof(buf) - cut);
		assert_int_equal(c, whole);
	}
	uint32_t c = 0;
	for (unsigned i = 0; i < sizeof(buf); i++)
		c = crc32_update(c, &buf[i], 1);
	assert_int_equal(c, whole);
	assert_int_equal(crc32_update(whole, NULL, 0), whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_standard_vectors),
		cmocka_unit_test(test_one_mib_of_zeros),
		cmocka_unit_test(test_table_matches_definition),
		cmocka_unit_test(test_incremental_equals_one_shot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
