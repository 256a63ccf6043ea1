/*
 * usertests - adversarial tests of the user/kernel boundary, each test in
 * a child process of its own (xv6's usertests, for pagoda).
 *
 *   usertests [-v] [NAME...]
 *
 * Runs every test of the tables in ut.h (or only those NAMEd) and prints
 * one line per test, `NAME: OK` or `NAME: FAILED (why)`; the kernel's
 * fault reports for the tests that fault on purpose come in between.
 * Each test is judged by its child's raw wait status (ut.h), within a
 * timeout kept by a watchdog child, and must give back every page frame:
 * once its processes (and the orphans it left to the reaper) are gone,
 * the machine's free-frame count must be what it was before the test.
 *
 * Before the first test the runner touches all of its own text, data and
 * some stack, and runs a warm-up test, so that nothing it does later
 * costs a frame.  At the end it compares the free frames with the count
 * after the warm-up and prints
 *
 *   usertests: N tests, F failed, frames free X before, Y after (T ms)
 *   ALL TESTS PASSED                  (only if F is 0 and X == Y)
 *
 * Exits 0 if all passed, 1 otherwise, 2 on a usage error.  -v adds each
 * test's time.  Run it without the io right: the tests of the GPIO page
 * expect the domain fault of a process without it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ut.h"

#define TIMEOUT_MS   10000u   /* default per test, in (virtual) ms */
#define SETTLE_MS    1000u    /* how long orphans may take to be reaped */

extern char __window_start[], __text_end[], __data_start[], _end[];

static const struct utest *const tables[] = {
	fault_tests, mem_tests, sys_tests, cpu_tests, regs_tests, proc_tests, exec_tests,
	oom_tests,
};
#define NTABLES (sizeof tables / sizeof tables[0])

static int verbose;

/* ---- the runner ------------------------------------------------------------ */

static const char *const expect_names[] = {
	[UT_PASS] = "exit 0", [UT_FAULT] = "a fault", [UT_UNDEF] = "an undefined instruction",
	[UT_KILL] = "kill", [UT_TRAP] = "a fault or an undefined instruction",
};

static const char *cause_name(int cause)
{
	static const char *const names[] = {
		[WAIT_CAUSE_KILL] = "kill", [WAIT_CAUSE_FAULT] = "a fault",
		[WAIT_CAUSE_UNDEF] = "an undefined instruction", [WAIT_CAUSE_OOM] = "out of memory",
	};

	if (cause < 0 || cause >= (int)(sizeof names / sizeof names[0]) || !names[cause])
		return "?";
	return names[cause];
}

/* Does raw status st meet t's expectation?  If not, say why in buf. */
static int judge(const struct utest *t, int st, char *buf, size_t n)
{
	static const int want_cause[] = {
		[UT_FAULT] = WAIT_CAUSE_FAULT, [UT_UNDEF] = WAIT_CAUSE_UNDEF,
		[UT_KILL] = WAIT_CAUSE_KILL,
	};
	int ok;

	if (t->expect == UT_PASS)
		ok = !PAGODA_KILLED(st) && PAGODA_EXITCODE(st) == 0;
	else if (t->expect == UT_TRAP)
		ok = PAGODA_KILLED(st) && (PAGODA_CAUSE(st) == WAIT_CAUSE_FAULT ||
					   PAGODA_CAUSE(st) == WAIT_CAUSE_UNDEF);
	else
		ok = PAGODA_KILLED(st) && PAGODA_CAUSE(st) == want_cause[t->expect];
	if (PAGODA_KILLED(st))
		snprintf(buf, n, "killed by %s, expected %s", cause_name(PAGODA_CAUSE(st)),
			 expect_names[t->expect]);
	else
		snprintf(buf, n, "exit %d, expected %s", PAGODA_EXITCODE(st),
			 expect_names[t->expect]);
	return ok;
}

