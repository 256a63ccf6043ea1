/*
 * user/prog/bench/profile.c - `bench profile KIND N`: N rounds of one
 * operation between two calls of bench_mark(), for tools/bench --profile,
 * which traces the instructions in between (QEMU -d exec) and counts them
 * by function.  docs/performance.md section 5.
 */
#include <stdio.h>
#include <string.h>
#include "bench.h"

/* tools/bench --profile finds this function's address in the debug ELF;
 * the instructions traced between its two calls are the loop. */
__attribute__((noinline)) void bench_mark(void)
{
	__asm__ volatile("" : : : "memory");
}

/* Each profiled loop starts on a tick, so that no tick lands in a short
 * trace.  n getpid calls: */
static void prof_syscall(unsigned n)
{
	tick_align();
	bench_mark();
	svc_loop(n, SYS_getpid);
	bench_mark();
}

/* n yield round trips (two switches each) with a forked partner. */
static void prof_yield(unsigned n)
{
	long pid;

	tick_align();
	pid = SYS0(SYS_fork);
	if (pid == 0) {
		svc_loop(n + 2 * WARM, SYS_yield);
		SYS1(SYS_exit, 0);
		__builtin_unreachable();
	}
	svc_loop(WARM, SYS_yield);
	bench_mark();
	svc_loop(n, SYS_yield);
	bench_mark();
	SYS2(SYS_wait, pid, 0);
}

/* n rounds of fork+exit+wait, as the fork_exit_wait row does them. */
static void prof_fork(unsigned n)
{
	fork_setup();
	tick_align();
	bench_mark();
	fork_loop(n, 0);
	bench_mark();
}

/* n <= FAULT_PAGES copy-on-write faults, taken by a child: the fault
 * alone, without the exit that frees the copies later. */
static void prof_cow(unsigned n)
{
	long pid;

	for (unsigned i = 0; i < sizeof cow_area; i += PAGE)
		cow_area[i] = 1;
	tick_align();
	pid = SYS0(SYS_fork);
	if (pid == 0) {
		(void)now();            /* the stack page is private now */
		bench_mark();
		touch(cow_area, n, PAGE);
		bench_mark();
		SYS1(SYS_exit, 0);
		__builtin_unreachable();
	}
	SYS2(SYS_wait, pid, 0);
}

/* n <= FAULT_PAGES demand-zero faults on fresh heap pages, alone. */
static void prof_zero(unsigned n)
{
	long brk = SYS1(SYS_sbrk, 0);
	char *p;

	SYS1(SYS_sbrk, (PAGE - (unsigned long)brk % PAGE) % PAGE);
	p = (char *)SYS1(SYS_sbrk, n * PAGE);
	tick_align();
	bench_mark();
	touch(p, n, PAGE);
	bench_mark();
	SYS1(SYS_sbrk, -(long)(n * PAGE));
}

static const struct profile {
	const char *name;
	void (*run)(unsigned n);
	unsigned max_rounds;
} profiles[] = {
	{ "syscall", prof_syscall, 1000000 },
	{ "yield",   prof_yield,   1000000 },
	{ "fork",    prof_fork,    100000 },
	{ "cow",     prof_cow,     FAULT_PAGES },
	{ "zero",    prof_zero,    FAULT_PAGES },
};

/* `bench profile KIND N`.  Returns 0, or 2 for an unknown kind or N. */
int bench_profile(const char *what, unsigned n)
{
	for (unsigned i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
		if (strcmp(what, profiles[i].name) == 0 && n > 0 &&
		    n <= profiles[i].max_rounds) {
			profiles[i].run(n);
			say("bench: profiled %u rounds of %s\n", n, what);
			return 0;
		}
	}
	return 2;
}
