/*
 * sysbench - what a system call and a context switch cost, in guest
 * instructions.
 *
 * Run it under QEMU with -icount shift=0,sleep=off (make bench, or the
 * system tests): there one microsecond of system-timer time is exactly
 * 1000 guest instructions, so
 *
 *     instructions per operation = elapsed_us * 1000 / iterations
 *
 * and the figures are the same on every run and every host.  On a real Pi
 * the same arithmetic gives nanoseconds per operation instead.
 *
 *   null syscall  getpid() round trip, minus the cost of the bare loop
 *   switch        this process and a child yield to each other; each
 *                 round is two switches, so time / (2 * rounds)
 *
 * `sysbench yield-child N` is the partner it spawns for the switch test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "user/pagoda.h"
#include "user/sys.h"

#define CALLS  100000
#define ROUNDS 20000

static uint64_t now(void)
{
	return pagoda_uptime_us();
}

/* Print "name: X.Y instructions" from a time in us over n operations. */
static void report(const char *name, uint64_t us, unsigned n)
{
	/* instructions * 10; newlib-nano's printf has no %llu, and this fits */
	unsigned long tenths = (unsigned long)(us * 10000u / n);
	printf("%s: %lu.%lu instructions\n", name, tenths / 10, tenths % 10);
}

static void bench_syscall(void)
{
	volatile unsigned sink = 0;
	uint64_t t0, t1, t2;

	t0 = now();
	for (unsigned i = 0; i < CALLS; i++)
		sink += i;                      /* the loop alone */
	t1 = now();
	for (unsigned i = 0; i < CALLS; i++)
		sink += (unsigned)SYS0(SYS_getpid);
	t2 = now();
	report("null syscall", (t2 - t1) - (t1 - t0), CALLS);
}

static void bench_switch(void)
{
	char rounds[16];
	char *argv[] = { "sysbench", "yield-child", rounds, 0 };
	uint64_t t0, t1;
	int pid, status;

	snprintf(rounds, sizeof rounds, "%u", ROUNDS + 10);
	pid = pagoda_spawn("sysbench", argv, 0);
	if (pid < 0) {
		printf("switch: cannot spawn the partner (%d)\n", pid);
		return;
	}
	for (int i = 0; i < 10; i++)           /* let the child get going */
		SYS0(SYS_yield);
	t0 = now();
	for (unsigned i = 0; i < ROUNDS; i++)
		SYS0(SYS_yield);
	t1 = now();
	pagoda_wait(pid, &status);
	report("switch", t1 - t0, 2 * ROUNDS);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "yield-child") == 0) {
		unsigned n = (unsigned)strtoul(argv[2], 0, 10);
		for (unsigned i = 0; i < n; i++)
			SYS0(SYS_yield);
		return 0;
	}
	bench_syscall();
	bench_switch();
	return 0;
}
