/*
 * kernel/proc.h - processes and kernel threads.
 *
 * A process owns a 1 MiB window (paging/kmap.h WINDOW_BASE) backed by its
 * own second-level table, a kernel stack above a guard page, an ASID, and
 * its rights (the DACR it runs with).  Kernel threads (idle, the reaper,
 * the shell) have only a kernel stack.
 *
 * States:  RUNNABLE --run--> RUNNING --sleep--> SLEEPING --wakeup--> RUNNABLE
 *                                    --exit---> ZOMBIE --reaped by wait--> gone
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <stdbool.h>
#include <stdint.h>
#include "boot/trapframe.h"
#include "kernel/asid.h"
#include "kernel/vma.h"
#include "paging/desc.h"

enum proc_state { P_EMBRYO, P_RUNNABLE, P_RUNNING, P_SLEEPING, P_ZOMBIE };

#define PROC_NAME_MAX 32

struct proc {
	int pid, ppid;
	enum proc_state state;
	char name[PROC_NAME_MAX];
	bool kthread;

	struct proc *all_next, *all_prev;   /* every process */
	struct proc *parent;                /* user processes: who waits for it */
	struct proc *children, *zombies;    /* its children, live and ended */
	struct proc *sib_next, *sib_prev;   /* on the parent's children or zombies */
	struct proc *rq_next, *rq_prev;     /* run queue (RUNNABLE) */
	struct proc *wq_next;               /* wait-channel bucket (SLEEPING) */
	struct proc *tq_next;               /* timed sleep list, by deadline */
	const void *wchan;                  /* what it sleeps on */
	uint64_t wake_us;                   /* timed sleep deadline, 0 = none */

	uint32_t kstack;                    /* lowest byte of the kernel stack */
	uint32_t ksp;                       /* saved sp while switched out */
	struct trapframe *tf;               /* user frame at the stack top */

	l2_table_t *l2;                     /* the window's table (NULL: kthread) */
	l1e_t win_l1e;                      /* the first-level entry showing it */
	struct asid_slot asid;
	uint32_t dacr;                      /* DACR while it runs: rights */
	bool io;                            /* holds the io right */
	uint32_t brk, brk_base;             /* heap: [brk_base, brk) */
	struct vm_map vm;                   /* valid regions (kernel/vma.h) */
	const struct prog *image;           /* the program its pages come from */
	int job;                            /* pid of the job's first process */
	bool bg;                            /* a background job: the reaper reports it */

	int quantum;                        /* ticks left before preemption */
	bool killed;                        /* exit at the next return to user */
	int status;                         /* wait() status once a zombie */
	char why[80];                       /* how it ended, for the shell */

	uint32_t resident;                  /* frames mapped in the window */
	uint32_t faults;                    /* page faults taken */
	uint64_t cpu_ticks;
};

extern struct proc *current;

/* ---- process life cycle (kernel/proc.c) --------------------------------- */
void proc_init(void);
/* Start a kernel thread running fn(arg); returns it or NULL. */
struct proc *kthread_create(const char *name, void (*fn)(void *), void *arg);
/* Start program `name` from the store with argv (kernel strings), as a
 * child of `parent`.  Returns the pid, or a negative error. */
int proc_spawn(const char *name, int argc, char *const argv[], bool io, struct proc *parent);
/* End the current process with a wait() status.  Never returns. */
void proc_exit(int status) __attribute__((noreturn));
/* Fork the current process (copy-on-write).  Returns the child's pid,
 * -ENOMEM or -EAGAIN. */
int proc_fork(void);
/* Replace the current process's program.  On success returns argc (the
 * new program's r0) into a fresh frame; on failure nothing has changed and
 * the error is returned: -ENOENT, -ENOEXEC (proc_spawn_error says why),
 * -E2BIG, -ENOMEM. */
int proc_exec(const char *name, int argc, char *const argv[]);
/* Kill every process of a job.  Returns how many were marked. */
int proc_kill_job(int job, int cause, const char *why);
/* Wait for a child (pid, or -1 for any) to end.  Returns its pid and
 * fills *status, or -ECHILD / -ESRCH.  Frees the child. */
int proc_wait(int pid, int *status, char *why, unsigned whylen);
/* The same, also saying whether it was a background job (*bg). */
int proc_wait_bg(int pid, int *status, char *why, unsigned whylen, bool *bg);
/* Mark a process killed with a reason (cause: WAIT_CAUSE_*). */
int proc_kill(int pid, int cause, const char *why);
struct proc *proc_find(int pid);
/* Why the last proc_spawn() refused an ELF (-ENOEXEC), or NULL. */
const char *proc_spawn_error(void);
/* Kill the current process for a fault: report, then exit.  Never returns. */
void proc_fault_exit(int cause, const char *why) __attribute__((noreturn));
/* Iterate every process: for (p = proc_first(); p; p = proc_next(p)). */
struct proc *proc_first(void);
struct proc *proc_next(const struct proc *p);
unsigned proc_count(void);
/* The slab cache process structures come from, for statistics. */
struct kcache;
const struct kcache *proc_kcache(void);
/* The reaper thread (adopts orphans and background jobs). */
extern struct proc *reaper;

/* ---- scheduling (kernel/sched.c) ----------------------------------------- */
void sched_init(struct proc *idle, struct proc *boot);
void sched_make_runnable(struct proc *p);
/* Give up the CPU; returns when scheduled again.  IRQs: any. */
void sched_yield(void);
/* Sleep on chan until wakeup(chan) or (if wake_us) the deadline.  Call
 * with IRQs disabled; returns with them disabled. */
void sched_sleep(const void *chan, uint64_t wake_us);
void sched_wakeup(const void *chan);
/* Tick: accounting, timed wakeups, quantum.  From the tick IRQ. */
void sched_tick(void);
/* Return-to-user checks: preemption and pending kills. */
void sched_user_return(struct trapframe *tf);
void sched_switch_window(struct proc *p);
extern volatile bool need_resched;
/* Processes on the run queue (ready to run), for the shell. */
unsigned sched_runq_length(void);
extern unsigned long long sched_switches;

#define SCHED_QUANTUM_TICKS 2   /* 20 ms at HZ = 100 */

#endif
