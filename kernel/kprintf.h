/*
 * kernel/kprintf.h - console output, panic and assertions.
 */
#ifndef KERNEL_KPRINTF_H
#define KERNEL_KPRINTF_H

#include <stdarg.h>

/* Print to the console; "\n" becomes "\r\n".  Safe with IRQs on or off. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);
void kputs(const char *s);
/* Print multi-line text with `indent` before every line; ends with "\n". */
void kputs_indented(const char *indent, const char *text);

/* Print "panic: <message>" and halt this CPU for good.  The message should
 * start with the function name: panic("map_page: remap at %08x", va). */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Stop after a report: print the panic line and wait forever, IRQs off. */
void halt_forever(void) __attribute__((noreturn));

#define KASSERT(expr)                                                        \
	do {                                                                 \
		if (!(expr))                                                 \
			panic("%s: assertion '%s' failed at %s:%d", __func__, \
			      #expr, __FILE__, __LINE__);                    \
	} while (0)

#endif
