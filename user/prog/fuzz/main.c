/*
 * fuzz - random system calls with adversarial arguments, each result
 * checked against a model of what the kernel must answer.
 *
 *   fuzz SEED COUNT
 *
 * COUNT calls, drawn by a xorshift32 generator seeded with SEED.  The
 * calls drawn depend only on the seed and on which child a wait(-1)
 * happens to reap first, so under `tools/qemu-args --icount` a seed is
 * the first thing to try again.  Arguments come from classes (gen.c):
 * pointers outside the window, into its holes (the heap above the break,
 * the guard page), straddling its ends, into our own read-only text, or
 * into memory the kernel may write (a scratch buffer, heap pages grown by
 * the fuzzer); lengths 0, 1, a page, huge, negative; fds and pids at and
 * around the valid ones; argv arrays past every limit; and call numbers
 * outside the table.  The model (calls.c) predicts each answer exactly; a
 * mismatch is printed and counted.
 *
 * What a process may not do to itself is avoided, not fuzzed: the parent
 * never exits, never kills itself, never execs a program that exists,
 * never reads with a buffer the kernel would accept (that would wait for
 * the console), never writes bytes to the console, never waits for a
 * child that would not end, sleeps at most 2 ms, and lets the kernel
 * write only into memory it does not use.  Children may do more: each is
 * forked with a plan (exit, a short fuzz of its own, spin, yield or sleep
 * until killed, fault, undefined instruction, exec), and its wait status
 * is checked against the plan.  At most MAX_KIDS live at once.
 *
 * At the end every child is killed and reaped, the break goes back, and
 * the free frames must equal the count after the warm-up:
 *
 *   fuzz: N calls (...), M mismatches, frames before X after Y
 *   fuzz: PASS                        (or fuzz: FAIL)
 *
 * Exits 0 on PASS, 1 on FAIL, 2 on a usage error.
 *
 *   main.c    the run, the children and their plans
 *   calls.c   each call: arguments, the model's answer, the check
 *   gen.c     the random numbers and the argument classes
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

extern char _end[];

int me, parent_pid, is_child;
long brk0, brk;
uint32_t xtop;
char scratch[3 * PAGE] __attribute__((aligned(8)));
char strs[6 * PAGE];
uint32_t argvbuf[48];
unsigned calls, mismatches, forks, kills, reaped, nosys;
struct kid kids[MAX_KIDS];
int nkids;

/* ---- children -------------------------------------------------------------------- */

void add_kid(int pid, enum plan plan, int code)
{
	kids[nkids++] = (struct kid){ pid, plan, code, 0 };
	forks++;
}

void run_plan(enum plan plan, int code)
{
	char *hello[] = { "hello", 0 };

	parent_pid = me;
	me = (int)pagoda_syscall6(SYS_getpid, 0, 0, 0, 0, 0, 0);
	is_child = 1;
	nkids = 0;
	switch (plan) {
	case P_FUZZ:
		fuzz_some(1 + below(40));
		break;
	case P_SPIN:                                   /* preempted by the tick only */
		for (;;)
			__asm__ volatile("" ::: "memory");
	case P_YIELD:
		for (;;)
			pagoda_syscall6(SYS_yield, 0, 0, 0, 0, 0, 0);
	case P_SLEEP:
		pagoda_syscall6(SYS_sleep_ms, (long)0xFFFFFFFFu, 0, 0, 0, 0, 0);
		break;
	case P_FAULT: {
		uint32_t k;
		(void)*(volatile uint32_t *)(uintptr_t)bad_ptr(3, &k);
		break;
	}
	case P_UNDEF:
		__asm__ volatile(".word 0xE7F000F0" ::: "memory");
		break;
	case P_EXEC:
		pagoda_syscall6(SYS_exec, (long)"hello", (long)hello, 0, 0, 0, 0);
		break;
	default:
		do_exec();
		break;
	}
	fflush(stdout);
	pagoda_syscall6(SYS_exit, code, 0, 0, 0, 0, 0);
	for (;;)                                       /* exit does not return */
		;
}

void do_fork(void)
{
	static const enum plan plans[] = {
		P_EXIT, P_EXIT, P_EXIT, P_FUZZ, P_FUZZ, P_FUZZ, P_SLEEP, P_SLEEP,
		P_EXEC_BAD, P_EXEC_BAD, P_FAULT, P_UNDEF,
	};
	/* a process that is always ready (spin, yield) burns the rest of every
	 * tick the others sleep through, which is slow to emulate: rare */
	enum plan plan = one_in(64) ? P_EXEC : one_in(128) ? P_SPIN : one_in(32) ? P_YIELD :
			 plans[below(sizeof plans / sizeof plans[0])];
	int code = (int)below(256) % FAIL_EXIT;
	long r;

	fflush(stdout);
	r = sys(SYS_fork, 0, 0, 0);
	if (r == 0)
		run_plan(plan, plan == P_EXEC ? 0 : code);
	if (r == -ENOMEM || r == -EAGAIN)
		return;
	if (r < 0) {
		expect("fork", r, 1, 0, 0, 0);
		return;
	}
	add_kid((int)r, plan, plan == P_EXEC ? 0 : code);
}

int ends_by_itself(const struct kid *k)
{
	return k->killed || (k->plan != P_SPIN && k->plan != P_YIELD && k->plan != P_SLEEP);
}

