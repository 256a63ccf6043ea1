/*
 * user/sys.h - the one place where a pagoda user program enters the kernel.
 *
 * ABI (kernel/syscall_nr.h): `svc #0`, call number in r7, arguments in
 * r0-r3, result in r0: >= 0 on success or a negative errno on failure.
 * The kernel preserves every other register, including r1-r5, so they are
 * inputs only.  r7 is free to bind because pagoda programs are built in ARM
 * state (-marm), where the frame pointer is r11; in Thumb state r7 is the
 * frame pointer and this would not compile at -O0.
 *
 * Internal to the runtime (user/syscalls.c, user/pagoda.c).  Programs use
 * newlib, the API in user/pagoda.h, or pagoda_syscall6() for raw calls.
 */
#ifndef USER_SYS_H
#define USER_SYS_H

#include <errno.h>
#include "kernel/syscall_nr.h"

#if defined(__thumb__)
#error "pagoda user code is built with -marm: r7 carries the syscall number"
#endif

/*
 * Enter the kernel with call `nr` and six arguments; unused ones are 0.
 * Returns the kernel's r0 unchanged (a negative errno on failure).  The
 * "memory" clobber makes the compiler write out buffers before the call
 * and re-read them after it, since the kernel reads and writes through
 * the pointer arguments.
 */
static inline long sys_call6(long nr, long a0, long a1, long a2,
			     long a3, long a4, long a5)
{
	register long r0 __asm__("r0") = a0;
	register long r1 __asm__("r1") = a1;
	register long r2 __asm__("r2") = a2;
	register long r3 __asm__("r3") = a3;
	register long r4 __asm__("r4") = a4;
	register long r5 __asm__("r5") = a5;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(r0)
			 : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
			 : "memory");
	return r0;
}

/* Calls with fewer arguments bind only the registers they use: no call
 * takes more than r0-r3 today, and a null call costs two instructions on
 * this side (mov r7; svc). */
static inline long sys_call0(long nr)
{
	register long r0 __asm__("r0");
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc #0" : "=r"(r0) : "r"(r7) : "memory");
	return r0;
}

static inline long sys_call3(long nr, long a0, long a1, long a2)
{
	register long r0 __asm__("r0") = a0;
	register long r1 __asm__("r1") = a1;
	register long r2 __asm__("r2") = a2;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return r0;
}

/* Shorthands; the casts let callers pass pointers and unsigned values. */
#define SYS0(nr)             sys_call0((nr))
#define SYS1(nr, a)          sys_call3((nr), (long)(a), 0, 0)
#define SYS2(nr, a, b)       sys_call3((nr), (long)(a), (long)(b), 0)
#define SYS3(nr, a, b, c)    sys_call3((nr), (long)(a), (long)(b), (long)(c))

/* True if a raw result is a negative errno (the kernel's errors are small;
 * every address in the process window is positive as a long). */
#define SYS_IS_ERR(r)        ((unsigned long)(r) >= (unsigned long)-4095)

/* Newlib's convention: return `r`, or -1 with errno = -r if it is an error. */
static inline long sys_result(long r)
{
	if (SYS_IS_ERR(r)) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

#endif
