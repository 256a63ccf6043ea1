/*
 * usertests/proc.c - fork, wait and kill, at their limits.
 *
 * Each test is the root of its own little tree of processes.  Statuses
 * are the kernel's raw ones (ut_wait()); a process that must end by
 * kill() is judged by PAGODA_CAUSE == WAIT_CAUSE_KILL.  Grandchildren
 * left behind go to the reaper, and the runner waits for them to be gone
 * before it counts the frames.  The rules (docs/syscalls.md): kill of
 * pid <= 0 is -EINVAL, of a kernel thread -EPERM, of a zombie or of no
 * process -ESRCH; a killed process ends at its next return to user mode,
 * also from a sleep, a console read or a wait; wait is -EINVAL for pid 0
 * or < -1, -EFAULT for a bad status pointer before it waits, -ECHILD
 * without such a child, -ESRCH for a pid no process has.
 */
#include <stdint.h>
#include "ut.h"

#define CHAIN_DEPTH  100
#define WIDE_COUNT   200

static void t_fork_basic(const struct utest *t)
{
	int pid, me = (int)sc(SYS_getpid, 0, 0, 0);

	(void)t;
	pid = ut_fork();
	if (pid == 0) {
		if (sc(SYS_getppid, 0, 0, 0) != me)
			ut_exit(1);
		ut_exit(42);
	}
	UT_CHECK(pid > me);
	UT_EQ(ut_exitcode(ut_wait(pid)), 42);
	UT_EQ(sc(SYS_wait, -1, 0, 0), -ECHILD);
}

/* Only the low 8 bits of an exit status are kept. */
static void t_exit_codes(const struct utest *t)
{
	static const int codes[] = { 0, 1, 127, 128, 255, 256, 0x1FF, -1, 0x7FFFFFFF };

	(void)t;
	for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		int pid = ut_fork();
		if (pid == 0)
			ut_exit(codes[i]);
		UT_EQ(ut_exitcode(ut_wait(pid)), codes[i] & 0xFF);
	}
}

/* Each level forks the next and exits with its child's code + 1. */
static void t_fork_chain(const struct utest *t)
{
	int top = (int)sc(SYS_getpid, 0, 0, 0);

	(void)t;
	for (int d = 0; d < CHAIN_DEPTH; d++) {
		int pid = (int)sc(SYS_fork, 0, 0, 0);
		if (pid < 0) {
			ut_say("  fork_chain: fork at depth %d: %d\n", d, pid);
			ut_exit(250);
		}
		if (pid > 0) {
			int st = ut_wait(pid), code = PAGODA_KILLED(st) ? 250 : PAGODA_EXITCODE(st);
			if (sc(SYS_getpid, 0, 0, 0) != top)
				ut_exit(code >= 250 ? code : code + 1);
			UT_EQ(code, CHAIN_DEPTH - 1);
			return;
		}
	}
	ut_exit(0);                             /* the deepest */
}

static void t_fork_wide(const struct utest *t)
{
	static int pids[WIDE_COUNT];
	unsigned sum = 0, want = 0;

	(void)t;
	for (int i = 0; i < WIDE_COUNT; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0)
			ut_exit(i & 0x7F);
		want += (unsigned)(i & 0x7F);
	}
	for (int i = 0; i < WIDE_COUNT; i++) {
		int st = 0;
		long pid = sc(SYS_wait, -1, (long)&st, 0);
		int k;

		for (k = 0; k < WIDE_COUNT && pids[k] != pid; k++)
			;
		UT_CHECK(k < WIDE_COUNT);              /* one of ours, once */
		pids[k] = -1;
		sum += (unsigned)ut_exitcode(st);
	}
	UT_EQ(sum, want);
	UT_EQ(sc(SYS_wait, -1, 0, 0), -ECHILD);
}

/* The fork bomb.  Every member forks until the kernel refuses (-ENOMEM
 * or -EAGAIN) or the bomb's time is up, then waits for its children and
 * exits with BOMB_REFUSED if it or a descendant was refused, BOMB_ERROR
 * if a fork failed otherwise or a descendant was killed.  The deadline is
 * what makes the bomb end: without it, each exit frees a slot that a
 * member which has not been refused yet fills again, for ever. */
#define BOMB_MS       1500u   /* virtual time the members keep forking */
#define BOMB_ERROR    1
#define BOMB_REFUSED  2

static uint64_t bomb_deadline;

