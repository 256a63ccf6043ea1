/*
 * usertests/exec.c - exec at its limits, and what a process keeps.
 *
 * exec's limits (kernel/window.h, kernel/syscall.c copy_args): a name of
 * at most 31 characters (a longer one is simply not found: -ENOENT), at
 * most 32 arguments and 2048 bytes of strings and pointers (-E2BIG),
 * every pointer checked (-EFAULT).  A failed exec leaves the caller as it
 * was; one that fails after the new image was built (arguments that do
 * not fit its stack) must free all of it, which the runner's frame count
 * checks.  A successful exec keeps the pid and the children.
 *
 * Two tests exec usertests itself in a mode of its own (main.c):
 *   usertests --wait-child CODE   wait for any child; exit 0 if it exited CODE
 *   usertests --exec-loop N [PID] exec itself N more times, then exit 0;
 *                                 exit 3 if its pid is not PID
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "ut.h"

static char big_arg[2100];

static void t_exec_hello(const struct utest *t)
{
	char *argv[] = { "hello", 0 };
	int pid = ut_fork();

	(void)t;
	if (pid == 0) {
		sc(SYS_exec, (long)"hello", (long)argv, 0);
		ut_exit(99);
	}
	UT_EQ(ut_exitcode(ut_wait(pid)), 0);
}

/* 32 arguments is the limit, and fits. */
static void t_exec_32_args(const struct utest *t)
{
	static char *argv[33];
	int pid;

	(void)t;
	for (int i = 0; i < 32; i++)
		argv[i] = "hello";
	argv[32] = 0;
	pid = ut_fork();
	if (pid == 0) {
		sc(SYS_exec, (long)"hello", (long)argv, 0);
		ut_exit(99);
	}
	UT_EQ(ut_exitcode(ut_wait(pid)), 0);
}

static void t_exec_e2big(const struct utest *t)
{
	static char *argv[40], *one[3];
	static char *mid[24];

	(void)t;
	for (int i = 0; i < 39; i++)
		argv[i] = "x";
	argv[33] = 0;                           /* 33 arguments */
	UT_EQ(sc(SYS_exec, (long)"hello", (long)argv, 0), -E2BIG);
	UT_EQ(sc(SYS_exec, (long)"no-such-program", (long)argv, 0), -E2BIG);
	argv[33] = "x";
	argv[39] = 0;
	UT_EQ(sc(SYS_exec, (long)"hello", (long)argv, 0), -E2BIG);
	/* one string of 2048 bytes and more */
	memset(big_arg, 'a', sizeof big_arg - 1);
	one[0] = "hello";
	one[1] = big_arg;
	UT_EQ(sc(SYS_exec, (long)"hello", (long)one, 0), -E2BIG);
	big_arg[2048] = 0;
	UT_EQ(sc(SYS_exec, (long)"hello", (long)one, 0), -E2BIG);
	/* 2047 bytes fit the copy, not the stack with the pointers */
	big_arg[2047 - 6] = 0;
	UT_EQ(sc(SYS_exec, (long)"hello", (long)one, 0), -E2BIG);
	UT_EQ(sc(SYS_exec, (long)"no-such-program", (long)one, 0), -ENOENT);
	/* 20 strings of 107 bytes: 2140 bytes of strings */
	memset(big_arg, 'b', 106);
	big_arg[106] = 0;
	for (int i = 0; i < 20; i++)
		mid[i] = big_arg;
	mid[20] = 0;
	UT_EQ(sc(SYS_exec, (long)"hello", (long)mid, 0), -E2BIG);
}

