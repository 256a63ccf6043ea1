/*
 * kernel/syscall_nr.h - pagoda's system call numbers and ABI.
 * Shared, unchanged, by the kernel and by user programs.
 *
 * ABI: `svc #0` with the call number in r7 and up to four arguments in
 * r0-r3 (r4 and r5 are reserved for calls with more; none has them).  The
 * result comes back in r0: >= 0 on success, or a negative errno
 * (kernel/errno.h) on failure.  All other registers are preserved.  The
 * SVC immediate is ignored.
 */
#ifndef KERNEL_SYSCALL_NR_H
#define KERNEL_SYSCALL_NR_H

#define SYS_exit       1   /* (int status)                        no return */
#define SYS_getpid     2   /* ()                                  -> pid */
#define SYS_getppid    3   /* ()                                  -> parent pid */
#define SYS_write      4   /* (int fd, const void *buf, size_t n) -> bytes written */
#define SYS_read       5   /* (int fd, void *buf, size_t n)       -> bytes read */
#define SYS_yield      6   /* ()                                  -> 0 */
#define SYS_sleep_ms   7   /* (unsigned ms)                       -> 0 */
#define SYS_uptime_us  8   /* (uint64_t *out)                     -> 0 */
#define SYS_sbrk       9   /* (int delta)                         -> old break */
#define SYS_kill      10   /* (int pid)                           -> 0 */
#define SYS_wait      11   /* (int pid or -1, int *status)        -> pid */
#define SYS_spawn     12   /* (const char *name, char *const argv[], unsigned flags) -> pid */
#define SYS_fork      13   /* ()                                  -> child pid / 0 */
#define SYS_exec      14   /* (const char *name, char *const argv[]) -> argc in the new program */
#define SYS_memstat   15   /* (struct pagoda_memstat *out)        -> 0 */
#define SYS_COUNT     16

#ifndef __ASSEMBLER__
/* SYS_memstat: the machine's frames and the paging counters, and the
 * caller's own pages.  Every field is a 32-bit count. */
struct pagoda_memstat {
	unsigned frames_total, frames_free, frames_shared, frames_user;
	unsigned zero_fills, file_loads, cow_copies, cow_reuses, oom_kills;
	unsigned forks, procs;
	unsigned resident, reserved_pages;   /* the caller's */
};
#endif

/* wait() status encoding: the low byte is the exit code for a normal exit;
 * a process killed by a fault or by kill() has WAIT_KILLED set and the
 * cause in bits 15:8 (WAIT_CAUSE_*), and the FSR in the kernel's record. */
#define WAIT_KILLED        0x10000
#define WAIT_CAUSE_SHIFT   8
#define WAIT_CAUSE_KILL    1   /* kill() or Ctrl-C */
#define WAIT_CAUSE_FAULT   2   /* data or prefetch abort */
#define WAIT_CAUSE_UNDEF   3   /* undefined instruction */
#define WAIT_CAUSE_OOM     4   /* out of memory */

/* spawn() flags */
#define SPAWN_IO           1   /* grant the io right (needs it itself) */

#endif
