/*
 * tests/host/test_uaccess.c - host tests for urange_ok() (kernel/uaccess.c).
 *
 * Every edge of the process window [LO, HI) = [0x02000000, 0x02100000)
 * (paging/kmap.h): first byte, last byte, one past the end, one below the
 * start, empty ranges, the whole window, and sums that wrap past 2^32.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kernel/uaccess.h"
#include "paging/kmap.h"

#define LO WINDOW_BASE
#define HI (WINDOW_BASE + WINDOW_SIZE)

static bool ok(uint32_t addr, uint32_t len)
{
	return urange_ok(addr, len, LO, HI);
}

static void test_window_constants(void **state)
{
	(void)state;
	assert_int_equal(LO, 0x02000000);
	assert_int_equal(HI, 0x02100000);
}

static void test_start(void **state)
{
	(void)state;
	assert_true(ok(LO, 1));
	assert_true(ok(LO, 4));
	assert_false(ok(LO - 1, 1));          /* one byte below */
	assert_false(ok(LO - 1, 2));          /* straddles the start */
	assert_false(ok(LO - 4, 0x100));
	assert_false(ok(0, 1));
}

static void test_end(void **state)
{
	(void)state;
	assert_true(ok(HI - 1, 1));           /* the last byte */
	assert_false(ok(HI - 1, 2));          /* one past */
	assert_false(ok(HI, 1));              /* starts at the end */
	assert_true(ok(HI - 4, 4));           /* addr + len exactly HI */
	assert_false(ok(HI - 4, 5));
	assert_true(ok(HI - 0x1000, 0x1000));
	assert_false(ok(HI + 0x1000, 4));
}

static void test_empty(void **state)
{
	(void)state;
	assert_true(ok(LO, 0));               /* len 0 at the start */
	assert_true(ok(HI, 0));               /* and at the end, addr == hi */
	assert_true(ok(LO + 0x1234, 0));
	assert_false(ok(LO - 1, 0));          /* outside, even when empty */
	assert_false(ok(HI + 1, 0));
	assert_false(ok(0, 0));
	assert_false(ok(0xFFFFFFFF, 0));
}

static void test_whole_window(void **state)
{
	(void)state;
	assert_true(ok(LO, WINDOW_SIZE));
	assert_false(ok(LO, WINDOW_SIZE + 1));
	assert_false(ok(LO + 1, WINDOW_SIZE));
	assert_false(ok(LO - 1, WINDOW_SIZE + 1));
}

static void test_wrap(void **state)
{
	(void)state;
	/* 0xFFFFFFF0 + 0x20 wraps to 0x10 */
	assert_false(ok(0xFFFFFFF0, 0x20));
	assert_false(urange_ok(0xFFFFFFF0, 0x20, 0, 0xFFFFFFFF));
	/* a huge length from inside the window must not wrap back into it */
	assert_false(ok(LO, 0xFFFFFFFF));
	assert_false(ok(HI - 1, 0xFFFFFFFF));
	assert_false(ok(LO + 0x10, 0xFFFFFFF0));  /* LO + 0x10 + len = LO mod 2^32 */
	assert_false(ok(LO, 0x80000000));
	/* the whole 32-bit space as the window: only true wrap is refused */
	assert_true(urange_ok(0, 0xFFFFFFFF, 0, 0xFFFFFFFF));
	assert_true(urange_ok(0xFFFFFFFE, 1, 0, 0xFFFFFFFF));
	assert_false(urange_ok(0xFFFFFFFE, 2, 0, 0xFFFFFFFF));
	assert_false(urange_ok(1, 0xFFFFFFFF, 0, 0xFFFFFFFF));
}

static void test_degenerate_window(void **state)
{
	(void)state;
	assert_true(urange_ok(LO, 0, LO, LO));    /* empty window, empty range */
	assert_false(urange_ok(LO, 1, LO, LO));
	assert_false(urange_ok(LO, 0, HI, LO));   /* inverted window */
	assert_false(urange_ok(HI, 0, HI, LO));
	assert_false(urange_ok(LO + 0x10, 1, HI, LO));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_constants),
		cmocka_unit_test(test_start),
		cmocka_unit_test(test_end),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_whole_window),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_degenerate_window),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
