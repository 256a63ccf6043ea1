/*
 * usertests/mem.c - the break and the stack, at and past their limits.
 *
 * The break lives in [brk_base, 0x020EF000] (docs/syscalls.md, sbrk):
 * brk_base is the page after the program's data (ut_brk_base()), and the
 * heap limit is the guard page's start.  A move outside is -ENOMEM and
 * changes nothing; the kernel computes the new break in 64 bits, so no
 * delta may wrap it around.  Heap pages arrive zero-filled on first touch
 * (the `resident` count of SYS_memstat shows it), and pages above a
 * lowered break are gone: touching one faults.
 *
 * These tests move the break under malloc's feet; they run in children
 * of their own and print only through ut_say(), so that is harmless.
 */
#include <stdint.h>
#include "ut.h"

static long brk_now(void)
{
	return sc(SYS_sbrk, 0, 0, 0);
}

static unsigned resident(void)
{
	struct pagoda_memstat m;

	UT_EQ(sc(SYS_memstat, (long)&m, 0, 0), 0);
	return m.resident;
}

static void t_sbrk_zero(const struct utest *t)
{
	long b = brk_now();

	(void)t;
	UT_CHECK(b >= (long)ut_brk_base() && b <= (long)PAGODA_HEAP_LIMIT);
	UT_EQ(brk_now(), b);
	UT_EQ(sc(SYS_sbrk, 1, 0, 0), b);        /* returns the old break */
	UT_EQ(sc(SYS_sbrk, -1, 0, 0), b + 1);
	UT_EQ(brk_now(), b);
}

static void t_sbrk_to_limit(const struct utest *t)
{
	long b = brk_now();
	long room = (long)PAGODA_HEAP_LIMIT - b;
	volatile uint8_t *last = (volatile uint8_t *)(PAGODA_HEAP_LIMIT - 1);

	(void)t;
	UT_EQ(sc(SYS_sbrk, room, 0, 0), b);
	UT_EQ(brk_now(), PAGODA_HEAP_LIMIT);
	UT_EQ(*last, 0);                        /* the heap's last byte: zero-filled */
	*last = 0xA5;
	UT_EQ(*last, 0xA5);
	UT_EQ(sc(SYS_sbrk, 1, 0, 0), -ENOMEM);  /* not one byte more */
	UT_EQ(sc(SYS_sbrk, PAGE, 0, 0), -ENOMEM);
	UT_EQ(brk_now(), PAGODA_HEAP_LIMIT);
}

static void t_sbrk_past_limit(const struct utest *t)
{
	long b = brk_now();

	(void)t;
	UT_EQ(sc(SYS_sbrk, (long)PAGODA_HEAP_LIMIT - b + 1, 0, 0), -ENOMEM);
	UT_EQ(sc(SYS_sbrk, 0x00100000, 0, 0), -ENOMEM);       /* the whole window */
	UT_EQ(sc(SYS_sbrk, 0x7FFFFFFF, 0, 0), -ENOMEM);
	UT_EQ(brk_now(), b);
}

/* Below the base: the exact base works, a byte below does not. */
static void t_sbrk_below_base(const struct utest *t)
{
	long b = brk_now(), base = (long)ut_brk_base();

	(void)t;
	UT_EQ(sc(SYS_sbrk, base - b - 1, 0, 0), -ENOMEM);
	UT_EQ(brk_now(), b);
	UT_EQ(sc(SYS_sbrk, base - b, 0, 0), b);
	UT_EQ(brk_now(), base);
	UT_EQ(sc(SYS_sbrk, -1, 0, 0), -ENOMEM);
	UT_EQ(sc(SYS_sbrk, -PAGE, 0, 0), -ENOMEM);
	UT_EQ(brk_now(), base);
}