static void bomb_member(void)
{
	int code = 0, st;
	long r;

	while (pagoda_uptime_us() < bomb_deadline) {
		r = sc(SYS_fork, 0, 0, 0);
		if (r == 0)
			continue;               /* a new member */
		if (r == -ENOMEM || r == -EAGAIN) {
			code |= BOMB_REFUSED;
			break;
		}
		if (r < 0) {
			ut_say("  fork_bomb: fork failed with %ld\n", r);
			code |= BOMB_ERROR;
			break;
		}
	}
	while (sc(SYS_wait, -1, (long)&st, 0) > 0)
		code |= PAGODA_KILLED(st) ? BOMB_ERROR : PAGODA_EXITCODE(st);
	ut_exit(code);
}

static void t_fork_bomb(const struct utest *t)
{
	struct pagoda_memstat m0, m1;
	int pid, code;

	(void)t;
	sc(SYS_memstat, (long)&m0, 0, 0);
	bomb_deadline = pagoda_uptime_us() + BOMB_MS * 1000ull;
	pid = ut_fork();
	if (pid == 0)
		bomb_member();
	code = ut_exitcode(ut_wait(pid));
	sc(SYS_memstat, (long)&m1, 0, 0);
	ut_say("  fork_bomb: %u forks, %u out-of-memory kills\n", m1.forks - m0.forks,
	       m1.oom_kills - m0.oom_kills);
	UT_EQ(code & BOMB_ERROR, 0);
	UT_EQ(code & BOMB_REFUSED, BOMB_REFUSED);   /* the kernel did say no */
}

static void t_wait_errors(const struct utest *t)
{
	int st;

	(void)t;
	UT_EQ(sc(SYS_wait, -1, (long)&st, 0), -ECHILD);
	UT_EQ(sc(SYS_wait, 0, (long)&st, 0), -EINVAL);
	UT_EQ(sc(SYS_wait, -2, (long)&st, 0), -EINVAL);
	UT_EQ(sc(SYS_wait, (long)0x80000000u, (long)&st, 0), -EINVAL);
	UT_EQ(sc(SYS_wait, 0x7FFFFFFF, (long)&st, 0), -ESRCH);
	UT_EQ(sc(SYS_wait, 1, (long)&st, 0), -ECHILD);            /* the reaper */
	UT_EQ(sc(SYS_wait, sc(SYS_getppid, 0, 0, 0), (long)&st, 0), -ECHILD);
	UT_EQ(sc(SYS_wait, sc(SYS_getpid, 0, 0, 0), (long)&st, 0), -ECHILD);
}

/* A status pointer refused before waiting leaves the child to wait for. */
static void t_wait_bad_status_keeps_child(const struct utest *t)
{
	int pid = ut_fork();

	(void)t;
	if (pid == 0)
		ut_exit(7);
	UT_EQ(sc(SYS_wait, pid, KTEXT, 0), -EFAULT);
	UT_EQ(sc(SYS_wait, -1, (long)t_wait_bad_status_keeps_child, 0), -EFAULT);
	UT_EQ(ut_exitcode(ut_wait(pid)), 7);
	pid = ut_fork();
	if (pid == 0)
		ut_exit(8);
	UT_EQ(sc(SYS_wait, pid, 0, 0), pid);                     /* NULL: no status */
}

static void t_wait_specific(const struct utest *t)
{
	int slow, fast;

	(void)t;
	slow = ut_fork();
	if (slow == 0) {
		sc(SYS_sleep_ms, 50, 0, 0);
		ut_exit(1);
	}
	fast = ut_fork();
	if (fast == 0)
		ut_exit(2);
	UT_EQ(ut_exitcode(ut_wait(fast)), 2);
	UT_EQ(ut_exitcode(ut_wait(slow)), 1);
}

/* kill itself: the call does not come back. */
static void t_kill_self(const struct utest *t)
{
	(void)t;
	sc(SYS_kill, sc(SYS_getpid, 0, 0, 0), 0, 0);
	ut_exit(1);
}

/* A grandchild kills its parent (this test's process) while it waits. */
static void t_kill_parent(const struct utest *t)
{
	int pid = ut_fork();

	(void)t;
	if (pid == 0) {
		long r = sc(SYS_kill, sc(SYS_getppid, 0, 0, 0), 0, 0);
		ut_exit(r == 0 ? 0 : 1);
	}
	sc(SYS_wait, pid, 0, 0);
	ut_exit(1);                             /* should have been killed */
}

