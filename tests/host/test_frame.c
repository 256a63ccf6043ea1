/*
 * tests/host/test_frame.c - host tests for the frame allocator (kernel/frame.c).
 *
 * The "physical memory" is an arena of NFRAMES page-aligned host frames that
 * frame_kva() maps at a made-up physical address (ARENA_PA, or 0 for the
 * test of frame 0).  panic() records its message and longjmps back into the
 * test, so a test can provoke a panic on purpose and check its message.
 * Every test starts from a fresh frame_init() with all frames released.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/frame.h"
#include "kernel/kprintf.h"

#define NFRAMES   64u
#define ARENA_PA  0x00100000u
#define F(i)      (arena_pa + (uint32_t)(i) * FRAME_SIZE)   /* pa of frame i */

static uint8_t *arena;
static uint32_t arena_pa = ARENA_PA;
static uint16_t refs[NFRAMES];
static uint8_t uses[NFRAMES];

/* ---- the environment: frame_kva() and panic() ------------------------------------ */

void *frame_kva(uint32_t pa)
{
	if (pa < arena_pa || pa - arena_pa >= NFRAMES * FRAME_SIZE)
		fail_msg("frame_kva: %08x is outside the arena", pa);
	return arena + (pa - arena_pa);
}

static jmp_buf panic_jmp;
static bool panic_armed;
static char panic_msg[256];

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(panic_msg, sizeof panic_msg, fmt, ap);
	va_end(ap);
	if (!panic_armed) {
		fail_msg("unexpected panic: %s", panic_msg);
		abort();
	}
	panic_armed = false;
	longjmp(panic_jmp, 1);
}

