/*
 * tests/host/test_args.c - host tests for kernel/args.c.
 *
 * Splitting is checked word by word against the in-place result; number
 * parsing is checked at every boundary of the 32-bit ranges, and every
 * error case is checked to leave *out untouched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kernel/args.h"
#include "kernel/errno.h"
#include "kernel/string.h"

#define SENTINEL_U 0xA5A5A5A5u
#define SENTINEL_I ((int32_t)0x5A5A5A5A)

/* Split `text` (copied into a writable buffer) and check the words. */
static void check_split(const char *text, int max, int expect_argc,
			const char *const expect[])
{
	char line[256];
	char *argv[ARGS_MAX + 4];

	assert_true(strlen(text) < sizeof(line));
	assert_true(max <= ARGS_MAX + 4);
	strcpy(line, text);
	assert_int_equal(args_split(line, argv, max), expect_argc);
	for (int i = 0; i < expect_argc; i++)
		assert_string_equal(argv[i], expect[i]);
}

static void test_split_simple(void **state)
{
	static const char *const w[] = { "peek", "0x1000", "4" };

	(void)state;
	check_split("peek 0x1000 4", ARGS_MAX, 3, w);
	check_split("peek", ARGS_MAX, 1, w);
}

static void test_split_blank(void **state)
{
	(void)state;
	check_split("", ARGS_MAX, 0, NULL);
	check_split("    ", ARGS_MAX, 0, NULL);
	check_split(" \t \t", ARGS_MAX, 0, NULL);
	check_split("", 0, 0, NULL);
}

static void test_split_multiple_spaces(void **state)
{
	static const char *const w[] = { "a", "bc", "d" };

	(void)state;
	check_split("a   bc    d", ARGS_MAX, 3, w);
	check_split("a\tbc \t d", ARGS_MAX, 3, w);
}

static void test_split_leading_trailing(void **state)
{
	static const char *const w[] = { "ps", "-a" };

	(void)state;
	check_split("   ps -a", ARGS_MAX, 2, w);
	check_split("ps -a   ", ARGS_MAX, 2, w);
	check_split("\t  ps  -a \t ", ARGS_MAX, 2, w);
}

static void test_split_in_place(void **state)
{
	char line[] = " ab  c ";
	char *argv[4];

	(void)state;
	assert_int_equal(args_split(line, argv, 4), 2);
	assert_ptr_equal(argv[0], line + 1);
	assert_ptr_equal(argv[1], line + 5);
	assert_int_equal(line[3], '\0');
	assert_int_equal(line[6], '\0');
}

static void test_split_exactly_max(void **state)
{
	static const char *const w[] = {
		"1", "2", "3", "4", "5", "6", "7", "8",
		"9", "10", "11", "12", "13", "14", "15", "16",
	};

	(void)state;
	check_split("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16", 16, 16, w);
	check_split("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16   ", 16, 16, w);
}

/* The shell's own limit: ARGS_MAX one-letter words fit, one more does not. */
static void test_split_args_max(void **state)
{
	static char line[2 * (ARGS_MAX + 1) + 1];
	char *argv[ARGS_MAX + 1];

	(void)state;
	for (int n = ARGS_MAX; n <= ARGS_MAX + 1; n++) {
		for (int i = 0; i < n; i++) {
			line[2 * i] = 'a';
			line[2 * i + 1] = ' ';
		}
		line[2 * n] = 0;
		assert_int_equal(args_split(line, argv, ARGS_MAX),
				 n == ARGS_MAX ? ARGS_MAX : -E2BIG);
	}
}

static void test_split_too_many(void **state)
{
	(void)state;
	check_split("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17", 16,
		    -E2BIG, NULL);
	check_split("a b c", 2, -E2BIG, NULL);
	check_split("a", 0, -E2BIG, NULL);
}

/* parse_u32 must succeed with `expect`. */
static void ok_u32(const char *s, uint32_t expect)
{
	uint32_t v = SENTINEL_U;

	assert_int_equal(parse_u32(s, &v), 0);
	assert_int_equal(v, expect);
}