static void memstat(struct pagoda_memstat *m)
{
	memset(m, 0, sizeof *m);
	sc(SYS_memstat, (long)m, 0, 0);
}

/* Wait (at most SETTLE_MS of guest time) until only `procs` processes
 * are left, so that orphans handed to the reaper are gone; fill *m. */
static void settle(unsigned procs, struct pagoda_memstat *m)
{
	uint64_t end = pagoda_uptime_us() + SETTLE_MS * 1000ull;

	memstat(m);
	while (m->procs > procs && pagoda_uptime_us() < end) {
		sc(SYS_sleep_ms, 1, 0, 0);
		memstat(m);
	}
}

/* Kill every process made since pid `first` (pids are never reused, so
 * they are the failed test's), to keep them from the tests that follow. */
static void kill_leftovers(int first)
{
	long last = sc(SYS_fork, 0, 0, 0);

	if (last == 0)
		ut_exit(0);
	if (last < 0)
		return;
	sc(SYS_wait, last, 0, 0);
	for (long pid = first; pid < last; pid++)
		sc(SYS_kill, pid, 0, 0);
}

/* Run t in a child, with a watchdog child for its timeout.  Returns the
 * child's raw status, or -1 (and a reason in buf) if it could not run or
 * timed out; *child is its pid. */
static int run_child(const struct utest *t, char *buf, size_t n, int *child)
{
	unsigned timeout = t->timeout_ms ? t->timeout_ms : TIMEOUT_MS;
	int st = 0, dst, pid, dog;
	long w;

	fflush(stdout);                 /* or the children would print it again */
	pid = *child = (int)sc(SYS_fork, 0, 0, 0);
	if (pid == 0) {
		ut_current = t->name;
		t->fn(t);
		ut_exit(0);
	}
	if (pid < 0) {
		snprintf(buf, n, "fork: %d", pid);
		return -1;
	}
	dog = (int)sc(SYS_fork, 0, 0, 0);
	if (dog == 0) {
		sc(SYS_sleep_ms, timeout, 0, 0);
		ut_exit(0);
	}
	w = sc(SYS_wait, dog > 0 ? -1 : pid, (long)&st, 0);
	if (dog > 0 && w == dog) {
		sc(SYS_kill, pid, 0, 0);
		sc(SYS_wait, pid, (long)&st, 0);
		snprintf(buf, n, "timed out after %u ms", timeout);
		return -1;
	}
	if (dog > 0) {
		sc(SYS_kill, dog, 0, 0);
		sc(SYS_wait, dog, (long)&dst, 0);
	}
	if (w != pid) {
		snprintf(buf, n, "wait: %ld", w);
		return -1;
	}
	return st;
}

/* Run one test and print its line; returns 1 if it passed. */
static int run_one(const struct utest *t, unsigned procs)
{
	struct pagoda_memstat before, after;
	char why[96];
	uint64_t t0;
	int st, ok, child;

	memstat(&before);
	t0 = pagoda_uptime_us();
	st = run_child(t, why, sizeof why, &child);
	ok = st != -1 && judge(t, st, why, sizeof why);
	settle(procs, &after);
	if (after.procs > procs) {
		if (ok)
			snprintf(why, sizeof why, "%u processes left behind", after.procs - procs);
		ok = 0;
		if (child > 0)
			kill_leftovers(child);
		settle(procs, &after);
	} else if (ok && after.frames_free != before.frames_free) {
		snprintf(why, sizeof why, "frames free %u before, %u after",
			 before.frames_free, after.frames_free);
		ok = 0;
	}
	if (ok)
		printf("%s: OK", t->name);
	else
		printf("%s: FAILED (%s)", t->name, why);
	if (verbose)
		printf("  [%lu ms]", (unsigned long)((pagoda_uptime_us() - t0) / 1000));
	printf("\n");
	return ok;
}

/* Fault in every page of our own text, data and bss, and 16 KiB of
 * stack, so that the runner never takes a frame in the middle. */
