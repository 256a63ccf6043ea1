/*
 * user/pagoda.c - pagoda's own calls (user/pagoda.h) and the POSIX sleeping
 * and yielding calls built on them.
 */
#include <sched.h>
#include <stdint.h>
#include <unistd.h>

#include "pagoda.h"
#include "sys.h"

int pagoda_spawn(const char *name, char *const argv[], unsigned flags)
{
	return sys_result(SYS3(SYS_spawn, name, argv, flags));
}

int pagoda_wait(int pid, int *status)
{
	return sys_result(SYS2(SYS_wait, pid, status));
}

/* Returns 0 if the kernel refuses (it never should: the variable is ours). */
uint64_t pagoda_uptime_us(void)
{
	uint64_t us = 0;

	if (SYS_IS_ERR(SYS1(SYS_uptime_us, &us)))
		return 0;
	return us;
}

int pagoda_sleep_ms(unsigned ms)
{
	return sys_result(SYS1(SYS_sleep_ms, ms));
}

int pagoda_yield(void)
{
	return sys_result(SYS0(SYS_yield));
}

long pagoda_syscall6(long nr, long a0, long a1, long a2, long a3, long a4,
		     long a5)
{
	return sys_call6(nr, a0, a1, a2, a3, a4, a5);
}

int sched_yield(void)
{
	return pagoda_yield();
}

/* Sleeps in chunks so that seconds * 1000 cannot overflow.  Signals do
 * not exist, so the whole time is always slept: returns 0. */
unsigned sleep(unsigned seconds)
{
	const unsigned chunk = 1000000;   /* seconds per SYS_sleep_ms call */

	while (seconds > 0) {
		unsigned s = seconds < chunk ? seconds : chunk;

		pagoda_sleep_ms(s * 1000);
		seconds -= s;
	}
	return 0;
}

/* Rounds up to whole milliseconds, the kernel's unit. */
int usleep(useconds_t us)
{
	return pagoda_sleep_ms(us / 1000 + (us % 1000 != 0));
}

int pagoda_memstat(struct pagoda_memstat *m)
{
	return sys_result(SYS1(SYS_memstat, m));
}
