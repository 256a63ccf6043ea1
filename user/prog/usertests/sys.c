/*
 * usertests/sys.c - system calls given bad pointers, lengths, fds and
 * numbers: each answer is an exact errno, never a fault of the caller.
 *
 * The rules (docs/syscalls.md §3): every byte a call reads or writes must
 * lie inside the window, whose end the range may not cross, and be
 * accessible to the process itself; otherwise -EFAULT.  A length that
 * does not fit an int is -EINVAL, checked before the buffer; a length of
 * 0 touches nothing.  write() copies in 256-byte chunks and returns what
 * it wrote before a bad chunk.  read() checks its buffer before it waits
 * for input, so none of these reads blocks.  Unknown numbers, including
 * 0, are -ENOSYS whatever the arguments.
 *
 * The writes that succeed print only spaces and newlines.
 */
#include <stdint.h>
#include <string.h>
#include "ut.h"

/* Pointers no call may use: outside the window, or holes in it. */
static const uint32_t bad_ptrs[] = {
	0, KTEXT, KRODATA, KIMAGE, KRAM, VECTORS_HI, PERIPH, PERIPH_GPIO,
	PAGODA_GPIO_VA, KSTACKS, ADDR_TOP, WIN_FIRST - 16, PAGODA_WINDOW_END,
	HEAP_HOLE, GUARD_LO, GUARD_HI - 7, 0xFFFFFFF0u,
};
#define NBAD (sizeof bad_ptrs / sizeof bad_ptrs[0])

static char spaces[PAGE];   /* a page of spaces, ending in a newline */

static void fill_spaces(void)
{
	memset(spaces, ' ', sizeof spaces);
	spaces[sizeof spaces - 1] = '\n';
}

static void t_write_bad_ptrs(const struct utest *t)
{
	(void)t;
	for (unsigned i = 0; i < NBAD; i++) {
		UT_EQ(sc(SYS_write, 1, bad_ptrs[i], 1), -EFAULT);
		UT_EQ(sc(SYS_write, 2, bad_ptrs[i], 16), -EFAULT);
	}
	/* read-only memory of our own is fine to write out */
	UT_EQ(sc(SYS_write, 1, (long)"\n", 1), 1);
}

/* Ranges that start in the window and run past its end. */
static void t_write_straddle_end(const struct utest *t)
{
	(void)t;
	UT_EQ(sc(SYS_write, 1, WIN_LAST, 2), -EFAULT);
	UT_EQ(sc(SYS_write, 1, WIN_LAST - 15, 32), -EFAULT);
	UT_EQ(sc(SYS_write, 1, WIN_LAST - 127, 512), -EFAULT);   /* chunk 1 crosses */
	UT_EQ(sc(SYS_write, 1, WIN_LAST - 100, 0x00100000), -EFAULT);
	UT_EQ(sc(SYS_write, 1, WIN_FIRST - 1, 2), -EFAULT);     /* starts below */
}

/* The heap grown to its limit: ranges from its last bytes into the guard
 * page.  read() checks the first 256 bytes, one per page, before it
 * waits: each of these reaches the guard within them. */
static void t_straddle_guard(const struct utest *t)
{
	long room = (long)PAGODA_HEAP_LIMIT - sc(SYS_sbrk, 0, 0, 0);
	char *end = (char *)PAGODA_HEAP_LIMIT;

	(void)t;
	UT_CHECK(sc(SYS_sbrk, room, 0, 0) > 0);
	memset(end - 16, ' ', 16);
	end[-1] = '\n';
	UT_EQ(sc(SYS_write, 1, (long)(end - 16), 32), -EFAULT);
	UT_EQ(sc(SYS_write, 1, (long)(end - 16), 16), 16);
	UT_EQ(sc(SYS_read, 0, (long)(end - 16), 32), -EFAULT);
	UT_EQ(sc(SYS_read, 0, (long)(end - 1), 2), -EFAULT);
	UT_EQ(sc(SYS_uptime_us, (long)(end - 4), 0, 0), -EFAULT);
	UT_EQ(sc(SYS_uptime_us, (long)(end - 8), 0, 0), 0);
	UT_EQ(sc(SYS_wait, -1, (long)(end - 2), 0), -EFAULT);
}