/* Deltas that would wrap a 32-bit break around 0 either way. */
static void t_sbrk_wrap(const struct utest *t)
{
	long b = brk_now();

	(void)t;
	UT_EQ(sc(SYS_sbrk, (long)0x80000000u, 0, 0), -ENOMEM);   /* INT_MIN */
	UT_EQ(sc(SYS_sbrk, -b, 0, 0), -ENOMEM);                  /* to 0 */
	UT_EQ(sc(SYS_sbrk, -b - 1, 0, 0), -ENOMEM);              /* to 0xFFFFFFFF */
	/* 2^32 - 2^31 + the room left: in 32 bits, the limit plus 2^31 */
	UT_EQ(sc(SYS_sbrk, (long)0x80000000u + ((long)PAGODA_HEAP_LIMIT - b), 0, 0), -ENOMEM);
	UT_EQ(sc(SYS_sbrk, 0x7FFFFFFF, 0, 0), -ENOMEM);                 /* INT_MAX */
	UT_EQ(sc(SYS_sbrk, (long)0xFFFFFFFFu - (long)PAGODA_HEAP_LIMIT, 0, 0), -ENOMEM);
	UT_EQ(brk_now(), b);
}

/* Growing maps nothing; touching maps one page per page touched. */
static void t_sbrk_lazy(const struct utest *t)
{
	long b = (brk_now() + PAGE - 1) & ~(long)(PAGE - 1);
	unsigned r0;

	(void)t;
	UT_CHECK(sc(SYS_sbrk, b - brk_now(), 0, 0) >= 0);   /* to a page boundary */
	r0 = resident();
	UT_EQ(sc(SYS_sbrk, 128 * PAGE, 0, 0), b);
	UT_EQ(resident(), r0);
	for (unsigned i = 0; i < 128; i += 16)
		*(volatile uint8_t *)(b + i * PAGE) = 1;
	UT_EQ(resident(), r0 + 8);
}

/* Lowering the break unmaps and frees; growing again gives zeros. */
static void t_sbrk_shrink(const struct utest *t)
{
	long b = (brk_now() + PAGE - 1) & ~(long)(PAGE - 1);
	struct pagoda_memstat m0, m1;
	unsigned r0;

	(void)t;
	UT_CHECK(sc(SYS_sbrk, b - brk_now(), 0, 0) >= 0);
	r0 = resident();
	UT_EQ(sc(SYS_sbrk, 32 * PAGE, 0, 0), b);
	for (unsigned i = 0; i < 32; i++)
		*(volatile uint32_t *)(b + i * PAGE) = 0xC0FFEE00 + i;
	UT_EQ(resident(), r0 + 32);
	sc(SYS_memstat, (long)&m0, 0, 0);
	UT_EQ(sc(SYS_sbrk, -32 * (long)PAGE, 0, 0), b + 32 * PAGE);
	sc(SYS_memstat, (long)&m1, 0, 0);
	UT_EQ(resident(), r0);
	UT_EQ(m1.frames_free, m0.frames_free + 32);
	UT_EQ(sc(SYS_sbrk, 32 * PAGE, 0, 0), b);
	for (unsigned i = 0; i < 32; i++)
		UT_EQ(*(volatile uint32_t *)(b + i * PAGE), 0);
}

/* A page above a lowered break is gone. */
static void t_sbrk_shrink_fault(const struct utest *t)
{
	long b = (brk_now() + PAGE - 1) & ~(long)(PAGE - 1);

	(void)t;
	UT_CHECK(sc(SYS_sbrk, b - brk_now() + 2 * PAGE, 0, 0) >= 0);
	*(volatile uint32_t *)(b + PAGE) = 1;
	UT_EQ(sc(SYS_sbrk, -2 * (long)PAGE, 0, 0), b + 2 * PAGE);
	(void)*(volatile uint32_t *)(b + PAGE);       /* must fault */
}

/* A break in the middle of a page: the rest of that page is usable (the
 * kernel maps whole pages), the next page is not. */
static void t_sbrk_partial_page(const struct utest *t)
{
	long b = (brk_now() + PAGE - 1) & ~(long)(PAGE - 1);

	(void)t;
	UT_CHECK(sc(SYS_sbrk, b - brk_now() + 1, 0, 0) >= 0);
	UT_EQ(brk_now(), b + 1);
	*(volatile uint8_t *)b = 1;
	*(volatile uint8_t *)(b + PAGE - 1) = 2;
	UT_EQ(*(volatile uint8_t *)(b + PAGE - 1), 2);
	(void)*(volatile uint8_t *)(b + PAGE);        /* must fault */
}

