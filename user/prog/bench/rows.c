/*
 * user/prog/bench/rows.c - the timed rows: null syscall, switch,
 * fork+exit+wait, exec, copy-on-write fault, demand-zero fault.
 *
 * docs/performance.md section 3 describes each loop and what is
 * subtracted.  Every row starts on the tick grid (align) and reads the
 * clock around whole loops only (measure.c says why).
 */
#include "bench.h"

char touched[TOUCHED_KIB * 1024] __attribute__((aligned(PAGE)));
char cow_area[FAULT_PAGES * PAGE] __attribute__((aligned(PAGE)));

/* Row `key` from two stamps around n operations: the time between them
 * less a stamp's own, less `minus` (in the same 1/STAMP_READS us), per
 * operation. */
static void stamped_row(const char *key, long long s0, long long s1,
			long long minus, long long n)
{
	row(key, (s1 - s0 - stamp_cost - minus) * 1000, n * STAMP_READS);
}

/* getpid round trip: CALLS svcs minus CALLS rounds of the empty loop.
 * Returns the empty loop's time, in 1/STAMP_READS us. */
static long long bench_null_syscall(void)
{
	long long s0, s1, s2;

	align();
	s0 = stamp();
	empty_loop(CALLS);
	s1 = stamp();
	svc_loop(CALLS, SYS_getpid);
	s2 = stamp();
	stamped_row("null_syscall", s1, s2, s1 - s0 - stamp_cost, CALLS);
	return s1 - s0 - stamp_cost;
}

/* This process and a forked child yield to each other: a round is two
 * switches.  (round - 2 empty-loop rounds) / 2. */
static void bench_switch(long long empty)
{
	long long s0, s1;
	long pid;

	align();
	pid = SYS0(SYS_fork);
	if (pid == 0) {
		svc_loop(ROUNDS + 2 * WARM, SYS_yield);
		SYS1(SYS_exit, 0);
		__builtin_unreachable();
	}
	if (pid < 0) {
		say("bench: switch: fork failed (%ld)\n", pid);
		return;
	}
	svc_loop(WARM, SYS_yield);
	(void)stamp();
	s0 = stamp();
	svc_loop(ROUNDS, SYS_yield);
	s1 = stamp();
	SYS2(SYS_wait, pid, 0);
	/* two empty-loop rounds per round trip: 2 * ROUNDS / CALLS of `empty` */
	row("switch", (s1 - s0 - stamp_cost) * 1000 * CALLS - 2ll * ROUNDS * empty * 1000,
	    2ll * ROUNDS * CALLS * STAMP_READS);
}

/* The forking parent: TOUCHED_KIB written, a few forks done so that its
 * pages are in their steady copy-on-write state.  Says how many pages it
 * has: each one is shared and released per fork. */
void fork_setup(void)
{
	struct pagoda_memstat m;

	for (unsigned i = 0; i < sizeof touched; i += PAGE)
		touched[i] = 1;
	fork_loop(WARM, 0);
	pagoda_memstat(&m);
	say("bench: info fork_parent_resident_pages %u\n", m.resident);
}

/* One untimed fork whose child execs `nop`: true if nop ran and exited 0
 * (the timed loop does not look at the status). */
static bool exec_works(void)
{
	static char *const argv[] = { "nop", 0 };
	int status = -1;
	long pid = SYS0(SYS_fork);

	if (pid == 0) {
		SYS2(SYS_exec, "nop", argv);
		SYS1(SYS_exit, 127);
	}
	return pid > 0 && SYS2(SYS_wait, pid, &status) == pid && status == 0;
}

/* fork+exit+wait, then the same with an exec of `nop` in the child:
 * exec = the difference. */
static void bench_fork_exec(void)
{
	long long s0, s1, s2;
	bool exec_ok;
	long err;

	fork_setup();
	exec_ok = exec_works();
	align();
	s0 = stamp();
	err = fork_loop(FORKS, 0);
	s1 = stamp();
	if (!err && exec_ok)
		err = fork_loop(FORKS, "nop");
	s2 = stamp();
	if (err) {
		say("bench: fork_exit_wait: fork failed (%ld)\n", err);
		return;
	}
	stamped_row("fork_exit_wait", s0, s1, 0, FORKS);
	if (exec_ok)
		stamped_row("exec", s1, s2, s1 - s0 - stamp_cost, FORKS);
	else
		say("bench: exec: the child could not exec nop\n");
}

/* FAULT_RUNS rounds of: fork; the child runs `fn` and exits; the parent
 * waits.  Returns the time of the whole loop in 1/STAMP_READS us (a
 * stamp's own included), or -1 if a child failed. */
static long long child_runs(void (*fn)(void))
{
	long long s0 = stamp();
	int status;

	for (unsigned i = 0; i < FAULT_RUNS; i++) {
		long pid = SYS0(SYS_fork);

		if (pid == 0) {
			fn();
			SYS1(SYS_exit, 0);
			__builtin_unreachable();
		}
		if (pid < 0 || SYS2(SYS_wait, pid, &status) != pid || status != 0)
			return -1;
	}
	return stamp() - s0;
}

/* What the children do: write one byte in each page of cow_area, which
 * they share with the parent (copy-on-write faults), or read it (none);
 * write one byte in each of FAULT_PAGES fresh heap pages (demand-zero
 * faults), or grow the heap the same and read cow_area. */
static void cow_write(void) { touch(cow_area, FAULT_PAGES, PAGE); }
static void cow_read(void)  { look(cow_area, FAULT_PAGES, PAGE); }

static void zero_write(void)
{
	touch((char *)SYS1(SYS_sbrk, FAULT_PAGES * PAGE), FAULT_PAGES, PAGE);
}

static void zero_read(void)
{
	SYS1(SYS_sbrk, FAULT_PAGES * PAGE);
	look(cow_area, FAULT_PAGES, PAGE);
}

/* Row `key`: (children with faults - children without) per fault.  Each
 * fault counts with its share of the child's exit, which frees the frame
 * the fault gave it (the copy, the zeroed page). */
static void fault_row(const char *key, void (*with)(void), void (*without)(void))
{
	long long w, wo;

	align();
	w = child_runs(with);
	wo = child_runs(without);
	if (w < 0 || wo < 0) {
		say("bench: %s: a child failed\n", key);
		return;
	}
	row(key, (w - wo) * 1000, (long long)FAULT_RUNS * FAULT_PAGES * STAMP_READS);
}

/* Both fault rows, from a parent whose cow_area is resident: written,
 * then shared once, so that every fork finds it read-only alike. */
static void bench_faults(void)
{
	long brk = SYS1(SYS_sbrk, 0);

	SYS1(SYS_sbrk, (PAGE - (unsigned long)brk % PAGE) % PAGE);  /* page-align */
	for (unsigned i = 0; i < sizeof cow_area; i += PAGE)
		cow_area[i] = 1;
	child_runs(cow_read);
	fault_row("cow_fault", cow_write, cow_read);
	fault_row("demand_zero_fault", zero_write, zero_read);
}

/* Every timed row, in order, after one last idle period. */
void bench_rows(void)
{
	long long empty;

	settle();
	empty = bench_null_syscall();
	bench_switch(empty);
	bench_fork_exec();
	bench_faults();
}