static void t_write_lengths(const struct utest *t)
{
	(void)t;
	fill_spaces();
	UT_EQ(sc(SYS_write, 1, (long)spaces, 0), 0);
	UT_EQ(sc(SYS_write, 1, 0, 0), 0);                  /* no byte: no check */
	UT_EQ(sc(SYS_write, 1, KTEXT, 0), 0);
	UT_EQ(sc(SYS_write, 1, (long)&spaces[PAGE - 1], 1), 1);
	UT_EQ(sc(SYS_write, 1, (long)spaces, PAGE), PAGE);
	UT_EQ(sc(SYS_write, 1, (long)spaces, (long)0x80000000u), -EINVAL);
	UT_EQ(sc(SYS_write, 1, (long)spaces, (long)0xFFFFFFFFu), -EINVAL);
	UT_EQ(sc(SYS_write, 1, KTEXT, (long)0xFFFFFFFFu), -EINVAL); /* length first */
	UT_EQ(sc(SYS_write, 1, KTEXT, 0x7FFFFFFF), -EFAULT);
	UT_EQ(sc(SYS_write, 1, KTEXT, 0x00100000), -EFAULT);
	UT_EQ(sc(SYS_write, 1, GUARD_LO, 0x00100000), -EFAULT);
}

/* A buffer whose end runs into an unmapped page: write() returns what it
 * wrote before the chunk that failed. */
static void t_write_partial(const struct utest *t)
{
	long b = (sc(SYS_sbrk, 0, 0, 0) + PAGE - 1) & ~(long)(PAGE - 1);
	char *end;

	(void)t;
	UT_CHECK(sc(SYS_sbrk, b - sc(SYS_sbrk, 0, 0, 0) + PAGE, 0, 0) > 0);
	end = (char *)(b + PAGE);                      /* nothing mapped from here */
	memset(end - 256, ' ', 256);
	end[-1] = '\n';
	UT_EQ(sc(SYS_write, 1, (long)(end - 256), 512), 256);
	UT_EQ(sc(SYS_write, 1, (long)(end - 255), 256), -EFAULT);
	UT_EQ(sc(SYS_write, 1, (long)(end - 1), 1), 1);
}

static void t_write_bad_fds(const struct utest *t)
{
	static const long fds[] = { -1, 0, 3, 4, 255, 0x7FFFFFFF, (long)0x80000000u, -2 };

	(void)t;
	for (unsigned i = 0; i < sizeof fds / sizeof fds[0]; i++) {
		UT_EQ(sc(SYS_write, fds[i], (long)"\n", 1), -EBADF);
		UT_EQ(sc(SYS_write, fds[i], KTEXT, 0xFFFFFFFF), -EBADF);   /* fd first */
	}
	UT_EQ(sc(SYS_write, 2, (long)"\n", 1), 1);
}

static void t_read_bad_ptrs(const struct utest *t)
{
	(void)t;
	for (unsigned i = 0; i < NBAD; i++)
		UT_EQ(sc(SYS_read, 0, bad_ptrs[i], 16), -EFAULT);
	/* our own read-only memory: text, rodata, the ELF header */
	UT_EQ(sc(SYS_read, 0, (long)t_read_bad_ptrs, 16), -EFAULT);
	UT_EQ(sc(SYS_read, 0, (long)"read-only", 4), -EFAULT);
	UT_EQ(sc(SYS_read, 0, WIN_FIRST, 1), -EFAULT);
	/* straddling the window's end */
	UT_EQ(sc(SYS_read, 0, WIN_LAST, 2), -EFAULT);
	UT_EQ(sc(SYS_read, 0, WIN_LAST - 7, 16), -EFAULT);
}