static void t_exec_enoent(const struct utest *t)
{
	static char name32[33], name200[201];
	char *argv[] = { "x", 0 };

	(void)t;
	memset(name32, 'h', 32);
	memset(name200, 'h', 200);
	UT_EQ(sc(SYS_exec, (long)"no-such-program", (long)argv, 0), -ENOENT);
	UT_EQ(sc(SYS_exec, (long)"", (long)argv, 0), -ENOENT);
	UT_EQ(sc(SYS_exec, (long)"hello ", (long)argv, 0), -ENOENT);
	UT_EQ(sc(SYS_exec, (long)"HELLO", (long)argv, 0), -ENOENT);
	UT_EQ(sc(SYS_exec, (long)"../hello", (long)argv, 0), -ENOENT);
	UT_EQ(sc(SYS_exec, (long)name32 + 1, (long)argv, 0), -ENOENT);   /* 31 */
	UT_EQ(sc(SYS_exec, (long)name32, (long)argv, 0), -ENOENT);       /* 32 */
	UT_EQ(sc(SYS_exec, (long)name200, 0, 0), -ENOENT);
}

static void t_exec_efault(const struct utest *t)
{
	char *argv[] = { "hello", 0 };
	char *bad1[] = { "hello", (char *)KTEXT, 0 };
	char *bad2[] = { (char *)PAGODA_WINDOW_END, 0 };
	char *tail = (char *)(PAGODA_WINDOW_END - 5);
	uint32_t *atail = (uint32_t *)(PAGODA_WINDOW_END - 4);

	(void)t;
	UT_EQ(sc(SYS_exec, 0, (long)argv, 0), -EFAULT);
	UT_EQ(sc(SYS_exec, KTEXT, (long)argv, 0), -EFAULT);
	UT_EQ(sc(SYS_exec, HEAP_HOLE, (long)argv, 0), -EFAULT);
	UT_EQ(sc(SYS_exec, GUARD_LO, (long)argv, 0), -EFAULT);
	UT_EQ(sc(SYS_exec, (long)"hello", KTEXT, 0), -EFAULT);
	UT_EQ(sc(SYS_exec, (long)"hello", HEAP_HOLE, 0), -EFAULT);
	UT_EQ(sc(SYS_exec, (long)"hello", (long)0xFFFFFFFCu, 0), -EFAULT);
	UT_EQ(sc(SYS_exec, (long)"hello", (long)bad1, 0), -EFAULT);
	UT_EQ(sc(SYS_exec, (long)"hello", (long)bad2, 0), -EFAULT);
	/* a name with no NUL before the window's end (our own argv's bytes,
	 * overwritten: this child does not need them) */
	memcpy(tail, "hello", 5);
	UT_EQ(sc(SYS_exec, (long)tail, (long)argv, 0), -EFAULT);
	/* an argv array whose last slot is the window's last word */
	*atail = (uint32_t)(uintptr_t)"hello";
	UT_EQ(sc(SYS_exec, (long)"hello", (long)atail, 0), -EFAULT);
}

/* After all those failures the process is intact, and can still exec. */
static void t_exec_fail_then_run(const struct utest *t)
{
	static volatile int data_word = 1234;
	volatile int stack_word = 5678;
	char *argv[] = { "hello", 0 };
	int pid = ut_fork();

	(void)t;
	if (pid == 0) {
		UT_EQ(sc(SYS_exec, (long)"no-such-program", (long)argv, 0), -ENOENT);
		UT_EQ(sc(SYS_exec, KTEXT, (long)argv, 0), -EFAULT);
		big_arg[2047 - 6] = 0;
		memset(big_arg, 'c', 2047 - 6);
		char *one[] = { "hello", big_arg, 0 };
		UT_EQ(sc(SYS_exec, (long)"hello", (long)one, 0), -E2BIG);
		UT_EQ(data_word, 1234);
		UT_EQ(stack_word, 5678);
		sc(SYS_exec, (long)"hello", (long)argv, 0);
		ut_exit(99);
	}
	UT_EQ(ut_exitcode(ut_wait(pid)), 0);
}

/* A process that exec'd a program that never ends is killed like any. */
static void t_exec_then_kill(const struct utest *t)
{
	char *argv[] = { "spin", 0 };
	int pid = ut_fork();

	(void)t;
	if (pid == 0) {
		sc(SYS_exec, (long)"spin", (long)argv, 0);
		ut_exit(99);
	}
	ut_kill_after(pid, 30);
}

/* An exec that fails after the new window was built (the arguments do
 * not fit its stack) must leave the old window in force, also once the
 * process has been switched out and back in. */
