/*
 * user/prog/bench/measure.c - the clock, alignment to the tick, and the
 * output that waits until everything is measured.
 *
 * Under -icount shift=0,sleep=off one microsecond of the system timer is
 * 1000 guest instructions.  QEMU 7.2 keeps to that almost exactly: now
 * and then (a few times in a hundred 50 ms stretches, measured with a
 * vernier of timer reads) the instruction stream slips by 8 ns against
 * the timer, after an idle period or even in busy code.  A timing read
 * within 8 ns of a microsecond boundary then rounds the other way, and a
 * figure over 10,000 operations moves by 0.1.  So:
 *   - every timed row reads the clock only around whole loops, with
 *     stamp(): the sum of STAMP_READS reads spread over a microsecond,
 *     whose rounding moves by 1/STAMP_READS us at most when time slips;
 *   - the timed rows run with no idle period among them: one sleep
 *     before the first (settle), then each row busy-waits for the next
 *     tick of that 10 ms grid (align);
 *   - the results are kept (say) and printed at the end (say_flush), so
 *     that no console output runs in between.
 */
#include <stdarg.h>
#include <stdio.h>
#include "bench.h"

static uint64_t grid;           /* a tick of the timed rows' 10 ms grid */
long long stamp_cost;           /* stamp() - stamp() back to back */
static char said[2048];         /* the results, printed at the end */
static unsigned said_len;

/* The system timer in microseconds (1000 instructions each under icount). */
uint64_t now(void)
{
	return pagoda_uptime_us();
}

/* The time in 1/STAMP_READS us, give or take a constant: the sum of
 * STAMP_READS timer reads, the k-th after 9k more instructions than the
 * one before, so that their phases spread over the microsecond whatever
 * the kernel's read costs.  Constant time: no branch depends on a value
 * read.  The difference of two stamps over STAMP_READS is the time from
 * one to the other, in us, to within 1/STAMP_READS.  A first read, not
 * counted, takes the copy-on-write fault on the stack page if a fork left
 * one. */
long long stamp(void)
{
	uint64_t sum = 0, us;

	SYS1(SYS_uptime_us, &us);
	for (unsigned k = 0; k < STAMP_READS; k++) {
		register unsigned r4 __asm__("r4") = 3 * k + 1;

		SYS1(SYS_uptime_us, &us);
		sum += us;
		__asm__ volatile("1:	subs	%0, %0, #1\n\t"
				 "nop\n\t"
				 "bne	1b"
				 : "+r"(r4) : : "cc");
	}
	return (long long)sum;
}

/* Sleep until the next tick: what follows starts at the same phase of the
 * 10 ms tick in every run.  Also makes the caller's stack page writable
 * again (the call writes it), so no copy-on-write fault lands in a timing.
 * For the untimed modes; the timed rows use settle() and align(). */
void tick_align(void)
{
	pagoda_sleep_ms(1);
	(void)now();
}

void align(void);

/* Before the timed rows: spin 2 ms, so that QEMU has written out what the
 * shell echoed, then sleep to a tick, the last idle period of the timed
 * rows.  `grid` is that tick.  Measures stamp_cost. */
void settle(void)
{
	uint64_t t0 = now();

	while (now() - t0 < 2000)
		;
	tick_align();
	grid = now();
	align();
	stamp_cost = -stamp();
	stamp_cost += stamp();
}

/* Busy-wait for the next point of the 10 ms grid, without idling: each
 * timed row starts at the same phase of the tick in every run. */
void align(void)
{
	uint64_t t = now();

	while (grid <= t)
		grid += TICK_US;
	while (now() < grid)
		;
}

/* printf into the results, for say_flush() to print. */
void say(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(said + said_len, sizeof said - said_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		said_len = said_len + (unsigned)n < sizeof said ? said_len + (unsigned)n
							      : sizeof said - 1;
}

/* Print the results kept so far and forget them. */
void say_flush(void)
{
	fputs(said, stdout);
	said_len = 0;
	said[0] = 0;
}

/* Say "bench: KEY V" with V = num / den rounded to one decimal. */
void row(const char *key, long long num, long long den)
{
	long long t = (num * 10 + (num < 0 ? -den : den) / 2) / den;
	const char *sign = t < 0 ? "-" : "";

	if (t < 0)
		t = -t;
	say("bench: %s %s%lu.%lu\n", key, sign, (unsigned long)(t / 10),
	    (unsigned long)(t % 10));
}

/* n > 0 rounds of: fork; the child execs `prog` (if not NULL) or exits 0
 * at once; the parent waits for it with a NULL status pointer.  The parent
 * writes no memory in the loop, so no copy-on-write fault is counted in
 * it.  Returns 0, or the first failing fork's error. */
long fork_loop(unsigned n, const char *prog)
{
	static char *const argv[] = { "nop", 0 };

	for (unsigned i = 0; i < n; i++) {
		long pid = SYS0(SYS_fork);

		if (pid == 0) {
			if (prog)
				SYS2(SYS_exec, prog, argv);
			SYS1(SYS_exit, prog ? 127 : 0);     /* 127: exec failed */
			__builtin_unreachable();
		}
		if (pid < 0)
			return pid;
		SYS2(SYS_wait, pid, 0);
	}
	return 0;
}