static void t_read_lengths(const struct utest *t)
{
	char buf[16];

	(void)t;
	UT_EQ(sc(SYS_read, 0, (long)buf, 0), 0);
	UT_EQ(sc(SYS_read, 0, KTEXT, 0), 0);
	UT_EQ(sc(SYS_read, 0, (long)buf, (long)0x80000000u), -EINVAL);
	UT_EQ(sc(SYS_read, 0, (long)buf, (long)0xFFFFFFFFu), -EINVAL);
	UT_EQ(sc(SYS_read, 0, WIN_FIRST, 0x00100000), -EFAULT);      /* the whole window */
	UT_EQ(sc(SYS_read, 0, KTEXT, 0x7FFFFFFF), -EFAULT);
	UT_EQ(sc(SYS_read, 0, GUARD_LO, PAGE), -EFAULT);
}

static void t_read_bad_fds(const struct utest *t)
{
	static const long fds[] = { -1, 1, 2, 3, 0x7FFFFFFF, (long)0x80000000u };
	char buf[4];

	(void)t;
	for (unsigned i = 0; i < sizeof fds / sizeof fds[0]; i++)
		UT_EQ(sc(SYS_read, fds[i], (long)buf, 1), -EBADF);
}

/* Calls that store a structure: uptime_us (8 bytes), memstat. */
static void t_store_bad_ptrs(const struct utest *t)
{
	const long ms = sizeof(struct pagoda_memstat);

	(void)t;
	for (unsigned i = 0; i < NBAD; i++) {
		UT_EQ(sc(SYS_uptime_us, bad_ptrs[i], 0, 0), -EFAULT);
		UT_EQ(sc(SYS_memstat, bad_ptrs[i], 0, 0), -EFAULT);
	}
	UT_EQ(sc(SYS_uptime_us, (long)t_store_bad_ptrs, 0, 0), -EFAULT);   /* text */
	UT_EQ(sc(SYS_memstat, WIN_FIRST, 0, 0), -EFAULT);
	UT_EQ(sc(SYS_uptime_us, PAGODA_WINDOW_END - 7, 0, 0), -EFAULT);   /* straddles */
	UT_EQ(sc(SYS_memstat, PAGODA_WINDOW_END - ms + 1, 0, 0), -EFAULT);
	/* the very end of the window, and an odd address, are fine */
	UT_EQ(sc(SYS_uptime_us, PAGODA_WINDOW_END - 8, 0, 0), 0);
	UT_EQ(sc(SYS_memstat, PAGODA_WINDOW_END - ms, 0, 0), 0);
	UT_EQ(sc(SYS_uptime_us, PAGODA_STACK_BOTTOM + 1, 0, 0), 0);
}

static void t_wait_bad_ptrs(const struct utest *t)
{
	(void)t;
	for (unsigned i = 0; i < NBAD; i++)
		if (bad_ptrs[i])                        /* NULL is allowed */
			UT_EQ(sc(SYS_wait, -1, bad_ptrs[i], 0), -EFAULT);
	UT_EQ(sc(SYS_wait, -1, (long)t_wait_bad_ptrs, 0), -EFAULT);   /* text */
	UT_EQ(sc(SYS_wait, -1, WIN_LAST - 2, 0), -EFAULT);            /* straddles */
	UT_EQ(sc(SYS_wait, -1, 0, 0), -ECHILD);
}

static void t_spawn_bad_ptrs(const struct utest *t)
{
	char *argv[] = { "hello", 0 };
	char *bad_argv[] = { "hello", (char *)KTEXT, 0 };

	(void)t;
	for (unsigned i = 0; i < NBAD; i++) {
		UT_EQ(sc(SYS_spawn, bad_ptrs[i], (long)argv, 0), -EFAULT);
		if (bad_ptrs[i])                        /* NULL argv is allowed */
			UT_EQ(sc(SYS_spawn, (long)"hello", bad_ptrs[i], 0), -EFAULT);
	}
	UT_EQ(sc(SYS_spawn, (long)"hello", (long)bad_argv, 0), -EFAULT);
	UT_EQ(sc(SYS_spawn, (long)"hello", (long)argv, 2), -EINVAL);
	UT_EQ(sc(SYS_spawn, (long)"hello", (long)argv, (long)0xFFFFFFFFu), -EINVAL);
	UT_EQ(sc(SYS_spawn, (long)"hello", (long)argv, SPAWN_IO), -EPERM);
}