static void t_exec_fail_then_switch(const struct utest *t)
{
	static volatile int data_word = 4321;
	char *one[] = { "hello", big_arg, 0 };
	long b;

	(void)t;
	memset(big_arg, 'd', 2047 - 6);
	big_arg[2047 - 6] = 0;
	UT_EQ(sc(SYS_exec, (long)"hello", (long)one, 0), -E2BIG);
	for (int i = 0; i < 3; i++) {
		sc(SYS_sleep_ms, 5, 0, 0);            /* switched out and back */
		UT_EQ(data_word, 4321);
		UT_EQ(big_arg[100], 'd');
	}
	b = sc(SYS_sbrk, 2 * PAGE, 0, 0);             /* new pages still arrive */
	UT_CHECK(b > 0);
	*(volatile int *)(b + PAGE) = 7;
	sc(SYS_sleep_ms, 5, 0, 0);
	UT_EQ(*(volatile int *)(b + PAGE), 7);
}

/* After exec the children are still ours: the new program waits for one. */
static void t_exec_keeps_children(const struct utest *t)
{
	char *argv[] = { "usertests", "--wait-child", "5", 0 };
	int pid = ut_fork();

	(void)t;
	if (pid == 0) {
		if (ut_fork() == 0) {
			sc(SYS_sleep_ms, 20, 0, 0);
			ut_exit(5);
		}
		sc(SYS_exec, (long)"usertests", (long)argv, 0);
		ut_exit(99);
	}
	UT_EQ(ut_exitcode(ut_wait(pid)), 0);
}

/* exec after exec after exec: the same pid all along, no frame lost. */
static void t_exec_loop(const struct utest *t)
{
	char pidstr[12], *argv[] = { "usertests", "--exec-loop", "300", pidstr, 0 };
	int pid = ut_fork();

	(void)t;
	if (pid == 0) {
		snprintf(pidstr, sizeof pidstr, "%ld", sc(SYS_getpid, 0, 0, 0));
		sc(SYS_exec, (long)"usertests", (long)argv, 0);
		ut_exit(99);
	}
	UT_EQ(ut_exitcode(ut_wait(pid)), 0);
}

/* A child that exec's its way out while its parent already waits. */
static void t_exec_wide(const struct utest *t)
{
	char *argv[] = { "usertests", "--exec-loop", "0", 0 };

	(void)t;
	for (int i = 0; i < 40; i++)
		if (ut_fork() == 0) {
			sc(SYS_exec, (long)"usertests", (long)argv, 0);
			ut_exit(99);
		}
	for (int i = 0; i < 40; i++) {
		int st = 0;
		UT_CHECK(sc(SYS_wait, -1, (long)&st, 0) > 0);
		UT_EQ(ut_exitcode(st), 0);
	}
}

const struct utest exec_tests[] = {
	{ "exec_hello",          t_exec_hello,          UT_PASS, 0, 0, 0 },
	{ "exec_32_args",        t_exec_32_args,        UT_PASS, 0, 0, 0 },
	{ "exec_e2big",          t_exec_e2big,          UT_PASS, 0, 0, 0 },
	{ "exec_enoent",         t_exec_enoent,         UT_PASS, 0, 0, 0 },
	{ "exec_efault",         t_exec_efault,         UT_PASS, 0, 0, 0 },
	{ "exec_fail_then_run",  t_exec_fail_then_run,  UT_PASS, 0, 0, 0 },
	{ "exec_fail_switch",    t_exec_fail_then_switch, UT_PASS, 0, 0, 0 },
	{ "exec_then_kill",      t_exec_then_kill,      UT_PASS, 0, 0, 0 },
	{ "exec_keeps_children", t_exec_keeps_children, UT_PASS, 0, 0, 0 },
	{ "exec_loop",           t_exec_loop,           UT_PASS, 0, 0, 0 },
	{ "exec_wide",           t_exec_wide,           UT_PASS, 0, 0, 0 },
	{ 0, 0, 0, 0, 0, 0 },
};
