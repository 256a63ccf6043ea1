/*
 * user/prog/bench/procs.c - processes that sleep: how many one parent
 * can fork (bench maxproc), and a set of them held for tools/bench to
 * read the shell's `mem` (bench hold N).
 *
 * The children sleep in a two-instruction assembly loop and store
 * nothing, so they share every page with the parent and own no user
 * frame: what they cost is exactly what the kernel keeps per process.
 */
#include <stdio.h>
#include "bench.h"

#define SLEEP_MS_MAX  4000000000u   /* the first sleeper's sleep */

/* Fork up to `max` children that sleep until killed.  The k-th child
 * sleeps k seconds less than SLEEP_MS_MAX, so that each new sleeper goes
 * to the head of the kernel's deadline-sorted list (with equal sleeps
 * each insert walks the whole list).  Returns how many were forked; *err
 * gets the failing fork's error (0 if `max` was reached).  Their pids are
 * consecutive from *first. */
static unsigned fork_sleepers(unsigned max, long *first, long *err)
{
	register unsigned ms __asm__("r5") = SLEEP_MS_MAX;
	register long r0 __asm__("r0");
	register long r7 __asm__("r7");
	unsigned n = 0;

	*first = 0;
	*err = 0;
	while (n < max) {
		__asm__ volatile("mov	r7, %[fork]\n\t"
				 "svc	#0\n\t"
				 "cmp	r0, #0\n\t"
				 "bne	2f\n"
				 "1:	mov	r0, %[ms]\n\t"     /* the child, for ever */
				 "mov	r7, %[sleep]\n\t"
				 "svc	#0\n\t"
				 "b	1b\n"
				 "2:"
				 : "=r"(r0), "=r"(r7)
				 : [fork] "I"(SYS_fork), [sleep] "I"(SYS_sleep_ms), [ms] "r"(ms)
				 : "memory", "cc");
		if (r0 < 0) {
			*err = r0;
			break;
		}
		if (n++ == 0)
			*first = r0;
		ms -= 1000;
	}
	return n;
}

/* Kill and reap n children with pids first .. first+n-1, newest first,
 * each reaped before the next kill: the kernel finds a pid by walking its
 * process list from the newest.  Returns how many were reaped. */
static unsigned reap_sleepers(long first, unsigned n)
{
	unsigned reaped = 0;

	for (long pid = first + (long)n - 1; pid >= first; pid--)
		if (SYS1(SYS_kill, pid) == 0 && SYS2(SYS_wait, pid, 0) == pid)
			reaped++;
	return reaped;
}

/* Fork sleeping children until fork fails, then kill and reap them all.
 * Clean if all were reaped and every frame came back. */
void bench_maxproc(void)
{
	struct pagoda_memstat m0, m1, m2;
	unsigned n, reaped;
	long first, err;

	tick_align();
	pagoda_memstat(&m0);
	n = fork_sleepers(0xFFFFFFFFu, &first, &err);
	pagoda_memstat(&m1);
	reaped = reap_sleepers(first, n);
	pagoda_memstat(&m2);
	say("bench: max_processes %u\n", n);
	say("bench: info max_processes_error %ld\n", err);
	say("bench: info max_processes_frames_free %u %u %u\n", m0.frames_free,
	    m1.frames_free, m2.frames_free);
	if (n)
		row("info max_processes_bytes_each",
		    (long long)(m0.frames_free - m1.frames_free) * PAGE, n);
	say("bench: max_processes_reaped %u\n", reaped);
	say("bench: max_processes_clean %s\n",
	    reaped == n && m2.frames_free == m0.frames_free && m2.procs == m0.procs
	    ? "yes" : "no");
}

/* `bench hold N`: N sleeping children, then sleep until killed.  The
 * line is printed once every child is asleep: a yield runs each of them
 * (the run queue is FIFO), and the sleep leaves a tick of margin. */
void bench_hold(unsigned n)
{
	long first, err;
	unsigned got = fork_sleepers(n, &first, &err);

	pagoda_yield();
	pagoda_sleep_ms(20);
	printf("bench: holding %u sleeping children (pids %ld-%ld), error %ld\n",
	       got, first, first + (long)got - 1, err);
	for (;;)
		pagoda_sleep_ms(1000000);
}