static void check_nosys(long nr, long a0, long a1, long a2)
{
	long r = pagoda_syscall6(nr, a0, a1, a2, a0 ^ a1, a1 ^ a2, a2 ^ a0);

	if (r != -ENOSYS) {
		ut_say("  nosys: syscall %ld (0x%lx)\n", nr, (unsigned long)nr);
		UT_EQ(r, -ENOSYS);
	}
}

static void t_nosys_edges(const struct utest *t)
{
	static const long nrs[] = {
		0, SYS_COUNT, SYS_COUNT + 1, 255, 256, 999, 0x7FFFFFFF,
		(long)0x80000000u, (long)0xFFFFFFFFu, -SYS_COUNT, -SYS_getpid,
		SYS_getpid + 0x100, SYS_getpid + 0x10000, SYS_getpid + (long)0x80000000u,
	};

	(void)t;
	for (unsigned i = 0; i < sizeof nrs / sizeof nrs[0]; i++) {
		check_nosys(nrs[i], 0, 0, 0);
		check_nosys(nrs[i], KTEXT, -1, (long)0x80000000u);
	}
}

static void t_nosys_random(const struct utest *t)
{
	uint32_t s = 0x2545F491u;

	(void)t;
	for (int i = 0; i < 5000; i++) {
		uint32_t nr = ut_rand(&s);

		if (nr < SYS_COUNT)
			continue;
		check_nosys((long)nr, (long)ut_rand(&s), (long)ut_rand(&s), (long)ut_rand(&s));
	}
}

/* Calls that take nothing ignore whatever is in the argument registers. */
static void t_args_ignored(const struct utest *t)
{
	long pid = sc(SYS_getpid, 0, 0, 0);

	(void)t;
	UT_CHECK(pid > 2);
	UT_EQ(pagoda_syscall6(SYS_getpid, KTEXT, -1, 0, 1, 2, 3), pid);
	UT_EQ(pagoda_syscall6(SYS_getppid, -1, -1, -1, -1, -1, -1), sc(SYS_getppid, 0, 0, 0));
	UT_EQ(pagoda_syscall6(SYS_yield, KTEXT, KTEXT, KTEXT, 0, 0, 0), 0);
	UT_EQ(sc(SYS_sleep_ms, 0, KTEXT, -1), 0);
}

const struct utest sys_tests[] = {
	{ "write_bad_ptrs",     t_write_bad_ptrs,     UT_PASS, 0, 0, 0 },
	{ "write_straddle_end", t_write_straddle_end, UT_PASS, 0, 0, 0 },
	{ "straddle_guard",     t_straddle_guard,     UT_PASS, 0, 0, 0 },
	{ "write_lengths",      t_write_lengths,      UT_PASS, 0, 0, 0 },
	{ "write_partial",      t_write_partial,      UT_PASS, 0, 0, 0 },
	{ "write_bad_fds",      t_write_bad_fds,      UT_PASS, 0, 0, 0 },
	{ "read_bad_ptrs",      t_read_bad_ptrs,      UT_PASS, 0, 0, 0 },
	{ "read_lengths",       t_read_lengths,       UT_PASS, 0, 0, 0 },
	{ "read_bad_fds",       t_read_bad_fds,       UT_PASS, 0, 0, 0 },
	{ "store_bad_ptrs",     t_store_bad_ptrs,     UT_PASS, 0, 0, 0 },
	{ "wait_bad_ptrs",      t_wait_bad_ptrs,      UT_PASS, 0, 0, 0 },
	{ "spawn_bad_ptrs",     t_spawn_bad_ptrs,     UT_PASS, 0, 0, 0 },
	{ "nosys_edges",        t_nosys_edges,        UT_PASS, 0, 0, 0 },
	{ "nosys_random",       t_nosys_random,       UT_PASS, 0, 0, 0 },
	{ "args_ignored",       t_args_ignored,       UT_PASS, 0, 0, 0 },
	{ 0, 0, 0, 0, 0, 0 },
};
