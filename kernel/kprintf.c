/*
 * kernel/kprintf.c - console printing, panic.
 */
#include <stdbool.h>
#include "kernel/kprintf.h"
#include "kernel/fmt.h"
#include "kernel/console.h"
#include "boot/cpu.h"
#include "boot/cp15.h"

static void out_console(char c, void *arg)
{
	(void)arg;
	if (c == '\n')
		console_putc('\r');
	console_putc(c);
}

void kvprintf(const char *fmt, va_list ap)
{
	kvformat(out_console, 0, fmt, ap);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

void kputs(const char *s)
{
	while (*s)
		out_console(*s++, 0);
}

void kputs_indented(const char *indent, const char *text)
{
	bool start = true;

	for (; *text; text++) {
		if (start)
			kputs(indent);
		out_console(*text, 0);
		start = *text == '\n';
	}
	if (!start)
		kputs("\n");
}

void halt_forever(void)
{
	cpu_irq_disable();
	for (;;)
		cp15_wait_for_interrupt();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	cpu_irq_disable();
	console_panic_mode();      /* polled output from here on */
	kputs("\npanic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kputs("\nSystem halted.\n");
	halt_forever();
}
