/*
 * user/pagoda.h - pagoda's own API for user programs, beside newlib.
 *
 * Everything here returns -1 and sets errno on failure, like POSIX, except
 * pagoda_syscall6(), which returns the kernel's raw result (a negative
 * errno) and leaves errno alone: adversarial programs check exact codes.
 *
 * Process window (every process sees the same 1 MiB of virtual space):
 *
 *   0x02000000  +---------------------------+  __window_start, e_entry inside
 *               | text + rodata        R X  |  first PT_LOAD
 *               +---------------------------+  next 4 KiB page
 *               | data + bss           RW XN|  second PT_LOAD
 *   _end        +---------------------------+  page-rounded: initial break
 *               | heap, grows up by sbrk    |
 *   0x020EF000  +---------------------------+  __heap_limit
 *               | guard gap, never mapped   |
 *   0x020F0000  +---------------------------+  __stack_bottom
 *               | stack, 64 KiB        RW XN|  grows down; argv strings at top
 *   0x02100000  +---------------------------+  __stack_top, end of window
 *
 * Newlib conventions on pagoda (details in user/syscalls.c):
 *   - fd 0 is console input, fd 1 and 2 console output, all three ttys;
 *   - time() and gettimeofday() count from boot (no real-time clock);
 *   - wait() and waitpid() give POSIX-encoded statuses (WIFEXITED...), a
 *     killed process showing as signalled; pagoda_wait() gives the raw one.
 */
#ifndef USER_PAGODA_H
#define USER_PAGODA_H

#include <stdint.h>
#include "kernel/syscall_nr.h"

#define PAGODA_WINDOW_START  0x02000000u
#define PAGODA_HEAP_LIMIT    0x020EF000u
#define PAGODA_STACK_BOTTOM  0x020F0000u
#define PAGODA_WINDOW_END    0x02100000u

/* The GPIO block (BCM2835 ARM Peripherals ch. 6, physical 0x20200000), as
 * the kernel maps it for processes spawned with SPAWN_IO: one page, user
 * read-write, device memory, at the bus address 0x7E200000 (paging/kmap.h
 * USER_GPIO_VA; not 0x20200000, whose MiB the kernel keeps for itself). */
#define PAGODA_GPIO_VA       0x7E200000u

/* Decode a raw pagoda_wait() status (encoding in kernel/syscall_nr.h). */
#define PAGODA_KILLED(st)    (((st) & WAIT_KILLED) != 0)
#define PAGODA_CAUSE(st)     (((st) >> WAIT_CAUSE_SHIFT) & 0xff)  /* WAIT_CAUSE_* if killed */
#define PAGODA_EXITCODE(st)  ((st) & 0xff)                         /* if not killed */

/* Start built-in program `name` with `argv` (NULL-terminated; argv[0] is
 * by convention the name) and SPAWN_* `flags`.  Returns the child's pid. */
int pagoda_spawn(const char *name, char *const argv[], unsigned flags);

/* Wait for child `pid` (or any child if -1) to end; store its raw status
 * in *status if status is not NULL.  Returns the pid that ended. */
int pagoda_wait(int pid, int *status);

/* The machine's frame counts and paging counters (struct in
 * kernel/syscall_nr.h).  Returns 0. */
int pagoda_memstat(struct pagoda_memstat *m);

/* Microseconds since boot, from the system timer. */
uint64_t pagoda_uptime_us(void);

/* Sleep at least `ms` milliseconds.  Returns 0. */
int pagoda_sleep_ms(unsigned ms);

/* Give the CPU to another ready process.  Returns 0. */
int pagoda_yield(void);

/* Raw system call: returns r0 exactly as the kernel set it, errno untouched. */
long pagoda_syscall6(long nr, long a0, long a1, long a2, long a3, long a4,
		     long a5);

/* Declared by newlib's <sched.h> only under some feature macros. */
int sched_yield(void);

#endif
