/*
 * vmbench - what demand paging and copy-on-write cost, in guest
 * instructions.
 *
 *   vmbench [ROUNDS]
 *
 * Like sysbench, run it under QEMU with -icount shift=0,sleep=off (the
 * system tests do): one microsecond of system-timer time is then exactly
 * 1000 guest instructions, so
 *
 *     instructions per operation = elapsed_us * 1000 / operations
 *
 * Each fault figure is the time of a loop that writes one byte to each of
 * PAGES pages while every write faults, minus the time of the same loop
 * once the pages are there (the "empty run"), over the number of faults:
 * what remains is the fault alone, from the abort to the retried store.
 *
 *   fork+exit+wait  fork() a child that _exit()s at once, and waitpid()
 *                   for it, while this process is still small (the
 *                   figure includes the child's own copy-on-write fault
 *                   on its stack, and both switches)
 *   zero fill       first touch of a heap page: a zeroed frame mapped
 *   cow copy        write to a page shared with a sleeping child: the
 *                   frame is copied
 *   cow reuse       write to a read-only page whose sharer has exited:
 *                   the page is made writable in place
 *
 * ROUNDS (default 8) repeats each fault test on PAGES fresh pages.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "pagoda.h"

#define PAGE   4096u
#define PAGES  128u             /* 512 KiB of heap per round */
#define FORKS  1000u

static uint64_t now(void)
{
	return pagoda_uptime_us();
}

/* Print "vmbench: NAME X.Y instructions (N operations)"; us over n. */
static void report(const char *name, uint64_t us, unsigned n)
{
	/* instructions * 10; newlib-nano's printf has no %llu, and this fits */
	unsigned long tenths = (unsigned long)(us * 10000u / n);
	printf("vmbench: %-16s %7lu.%lu instructions (%u operations)\n", name,
	       tenths / 10, tenths % 10, n);
}

/* Time one write to each of the n pages at p. */
static uint64_t touch(volatile char *p, unsigned n, char v)
{
	uint64_t t0 = now();

	for (unsigned i = 0; i < n; i++)
		p[i * PAGE] = v;
	return now() - t0;
}

static void bench_fork(void)
{
	struct pagoda_memstat m;
	volatile unsigned sink = 0;
	uint64_t t0, t1, t2;
	int status;

	pagoda_memstat(&m);
	t0 = now();
	for (unsigned i = 0; i < FORKS; i++)
		sink += i;                      /* the loop alone */
	t1 = now();
	for (unsigned i = 0; i < FORKS; i++) {
		int pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &status, 0) != pid) {
			printf("vmbench: fork or wait failed\n");
			exit(1);
		}
	}
	t2 = now();
	printf("vmbench: a process of %u resident pages forks\n", m.resident);
	report("fork+exit+wait", (t2 - t1) - (t1 - t0), FORKS);
}

/* Fresh heap pages: sbrk grows the heap region; nothing is mapped. */
static volatile char *grow(unsigned pages)
{
	uintptr_t p = (uintptr_t)sbrk((int)((pages + 1) * PAGE));

	if (p == (uintptr_t)-1) {
		printf("vmbench: sbrk failed\n");
		exit(1);
	}
	return (volatile char *)((p + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
}

/* Give the pages back: lowering the break unmaps and frees them. */
static void shrink(unsigned pages)
{
	sbrk(-(int)((pages + 1) * PAGE));
}

static void bench_zero(unsigned rounds)
{
	uint64_t fault = 0, empty = 0;

	for (unsigned r = 0; r < rounds; r++) {
		volatile char *p = grow(PAGES);
		fault += touch(p, PAGES, 1);    /* each write: a zero-fill fault */
		empty += touch(p, PAGES, 2);
		shrink(PAGES);
	}
	report("zero fill", fault - empty, rounds * PAGES);
}

/* A child that shares every page and sleeps until killed. */
static int sleeping_child(void)
{
	int pid = fork();

	if (pid == 0)
		for (;;)
			pagoda_sleep_ms(3600 * 1000);
	for (int i = 0; i < 3; i++)
		sched_yield();                  /* let it reach its sleep first */
	return pid;
}

static void bench_cow(unsigned rounds)
{
	uint64_t copy = 0, reuse = 0, empty = 0;
	int status;

	for (unsigned r = 0; r < rounds; r++) {
		volatile char *p = grow(PAGES);
		int pid;

		touch(p, PAGES, 1);             /* present and private */
		/* copy: the child holds a reference to every page */
		pid = sleeping_child();
		copy += touch(p, PAGES, 2);
		empty += touch(p, PAGES, 3);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		/* reuse: the child shared the pages and is gone again */
		pid = fork();
		if (pid == 0)
			_exit(0);
		waitpid(pid, &status, 0);
		reuse += touch(p, PAGES, 4);
		shrink(PAGES);
	}
	report("cow copy", copy - empty, rounds * PAGES);
	report("cow reuse", reuse - empty, rounds * PAGES);
}

int main(int argc, char **argv)
{
	unsigned rounds = argc > 1 ? (unsigned)atoi(argv[1]) : 8;

	if (rounds < 1 || rounds > 100) {
		printf("usage: vmbench [ROUNDS]   (1 to 100, default 8)\n");
		return 2;
	}
	printf("vmbench: instructions per operation (exact under -icount shift=0,sleep=off)\n");
	bench_fork();
	bench_zero(rounds);
	bench_cow(rounds);
	return 0;
}
