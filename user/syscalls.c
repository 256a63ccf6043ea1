/*
 * user/syscalls.c - newlib's system layer for pagoda.
 *
 * Newlib (libc_nano, see user/README.md) calls these underscore functions
 * for all its I/O, memory and process work.  Each returns what POSIX says,
 * or -1 with errno set from the kernel's negative result.  What pagoda has
 * no notion of yet fails with the errno a POSIX system would give:
 *
 *   fds 0, 1, 2      the console: ttys, character devices, not seekable;
 *                    close() on them succeeds and changes nothing
 *   other fds        EBADF (no files yet)
 *   open, stat       ENOENT (no file system); link ENOSYS; unlink ENOENT
 *   fork, execve     SYS_fork (copy-on-write) and SYS_exec; execv and execvp too
 *   kill(pid, sig)   any signal ends the process (SYS_kill has no signal
 *                    number); sig 0, a probe, is EINVAL
 *   wait, waitpid    POSIX-encoded status (see posix_status); no WNOHANG
 *   gettimeofday     time since boot; times() and clock() count from the
 *                    start of this process, in CLOCKS_PER_SEC units
 */
#include <errno.h>
/* Included after <errno.h> on purpose: a kernel errno that differs from
 * newlib's is a macro redefinition, which -Werror turns into an error. */
#include "kernel/errno.h"

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pagoda.h"
#include "sys.h"

#define CONSOLE_FDS 3   /* fds 0, 1 and 2 are the console */

static int is_console(int fd)
{
	return fd >= 0 && fd < CONSOLE_FDS;
}

/* Fail with `err`: the newlib convention. */
static int fail(int err)
{
	errno = err;
	return -1;
}

ssize_t _write(int fd, const void *buf, size_t n)
{
	return sys_result(SYS3(SYS_write, fd, buf, n));
}

ssize_t _read(int fd, void *buf, size_t n)
{
	return sys_result(SYS3(SYS_read, fd, buf, n));
}

/* Move the break by `incr` bytes; the kernel owns it.  Returns the old
 * break, or (void *)-1 with errno ENOMEM (or the kernel's error). */
void *_sbrk(ptrdiff_t incr)
{
	long r = SYS1(SYS_sbrk, incr);

	if (SYS_IS_ERR(r)) {
		errno = (int)-r;
		return (void *)-1;
	}
	return (void *)r;
}

void _exit(int status)
{
	SYS1(SYS_exit, status);
	for (;;)   /* SYS_exit does not return; never fall off the end */
		;
}

pid_t _getpid(void)
{
	return sys_result(SYS0(SYS_getpid));
}

pid_t getppid(void)
{
	return sys_result(SYS0(SYS_getppid));
}

int _kill(int pid, int sig)
{
	if (sig <= 0 || sig >= NSIG)
		return fail(EINVAL);
	return sys_result(SYS1(SYS_kill, pid));
}

/* Translate a pagoda wait status to the encoding of newlib's <sys/wait.h>:
 * exit code in bits 15:8, or a terminating signal in bits 6:0. */
static int posix_status(int st)
{
	if (!PAGODA_KILLED(st))
		return PAGODA_EXITCODE(st) << 8;
	switch (PAGODA_CAUSE(st)) {
	case WAIT_CAUSE_FAULT: return SIGSEGV;
	case WAIT_CAUSE_UNDEF: return SIGILL;
	default:               return SIGKILL;   /* kill(), Ctrl-C, out of memory */
	}
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	int st = 0;
	long r;

	if (options != 0)
		return fail(EINVAL);
	r = sys_result(SYS2(SYS_wait, pid, &st));
	if (r >= 0 && status)
		*status = posix_status(st);
	return r;
}

pid_t _wait(int *status)
{
	return waitpid(-1, status, 0);
}

pid_t _fork(void)
{
	return sys_result(SYS0(SYS_fork));
}

/* pagoda has no environment to pass on: envp is ignored. */
int _execve(const char *name, char *const argv[], char *const envp[])
{
	(void)envp;
	return sys_result(SYS2(SYS_exec, name, argv));
}

/* The exec family newlib leaves to the system.  Programs are found by
 * name in the program store, so execvp searches nothing more. */
int execve(const char *name, char *const argv[], char *const envp[])
{
	return _execve(name, argv, envp);
}

int execv(const char *name, char *const argv[])
{
	return _execve(name, argv, 0);
}

int execvp(const char *name, char *const argv[])
{
	return _execve(name, argv, 0);
}

int _gettimeofday(struct timeval *tv, void *tz)
{
	uint64_t us = pagoda_uptime_us();

	(void)tz;   /* obsolete; newlib passes NULL */
	if (tv) {
		tv->tv_sec = (time_t)(us / 1000000);
		tv->tv_usec = (suseconds_t)(us % 1000000);
	}
	return 0;
}

static uint64_t start_us;   /* uptime when this process started */

__attribute__((constructor)) static void note_start(void)
{
	start_us = pagoda_uptime_us();
}

#define US_PER_CLOCK (1000000 / CLOCKS_PER_SEC)

/* pagoda keeps no CPU accounting yet: user time is the time since this
 * process started, system and children's times are 0.  Returns the time
 * since boot, in CLOCKS_PER_SEC units. */
clock_t _times(struct tms *buf)
{
	uint64_t now = pagoda_uptime_us();

	if (buf) {
		memset(buf, 0, sizeof(*buf));
		buf->tms_utime = (clock_t)((now - start_us) / US_PER_CLOCK);
	}
	return (clock_t)(now / US_PER_CLOCK);
}

int _isatty(int fd)
{
	if (is_console(fd))
		return 1;
	errno = EBADF;
	return 0;
}

int _fstat(int fd, struct stat *st)
{
	if (!is_console(fd))
		return fail(EBADF);
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR | S_IRUSR | S_IWUSR;
	return 0;
}

off_t _lseek(int fd, off_t offset, int whence)
{
	(void)offset;
	(void)whence;
	return fail(is_console(fd) ? ESPIPE : EBADF);
}

int _close(int fd)
{
	return is_console(fd) ? 0 : fail(EBADF);
}

int _open(const char *path, int flags, ...)
{
	(void)path;
	(void)flags;
	return fail(ENOENT);
}

int _stat(const char *path, struct stat *st)
{
	(void)path;
	(void)st;
	return fail(ENOENT);
}

int _unlink(const char *path)
{
	(void)path;
	return fail(ENOENT);
}

int _link(const char *old, const char *new)
{
	(void)old;
	(void)new;
	return fail(ENOSYS);
}
