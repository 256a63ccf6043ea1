/*
 * drivers/intc.h - the BCM2835 ARM interrupt controller and pagoda's IRQ
 * dispatch table.
 *
 * Reference: BCM2835 ARM Peripherals (Broadcom, 2012), chapter 7
 * "Interrupts", pp. 109-118.  Registers at bus 0x7E00B200 = physical
 * 0x2000B200 (bus 0x7Exxxxxx is physical 0x20xxxxxx, section 1.2.3).
 *
 * pagoda numbers the interrupt lines like this:
 *
 *    0 .. 31   GPU IRQs, bank 1 (pending 1 / enable 1 / disable 1)
 *   32 .. 63   GPU IRQs, bank 2 (pending 2 / enable 2 / disable 2)
 *   64 .. 71   ARM IRQs, basic bank, bits 0..7 (ARM timer 64, mailbox 65,
 *              doorbell 0/1 66/67, GPU0/1 halted 68/69, illegal access
 *              type 1/0 70/71), 7.5 p. 114
 *
 * Lines pagoda uses: system timer C1 = 1 and C3 = 3, AUX (mini UART) = 29,
 * PL011 = 57 (the GPU IRQ table, 7.5 p. 113).
 *
 * Each line has at most one handler, kept in one table indexed by the line
 * number.  Handlers run in IRQ mode with IRQs masked; each must silence
 * its device's interrupt before returning, because the lines are levels.
 */
#ifndef DRIVERS_INTC_H
#define DRIVERS_INTC_H

#include <stdint.h>

#define INTC_NR_GPU      64u
#define INTC_NR_IRQS     72u
#define INTC_IRQ_ARM(n)  (INTC_NR_GPU + (n))   /* basic bank bit n */
#define INTC_IRQ_ARM_TIMER    INTC_IRQ_ARM(0)  /* not emulated by QEMU */
#define INTC_IRQ_ARM_MAILBOX  INTC_IRQ_ARM(1)

typedef void (*intc_handler_fn)(unsigned irq, void *arg);

/* Report hook for problems found while dispatching (an enabled line with
 * no handler).  Set once by the kernel, normally to kprintf; NULL (the
 * default) reports nothing.  Called with IRQs masked. */
typedef void (*intc_report_fn)(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
void intc_set_report_hook(intc_report_fn fn);

/* Disable every line (basic, bank 1, bank 2), turn off FIQ routing, and
 * empty the dispatch table and its counters.  Call once, IRQs masked. */
void intc_init(void);

/* Install fn(irq, arg) as the handler of `irq`; `name` (a string that
 * lives forever) is shown by the `irq` shell command.  Does not enable the
 * line.  Returns 0, -EINVAL (irq out of range or fn NULL) or -EBUSY (the
 * line already has a handler). */
int intc_register(unsigned irq, intc_handler_fn fn, void *arg, const char *name);

/* Enable / disable delivery of `irq` to the ARM.  Return 0 or -EINVAL.
 * Call with IRQs masked, or from an IRQ handler: the enabled-set copy that
 * dispatch keeps is updated read-modify-write. */
int intc_enable(unsigned irq);
int intc_disable(unsigned irq);

/* The IRQ exception's body, called by the trap code with IRQs masked.
 * Reads the three pending registers once, keeps only the lines pagoda
 * enabled, and calls each such line's handler once.  A pending line with
 * no handler is reported once through the hook and disabled, never looped
 * on.  If nothing was pending, counts a spurious interrupt. */
void intc_dispatch(void);

/* For the `irq` shell command: lines are 0 .. intc_nr_irqs()-1. */
unsigned intc_nr_irqs(void);
uint64_t intc_count(unsigned irq);      /* dispatches of this line; 0 if bad */
const char *intc_name(unsigned irq);    /* handler's name, or NULL */
const char *intc_source(unsigned irq);  /* the manual's name for the line, or NULL */
int intc_enabled(unsigned irq);         /* 1 / 0, or -EINVAL */
uint64_t intc_spurious(void);           /* IRQs with nothing pending */

#endif
