/*
 * kernel/tick.c - the tick interrupt: keeps the system timer's periodic
 * compare going and runs the small periodic jobs registered with it.
 */
#include "kernel/tick.h"
#include "kernel/errno.h"
#include "drivers/intc.h"
#include "drivers/systimer.h"
#include "kernel/proc.h"

#define TICK_JOBS 4

static struct {
	unsigned period, left;
	void (*fn)(void);
} jobs[TICK_JOBS];

static void tick_irq(unsigned irq, void *arg)
{
	unsigned n = systimer_tick_irq();   /* periods elapsed, lost ones included */

	(void)irq; (void)arg;
	if (current)
		sched_tick();
	for (unsigned i = 0; i < TICK_JOBS; i++) {
		if (!jobs[i].fn)
			continue;
		if (jobs[i].left > n) {
			jobs[i].left -= n;
			continue;
		}
		jobs[i].left = jobs[i].period;
		jobs[i].fn();
	}
}

void tick_init(void)
{
	intc_register(SYSTIMER_IRQ_C1, tick_irq, 0, "system timer tick");
	intc_enable(SYSTIMER_IRQ_C1);
	systimer_tick_init(HZ);
}

int tick_every(unsigned period, void (*fn)(void))
{
	for (unsigned i = 0; i < TICK_JOBS; i++) {
		if (!jobs[i].fn) {
			jobs[i].period = jobs[i].left = period ? period : 1;
			jobs[i].fn = fn;
			return 0;
		}
	}
	return -ENOSPC;
}