static void t_kill_bad_pids(const struct utest *t)
{
	int pid;

	(void)t;
	UT_EQ(sc(SYS_kill, 0, 0, 0), -EINVAL);
	UT_EQ(sc(SYS_kill, -1, 0, 0), -EINVAL);
	UT_EQ(sc(SYS_kill, -2, 0, 0), -EINVAL);
	UT_EQ(sc(SYS_kill, (long)0x80000000u, 0, 0), -EINVAL);
	UT_EQ(sc(SYS_kill, 0x7FFFFFFF, 0, 0), -ESRCH);
	UT_EQ(sc(SYS_kill, 1, 0, 0), -EPERM);                     /* the reaper */
	UT_EQ(sc(SYS_kill, 2, 0, 0), -EPERM);                     /* the shell */
	/* a pid that was, and is no more */
	pid = ut_fork();
	if (pid == 0)
		ut_exit(0);
	ut_wait(pid);
	UT_EQ(sc(SYS_kill, pid, 0, 0), -ESRCH);
}

/* A zombie cannot be killed, and its status stays as it was. */
static void t_kill_zombie(const struct utest *t)
{
	int pid = ut_fork();

	(void)t;
	if (pid == 0)
		ut_exit(9);
	sc(SYS_sleep_ms, 20, 0, 0);             /* it exits meanwhile */
	UT_EQ(sc(SYS_kill, pid, 0, 0), -ESRCH);
	UT_EQ(ut_exitcode(ut_wait(pid)), 9);
}



static void t_kill_spinner(const struct utest *t)
{
	int pid = ut_fork();

	(void)t;
	if (pid == 0)
		ut_spin();
	ut_kill_after(pid, 30);
}

/* cpsid in user mode is ignored (ARM ARM A4.1.16): the tick still comes
 * and the parent still runs. */
static void t_kill_spinner_cpsid(const struct utest *t)
{
	int pid = ut_fork();

	(void)t;
	if (pid == 0) {
		__asm__ volatile("cpsid if" ::: "memory");
		ut_spin();
	}
	ut_kill_after(pid, 30);
}

/* A spinner with sp pointing at nothing: interrupts still come and go. */
static void t_kill_spinner_bad_sp(const struct utest *t)
{
	int pid = ut_fork();

	(void)t;
	if (pid == 0)
		__asm__ volatile("mov sp, #0\n1: b 1b" ::: "memory");
	ut_kill_after(pid, 30);
}

static void t_kill_sleeper(const struct utest *t)
{
	int pid = ut_fork();

	(void)t;
	if (pid == 0) {
		sc(SYS_sleep_ms, (long)0xFFFFFFFFu, 0, 0);
		ut_exit(1);
	}
	ut_kill_after(pid, 20);
}

/* Blocked in read() on the console, with nothing typed. */
static void t_kill_reader(const struct utest *t)
{
	int pid = ut_fork();

	(void)t;
	if (pid == 0) {
		char buf[16];
		sc(SYS_read, 0, (long)buf, sizeof buf);
		ut_exit(1);
	}
	ut_kill_after(pid, 20);
}

/* Two readers blocked on the console at once; each kill wakes only its
 * own, and the other still waits until killed in turn. */
static void t_kill_two_readers(const struct utest *t)
{
	int pid[2];

	(void)t;
	for (int i = 0; i < 2; i++) {
		pid[i] = ut_fork();
		if (pid[i] == 0) {
			char buf[16];
			sc(SYS_read, 0, (long)buf, sizeof buf);
			ut_exit(1);
		}
	}
	ut_kill_after(pid[1], 20);
	UT_EQ(sc(SYS_kill, pid[0], 0, 0) == 0, 1);   /* still there, still waiting */
	ut_expect_killed(ut_wait(pid[0]));
}

/* Blocked in wait() for a grandchild, which then ends as an orphan. */
static void t_kill_waiter(const struct utest *t)
{
	int pid = ut_fork();

	(void)t;
	if (pid == 0) {
		int g = ut_fork();
		if (g == 0) {
			sc(SYS_sleep_ms, 60, 0, 0);
			ut_exit(0);
		}
		sc(SYS_wait, g, 0, 0);
		ut_exit(1);
	}
	ut_kill_after(pid, 20);
}

/* Killed before it ever ran: it must still end, and cleanly. */
static void t_kill_newborn(const struct utest *t)
{
	(void)t;
	for (int i = 0; i < 20; i++) {
		int pid = ut_fork();
		if (pid == 0)
			ut_spin();
		UT_EQ(sc(SYS_kill, pid, 0, 0), 0);
		UT_EQ(sc(SYS_kill, pid, 0, 0), 0);      /* again: still there, doomed */
		ut_expect_killed(ut_wait(pid));
	}
}

/* Children that end while nobody waits: zombies handed to the reaper
 * when their parent exits, and live orphans that end later. */
