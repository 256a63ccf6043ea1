/*
 * usertests/ut.h - the framework shared by usertests' test files.
 *
 * In the spirit of xv6's usertests: every test runs in a child of its own
 * (main.c forks it), so a test may fault, hang or wreck its own memory
 * without hurting the runner.  The runner judges the child by its raw
 * wait status (user/pagoda.h PAGODA_KILLED, PAGODA_CAUSE):
 *
 *   UT_PASS    exit 0; a failed check exits 1 after saying which
 *   UT_FAULT   killed by a data or prefetch abort   (WAIT_CAUSE_FAULT)
 *   UT_UNDEF   killed by an undefined instruction  (WAIT_CAUSE_UNDEF)
 *   UT_KILL    killed by kill()                    (WAIT_CAUSE_KILL)
 *   UT_TRAP    killed by either a fault or an undefined instruction, where
 *              the architecture leaves it open (UNPREDICTABLE)
 *
 * A test that expects a fault and returns instead exits 0, which the
 * runner reports as FAILED.
 *
 * Inside a test, print only with ut_say() and check only with UT_CHECK /
 * UT_EQ: they use a stack buffer and a raw SYS_write, never stdio or
 * malloc, because a test may have moved the break under malloc's feet.
 * Raw calls go through sc() (pagoda_syscall6), which returns the kernel's
 * exact result, a negative errno on failure.
 *
 * Adding a test: write `static void t_NAME(const struct utest *t)` in the
 * file of its kind and add a line to that file's table; main.c lists the
 * tables.  Names are one word ([a-z0-9_]), unique.
 */
#ifndef USERTESTS_UT_H
#define USERTESTS_UT_H

#include <stdint.h>
#include "pagoda.h"
#include "kernel/errno.h"

/* Addresses outside the window.  paging/kmap.h has the kernel's map. */
#define KTEXT        0x00008000u   /* kernel text: kernel read-only */
#define KRODATA      0x00020000u   /* kernel rodata (the program store) */
#define KIMAGE       0x00100000u   /* inside the kernel image: rodata or data */
#define KRAM         0x01000000u   /* kernel RAM (identity, read-write, XN) */
#define KRAM_HIGH    0x10000000u   /* kernel RAM above the window */
#define VECTORS_LO   0x00000000u   /* page 0: the low vectors' place, unmapped */
#define VECTORS_HI   0xFFFF0000u   /* the high vectors' place, unmapped */
#define PERIPH       0x20000000u   /* first byte of the peripherals */
#define PERIPH_GPIO  0x20200000u   /* GPFSEL0 */
#define PERIPH_UART  0x20201018u   /* PL011 UARTFR (flags: reading it is harmless) */
#define PERIPH_LAST  0x20FFFFFCu   /* last word of the peripherals */
#define DEMO_NOACC   0x30000000u   /* the kernel's no-access demo domain */
#define DEMO_RO      0x30100000u   /* a kernel read-only demo section */
#define UNMAPPED_HI  0x40000000u   /* nothing there */
#define KSTACKS      0xC0000000u   /* kernel stacks and their guards */
#define ADDR_TOP     0xFFFFFFFCu   /* the last word of the address space */

/* Addresses in the window (user/pagoda.h draws it). */
#define WIN_FIRST    PAGODA_WINDOW_START
#define WIN_LAST     (PAGODA_WINDOW_END - 1)
#define GUARD_LO     PAGODA_HEAP_LIMIT                /* 0x020EF000 */
#define GUARD_HI     (PAGODA_STACK_BOTTOM - 1)        /* 0x020EFFFF */
#define HEAP_HOLE    0x02080000u   /* heap range far above any test's break */

#define PAGE         4096u

enum ut_expect { UT_PASS, UT_FAULT, UT_UNDEF, UT_KILL, UT_TRAP };
enum ut_how { UT_READ, UT_WRITE, UT_EXEC };

struct utest {
	const char *name;
	void (*fn)(const struct utest *t);
	enum ut_expect expect;
	uint32_t addr;          /* for table-driven tests: the address */
	enum ut_how how;        /* ... and the access */
	unsigned timeout_ms;    /* 0: the runner's default */
};

/* The tables, each ended by an entry with a NULL name. */
extern const struct utest fault_tests[];
extern const struct utest sys_tests[];
extern const struct utest proc_tests[];
extern const struct utest mem_tests[];
extern const struct utest cpu_tests[];
extern const struct utest regs_tests[];
extern const struct utest exec_tests[];
extern const struct utest oom_tests[];

/* Raw system call: the kernel's r0, a negative errno on failure. */
static inline long sc(long nr, long a0, long a1, long a2)
{
	return pagoda_syscall6(nr, a0, a1, a2, 0, 0, 0);
}

/* Print to the console with a raw write (no stdio, no malloc). */
void ut_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Report a failed check of the running test and exit 1. */
void ut_fail(const char *file, int line, const char *what, long got, long want)
	__attribute__((noreturn));
/* End the calling process at once, with no atexit or stdio work. */
void ut_exit(int code) __attribute__((noreturn));

#define UT_CHECK(cond) \
	do { if (!(cond)) ut_fail(__FILE__, __LINE__, #cond, 0, 0); } while (0)
/* got == want, both shown on failure (errors as negative numbers). */
#define UT_EQ(got, want) \
	do { long g_ = (long)(got), w_ = (long)(want); \
	     if (g_ != w_) ut_fail(__FILE__, __LINE__, #got " == " #want, g_, w_); } while (0)

/* The CPSR as user code reads it (MRS). */
static inline uint32_t cpsr(void)
{
	uint32_t v;

	__asm__ volatile("mrs %0, cpsr" : "=r"(v));
	return v;
}

/* Helpers for tests that make processes of their own. */
int ut_fork(void);                     /* raw fork; fails the test on error */
int ut_wait(int pid);                  /* raw wait for pid; its raw status */
void ut_reap_all(void);                /* wait for every child, statuses ignored */
int ut_exitcode(int st);               /* exit code of a status; fails if killed */
void ut_expect_killed(int st);         /* fails unless st is "killed by kill()" */
void ut_spin(void) __attribute__((noreturn));   /* loop for ever, no calls */
/* Sleep ms, kill pid, check it ended by the kill and is gone. */
void ut_kill_after(int pid, unsigned ms);

extern const char *ut_current;         /* the running test's name */

/* xorshift32 (Marsaglia 2003); the state must not be 0. */
static inline uint32_t ut_rand(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

/* The first page boundary after the program's data: the kernel's
 * brk_base (user/user.ld: _end, page-rounded). */
uint32_t ut_brk_base(void);

#endif