/* Run `stmt`, which must panic with a message containing `text`. */
#define EXPECT_PANIC(stmt, text)                                             \
	do {                                                                 \
		panic_msg[0] = 0;                                            \
		panic_armed = true;                                          \
		if (setjmp(panic_jmp) == 0) {                                \
			stmt;                                                \
			panic_armed = false;                                 \
			fail_msg("no panic from: %s", #stmt);                \
		}                                                            \
		if (!strstr(panic_msg, text))                                \
			fail_msg("panic '%s' lacks '%s'", panic_msg, text);  \
	} while (0)

/* ---- fixtures ----------------------------------------------------------------------- */

static void fresh(uint32_t pa)
{
	arena_pa = pa;
	memset(arena, 0xA5, NFRAMES * FRAME_SIZE);
	frame_init(arena_pa, NFRAMES, refs, uses);
}

static int setup(void **state)
{
	(void)state;
	fresh(ARENA_PA);
	frame_release_range(ARENA_PA, NFRAMES * FRAME_SIZE);
	return 0;
}

static struct frame_stats stats(void)
{
	struct frame_stats s;

	memset(&s, 0x5A, sizeof s);
	frame_stats(&s);
	return s;
}

/* The counters add up: free + in use = total, by_use sums to used. */
static void assert_consistent(void)
{
	struct frame_stats s = stats();
	uint32_t sum = 0;

	assert_int_equal(s.free + s.used, s.total);
	assert_int_equal(s.by_use[FRAME_FREE], s.free);
	for (unsigned u = FRAME_KERNEL; u < FRAME_USE_COUNT; u++)
		sum += s.by_use[u];
	assert_int_equal(sum, s.used);
}

/* ---- initialisation and release --------------------------------------------------------- */

static void test_init_all_reserved(void **state)
{
	struct frame_stats s;

	(void)state;
	fresh(ARENA_PA);
	s = stats();
	assert_int_equal(s.total, 0);
	assert_int_equal(s.free, 0);
	assert_int_equal(s.used, 0);
	assert_int_equal(s.shared, 0);
	assert_int_equal(frame_alloc(FRAME_USER), 0);
	assert_int_equal(frame_alloc_reserved(FRAME_KERNEL), 0);
	for (unsigned i = 0; i < NFRAMES; i++) {
		assert_false(frame_managed(F(i)));
		assert_int_equal(frame_use_of(F(i)), FRAME_RESERVED);
		assert_int_equal(frame_refs(F(i)), 0);
	}
}

static void test_release_partial(void **state)
{
	struct frame_stats s;

	(void)state;
	fresh(ARENA_PA);
	frame_release_range(F(4), 4 * FRAME_SIZE);     /* frames 4..7 */
	frame_release_range(F(10), FRAME_SIZE);        /* frame 10 */
	frame_release_range(F(0), 0);                  /* nothing */
	s = stats();
	assert_int_equal(s.total, 5);
	assert_int_equal(s.free, 5);
	assert_true(frame_managed(F(4)) && frame_managed(F(7)) && frame_managed(F(10)));
	assert_false(frame_managed(F(3)) || frame_managed(F(8)) || frame_managed(F(11)));
	assert_int_equal(frame_use_of(F(5)), FRAME_FREE);
	/* never-used frames: ranges in release order, each low to high */
	for (unsigned i = 4; i < 8; i++)
		assert_int_equal(frame_alloc(FRAME_USER), F(i));
	assert_int_equal(frame_alloc(FRAME_USER), F(10));
	assert_int_equal(frame_alloc(FRAME_USER), 0);
	/* freed frames come back first, last freed first */
	frame_put(F(6));
	frame_put(F(10));
	assert_int_equal(frame_alloc(FRAME_USER), F(10));
	assert_int_equal(frame_alloc(FRAME_USER), F(6));
	assert_int_equal(frame_alloc(FRAME_USER), 0);
	assert_consistent();
}

static void test_managed_foreign(void **state)
{
	(void)state;
	assert_true(frame_managed(F(0)));
	assert_true(frame_managed(F(NFRAMES - 1)));
	assert_false(frame_managed(F(NFRAMES)));
	assert_false(frame_managed(ARENA_PA - FRAME_SIZE));
	assert_false(frame_managed(0));
	assert_false(frame_managed(0xFFFFF000));
}

/* ---- allocation order and exhaustion -------------------------------------------------- */

static void test_low_first(void **state)
{
	(void)state;
	for (unsigned i = 0; i < NFRAMES; i++) {
		uint32_t pa = frame_alloc(FRAME_USER);

		assert_int_equal(pa, F(i));
		assert_int_equal(frame_refs(pa), 1);
		assert_int_equal(frame_use_of(pa), FRAME_USER);
	}
}

static void test_lifo(void **state)
{
	uint32_t a, b, c;

	(void)state;
	a = frame_alloc(FRAME_USER);
	b = frame_alloc(FRAME_USER);
	c = frame_alloc(FRAME_USER);
	assert_int_equal(frame_put(b), 0);
	assert_int_equal(frame_put(a), 0);
	assert_int_equal(frame_alloc(FRAME_KERNEL), a);   /* last freed, first out */
	assert_int_equal(frame_alloc(FRAME_KERNEL), b);
	assert_int_equal(frame_alloc(FRAME_KERNEL), F(3)); /* then the untouched ones */
	assert_int_equal(c, F(2));
	assert_consistent();
}

static void test_exhaustion(void **state)
{
	struct frame_stats before = stats(), s;
	uint32_t got[NFRAMES];

	(void)state;
	assert_int_equal(before.total, NFRAMES);
	assert_int_equal(before.free, NFRAMES);
	for (unsigned i = 0; i < NFRAMES; i++) {
		got[i] = frame_alloc(i % 2 ? FRAME_USER : FRAME_PT);
		assert_int_not_equal(got[i], 0);
		for (unsigned j = 0; j < i; j++)
			assert_int_not_equal(got[i], got[j]);
	}
	assert_int_equal(frame_alloc(FRAME_USER), 0);
	assert_int_equal(frame_alloc_reserved(FRAME_KERNEL), 0);
	assert_int_equal(frame_alloc_zeroed(FRAME_USER), 0);
	s = stats();
	assert_int_equal(s.free, 0);
	assert_int_equal(s.used, NFRAMES);
	assert_int_equal(s.by_use[FRAME_PT], NFRAMES / 2);
	assert_int_equal(s.by_use[FRAME_USER], NFRAMES / 2);
	assert_consistent();
	for (unsigned i = 0; i < NFRAMES; i++)
		assert_int_equal(frame_put(got[i]), 0);
	s = stats();
	assert_memory_equal(&s, &before, sizeof s);
	/* and it all comes back again */
	for (unsigned i = 0; i < NFRAMES; i++)
		assert_int_not_equal(frame_alloc(FRAME_USER), 0);
	assert_int_equal(frame_alloc(FRAME_USER), 0);
}

/* ---- reference counts ------------------------------------------------------------------- */

static void test_refcounts(void **state)
{
	uint32_t pa;

	(void)state;
	pa = frame_alloc(FRAME_USER);
	assert_int_equal(frame_refs(pa), 1);
	assert_int_equal(stats().shared, 0);
	frame_get(pa);
	assert_int_equal(frame_refs(pa), 2);
	assert_int_equal(stats().shared, 1);
	frame_get(pa);
	assert_int_equal(frame_refs(pa), 3);
	assert_int_equal(stats().shared, 1);        /* counted once */
	assert_int_equal(frame_put(pa), 2);
	assert_int_equal(stats().shared, 1);
	assert_int_equal(frame_put(pa), 1);
	assert_int_equal(stats().shared, 0);
	assert_int_equal(frame_use_of(pa), FRAME_USER);
	assert_int_equal(stats().free, NFRAMES - 1);
	assert_int_equal(frame_put(pa), 0);         /* the last one frees it */
	assert_int_equal(frame_use_of(pa), FRAME_FREE);
	assert_int_equal(frame_refs(pa), 0);
	assert_int_equal(stats().free, NFRAMES);
	assert_int_equal(stats().by_use[FRAME_USER], 0);
	assert_consistent();
}

static void test_shared_count(void **state)
{
	uint32_t a, b, c;

	(void)state;
	a = frame_alloc(FRAME_USER);
	b = frame_alloc(FRAME_USER);
	c = frame_alloc(FRAME_USER);
	frame_get(a);
	frame_get(b);
	frame_get(b);
	assert_int_equal(stats().shared, 2);
	assert_int_equal(stats().used, 3);          /* frames, not references */
	assert_int_equal(frame_put(a), 1);
	assert_int_equal(stats().shared, 1);
	assert_int_equal(frame_put(b), 2);
	assert_int_equal(frame_put(b), 1);
	assert_int_equal(stats().shared, 0);
	assert_int_equal(frame_refs(c), 1);
	assert_consistent();
}

static void test_refcount_limit(void **state)
{
	uint32_t pa;

	(void)state;
	pa = frame_alloc(FRAME_USER);
	for (unsigned i = 1; i < UINT16_MAX; i++)
		frame_get(pa);
	assert_int_equal(frame_refs(pa), UINT16_MAX);
	EXPECT_PANIC(frame_get(pa), "reference count overflow");
	assert_int_equal(frame_refs(pa), UINT16_MAX);
	assert_int_equal(stats().shared, 1);
}

/* ---- the reserve ------------------------------------------------------------------------- */

static void test_reserve(void **state)
{
	uint32_t pa;

	(void)state;
	frame_set_reserve(4);
	assert_int_equal(stats().reserve, 4);
	for (unsigned i = 0; i < NFRAMES - 4; i++)
		assert_int_not_equal(frame_alloc(FRAME_USER), 0);
	assert_int_equal(stats().free, 4);
	assert_int_equal(frame_alloc(FRAME_USER), 0);        /* only the reserve left */
	assert_int_equal(frame_alloc_zeroed(FRAME_USER), 0);
	for (unsigned i = 0; i < 4; i++) {
		pa = frame_alloc_reserved(FRAME_KERNEL);
		assert_int_equal(pa, F(NFRAMES - 4 + i));
		assert_int_equal(frame_use_of(pa), FRAME_KERNEL);
	}
	assert_int_equal(frame_alloc_reserved(FRAME_KERNEL), 0);
	/* a frame coming back goes to the reserve first */
	frame_put(F(0));
	assert_int_equal(frame_alloc(FRAME_USER), 0);
	assert_int_equal(frame_alloc_reserved(FRAME_KERNEL), F(0));
	/* dropping the reserve makes the frames ordinary again */
	frame_put(F(0));
	frame_set_reserve(0);
	assert_int_equal(frame_alloc(FRAME_USER), F(0));
	assert_consistent();
}

/* ---- zeroing and statistics ---------------------------------------------------------------- */

static void test_zeroed(void **state)
{
	static const uint8_t zero[FRAME_SIZE];
	uint32_t pa;

	(void)state;
	pa = frame_alloc(FRAME_USER);
	memset(frame_kva(pa), 0xEE, FRAME_SIZE);            /* dirty it, free it */
	frame_put(pa);
	assert_int_equal(frame_alloc_zeroed(FRAME_USER), pa); /* LIFO: the same frame */
	assert_memory_equal(frame_kva(pa), zero, FRAME_SIZE);
	assert_int_equal(frame_refs(pa), 1);
	/* a fresh frame from the 0xA5-filled arena, too */
	pa = frame_alloc_zeroed(FRAME_PT);
	assert_memory_equal(frame_kva(pa), zero, FRAME_SIZE);
	assert_int_equal(frame_use_of(pa), FRAME_PT);
	/* the neighbours are untouched */
	assert_int_equal(((uint8_t *)frame_kva(pa + FRAME_SIZE))[100], 0xA5);
}

static void test_stats_by_use(void **state)
{
	uint32_t k[3], p[2], u[5];
	struct frame_stats s;

	(void)state;
	for (unsigned i = 0; i < 3; i++)
		k[i] = frame_alloc(FRAME_KERNEL);
	for (unsigned i = 0; i < 2; i++)
		p[i] = frame_alloc(FRAME_PT);
	for (unsigned i = 0; i < 5; i++)
		u[i] = frame_alloc(FRAME_USER);
	s = stats();
	assert_int_equal(s.total, NFRAMES);
	assert_int_equal(s.used, 10);
	assert_int_equal(s.free, NFRAMES - 10);
	assert_int_equal(s.by_use[FRAME_FREE], NFRAMES - 10);
	assert_int_equal(s.by_use[FRAME_KERNEL], 3);
	assert_int_equal(s.by_use[FRAME_PT], 2);
	assert_int_equal(s.by_use[FRAME_USER], 5);
	assert_int_equal(s.by_use[FRAME_RESERVED], 0);
	frame_get(u[0]);                        /* a second reference is not a use */
	assert_int_equal(stats().by_use[FRAME_USER], 5);
	frame_put(u[0]);
	frame_put(u[0]);
	frame_put(p[1]);
	frame_put(k[2]);
	s = stats();
	assert_int_equal(s.by_use[FRAME_KERNEL], 2);
	assert_int_equal(s.by_use[FRAME_PT], 1);
	assert_int_equal(s.by_use[FRAME_USER], 4);
	assert_int_equal(s.used, 7);
	assert_consistent();
}

/* ---- panics ---------------------------------------------------------------------------------- */

static void test_double_free(void **state)
{
	uint32_t pa;

	(void)state;
	pa = frame_alloc(FRAME_USER);
	assert_int_equal(frame_put(pa), 0);
	EXPECT_PANIC(frame_put(pa), "double free");
	EXPECT_PANIC(frame_put(F(20)), "double free");   /* never allocated */
	assert_int_equal(stats().free, NFRAMES);          /* nothing counted twice */
}

static void test_refcount_underflow(void **state)
{
	uint32_t pa;

	(void)state;
	pa = frame_alloc(FRAME_USER);
	frame_get(pa);
	assert_int_equal(frame_put(pa), 1);
	assert_int_equal(frame_put(pa), 0);
	EXPECT_PANIC(frame_put(pa), "frame_put");
	assert_int_equal(frame_refs(pa), 0);
	assert_consistent();
}

static void test_get_free_frame(void **state)
{
	uint32_t pa;

	(void)state;
	EXPECT_PANIC(frame_get(F(5)), "not in use");      /* never allocated */
	pa = frame_alloc(FRAME_USER);
	frame_put(pa);
	EXPECT_PANIC(frame_get(pa), "not in use");        /* freed */
	assert_int_equal(frame_refs(pa), 0);
}

static void test_reserved_frames(void **state)
{
	(void)state;
	fresh(ARENA_PA);
	frame_release_range(F(1), FRAME_SIZE);
	EXPECT_PANIC(frame_get(F(0)), "not in use");
	EXPECT_PANIC(frame_put(F(0)), "frame_put");
	assert_int_equal(frame_use_of(F(0)), FRAME_RESERVED);
}

static void test_release_twice(void **state)
{
	uint32_t pa;

	(void)state;
	EXPECT_PANIC(frame_release_range(F(3), FRAME_SIZE), "released twice");
	pa = frame_alloc(FRAME_USER);                     /* in use: also refused */
	EXPECT_PANIC(frame_release_range(pa, FRAME_SIZE), "released twice");
	assert_int_equal(frame_refs(pa), 1);
}

static void test_release_bad_range(void **state)
{
	(void)state;
	fresh(ARENA_PA);
	EXPECT_PANIC(frame_release_range(F(NFRAMES), FRAME_SIZE), "not a managed frame");
	EXPECT_PANIC(frame_release_range(ARENA_PA - FRAME_SIZE, FRAME_SIZE),
		     "not a managed frame");
	EXPECT_PANIC(frame_release_range(F(1) + 8, FRAME_SIZE), "not a managed frame");
	EXPECT_PANIC(frame_release_range(F(NFRAMES - 1), 2 * FRAME_SIZE),
		     "not a managed frame");
	assert_int_equal(stats().total, 0);
}

/* Every function that takes a frame refuses pa, naming itself. */
static void check_foreign(uint32_t pa)
{
	EXPECT_PANIC(frame_put(pa), "frame_put: ");
	EXPECT_PANIC(frame_get(pa), "frame_get: ");
	EXPECT_PANIC(frame_refs(pa), "frame_refs: ");
	EXPECT_PANIC(frame_use_of(pa), "frame_use_of: ");
	assert_non_null(strstr(panic_msg, "is not a managed frame"));
	assert_false(frame_managed(pa));
}

static void test_foreign_addresses(void **state)
{
	(void)state;
	check_foreign(0);
	check_foreign(ARENA_PA - FRAME_SIZE);               /* just below */
	check_foreign(ARENA_PA + 0x10);                     /* unaligned */
	check_foreign(ARENA_PA + FRAME_SIZE - 1);
	check_foreign(ARENA_PA + NFRAMES * FRAME_SIZE);     /* just above */
	check_foreign(0xFFFFF000);
	check_foreign(0xFFFFFFFF);
	assert_int_equal(stats().free, NFRAMES);
}

/* Allocating with a tag that is not a use would corrupt the counts. */
static void test_bad_use(void **state)
{
	(void)state;
	EXPECT_PANIC(frame_alloc(FRAME_FREE), "bad use");
	EXPECT_PANIC(frame_alloc(FRAME_RESERVED), "bad use");
	EXPECT_PANIC(frame_alloc_reserved(FRAME_USE_COUNT), "bad use");
	EXPECT_PANIC(frame_alloc((enum frame_use)200), "bad use");
	assert_int_equal(stats().free, NFRAMES);
	assert_consistent();
}

/*
 * Physical address 0 is the allocator's "no frame": a span starting at 0
 * must keep frame 0 out of the free list, or the list would look empty.
 */
static void test_frame_zero(void **state)
{
	(void)state;
	fresh(0);
	EXPECT_PANIC(frame_release_range(0, 2 * FRAME_SIZE), "frame_release_range");
	assert_int_equal(stats().free, 0);
	frame_release_range(FRAME_SIZE, (NFRAMES - 1) * FRAME_SIZE);
	assert_int_equal(stats().free, NFRAMES - 1);
	for (unsigned i = 1; i < NFRAMES; i++)
		assert_int_equal(frame_alloc(FRAME_USER), F(i));
	assert_int_equal(frame_alloc(FRAME_USER), 0);
	arena_pa = ARENA_PA;
}

static int group_setup(void **state)
{
	(void)state;
	arena = aligned_alloc(FRAME_SIZE, NFRAMES * FRAME_SIZE);
	return arena ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	free(arena);
	return 0;
}

#define T(fn) cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_init_all_reserved),
		T(test_release_partial),
		T(test_managed_foreign),
		T(test_low_first),
		T(test_lifo),
		T(test_exhaustion),
		T(test_refcounts),
		T(test_shared_count),
		T(test_refcount_limit),
		T(test_reserve),
		T(test_zeroed),
		T(test_stats_by_use),
		T(test_double_free),
		T(test_refcount_underflow),
		T(test_get_free_frame),
		T(test_reserved_frames),
		T(test_release_twice),
		T(test_release_bad_range),
		T(test_foreign_addresses),
		T(test_bad_use),
		T(test_frame_zero),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
