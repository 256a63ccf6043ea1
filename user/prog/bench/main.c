/*
 * bench - what an OS operation costs, in guest instructions.
 *
 *   bench              the timed rows: null syscall, switch, fork+exit+wait,
 *                      exec, copy-on-write fault, demand-zero fault
 *   bench maxproc      how many sleeping children one parent can fork, and
 *                      whether they all reap with every frame back
 *   bench hold N       fork N sleeping children, say so, sleep until killed
 *                      (tools/bench reads the shell's `mem` meanwhile)
 *   bench profile KIND N
 *                      only N rounds of one loop (KIND: syscall, yield,
 *                      fork, cow, zero) between two calls of bench_mark(),
 *                      for tools/bench --profile
 *
 * Under QEMU with -icount shift=0,sleep=off (tools/bench, make bench) one
 * microsecond of system-timer time is exactly 1000 guest instructions, so
 *
 *     instructions per operation = elapsed_us * 1000 / operations
 *
 * and every figure is the same on every run and every host.  On a real Pi
 * the timer counts real microseconds: the same figures are then
 * nanoseconds per operation, and vary from run to run.
 *
 * Output: one line "bench: KEY VALUE" per row, VALUE with one decimal,
 * "bench: info KEY ..." for details, then "bench: done".  tools/bench
 * parses them; docs/performance.md says what each row measures.
 *
 *   main.c      the modes            measure.c   clock, alignment, output
 *   rows.c      the timed rows       procs.c     sleeping children
 *   profile.c   the profiled loops   bench.h     the measured loops
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

static int usage(void)
{
	printf("usage: bench [maxproc | hold N | profile KIND N]\n"
	       "  KIND: syscall yield fork (N rounds), cow zero (N <= %u faults)\n",
	       FAULT_PAGES);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc == 1)
		bench_rows();
	else if (argc == 2 && strcmp(argv[1], "maxproc") == 0)
		bench_maxproc();
	else if (argc == 3 && strcmp(argv[1], "hold") == 0)
		bench_hold((unsigned)strtoul(argv[2], 0, 10));
	else if (argc != 4 || strcmp(argv[1], "profile") != 0 ||
		 bench_profile(argv[2], (unsigned)strtoul(argv[3], 0, 10)) != 0)
		return usage();
	say_flush();
	printf("bench: done\n");
	return 0;
}
