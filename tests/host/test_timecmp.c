/*
 * tests/host/test_timecmp.c - host tests for drivers/timecmp.h.
 *
 * time_after_eq(a, b) is (int32_t)(a - b) >= 0: a is at or after b when
 * a - b mod 2^32 lies in [0, 2^31).  The cases sit around 0, around 2^31
 * (the largest distance that still orders correctly) and across the 2^32
 * wrap of the 1 MHz counter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "drivers/timecmp.h"

static void test_near_zero(void **state)
{
	(void)state;
	assert_true(time_after_eq(0, 0));
	assert_false(time_before(0, 0));
	assert_false(time_after(0, 0));
	assert_true(time_after_eq(1, 0));
	assert_true(time_after(1, 0));
	assert_false(time_after_eq(0, 1));
	assert_true(time_before(0, 1));
	assert_true(time_after_eq(1000, 999));
	assert_true(time_before(999, 1000));
}

/* Across the wrap: 0xFFFFFFFF is one microsecond before 0. */
static void test_across_2_32_wrap(void **state)
{
	(void)state;
	assert_true(time_after_eq(0, 0xFFFFFFFFu));    /* 0 - 0xFFFFFFFF = 1 */
	assert_true(time_after(0, 0xFFFFFFFFu));
	assert_true(time_before(0xFFFFFFFFu, 0));
	assert_false(time_after_eq(0xFFFFFFFFu, 0));
	assert_true(time_after_eq(5, 0xFFFFFFF0u));    /* 21 after */
	assert_true(time_before(0xFFFFFFF0u, 5));
	/* a deadline computed past the wrap: now + 100 */
	uint32_t now = 0xFFFFFFC0u, deadline = now + 100;   /* = 0x24 */
	assert_int_equal(deadline, 0x24u);
	assert_false(time_after_eq(now, deadline));
	assert_false(time_after_eq(0xFFFFFFFFu, deadline));
	assert_false(time_after_eq(0x23u, deadline));
	assert_true(time_after_eq(0x24u, deadline));
	assert_true(time_after_eq(0x25u, deadline));
}

/* 2^31 - 1 apart still orders; exactly 2^31 apart reads as "before". */
static void test_around_2_31(void **state)
{
	(void)state;
	assert_true(time_after_eq(0x7FFFFFFFu, 0));    /* difference 2^31 - 1 */
	assert_true(time_before(0, 0x7FFFFFFFu));
	assert_false(time_after_eq(0x80000000u, 0));   /* difference 2^31: ambiguous */
	assert_true(time_before(0x80000000u, 0));
	assert_true(time_before(0, 0x80000000u));      /* both directions "before" */
	assert_true(time_after_eq(0x80000000u, 0x00000001u));  /* 2^31 - 1 */
	assert_true(time_after_eq(0x80000000u, 0x7FFFFFFFu));
	assert_true(time_before(0x7FFFFFFFu, 0x80000000u));
	assert_true(time_after_eq(0x00000000u, 0x80000001u)); /* 2^31 - 1 across wrap */
	assert_true(time_before(0x80000001u, 0x00000000u));
}

/* The relations agree with each other for a sweep of values. */
static void test_consistency(void **state)
{
	(void)state;
	static const uint32_t pts[] = {
		0, 1, 2, 0x7FFFFFFE, 0x7FFFFFFF, 0x80000000, 0x80000001,
		0xFFFFFFFE, 0xFFFFFFFF, 12345678, 0xDEADBEEF,
	};
	for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++)
		for (size_t j = 0; j < sizeof pts / sizeof pts[0]; j++) {
			uint32_t a = pts[i], b = pts[j];

			assert_int_equal(time_before(a, b), !time_after_eq(a, b));
			assert_int_equal(time_after(a, b), time_before(b, a));
			if (a == b)
				assert_true(time_after_eq(a, b) && time_after_eq(b, a));
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_near_zero),
		cmocka_unit_test(test_across_2_32_wrap),
		cmocka_unit_test(test_around_2_31),
		cmocka_unit_test(test_consistency),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