__attribute__((noinline)) static void touch_all(void)
{
	volatile char stack[16 * 1024];

	for (char *p = __window_start; p < __text_end; p += PAGE)
		(void)*(volatile char *)p;
	for (char *p = __data_start; p < _end; p += PAGE)
		*(volatile char *)p = *(volatile char *)p;
	for (unsigned i = 0; i < sizeof stack; i += PAGE)
		stack[i] = 0;
}

static void t_warmup(const struct utest *t)
{
	(void)t;
	if (ut_fork() == 0)
		ut_exit(0);
	ut_reap_all();
}

static const struct utest warmup = { "warmup", t_warmup, UT_PASS, 0, 0, 0 };

static int selected(const struct utest *t, int argc, char **argv)
{
	if (argc == 0)
		return 1;
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], t->name) == 0)
			return 1;
	return 0;
}

/* The modes exec.c's tests exec usertests in: see there.  Returns the
 * exit code, or -1 if argv is not one of them. */
static int exec_mode(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[0], "--wait-child") == 0) {
		int st = 0;
		long r = sc(SYS_wait, -1, (long)&st, 0);
		return r > 0 && !PAGODA_KILLED(st) && PAGODA_EXITCODE(st) == atoi(argv[1]) ? 0 : 1;
	}
	if ((argc == 2 || argc == 3) && strcmp(argv[0], "--exec-loop") == 0) {
		int n = atoi(argv[1]);
		char next[12];
		char *av[] = { "usertests", "--exec-loop", next, argv[2], 0 };

		if (argc == 3 && atoi(argv[2]) != (int)sc(SYS_getpid, 0, 0, 0))
			return 3;
		if (n <= 0)
			return 0;
		snprintf(next, sizeof next, "%d", n - 1);
		sc(SYS_exec, (long)"usertests", (long)av, 0);
		return 4;
	}
	return -1;
}

static int has_io(void)
{
	return sc(SYS_spawn, (long)"", 0, SPAWN_IO) != -EPERM;
}

int main(int argc, char **argv)
{
	struct pagoda_memstat m0, m1;
	unsigned ntests = 0, failed = 0, procs;
	uint64_t t0;
	char why[96];
	int child;

	argc--, argv++;
	if (argc > 0 && strncmp(argv[0], "--", 2) == 0) {
		int code = exec_mode(argc, argv);
		if (code >= 0)
			return code;
	}
	if (argc > 0 && strcmp(argv[0], "-v") == 0)
		verbose = 1, argc--, argv++;
	if (has_io()) {
		fprintf(stderr, "usertests: run it without -io (the io right)\n");
		return 2;
	}
	for (unsigned i = 0; i < NTABLES; i++)
		for (const struct utest *t = tables[i]; t->name; t++)
			ntests += selected(t, argc, argv);
	if (ntests == 0) {
		fprintf(stderr, "usage: usertests [-v] [NAME...]   (no such test)\n");
		return 2;
	}
	printf("usertests: %u tests\n", ntests);
	touch_all();
	memstat(&m0);
	procs = m0.procs;
	if (run_child(&warmup, why, sizeof why, &child) != 0)
		printf("usertests: warm-up failed: %s\n", why);
	settle(procs, &m0);
	t0 = pagoda_uptime_us();
	for (unsigned i = 0; i < NTABLES; i++)
		for (const struct utest *t = tables[i]; t->name; t++)
			if (selected(t, argc, argv))
				failed += !run_one(t, procs);
	settle(procs, &m1);
	printf("usertests: %u tests, %u failed, frames free %u before, %u after (%lu ms)\n",
	       ntests, failed, m0.frames_free, m1.frames_free,
	       (unsigned long)((pagoda_uptime_us() - t0) / 1000));
	if (failed || m0.frames_free != m1.frames_free || m1.procs != procs) {
		printf("SOME TESTS FAILED\n");
		return 1;
	}
	printf("ALL TESTS PASSED\n");
	return 0;
}