/* The kernel's copies into our memory go through the same faults as our
 * own stores: into a page shared copy-on-write with a child (each keeps
 * its own), and into heap and stack pages never touched before. */
static struct pagoda_memstat shared_ms;

static void t_ucopy_cow(const struct utest *t)
{
	static volatile uint64_t shared_us = 1;
	int pid;

	(void)t;
	shared_ms.procs = 7;
	pid = ut_fork();
	if (pid == 0) {
		UT_EQ(sc(SYS_uptime_us, (long)&shared_us, 0, 0), 0);   /* copy-on-write */
		UT_CHECK(shared_us > 1);
		sc(SYS_sleep_ms, 20, 0, 0);
		UT_EQ(shared_ms.procs, 7);              /* not the parent's memstat */
		ut_exit(0);
	}
	UT_EQ(sc(SYS_memstat, (long)&shared_ms, 0, 0), 0);
	UT_CHECK(shared_ms.procs != 7);
	UT_EQ(ut_exitcode(ut_wait(pid)), 0);
	UT_EQ(shared_us, 1);                        /* not the child's uptime */
}

static void t_ucopy_demand(const struct utest *t)
{
	long b = (brk_now() + PAGE - 1) & ~(long)(PAGE - 1);
	unsigned r0;

	(void)t;
	UT_CHECK(sc(SYS_sbrk, b - brk_now() + 2 * PAGE, 0, 0) >= 0);
	r0 = resident();
	UT_EQ(sc(SYS_uptime_us, b + 8, 0, 0), 0);                     /* heap */
	UT_CHECK(*(volatile uint64_t *)(b + 8) != 0);
	UT_EQ(sc(SYS_memstat, PAGODA_STACK_BOTTOM + PAGE, 0, 0), 0);  /* deep stack */
	UT_EQ(resident(), r0 + 2);
	UT_EQ(sc(SYS_write, 1, b + PAGE + 8, 0), 0);
	UT_EQ(resident(), r0 + 2);                                     /* 0 bytes: no touch */
	UT_EQ(sc(SYS_exec, b + PAGE + 8, 0, 0), -ENOENT);              /* reads "" there */
	UT_EQ(resident(), r0 + 3);
}

/* Lowering the break while a child shares the pages: the child keeps
 * them, and they go back when it ends (the runner counts). */
static void t_sbrk_shrink_shared(const struct utest *t)
{
	long b = (brk_now() + PAGE - 1) & ~(long)(PAGE - 1);
	int pid;

	(void)t;
	UT_CHECK(sc(SYS_sbrk, b - brk_now() + 8 * PAGE, 0, 0) >= 0);
	for (unsigned i = 0; i < 8; i++)
		*(volatile uint32_t *)(b + i * PAGE) = 0xFEED0000 + i;
	pid = ut_fork();
	if (pid == 0) {
		sc(SYS_sleep_ms, 20, 0, 0);             /* the parent shrinks meanwhile */
		for (unsigned i = 0; i < 8; i++)
			UT_EQ(*(volatile uint32_t *)(b + i * PAGE), 0xFEED0000 + i);
		*(volatile uint32_t *)b = 1;            /* now its own */
		UT_EQ(sc(SYS_sbrk, -8 * (long)PAGE, 0, 0), b + 8 * PAGE);
		ut_exit(0);
	}
	UT_EQ(sc(SYS_sbrk, -8 * (long)PAGE, 0, 0), b + 8 * PAGE);
	UT_EQ(sc(SYS_sbrk, 8 * PAGE, 0, 0), b);
	UT_EQ(*(volatile uint32_t *)(b + 3 * PAGE), 0);   /* fresh, not the old one */
	UT_EQ(ut_exitcode(ut_wait(pid)), 0);
}

/* Unaligned word accesses across a page boundary (SCTLR.U = 1 allows
 * them): into a page not touched yet, the fault on the second page is
 * served and the access restarted with the right result; into the guard
 * page or past the window, it faults. */