/* parse_u32 must fail with -EINVAL and leave *out alone. */
static void bad_u32(const char *s)
{
	uint32_t v = SENTINEL_U;

	assert_int_equal(parse_u32(s, &v), -EINVAL);
	assert_int_equal(v, SENTINEL_U);
}

static void ok_i32(const char *s, int32_t expect)
{
	int32_t v = SENTINEL_I;

	assert_int_equal(parse_i32(s, &v), 0);
	assert_int_equal(v, expect);
}

static void bad_i32(const char *s)
{
	int32_t v = SENTINEL_I;

	assert_int_equal(parse_i32(s, &v), -EINVAL);
	assert_int_equal(v, SENTINEL_I);
}

static void test_u32_decimal(void **state)
{
	(void)state;
	ok_u32("0", 0);
	ok_u32("7", 7);
	ok_u32("007", 7);                 /* leading zeros are decimal */
	ok_u32("1234567890", 1234567890u);
	ok_u32("4294967295", 4294967295u);
	ok_u32("0004294967295", 4294967295u);
}

static void test_u32_hex(void **state)
{
	(void)state;
	ok_u32("0x0", 0);
	ok_u32("0x1000", 0x1000);
	ok_u32("0X1000", 0x1000);
	ok_u32("0xdeadBEEF", 0xdeadbeefu);
	ok_u32("0xFFFFFFFF", 0xffffffffu);
	ok_u32("0x00000000FFFFFFFF", 0xffffffffu);
}

static void test_u32_errors(void **state)
{
	(void)state;
	bad_u32("");
	bad_u32("4294967296");            /* 2^32 */
	bad_u32("4294967300");
	bad_u32("99999999999");
	bad_u32("0x");
	bad_u32("0X");
	bad_u32("0x100000000");           /* 2^32 */
	bad_u32("0x1FFFFFFFF");
	bad_u32("12a");
	bad_u32("a12");
	bad_u32("0xg");
	bad_u32("0x12g");
	bad_u32("-1");                    /* no sign for u32 */
	bad_u32("+1");
	bad_u32(" 1");
	bad_u32("1 ");
	bad_u32("0x 1");
	bad_u32("1.5");
	bad_u32("x10");
	bad_u32("00x10");
	bad_u32(NULL);
}

static void test_i32(void **state)
{
	(void)state;
	ok_i32("0", 0);
	ok_i32("-0", 0);
	ok_i32("42", 42);
	ok_i32("-42", -42);
	ok_i32("-1", -1);
	ok_i32("2147483647", INT32_MAX);
	ok_i32("-2147483647", -INT32_MAX);
	ok_i32("-2147483648", INT32_MIN);
	ok_i32("0x7FFFFFFF", INT32_MAX);
	ok_i32("-0x80000000", INT32_MIN);
	ok_i32("-0x10", -16);
}

static void test_i32_errors(void **state)
{
	(void)state;
	bad_i32("");
	bad_i32("-");
	bad_i32("--1");
	bad_i32("+1");
	bad_i32("- 1");
	bad_i32("2147483648");            /* INT32_MAX + 1 */
	bad_i32("-2147483649");           /* INT32_MIN - 1 */
	bad_i32("4294967295");
	bad_i32("-4294967296");
	bad_i32("0x80000000");
	bad_i32("0xFFFFFFFF");
	bad_i32("-0x80000001");
	bad_i32("-0x");
	bad_i32("12a");
	bad_i32("-12a");
	bad_i32(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_simple),
		cmocka_unit_test(test_split_blank),
		cmocka_unit_test(test_split_multiple_spaces),
		cmocka_unit_test(test_split_leading_trailing),
		cmocka_unit_test(test_split_in_place),
		cmocka_unit_test(test_split_exactly_max),
		cmocka_unit_test(test_split_too_many),
		cmocka_unit_test(test_split_args_max),
		cmocka_unit_test(test_u32_decimal),
		cmocka_unit_test(test_u32_hex),
		cmocka_unit_test(test_u32_errors),
		cmocka_unit_test(test_i32),
		cmocka_unit_test(test_i32_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
