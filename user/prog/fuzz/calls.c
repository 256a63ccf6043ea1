/*
 * user/prog/fuzz/calls.c - one random call at a time, each answer
 * predicted by the model and compared (see main.c).
 *
 * The model follows the order in which kernel/syscall.c checks: for
 * write and read the fd, then the length (-EINVAL from 2^31), then the
 * first chunk of the buffer; for wait the pid, then the status pointer
 * (before waiting), then the children; for spawn the flags, then the
 * name, argv and the store.  Where an answer would depend on something
 * the model cannot know, the arguments are changed to make it knowable:
 * a buffer the kernel would accept for read() (it would wait for the
 * console) or write() (bytes on the console) is swapped for kernel text.
 */
#include <stdio.h>
#include <string.h>
#include "fuzz.h"

extern char _end[];

long sys(long nr, long a, long b, long c)
{
	calls++;
	return pagoda_syscall6(nr, a, b, c, (long)rnd(), (long)rnd(), (long)rnd());
}

/* Compare a result with the model's; print the first mismatches. */
void expect(const char *what, long r, long want, long a, long b, long c)
{
	if (r == want)
		return;
	if (++mismatches <= 20)
		printf("fuzz: MISMATCH call %u (pid %d): %s(0x%lx, 0x%lx, 0x%lx) = %ld, expected %ld\n",
		       calls, me, what, (unsigned long)a, (unsigned long)b, (unsigned long)c, r, want);
	if (is_child) {
		fflush(stdout);
		pagoda_syscall6(SYS_exit, FAIL_EXIT, 0, 0, 0, 0, 0);
	}
}

/* ---- the calls ---------------------------------------------------------------- */

static void do_write(void)
{
	long fd = gen_fd();
	uint32_t n = gen_len(), first = n < CHUNK ? n : CHUNK;
	struct uptr u = gen_ptr(first ? first : 1, 0);
	long want;

	if (u.ok && (fd == 1 || fd == 2) && (int32_t)n > 0)
		u.p = 0x00008000;                      /* no bytes on the console */
	if (fd != 1 && fd != 2)
		want = -EBADF;
	else if ((int32_t)n < 0)
		want = -EINVAL;
	else
		want = n == 0 ? 0 : -EFAULT;
	expect("write", sys(SYS_write, fd, u.p, n), want, fd, u.p, n);
}

static void do_read(void)
{
	long fd = one_in(3) ? gen_fd() : 0;
	uint32_t n = gen_len(), first = n < CHUNK ? n : CHUNK;
	struct uptr u = gen_ptr(first ? first : 1, 1);
	long want;

	if (u.ok && fd == 0 && (int32_t)n > 0)
		u.p = 0x00008000;                      /* a read that would wait */
	if (fd != 0)
		want = -EBADF;
	else if ((int32_t)n < 0)
		want = -EINVAL;
	else
		want = n == 0 ? 0 : -EFAULT;
	expect("read", sys(SYS_read, fd, u.p, n), want, fd, u.p, n);
}

static void do_store(void)
{
	int mem = one_in(2);
	uint32_t size = mem ? sizeof(struct pagoda_memstat) : 8;
	struct uptr u = gen_ptr(size, 1);

	expect(mem ? "memstat" : "uptime_us", sys(mem ? SYS_memstat : SYS_uptime_us, u.p, 0, 0),
	       u.ok ? 0 : -EFAULT, u.p, 0, 0);
}

static void do_sbrk(void)
{
	long delta, want;

	switch (below(6)) {
	case 0: delta = 0; break;
	case 1: delta = (long)below(16 * PAGE); break;             /* grow */
	case 2: delta = -(long)below((uint32_t)(brk - brk0) + 1); break;   /* back, not below brk0 */
	case 3: delta = (long)(PAGODA_HEAP_LIMIT - brk) + 1 + (long)below(PAGE); break;
	case 4: delta = -(brk - (long)(uintptr_t)_end) - 1 - (long)below(0x10000); break;
	default: delta = (long)rnd() | (long)0x40000000; break;       /* far off either way */
	}
	if (delta < 0 && brk + delta < brk0 && brk + delta >= (long)(uintptr_t)_end)
		delta = 0;                              /* would take malloc's memory */
	want = brk + (int64_t)delta >= (long)(uintptr_t)_end &&
	       brk + (int64_t)delta <= (long)PAGODA_HEAP_LIMIT ? brk : -ENOMEM;
	expect("sbrk", sys(SYS_sbrk, delta, 0, 0), want, delta, 0, 0);
	if (want >= 0) {
		brk += delta;
		/* touch some of what grew: frames come and go */
		for (uint32_t a = page_up((uint32_t)brk0); a < (uint32_t)brk && one_in(2); a += PAGE * (1 + below(4)))
			*(volatile uint32_t *)a = a;
	}
}

void do_exec(void)
{
	long wname, wargv;
	uint32_t name = gen_name(&wname), argv = gen_argv(&wargv);
	long want = wname ? wname : wargv ? wargv : -ENOENT;

	expect("exec", sys(SYS_exec, name, argv, 0), want, name, argv, 0);
}

