/*
 * usertests/util.c - what the tests call (ut.h): printing, failing,
 * and the process helpers.
 */
#include <stdarg.h>
#include <stdio.h>
#include "ut.h"

extern char _end[];

const char *ut_current = "usertests";   /* in a test's child: its name */

void ut_exit(int code)
{
	sc(SYS_exit, code, 0, 0);
	for (;;)
		;
}

static void say_va(const char *fmt, va_list ap)
{
	char buf[256];
	int n = vsnprintf(buf, sizeof buf, fmt, ap);

	if (n > (int)sizeof buf - 1)
		n = sizeof buf - 1;
	if (n > 0)
		sc(SYS_write, 1, (long)buf, n);
}

void ut_say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say_va(fmt, ap);
	va_end(ap);
}

void ut_fail(const char *file, int line, const char *what, long got, long want)
{
	if (got == want)
		ut_say("  %s: check failed at %s:%d: %s\n", ut_current, file, line, what);
	else
		ut_say("  %s: check failed at %s:%d: %s (got %ld = 0x%lx, want %ld = 0x%lx)\n",
		       ut_current, file, line, what, got, (unsigned long)got, want,
		       (unsigned long)want);
	ut_exit(1);
}

int ut_fork(void)
{
	long pid = sc(SYS_fork, 0, 0, 0);

	if (pid < 0)
		ut_fail(__FILE__, __LINE__, "fork", pid, 0);
	return (int)pid;
}

int ut_wait(int pid)
{
	int st = 0;
	long r = sc(SYS_wait, pid, (long)&st, 0);

	if (r != pid)
		ut_fail(__FILE__, __LINE__, "wait(pid)", r, pid);
	return st;
}

void ut_reap_all(void)
{
	while (sc(SYS_wait, -1, 0, 0) > 0)
		;
}

uint32_t ut_brk_base(void)
{
	return (uint32_t)(uintptr_t)_end;
}

int ut_exitcode(int st)
{
	UT_CHECK(!PAGODA_KILLED(st));
	return PAGODA_EXITCODE(st);
}

void ut_expect_killed(int st)
{
	UT_CHECK(PAGODA_KILLED(st));
	UT_EQ(PAGODA_CAUSE(st), WAIT_CAUSE_KILL);
}

void ut_spin(void)
{
	for (;;)
		__asm__ volatile("" ::: "memory");
}

void ut_kill_after(int pid, unsigned ms)
{
	sc(SYS_sleep_ms, ms, 0, 0);
	UT_EQ(sc(SYS_kill, pid, 0, 0), 0);
	ut_expect_killed(ut_wait(pid));
	UT_EQ(sc(SYS_kill, pid, 0, 0), -ESRCH);
}
