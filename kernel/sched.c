/*
 * kernel/sched.c - round-robin scheduling, sleep and wakeup.
 *
 * One run queue, a circular list of RUNNABLE processes; the running one is
 * not on it.  The idle thread runs when the queue is empty.  Preemption
 * happens only on the way back to user mode (sched_user_return), when the
 * tick has used up the quantum; kernel code is never preempted, it blocks.
 *
 * Sleepers wait on a channel (any address), hashed into buckets, and may
 * also have a deadline on the timed list, which the tick checks.
 */
#include "kernel/proc.h"
#include "kernel/kprintf.h"
#include "kernel/syscall_nr.h"
#include "drivers/systimer.h"
#include "paging/mmu.h"
#include "paging/kmap.h"
#include "paging/domains.h"
#include "paging/tlb.h"
#include "paging/maint.h"
#include "boot/cp15.h"
#include "boot/cpu.h"

void swtch(uint32_t *save_sp, uint32_t new_sp);   /* boot/switch.S */

struct proc *current;
static struct proc *idle_proc;
static struct proc *runq;            /* head of the circular run queue */
/* Work for the way back to user mode (sched_user_return; the system call
 * fast path in boot/vectors.S tests only this flag): the quantum is used
 * up, a kernel thread was woken, or the process returning has been
 * killed. */
volatile bool need_resched;
unsigned long long sched_switches;

#define WQ_BUCKETS 64
static struct proc *waitq[WQ_BUCKETS];
static struct proc *timed;           /* sorted by wake_us */

static unsigned bucket(const void *chan)
{
	uint32_t a = (uint32_t)(uintptr_t)chan;
	return (a ^ (a >> 6) ^ (a >> 12)) % WQ_BUCKETS;
}

static void rq_add(struct proc *p)
{
	if (!runq) {
		p->rq_next = p->rq_prev = p;
		runq = p;
		return;
	}
	p->rq_prev = runq->rq_prev;     /* at the tail */
	p->rq_next = runq;
	runq->rq_prev->rq_next = p;
	runq->rq_prev = p;
}

static void rq_remove(struct proc *p)
{
	if (p->rq_next == p) {
		runq = 0;
	} else {
		p->rq_prev->rq_next = p->rq_next;
		p->rq_next->rq_prev = p->rq_prev;
		if (runq == p)
			runq = p->rq_next;
	}
	p->rq_next = p->rq_prev = 0;
}

unsigned sched_runq_length(void)
{
	uint32_t s = cpu_irq_save();
	unsigned n = 0;

	if (runq) {
		struct proc *p = runq;
		do {
			n++;
			p = p->rq_next;
		} while (p != runq && n < 1000000);
	}
	cpu_irq_restore(s);
	return n;
}

void sched_init(struct proc *idle, struct proc *boot)
{
	idle_proc = idle;
	current = boot;
	boot->state = P_RUNNING;
}

void sched_make_runnable(struct proc *p)
{
	uint32_t s = cpu_irq_save();

	if (p->state != P_RUNNABLE && p != idle_proc) {
		p->state = P_RUNNABLE;
		rq_add(p);
		/* a woken kernel thread (the shell on a key, the reaper) goes
		 * first: the console answers however many processes compute */
		if (p->kthread && runq != p) {
			runq = p;
			need_resched = true;
		}
	}
	need_resched = need_resched || current == idle_proc;
	cpu_irq_restore(s);
}

/* Point the window at p's table, with p's ASID and rights.  The sequence
 * follows the ARM ARM (DDI 0100I B4.3.x, "Changing the ASID") advice for
 * changing the ASID and the table together: load the reserved ASID 0,
 * prefetch flush; change the table pointer (here: the window's L1 entry),
 * clean its line and DSB so the walker sees it; then load the new ASID and
 * prefetch flush.  No TLB flush: user pages are nG and tagged by ASID.
 * The branch predictor is flushed because the same window addresses now
 * hold different code (ARM1176 TRM 3.2.22, c7 c5 6). */
static uint32_t window_shown;   /* the window's L1 entry now (raw), 0 = none */

