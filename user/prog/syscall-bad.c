/*
 * syscall-bad - hands the kernel bad arguments and checks each refusal.
 *
 * Every call goes through pagoda_syscall6(), so the exact negative errno
 * is compared, and none of them may hurt the kernel or this process.
 * Pointers are checked against the window (user/pagoda.h) and its rights:
 * kernel memory, unmapped holes, a range running past the end of the
 * window, read-only text as a destination, pointers hidden inside argv.
 * Lengths that do not fit an int are -EINVAL.  Run it without the io
 * right: spawning with SPAWN_IO must then be -EPERM.
 *
 * Not checked: read() into an unmapped or read-only page inside the window.
 * The kernel checks only the window range before it waits for input, so
 * such a read blocks until a key is typed, then fails with -EFAULT.
 *
 * Prints one line per check, `syscall-bad: N checks, M failed` at the end,
 * and exits 0 if every check passed, 1 otherwise.
 */
#include <stdint.h>
#include <stdio.h>
#include <errno.h>
#include "pagoda.h"

#define KTEXT      0x00008000L   /* kernel text: outside the window */
#define PERIPH     0x20200000L   /* GPIO registers: outside the window */
#define UNMAPPED   0x02080000L   /* heap range, far beyond this program's break */
#define GUARD      0x020EF800L   /* the guard gap below the stack */
#define LAST_BYTE  0x020FFFFFL   /* the window's last byte: 16 from here cross its end */
#define HUGE_LEN   0xFFFFFFFFL   /* does not fit an int: -EINVAL */
#define NO_PID     0x7FFFFFFFL   /* no such process */

struct check {
	const char *what;
	long nr, a0, a1, a2;
	long expect;   /* >= 0: that value; < 0: that -errno */
};

int main(void);

/* Buffers the checks point at: static, so the table can be too. */
static const char ok_msg[] = "(rodata ok) ";
static char argv0[] = "hello";
static char long_name[] = "a-program-name-longer-than-the-kernel-takes";
static char buf[16];
static char *argv[] = { argv0, NULL };
static char *bad_argv[] = { (char *)KTEXT, NULL };

#define B     ((long)(uintptr_t)buf)
#define AV    ((long)(uintptr_t)argv)
#define NAME  ((long)(uintptr_t)argv0)
#define TEXT  ((long)(uintptr_t)main)
#define OKLEN ((long)sizeof(ok_msg) - 1)

