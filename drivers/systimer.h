/*
 * drivers/systimer.h - the BCM2835 System Timer: time stamps, busy waits
 * and the periodic kernel tick.
 *
 * Reference: BCM2835 ARM Peripherals (Broadcom, 2012), chapter 12 "System
 * Timer", pp. 172-174.  Bus address 0x7E003000 = physical 0x20003000
 * (bus 0x7Exxxxxx is physical 0x20xxxxxx, section 1.2.3).
 *
 *   0x00 CS    control/status: bit n = compare n matched, write 1 to clear
 *   0x04 CLO   counter, low 32 bits  } one free-running 64-bit counter
 *   0x08 CHI   counter, high 32 bits } at 1 MHz
 *   0x0C C0 .. 0x18 C3   compare registers: when CLO == Cn, CS bit n sets
 *                        and the channel's interrupt line goes high
 *
 * The match lines are GPU interrupts 0..3 (Linux bcm2835.dtsi, timer node
 * "interrupts = <1 0>, <1 1>, <1 2>, <1 3>").  C0 and C2 belong to the
 * VideoCore firmware on a real Pi, so the ARM uses only C1 (pagoda's tick)
 * and C3.  QEMU raises all four, and a 10 ms tick measures right there.
 *
 * Comparisons of stamps live in drivers/timecmp.h, which has no MMIO.
 */
#ifndef DRIVERS_SYSTIMER_H
#define DRIVERS_SYSTIMER_H

#include <stdbool.h>
#include <stdint.h>
#include "drivers/timecmp.h"

#define SYSTIMER_HZ        1000000u  /* the counter ticks at 1 MHz */
#define SYSTIMER_NCHAN     4u
#define SYSTIMER_TICK_CHAN 1u        /* C1 drives the kernel tick */
#define SYSTIMER_IRQ_C1    1u        /* GPU IRQ 1, bank 1 */
#define SYSTIMER_IRQ_C3    3u        /* GPU IRQ 3, bank 1 */

/* The 64-bit counter in microseconds.  Reads CHI, CLO, CHI and retries if
 * CHI moved in between, so the two halves always belong together. */
uint64_t systimer_now(void);

/* The low 32 bits of the counter (CLO): wraps every ~71.6 minutes.  Use
 * with time_after_eq()/time_before() only. */
uint32_t systimer_now32(void);

/* Write compare register `ch` (0..3).  Returns 0 or -EINVAL. */
int systimer_set_compare(unsigned ch, uint32_t value);

/* Clear channel `ch`'s match flag (write 1 to CS bit ch), which also drops
 * its interrupt line.  Returns 0 or -EINVAL. */
int systimer_ack(unsigned ch);

/* True if channel `ch` has matched and not been acknowledged; false for a
 * bad channel. */
bool systimer_matched(unsigned ch);

/* Busy-wait at least `us` microseconds (any 32-bit value).  Usable before
 * interrupts are set up; does not touch any compare channel. */
void systimer_delay_us(uint32_t us);

/* Start the periodic tick: `hz` interrupts per second on channel C1, the
 * first one period from now.  The caller registers systimer_tick_irq() for
 * SYSTIMER_IRQ_C1 with the interrupt controller and enables that line.
 * Resets the tick and lost-tick counts.  Returns 0, or -EINVAL if hz is 0
 * or above 100000 (a period under 10 us cannot be kept). */
int systimer_tick_init(unsigned hz);

/* The tick interrupt's body, called with IRQs masked.  Acknowledges C1 and
 * arms the next deadline one period after the previous one, so the tick
 * does not drift.  If deadlines have already passed (IRQs were masked too
 * long), skips forward over them and counts them as lost ticks.  Returns
 * the number of periods that elapsed (1 normally, more after a loss, 0 for
 * a stale match with nothing due). */
unsigned systimer_tick_irq(void);

uint64_t systimer_ticks(void);       /* periods elapsed since tick_init */
uint64_t systimer_lost_ticks(void);  /* of those, how many had no IRQ */
unsigned systimer_hz(void);          /* the tick rate, 0 before tick_init */

#endif