static void t_ldr_straddle_demand(const struct utest *t)
{
	long b = (brk_now() + PAGE - 1) & ~(long)(PAGE - 1);
	uint32_t v, p;

	(void)t;
	UT_CHECK(sc(SYS_sbrk, b - brk_now() + 4 * PAGE, 0, 0) >= 0);
	*(volatile uint32_t *)(b + PAGE - 4) = 0x44332211;           /* page 0 only */
	p = (uint32_t)b + PAGE - 2;
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(p) : "memory");
	UT_EQ(v, 0x00004433);                                        /* page 1: zeros */
	p = (uint32_t)b + 3 * PAGE - 1;                              /* pages 2, 3 untouched */
	__asm__ volatile("str %0, [%1]" :: "r"(0xDDCCBBAAu), "r"(p) : "memory");
	UT_EQ(*(volatile uint8_t *)p, 0xAA);
	UT_EQ(*(volatile uint32_t *)(b + 3 * PAGE), 0x00DDCCBB);
}

/* STM of eight words across into a page not touched yet: restarted. */
static void t_stm_straddle_demand(const struct utest *t)
{
	long b = (brk_now() + PAGE - 1) & ~(long)(PAGE - 1);
	uint32_t p;

	(void)t;
	UT_CHECK(sc(SYS_sbrk, b - brk_now() + 2 * PAGE, 0, 0) >= 0);
	p = (uint32_t)b + PAGE - 16;
	*(volatile uint32_t *)p = 0;
	__asm__ volatile("mov r2, #1\n\tmov r3, #2\n\tmov r4, #3\n\tmov r5, #4\n\t"
			 "mov r6, #5\n\tmov r8, #6\n\tmov r9, #7\n\tmov r10, #8\n\t"
			 "stm %0, {r2-r6, r8-r10}"
			 :: "r"(p) : "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "memory");
	for (unsigned i = 0; i < 8; i++)
		UT_EQ(((volatile uint32_t *)p)[i], i + 1);
}

static void t_ldr_straddle_guard(const struct utest *t)
{
	uint32_t v;

	(void)t;
	UT_CHECK(sc(SYS_sbrk, (long)PAGODA_HEAP_LIMIT - brk_now(), 0, 0) > 0);
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(PAGODA_HEAP_LIMIT - 2) : "memory");
}

static void t_ldr_straddle_end(const struct utest *t)
{
	uint32_t v;

	(void)t;
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(PAGODA_WINDOW_END - 2) : "memory");
}

/* A full heap, forked ten times over, each child writing every page:
 * copy-on-write at volume, and every copy freed. */
static void t_fork_big(const struct utest *t)
{
	long b = (brk_now() + PAGE - 1) & ~(long)(PAGE - 1);

	(void)t;
	UT_CHECK(sc(SYS_sbrk, (long)PAGODA_HEAP_LIMIT - brk_now(), 0, 0) > 0);
	for (long a = b; a < (long)PAGODA_HEAP_LIMIT; a += PAGE)
		*(volatile uint32_t *)a = (uint32_t)a;
	for (int i = 0; i < 10; i++) {
		int pid = ut_fork();
		if (pid == 0) {
			for (long a = b; a < (long)PAGODA_HEAP_LIMIT; a += PAGE) {
				if (*(volatile uint32_t *)a != (uint32_t)a)
					ut_exit(1);
				*(volatile uint32_t *)a = (uint32_t)a ^ (uint32_t)i;
			}
			ut_exit(0);
		}
		UT_EQ(ut_exitcode(ut_wait(pid)), 0);
	}
	for (long a = b; a < (long)PAGODA_HEAP_LIMIT; a += PAGE)
		UT_EQ(*(volatile uint32_t *)a, a);
}

/* 1 KiB frames until the guard page: killed as a stack overflow. */
static volatile int never = 1 << 30;   /* the guard comes first */

__attribute__((noinline)) static int recurse(int depth)
{
	volatile char frame[1024];

	if (depth > never)
		return 0;
	frame[0] = (char)depth;
	frame[sizeof frame - 1] = (char)depth;
	return recurse(depth + 1) + frame[0];
}

static void t_stack_overflow(const struct utest *t)
{
	(void)t;
	recurse(0);
}

/* One frame bigger than the guard page: the store lands below the guard,
 * outside every region, with sp below the stack. */
