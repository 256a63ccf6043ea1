/*
 * user/prog/bench/bench.h - what the parts of `bench` share: the sizes,
 * the clock and the output, and the measured loops.
 *
 * The loops are inline assembly, so that the compiler cannot add stack
 * stores to what is timed: after a fork each would take a copy-on-write
 * fault that does not belong to the row.  They are static inline, so
 * that a child calling them stores nothing either.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stdint.h>
#include "pagoda.h"
#include "sys.h"

#define PAGE          4096u
#define CALLS         100000u   /* null syscall and the empty loop */
#define ROUNDS        20000u    /* switch: yield round trips */
#define WARM          16u       /* untimed rounds before a timed loop */
#define FORKS         20000u    /* fork+exit+wait, and exec */
#define FAULT_PAGES   64u       /* pages each child faults in */
#define FAULT_RUNS    1000u     /* children per fault row */
#define TOUCHED_KIB   16u       /* what the forking parent has written */
#define TICK_US       10000u    /* the kernel's tick at HZ = 100 */
#define STAMP_READS   128u      /* timer reads per stamp() */

extern char touched[TOUCHED_KIB * 1024];    /* rows.c */
extern char cow_area[FAULT_PAGES * PAGE];

/* measure.c: the clock, alignment, and the deferred output */
uint64_t now(void);
long long stamp(void);
extern long long stamp_cost;
void tick_align(void);
void settle(void);
void align(void);
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void say_flush(void);
void row(const char *key, long long num, long long den);
long fork_loop(unsigned n, const char *prog);

/* rows.c, procs.c, profile.c: the modes */
void fork_setup(void);
void bench_rows(void);
void bench_maxproc(void);
void bench_hold(unsigned n);
int bench_profile(const char *what, unsigned n);

/* n > 0 rounds of `svc #0` with r7 = nr: svc, subs, bne.  r0 takes the
 * result; the kernel preserves every other register. */
static inline void svc_loop(unsigned n, long nr)
{
	register unsigned r4 __asm__("r4") = n;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("1:	svc	#0\n\t"
			 "subs	%0, %0, #1\n\t"
			 "bne	1b"
			 : "+r"(r4) : "r"(r7) : "r0", "memory", "cc");
}

/* n > 0 rounds of the same loop without the svc: subs, bne. */
static inline void empty_loop(unsigned n)
{
	register unsigned r4 __asm__("r4") = n;

	__asm__ volatile("1:	subs	%0, %0, #1\n\t"
			 "bne	1b"
			 : "+r"(r4) : : "cc");
}

/* Store one byte at base, base + stride, ... n > 0 times: strb, subs,
 * bne.  Stride PAGE touches n pages; stride 0 writes one byte n times. */
static inline void touch(volatile char *base, unsigned n, unsigned stride)
{
	__asm__ volatile("1:	strb	%1, [%0], %2\n\t"
			 "subs	%1, %1, #1\n\t"
			 "bne	1b"
			 : "+r"(base), "+r"(n) : "r"(stride) : "memory", "cc");
}

/* The same loop with loads: ldrb, subs, bne.  Reading a mapped page never
 * faults, even a shared read-only one: the control for touch(). */
static inline void look(const volatile char *base, unsigned n, unsigned stride)
{
	unsigned byte;

	__asm__ volatile("1:	ldrb	%2, [%0], %3\n\t"
			 "subs	%1, %1, #1\n\t"
			 "bne	1b"
			 : "+r"(base), "+r"(n), "=&r"(byte) : "r"(stride)
			 : "memory", "cc");
}

#endif
