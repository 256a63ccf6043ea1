/*
 * kernel/tick.h - the periodic timer tick and work hung on it.
 */
#ifndef KERNEL_TICK_H
#define KERNEL_TICK_H

/* Register the system timer's tick interrupt at HZ (a build setting). */
void tick_init(void);

/* Run fn every `period` ticks from the tick interrupt (IRQs masked; fn must
 * be short).  Returns 0, or -ENOSPC when all slots are taken. */
int tick_every(unsigned period, void (*fn)(void));

#endif