__attribute__((noinline)) static int big_frame(void)
{
	volatile char frame[80 * 1024];

	frame[0] = 1;
	return frame[0];
}

static void t_stack_jump_guard(const struct utest *t)
{
	(void)t;
	big_frame();
}

/* Most of the 64 KiB stack may be used. */
__attribute__((noinline)) static int use_stack(void)
{
	volatile char frame[56 * 1024];

	for (unsigned i = 0; i < sizeof frame; i += 512)
		frame[i] = (char)i;
	return frame[sizeof frame - 512];
}

static void t_stack_56k(const struct utest *t)
{
	(void)t;
	UT_EQ(use_stack(), (char)(56 * 1024 - 512));
}

/* sp pointing at the kernel, then a system call and a fault: the kernel
 * never uses the user sp, and the fault is the process's alone. */
static void t_svc_with_bad_sp(const struct utest *t)
{
	register long r0 __asm__("r0");
	register long r7 __asm__("r7") = SYS_getpid;

	(void)t;
	__asm__ volatile(
		"mov r4, sp\n\t"            /* keep the real sp */
		"mov sp, #0x8000\n\t"       /* kernel text */
		"svc #0\n\t"
		"mov sp, r4\n\t"
		: "=r"(r0) : "r"(r7) : "r4", "memory");
	UT_EQ(r0, sc(SYS_getpid, 0, 0, 0));
}

static void t_fault_with_bad_sp(const struct utest *t)
{
	(void)t;
	__asm__ volatile(
		"mov sp, #0\n\t"
		"ldr r0, [sp]\n\t"          /* page 0: must fault */
		::: "r0", "memory");
}

const struct utest mem_tests[] = {
	{ "sbrk_zero",          t_sbrk_zero,          UT_PASS,  0, 0, 0 },
	{ "sbrk_to_limit",      t_sbrk_to_limit,      UT_PASS,  0, 0, 0 },
	{ "sbrk_past_limit",    t_sbrk_past_limit,    UT_PASS,  0, 0, 0 },
	{ "sbrk_below_base",    t_sbrk_below_base,    UT_PASS,  0, 0, 0 },
	{ "sbrk_wrap",          t_sbrk_wrap,          UT_PASS,  0, 0, 0 },
	{ "sbrk_lazy",          t_sbrk_lazy,          UT_PASS,  0, 0, 0 },
	{ "sbrk_shrink",        t_sbrk_shrink,        UT_PASS,  0, 0, 0 },
	{ "sbrk_shrink_fault",  t_sbrk_shrink_fault,  UT_FAULT, 0, 0, 0 },
	{ "sbrk_partial_page",  t_sbrk_partial_page,  UT_FAULT, 0, 0, 0 },
	{ "ucopy_cow",          t_ucopy_cow,          UT_PASS,  0, 0, 0 },
	{ "ucopy_demand",       t_ucopy_demand,       UT_PASS,  0, 0, 0 },
	{ "sbrk_shrink_shared", t_sbrk_shrink_shared, UT_PASS,  0, 0, 0 },
	{ "ldr_straddle_demand", t_ldr_straddle_demand, UT_PASS, 0, 0, 0 },
	{ "stm_straddle_demand", t_stm_straddle_demand, UT_PASS, 0, 0, 0 },
	{ "ldr_straddle_guard", t_ldr_straddle_guard, UT_FAULT, 0, 0, 0 },
	{ "ldr_straddle_end",   t_ldr_straddle_end,   UT_FAULT, 0, 0, 0 },
	{ "fork_big",           t_fork_big,           UT_PASS,  0, 0, 0 },
	{ "stack_overflow",     t_stack_overflow,     UT_FAULT, 0, 0, 0 },
	{ "stack_jump_guard",   t_stack_jump_guard,   UT_FAULT, 0, 0, 0 },
	{ "stack_56k",          t_stack_56k,          UT_PASS,  0, 0, 0 },
	{ "svc_with_bad_sp",    t_svc_with_bad_sp,    UT_PASS,  0, 0, 0 },
	{ "fault_with_bad_sp",  t_fault_with_bad_sp,  UT_FAULT, 0, 0, 0 },
	{ 0, 0, 0, 0, 0, 0 },
};
