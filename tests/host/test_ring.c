/*
 * tests/host/test_ring.c - host tests for kernel/ring.c.
 *
 * Empty, full, wrap of the slot index, the free-running counters crossing
 * 2^32, drop counting, and ring_init's argument checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kernel/ring.h"
#include "kernel/errno.h"

static uint8_t store[16];

static void test_init_checks(void **state)
{
	struct ring r;

	(void)state;
	assert_int_equal(ring_init(&r, store, 16), 0);
	assert_int_equal(ring_init(&r, store, 1), 0);      /* 2^0 is allowed */
	assert_int_equal(ring_init(&r, store, 0), -EINVAL);
	assert_int_equal(ring_init(&r, store, 12), -EINVAL);
	assert_int_equal(ring_init(&r, store, 17), -EINVAL);
	assert_int_equal(ring_init(&r, store, 0xFFFFFFFFu), -EINVAL);
	assert_int_equal(ring_init(&r, store, 0x80000000u), 0);  /* max */
	assert_int_equal(ring_init(&r, NULL, 16), -EINVAL);
	assert_int_equal(ring_init(NULL, store, 16), -EINVAL);
}

static void test_empty(void **state)
{
	struct ring r;
	uint8_t c = 0xAA;

	(void)state;
	ring_init(&r, store, 16);
	assert_int_equal(ring_count(&r), 0);
	assert_int_equal(ring_space(&r), 16);
	assert_false(ring_get(&r, &c));
	assert_int_equal(c, 0xAA);                 /* untouched when empty */
	assert_int_equal(r.dropped, 0);
}

static void test_fifo_order(void **state)
{
	struct ring r;
	uint8_t c;

	(void)state;
	ring_init(&r, store, 16);
	for (int i = 0; i < 5; i++)
		assert_true(ring_put(&r, (uint8_t)(i + 1)));
	assert_int_equal(ring_count(&r), 5);
	assert_int_equal(ring_space(&r), 11);
	for (int i = 0; i < 5; i++) {
		assert_true(ring_get(&r, &c));
		assert_int_equal(c, i + 1);
	}
	assert_false(ring_get(&r, &c));
}

static void test_full_and_dropped(void **state)
{
	struct ring r;
	uint8_t c;

	(void)state;
	ring_init(&r, store, 16);
	for (int i = 0; i < 16; i++)
		assert_true(ring_put(&r, (uint8_t)i));
	assert_int_equal(ring_count(&r), 16);
	assert_int_equal(ring_space(&r), 0);
	assert_false(ring_put(&r, 0x55));
	assert_false(ring_put(&r, 0x66));
	assert_int_equal(r.dropped, 2);
	assert_int_equal(ring_count(&r), 16);      /* the drops changed nothing */
	assert_true(ring_get(&r, &c));
	assert_int_equal(c, 0);                    /* the oldest byte survived */
	assert_true(ring_put(&r, 0x77));           /* one slot free again */
	assert_false(ring_put(&r, 0x88));
	assert_int_equal(r.dropped, 3);
	for (int i = 1; i < 16; i++) {
		assert_true(ring_get(&r, &c));
		assert_int_equal(c, i);
	}
	assert_true(ring_get(&r, &c));
	assert_int_equal(c, 0x77);
	assert_int_equal(ring_count(&r), 0);
}

/* Many rounds through a small ring: the slot index wraps every 4 bytes. */
static void test_slot_wrap(void **state)
{
	struct ring r;
	uint8_t small[4], c;
	uint8_t next_in = 0, next_out = 0;

	(void)state;
	ring_init(&r, small, 4);
	for (int round = 0; round < 1000; round++) {
		int n = 1 + round % 4;                 /* 1..4 bytes per round */

		for (int i = 0; i < n; i++)
			assert_true(ring_put(&r, next_in++));
		assert_int_equal(ring_count(&r), (uint32_t)n);
		for (int i = 0; i < n; i++) {
			assert_true(ring_get(&r, &c));
			assert_int_equal(c, next_out++);
		}
	}
	assert_int_equal(r.dropped, 0);
}

/* Start the counters just below 2^32 so head wraps to 0 before tail. */
static void test_counters_wrap_2_32(void **state)
{
	struct ring r;
	uint8_t c;

	(void)state;
	ring_init(&r, store, 16);
	r.head = r.tail = 0xFFFFFFFAu;             /* 6 below the wrap */
	for (int i = 0; i < 16; i++)
		assert_true(ring_put(&r, (uint8_t)(0xA0 + i)));
	assert_int_equal(r.head, 0x0000000Au);     /* wrapped */
	assert_int_equal(r.tail, 0xFFFFFFFAu);
	assert_int_equal(ring_count(&r), 16);      /* 0x0A - 0xFFFFFFFA = 16 */
	assert_int_equal(ring_space(&r), 0);
	assert_false(ring_put(&r, 0xFF));          /* full across the wrap */
	assert_int_equal(r.dropped, 1);
	for (int i = 0; i < 16; i++) {
		assert_true(ring_get(&r, &c));
		assert_int_equal(c, 0xA0 + i);
		assert_int_equal(ring_count(&r), (uint32_t)(15 - i));
	}
	assert_int_equal(r.tail, 0x0000000Au);
	assert_false(ring_get(&r, &c));
}

/* Exactly at the boundary: head == 0, tail == 0xFFFFFFFF, one byte. */
static void test_one_byte_straddling(void **state)
{
	struct ring r;
	uint8_t c;

	(void)state;
	ring_init(&r, store, 16);
	r.head = r.tail = 0xFFFFFFFFu;
	assert_true(ring_put(&r, 0x42));
	assert_int_equal(r.head, 0u);
	assert_int_equal(ring_count(&r), 1);
	assert_int_equal(ring_space(&r), 15);
	assert_true(ring_get(&r, &c));
	assert_int_equal(c, 0x42);
	assert_int_equal(store[0xF], 0x42);        /* slot 0xFFFFFFFF & 15 */
	assert_int_equal(ring_count(&r), 0);
}

/* A one-byte ring is full after a single put. */
static void test_size_one(void **state)
{
	struct ring r;
	uint8_t one[1], c;

	(void)state;
	ring_init(&r, one, 1);
	assert_true(ring_put(&r, 7));
	assert_false(ring_put(&r, 8));
	assert_int_equal(r.dropped, 1);
	assert_true(ring_get(&r, &c));
	assert_int_equal(c, 7);
	assert_true(ring_put(&r, 9));
	assert_true(ring_get(&r, &c));
	assert_int_equal(c, 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_checks),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_fifo_order),
		cmocka_unit_test(test_full_and_dropped),
		cmocka_unit_test(test_slot_wrap),
		cmocka_unit_test(test_counters_wrap_2_32),
		cmocka_unit_test(test_one_byte_straddling),
		cmocka_unit_test(test_size_one),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