static void t_orphan_zombies(const struct utest *t)
{
	(void)t;
	for (int i = 0; i < 300; i++)
		if (ut_fork() == 0)
			ut_exit(i & 0xFF);
	sc(SYS_sleep_ms, 20, 0, 0);             /* they are zombies now */
	ut_exit(0);
}

static void t_orphans_alive(const struct utest *t)
{
	(void)t;
	for (int i = 0; i < 100; i++)
		if (ut_fork() == 0) {
			sc(SYS_sleep_ms, 30, 0, 0);
			if (sc(SYS_getppid, 0, 0, 0) != 1)
				ut_say("  orphans_alive: parent %ld, not the reaper\n",
				       sc(SYS_getppid, 0, 0, 0));
			ut_exit(0);
		}
	ut_exit(0);
}

/* More processes alive than there are ASIDs (255): each must still see
 * its own memory at the same addresses, and so must the parent. */
#define ASID_PROCS 300

static volatile int asid_word = -1;

static void t_asid_rollover(const struct utest *t)
{
	(void)t;
	for (int i = 0; i < ASID_PROCS; i++)
		if (ut_fork() == 0) {
			asid_word = i;
			for (int k = 0; k < 3; k++) {
				sc(SYS_sleep_ms, 5, 0, 0);
				if (asid_word != i)
					ut_exit(1);
			}
			ut_exit(0);
		}
	for (int i = 0; i < ASID_PROCS; i++) {
		int st = 0;
		UT_CHECK(sc(SYS_wait, -1, (long)&st, 0) > 0);
		UT_EQ(ut_exitcode(st), 0);
	}
	UT_EQ(asid_word, -1);
}

/* The older way to start a program: spawn makes a child of the caller. */
static void t_spawn_hello(const struct utest *t)
{
	char *argv[] = { "hello", 0 };
	long pid;

	(void)t;
	pid = sc(SYS_spawn, (long)"hello", (long)argv, 0);
	UT_CHECK(pid > 0);
	UT_EQ(ut_exitcode(ut_wait((int)pid)), 0);
	pid = sc(SYS_spawn, (long)"spin", 0, 0);
	UT_CHECK(pid > 0);
	ut_kill_after((int)pid, 10);
}

const struct utest proc_tests[] = {
	{ "fork_basic",         t_fork_basic,         UT_PASS, 0, 0, 0 },
	{ "exit_codes",         t_exit_codes,         UT_PASS, 0, 0, 0 },
	{ "fork_chain",         t_fork_chain,         UT_PASS, 0, 0, 0 },
	{ "fork_wide",          t_fork_wide,          UT_PASS, 0, 0, 0 },
	{ "fork_bomb",          t_fork_bomb,          UT_PASS, 0, 0, 120000 },
	{ "wait_errors",        t_wait_errors,        UT_PASS, 0, 0, 0 },
	{ "wait_bad_status",    t_wait_bad_status_keeps_child, UT_PASS, 0, 0, 0 },
	{ "wait_specific",      t_wait_specific,      UT_PASS, 0, 0, 0 },
	{ "kill_self",          t_kill_self,          UT_KILL, 0, 0, 0 },
	{ "kill_parent",        t_kill_parent,        UT_KILL, 0, 0, 0 },
	{ "kill_bad_pids",      t_kill_bad_pids,      UT_PASS, 0, 0, 0 },
	{ "kill_zombie",        t_kill_zombie,        UT_PASS, 0, 0, 0 },
	{ "kill_spinner",       t_kill_spinner,       UT_PASS, 0, 0, 0 },
	{ "kill_spinner_cpsid", t_kill_spinner_cpsid, UT_PASS, 0, 0, 0 },
	{ "kill_spinner_bad_sp", t_kill_spinner_bad_sp, UT_PASS, 0, 0, 0 },
	{ "kill_sleeper",       t_kill_sleeper,       UT_PASS, 0, 0, 0 },
	{ "kill_reader",        t_kill_reader,        UT_PASS, 0, 0, 0 },
	{ "kill_two_readers",   t_kill_two_readers,   UT_PASS, 0, 0, 0 },
	{ "kill_waiter",        t_kill_waiter,        UT_PASS, 0, 0, 0 },
	{ "kill_newborn",       t_kill_newborn,       UT_PASS, 0, 0, 0 },
	{ "orphan_zombies",     t_orphan_zombies,     UT_PASS, 0, 0, 0 },
	{ "orphans_alive",      t_orphans_alive,      UT_PASS, 0, 0, 0 },
	{ "asid_rollover",      t_asid_rollover,      UT_PASS, 0, 0, 0 },
	{ "spawn_hello",        t_spawn_hello,        UT_PASS, 0, 0, 0 },
	{ 0, 0, 0, 0, 0, 0 },
};
