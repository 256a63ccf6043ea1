/*
 * kernel/irq.c - the IRQ path: vector -> trap() -> irq_handle() ->
 * intc_dispatch() -> the registered driver handler.
 */
#include "kernel/trap.h"
#include "kernel/kprintf.h"
#include "drivers/intc.h"

void irq_handle(struct trapframe *tf)
{
	(void)tf;
	intc_dispatch();
}

/* Set up the interrupt controller with everything masked; drivers enable
 * their lines when they register. */
void irq_init(void)
{
	intc_init();
	intc_set_report_hook(kprintf);
}