/* Check a reaped child's status against its plan, and forget it. */
void reap(int i, int st)
{
	static const int cause[P_NPLANS] = { [P_FAULT] = WAIT_CAUSE_FAULT, [P_UNDEF] = WAIT_CAUSE_UNDEF };
	const struct kid *k = &kids[i];
	int want = cause[k->plan] ? WAIT_KILLED | cause[k->plan] << WAIT_CAUSE_SHIFT : k->code;
	int self_kill = k->plan == P_FUZZ;             /* its fuzz may kill itself */

	if (st != want && !((k->killed || self_kill) &&
			    st == (WAIT_KILLED | WAIT_CAUSE_KILL << WAIT_CAUSE_SHIFT)))
		expect("child status", st, want, k->pid, k->plan, k->killed);
	kids[i] = kids[--nkids];
	reaped++;
}

/* Forget child i, whose status st (if known) must fit its plan. */
void forget(int i, const int *st)
{
	if (st)
		reap(i, *st);
	else {
		kids[i] = kids[--nkids];
		reaped++;
	}
}

/* ---- the run ------------------------------------------------------------------- */

/* ---- the run ------------------------------------------------------------------- */

static void reap_all(void)
{
	int st;

	for (int i = 0; i < nkids; i++)
		if (!ends_by_itself(&kids[i])) {
			pagoda_syscall6(SYS_kill, kids[i].pid, 0, 0, 0, 0, 0);
			kids[i].killed = 1;
		}
	while (nkids) {
		long r = pagoda_syscall6(SYS_wait, -1, (long)&st, 0, 0, 0, 0);
		int i;

		for (i = 0; i < nkids && kids[i].pid != r; i++)
			;
		if (i == nkids) {
			expect("wait (end)", r, kids[0].pid, -1, 0, 0);
			return;
		}
		reap(i, st);
	}
}

/* Fault in all of our own text, data, bss and some stack, and write the
 * argv array and strings over with 'x' (so that a pointer near the
 * window's end finds no NUL: no name of a program there). */
__attribute__((noinline)) static void prepare(char **argv)
{
	volatile char stack[16 * 1024];

	for (char *p = (char *)WIN_START; p < _end; p += PAGE)
		(void)*(volatile char *)p;
	memset(scratch, 0x5A, sizeof scratch);
	memset(strs, 's', sizeof strs);
	strs[sizeof strs - 1] = 0;                 /* strs + size - 1 - len: len 's' */
	for (unsigned i = 0; i < sizeof stack; i += PAGE)
		stack[i] = 0;
	xtop = WIN_END - (uint32_t)(uintptr_t)argv;     /* the array and its strings */
	memset(argv, 'x', xtop);
}

static void memstat(struct pagoda_memstat *m)
{
	pagoda_syscall6(SYS_memstat, (long)m, 0, 0, 0, 0, 0);
}

int main(int argc, char **argv)
{
	struct pagoda_memstat m0, m1;
	unsigned long count;
	char *end;
	int ok;

	if (argc != 3 || (strtoul(argv[1], &end, 0), *end) ||
	    (count = strtoul(argv[2], &end, 0), *end)) {
		fprintf(stderr, "usage: fuzz SEED COUNT\n");
		return 2;
	}
	seed_rng((uint32_t)strtoul(argv[1], 0, 0));
	printf("fuzz: seed %s, %lu calls\n", argv[1], count);
	fflush(stdout);
	me = (int)pagoda_syscall6(SYS_getpid, 0, 0, 0, 0, 0, 0);
	parent_pid = (int)pagoda_syscall6(SYS_getppid, 0, 0, 0, 0, 0, 0);
	brk0 = brk = pagoda_syscall6(SYS_sbrk, 0, 0, 0, 0, 0, 0);
	prepare(argv);
	/* warm-up: a child of each plan, and every call once */
	for (int p = 0; p < P_NPLANS; p++)
		if (pagoda_syscall6(SYS_fork, 0, 0, 0, 0, 0, 0) == 0)
			run_plan(p == P_SPIN || p == P_YIELD || p == P_SLEEP || p == P_EXEC ?
				 P_EXIT : (enum plan)p, 0);
	while (pagoda_syscall6(SYS_wait, -1, 0, 0, 0, 0, 0) > 0)
		;
	fuzz_some(200);
	reap_all();
	pagoda_syscall6(SYS_sbrk, brk0 - brk, 0, 0, 0, 0, 0);
	brk = brk0;
	memstat(&m0);
	calls = forks = kills = reaped = nosys = 0;     /* mismatches count from the start */

	for (unsigned long i = 0; i < count; i++) {
		fuzz_one();
		if (count >= 10 && (i + 1) % (count / 10) == 0 && i + 1 < count) {
			printf("fuzz: %lu calls\n", i + 1);
			fflush(stdout);
		}
	}
	reap_all();
	pagoda_syscall6(SYS_sbrk, brk0 - brk, 0, 0, 0, 0, 0);
	for (int i = 0; i < 1000; i++) {           /* the reaper's orphans: none expected */
		memstat(&m1);
		if (m1.procs <= m0.procs)
			break;
		pagoda_syscall6(SYS_sleep_ms, 1, 0, 0, 0, 0, 0);
	}
	memstat(&m1);
	printf("fuzz: %lu calls (%u syscalls, %u forks, %u kills, %u reaped, %u out of the table), "
	       "%u mismatches, frames before %u after %u\n", count, calls, forks, kills, reaped,
	       nosys, mismatches, m0.frames_free, m1.frames_free);
	ok = mismatches == 0 && m1.frames_free == m0.frames_free && m1.procs == m0.procs;
	printf("fuzz: %s\n", ok ? "PASS" : "FAIL");
	return ok ? 0 : 1;
}