void sched_switch_window(struct proc *p)
{
	static l1e_t *slot;
	uint32_t asid = asid_ensure(&p->asid);

	if (!slot)
		slot = &kernel_l1()->e[L1_INDEX(WINDOW_BASE)];
	cp15_dsb();                      /* TRM 3.2.47: DSB before writing CONTEXTIDR */
	if (p->win_l1e.raw != window_shown) {
		cp15_write_contextidr(ASID_RESERVED);
		cp15_prefetch_flush();
		*slot = p->win_l1e;          /* made once, by window_create() */
		cp15_dcache_clean_mva((uint32_t)(uintptr_t)slot & ~31u);
		cp15_dsb();
		window_shown = p->win_l1e.raw;
	}
	cp15_write_contextidr(asid);
	cp15_bp_flush_all();
	cp15_prefetch_flush();
	pt_set_flush_asid(asid);
	cp15_write_dacr(p->dacr);
}

/* Forget the window if it shows p's table (p is going away): make the
 * window's L1 entry a fault, so that no walk can reach the freed table. */
void sched_drop_window(struct proc *p)
{
	l1e_t *slot = &kernel_l1()->e[L1_INDEX(WINDOW_BASE)];

	if (!p->l2 || p->win_l1e.raw != window_shown)
		return;
	l1_build(l1_fault(), slot);
	pt_sync_l1(slot, WINDOW_BASE);
	window_shown = 0;
}

/* Pick the next process and switch to it.  IRQs disabled. */
static void schedule(void)
{
	struct proc *prev = current, *next = runq;

	need_resched = false;
	if (next)
		rq_remove(next);
	else
		next = prev->state == P_RUNNING ? prev : idle_proc;
	if (prev->state == P_RUNNING && prev != next) {
		prev->state = P_RUNNABLE;
		if (prev != idle_proc)
			rq_add(prev);
	}
	next->state = P_RUNNING;
	next->quantum = SCHED_QUANTUM_TICKS;
	if (next->killed)
		need_resched = true;    /* work for its way back to user mode */
	if (next == prev)
		return;
	if (!next->kthread)
		sched_switch_window(next);
	else
		cp15_write_dacr(DACR_DEFAULT);   /* no io rights in kernel threads */
	current = next;
	sched_switches++;
	swtch(&prev->ksp, next->ksp);
}

/* Leave the CPU for good or until someone changes our state: the caller
 * has already set current->state (ZOMBIE).  IRQs disabled. */
void sched_switch_away(void)
{
	schedule();
}

void sched_yield(void)
{
	uint32_t s = cpu_irq_save();
	schedule();
	cpu_irq_restore(s);
}

void sched_sleep(const void *chan, uint64_t wake_us)
{
	struct proc *p = current;

	p->wchan = chan;
	p->state = P_SLEEPING;
	if (chan) {
		unsigned b = bucket(chan);
		p->wq_next = waitq[b];
		waitq[b] = p;
	}
	p->wake_us = wake_us;
	if (wake_us) {
		struct proc **pp = &timed;
		while (*pp && (*pp)->wake_us <= wake_us)
			pp = &(*pp)->tq_next;
		p->tq_next = *pp;
		*pp = p;
	}
	schedule();
}

/* Take p off its channel bucket and the timed list, and run it. */
static void wake(struct proc *p)
{
	if (p->wchan) {
		struct proc **pp = &waitq[bucket(p->wchan)];
		while (*pp && *pp != p)
			pp = &(*pp)->wq_next;
		if (*pp)
			*pp = p->wq_next;
		p->wchan = 0;
	}
	if (p->wake_us) {
		struct proc **pp = &timed;
		while (*pp && *pp != p)
			pp = &(*pp)->tq_next;
		if (*pp)
			*pp = p->tq_next;
		p->wake_us = 0;
	}
	sched_make_runnable(p);
}

void sched_wakeup(const void *chan)
{
	uint32_t s = cpu_irq_save();
	struct proc *p = waitq[bucket(chan)], *next;

	for (; p; p = next) {
		next = p->wq_next;
		if (p->wchan == chan && p->state == P_SLEEPING)
			wake(p);
	}
	cpu_irq_restore(s);
}

/* Wake p whatever it sleeps on (kill uses it). */
void sched_wake_proc(struct proc *p)
{
	uint32_t s = cpu_irq_save();
	if (p->state == P_SLEEPING)
		wake(p);
	cpu_irq_restore(s);
}

void sched_tick(void)
{
	uint64_t now = systimer_now();

	current->cpu_ticks++;
	while (timed && timed->wake_us <= now)
		wake(timed);
	if (current == idle_proc ? runq != 0 : --current->quantum <= 0)
		need_resched = true;
}

void sched_user_return(struct trapframe *tf)
{
	if ((tf->cpsr & MODE_MASK) != MODE_USR)
		return;
	if (current->killed)
		proc_exit(current->status);
	if (need_resched)
		sched_yield();
	if (current->killed)
		proc_exit(current->status);
}
