/*
 * user/prog/fuzz/fuzz.h - what the fuzzer's files share (see main.c).
 */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stdint.h>
#include "pagoda.h"
#include "kernel/errno.h"

#define PAGE        4096u
#define WIN_START   PAGODA_WINDOW_START
#define WIN_END     PAGODA_WINDOW_END
#define MAX_KIDS    8
#define CHUNK       256u      /* write() and read() work in chunks this big */
#define FAIL_EXIT   99        /* a child's exit code after a mismatch */

/* The process's state, and the model's view of its memory (main.c). */
extern int me, parent_pid, is_child;
extern long brk0, brk;                 /* the break at start, and now */
extern uint32_t xtop;                  /* bytes of 'x' below the window's end */
extern char scratch[3 * PAGE];         /* the kernel may write here */
extern char strs[6 * PAGE];            /* argv strings: strs + size - 1 - len has len bytes */
extern uint32_t argvbuf[48];           /* argv arrays */
extern unsigned calls, mismatches, forks, kills, reaped, nosys;

/* Children, each with a plan its wait status must match (main.c). */
enum plan { P_EXIT, P_FUZZ, P_SPIN, P_YIELD, P_SLEEP, P_FAULT, P_UNDEF, P_EXEC, P_EXEC_BAD,
	    P_NPLANS };
struct kid { int pid; enum plan plan; int code; int killed; };
extern struct kid kids[MAX_KIDS];
extern int nkids;

void add_kid(int pid, enum plan plan, int code);
int ends_by_itself(const struct kid *k);
void reap(int i, int st);
void forget(int i, const int *st);
void do_fork(void);
void run_plan(enum plan plan, int code) __attribute__((noreturn));

/* Random numbers and arguments (gen.c). */
void seed_rng(uint32_t seed);
uint32_t rnd(void);
static inline uint32_t below(uint32_t n) { return rnd() % n; }
static inline int one_in(uint32_t n) { return below(n) == 0; }
static inline uint32_t page_up(uint32_t a) { return (a + PAGE - 1) & ~(PAGE - 1); }

/* A pointer for an access of `size` bytes (size >= 1), and whether the
 * kernel may do all of it.  writable: the access writes (the kernel may
 * only write into scratch and the heap pages we grew; where it cannot do
 * all of it, it must stop at or before our memory's end). */
struct uptr { uint32_t p; int ok; };

struct uptr gen_ptr(uint32_t size, int writable);
uint32_t bad_ptr(uint32_t maxk, uint32_t *k);
uint32_t gen_len(void);
long gen_fd(void);
long no_pid(void);
uint32_t gen_name(long *want);
uint32_t gen_argv(long *want);

/* The calls (calls.c). */
long sys(long nr, long a, long b, long c);
void expect(const char *what, long r, long want, long a, long b, long c);
void do_exec(void);
void fuzz_one(void);
void fuzz_some(unsigned n);

#endif