static void do_spawn(void)
{
	long wname, wargv, want, r;
	uint32_t flags = one_in(4) ? rnd() & (one_in(2) ? 1 : 0xFF) : 0;
	uint32_t name = gen_name(&wname), argv = gen_argv(&wargv);

	if (!is_child && !flags && nkids < MAX_KIDS && one_in(64)) {
		/* a program that exists: a child to wait for */
		r = sys(SYS_spawn, (long)"hello", 0, 0);
		if (r > 0)
			add_kid((int)r, P_EXEC, 0);
		else if (r != -ENOMEM)
			expect("spawn hello", r, 1, 0, 0, 0);
		return;
	}
	want = flags & ~1u ? -EINVAL : flags ? -EPERM : wname ? wname : wargv ? wargv : -ENOENT;
	r = sys(SYS_spawn, name, argv, flags);
	expect("spawn", r, want, name, argv, flags);
}

static void do_kill(void)
{
	long pid, want, r;
	int i = -1;

	switch (below(is_child ? 4 : 6)) {
	case 0: pid = -(long)below(4); want = -EINVAL; break;
	case 1: pid = 1 + (long)below(2); want = -EPERM; break;
	case 2: pid = no_pid(); want = -ESRCH; break;
	case 3:
		if (is_child && one_in(8)) {
			pid = me;                       /* ends here */
			want = 0;
			break;
		}
		pid = (long)0x80000000u + (long)below(100);
		want = -EINVAL;
		break;
	default:
		if (nkids == 0)
			return;
		i = (int)below((uint32_t)nkids);
		pid = kids[i].pid;
		want = 0;
		break;
	}
	r = sys(SYS_kill, pid, 0, 0);
	if (i >= 0) {
		if (r == 0 || (r == -ESRCH && ends_by_itself(&kids[i]))) {
			kids[i].killed = 1;
			kills++;
			return;
		}
	}
	expect("kill", r, want, pid, 0, 0);
}

static void do_wait(void)
{
	struct uptr u = one_in(4) ? (struct uptr){ 0, 1 } : gen_ptr(4, 1);
	long pid, want, r;
	int i, ending = -1;

	if (u.p == 0)
		u.ok = 1;                               /* NULL: no status wanted */

	for (i = 0; i < nkids; i++)
		if (ends_by_itself(&kids[i]) && (ending < 0 || one_in(2)))
			ending = i;
	switch (below(8)) {
	case 0: pid = 0; want = -EINVAL; break;
	case 1: pid = -2 - (long)below(100); want = -EINVAL; break;
	case 2: pid = 1 + (long)below(2); want = -ECHILD; break;  /* the reaper, the shell */
	case 3: pid = no_pid(); want = -ESRCH; break;
	case 4: pid = me; want = -ECHILD; break;
	case 5: case 6:
		if (ending < 0)
			return;
		pid = kids[ending].pid;
		want = pid;
		break;
	default:
		if (nkids && ending < 0)
			return;                         /* it would wait for ever */
		pid = -1;
		want = nkids ? 0 : -ECHILD;             /* 0: any child of ours */
		break;
	}
	if (want != -EINVAL && !u.ok)
		want = -EFAULT;                         /* checked before waiting */
	r = sys(SYS_wait, pid, u.p, 0);
	if (r > 0 && (r == want || (pid == -1 && want == 0))) {
		for (i = 0; i < nkids && kids[i].pid != r; i++)
			;
		if (i < nkids) {
			forget(i, u.p ? (const int *)(uintptr_t)u.p : 0);
			return;
		}
	}
	expect("wait", r, want, pid, u.p, 0);
}

static void do_misc(void)
{
	long nr;

	switch (below(5)) {
	case 0: expect("getpid", sys(SYS_getpid, rnd(), 0, 0), me, 0, 0, 0); return;
	case 1: expect("getppid", sys(SYS_getppid, rnd(), 0, 0), parent_pid, 0, 0, 0); return;
	case 2: expect("yield", sys(SYS_yield, rnd(), 0, 0), 0, 0, 0, 0); return;
	case 3: expect("sleep_ms", sys(SYS_sleep_ms, below(3), 0, 0), 0, 0, 0, 0); return;
	default:
		break;
	}
	switch (below(4)) {                        /* numbers outside the table */
	case 0: nr = 0; break;
	case 1: nr = SYS_COUNT + (long)below(300); break;
	case 2: nr = -(long)below(100); break;
	default: nr = (long)(rnd() | 0x100); break;
	}
	nosys++;
	expect("nosys", sys(nr, rnd(), rnd(), rnd()), -ENOSYS, nr, 0, 0);
}

/* Kill a child that is always ready to run (it spins or yields) soon
 * after it started: while it lives, every tick the others sleep through
 * is spent running it, which costs real time to emulate. */
static void kill_busy(void)
{
	for (int i = 0; i < nkids; i++)
		if (!kids[i].killed && (kids[i].plan == P_SPIN || kids[i].plan == P_YIELD) &&
		    one_in(4)) {
			expect("kill", sys(SYS_kill, kids[i].pid, 0, 0), 0, kids[i].pid, 0, 0);
			kids[i].killed = 1;
			kills++;
		}
}

/* One random call.  The parent also forks and, at the children limit,
 * kills and reaps instead. */
void fuzz_one(void)
{
	uint32_t w = below(100);

	if (!is_child)
		kill_busy();

	if (w < 14) do_write();
	else if (w < 24) do_read();
	else if (w < 36) do_store();
	else if (w < 44) do_sbrk();
	else if (w < 50) do_exec();
	else if (w < 54) do_spawn();
	else if (w < 62) do_kill();
	else if (w < 68) do_wait();
	else if (w < 71 && !is_child) {
		if (nkids < MAX_KIDS)
			do_fork();
		else
			do_kill();
	} else
		do_misc();
}

void fuzz_some(unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		fuzz_one();
}