static const struct check checks[] = {
	/* write: fd first, then length, then every byte of the buffer */
	{ "write(1, rodata, n)", SYS_write, 1, (long)(uintptr_t)ok_msg,
	  OKLEN, OKLEN },
	{ "write(1, kernel text, 16)", SYS_write, 1, KTEXT, 16, -EFAULT },
	{ "write(1, peripheral, 16)", SYS_write, 1, PERIPH, 16, -EFAULT },
	{ "write(1, unmapped heap range, 16)", SYS_write, 1, UNMAPPED, 16, -EFAULT },
	{ "write(1, guard gap, 16)", SYS_write, 1, GUARD, 16, -EFAULT },
	{ "write(1, last byte of window, 16)", SYS_write, 1, LAST_BYTE, 16, -EFAULT },
	{ "write(1, buf, 0xffffffff)", SYS_write, 1, B, HUGE_LEN, -EINVAL },
	{ "write(-1, buf, 1)", SYS_write, -1, B, 1, -EBADF },
	{ "write(0, buf, 1)", SYS_write, 0, B, 1, -EBADF },
	{ "write(3, buf, 1)", SYS_write, 3, B, 1, -EBADF },
	{ "write(0x7fffffff, buf, 1)", SYS_write, 0x7fffffffL, B, 1, -EBADF },
	/* read: only what is refused before waiting for input */
	{ "read(0, buf, 0)", SYS_read, 0, B, 0, 0 },
	{ "read(-1, buf, 1)", SYS_read, -1, B, 1, -EBADF },
	{ "read(1, buf, 1)", SYS_read, 1, B, 1, -EBADF },
	{ "read(0, buf, 0xffffffff)", SYS_read, 0, B, HUGE_LEN, -EINVAL },
	{ "read(0, kernel text, 16)", SYS_read, 0, KTEXT, 16, -EFAULT },
	{ "read(0, peripheral, 16)", SYS_read, 0, PERIPH, 16, -EFAULT },
	{ "read(0, last byte of window, 16)", SYS_read, 0, LAST_BYTE, 16, -EFAULT },
	/* uptime_us writes 8 bytes */
	{ "uptime_us(NULL)", SYS_uptime_us, 0, 0, 0, -EFAULT },
	{ "uptime_us(kernel text)", SYS_uptime_us, KTEXT, 0, 0, -EFAULT },
	{ "uptime_us(own text, read-only)", SYS_uptime_us, TEXT, 0, 0, -EFAULT },
	{ "uptime_us(guard gap)", SYS_uptime_us, GUARD, 0, 0, -EFAULT },
	{ "uptime_us(window end - 4)", SYS_uptime_us, LAST_BYTE - 3, 0, 0, -EFAULT },
	/* spawn: flags, the right, the name, argv and its strings */
	{ "spawn(\"hello\", argv, 0x80)", SYS_spawn, NAME, AV, 0x80, -EINVAL },
	{ "spawn(\"hello\", argv, SPAWN_IO), no io", SYS_spawn, NAME, AV, SPAWN_IO, -EPERM },
	{ "spawn(kernel text, argv, 0)", SYS_spawn, KTEXT, AV, 0, -EFAULT },
	{ "spawn(guard gap, argv, 0)", SYS_spawn, GUARD, AV, 0, -EFAULT },
	{ "spawn(\"hello\", kernel text, 0)", SYS_spawn, NAME, KTEXT, 0, -EFAULT },
	{ "spawn(\"hello\", {kernel text}, 0)", SYS_spawn, NAME,
	  (long)(uintptr_t)bad_argv, 0, -EFAULT },
	{ "spawn(\"no-such-program\", argv, 0)", SYS_spawn,
	  (long)(uintptr_t)"no-such-program", AV, 0, -ENOENT },
	{ "spawn(43-character name, argv, 0)", SYS_spawn,
	  (long)(uintptr_t)long_name, AV, 0, -ENOENT },
	/* wait and kill */
	{ "wait(0, buf)", SYS_wait, 0, B, 0, -EINVAL },
	{ "wait(-2, buf)", SYS_wait, -2, B, 0, -EINVAL },
	{ "wait(-1, kernel text)", SYS_wait, -1, KTEXT, 0, -EFAULT },
	{ "wait(-1, buf) without children", SYS_wait, -1, B, 0, -ECHILD },
	{ "wait(0x7fffffff, buf)", SYS_wait, NO_PID, B, 0, -ESRCH },
	{ "kill(0)", SYS_kill, 0, 0, 0, -EINVAL },
	{ "kill(-1)", SYS_kill, -1, 0, 0, -EINVAL },
	{ "kill(0x7fffffff)", SYS_kill, NO_PID, 0, 0, -ESRCH },
	/* the break stays inside [end of bss, heap limit] */
	{ "sbrk(-16 MiB), below the data", SYS_sbrk, -0x01000000L, 0, 0, -ENOMEM },
	{ "sbrk(+256 MiB), past the heap limit", SYS_sbrk, 0x10000000L, 0, 0, -ENOMEM },
	/* numbers outside the table */
	{ "syscall 0", 0, 0, 0, 0, -ENOSYS },
	{ "syscall SYS_COUNT", SYS_COUNT, 0, 0, 0, -ENOSYS },
	{ "syscall 999", 999, 0, 0, 0, -ENOSYS },
	{ "syscall -1", -1, 0, 0, 0, -ENOSYS },
};

static const char *err_name(long r)
{
	static const struct { int err; const char *name; } names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
		{ EBADF, "EBADF" }, { ECHILD, "ECHILD" }, { ENOMEM, "ENOMEM" },
		{ E2BIG, "E2BIG" }, { ENOEXEC, "ENOEXEC" },
		{ EFAULT, "EFAULT" }, { EINVAL, "EINVAL" }, { ENOSYS, "ENOSYS" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (r == -names[i].err)
			return names[i].name;
	return r < 0 ? "?" : "";
}

/* Run one check; print it and return 1 if it failed. */
static int run(const struct check *c)
{
	long r;

	printf("syscall-bad: %-38s expect %ld %-7s ", c->what, c->expect,
	       err_name(c->expect));
	fflush(stdout);   /* show the check before a read that might block */
	r = pagoda_syscall6(c->nr, c->a0, c->a1, c->a2, 0, 0, 0);
	if (r == c->expect) {
		printf("OK\n");
		return 0;
	}
	printf("FAILED: got %ld %s\n", r, err_name(r));
	return 1;
}

int main(void)
{
	const int n = (int)(sizeof(checks) / sizeof(checks[0]));
	int failed = 0;

	printf("syscall-bad: %d checks of system calls with bad arguments\n", n);
	for (int i = 0; i < n; i++)
		failed += run(&checks[i]);
	printf("syscall-bad: %d checks, %d failed\n", n, failed);
	return failed ? 1 : 0;
}
