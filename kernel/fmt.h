/*
 * kernel/fmt.h - printf-style formatting without libc.
 *
 * Conversions: %d %i %u %x %X %p %s %c %%, with flags '-' (left-justify)
 * and '0' (zero pad), a decimal field width, and the length modifiers 'l'
 * (long, 32 bits on ARM) and 'll' (64 bits).  %s of NULL prints "(null)".
 * %p prints 0x followed by eight hex digits.  Anything else is copied
 * through literally, so a bad format never crashes.
 *
 * kvformat() is the one engine: it hands each output character to `out`.
 * It is pure (no hardware), so the host unit tests exercise it directly.
 */
#ifndef KERNEL_FMT_H
#define KERNEL_FMT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_out_fn)(char c, void *arg);

/* Format `fmt` with `ap`, emitting through out(c, arg).  Returns the number
 * of characters emitted. */
int kvformat(fmt_out_fn out, void *arg, const char *fmt, va_list ap);

/* snprintf semantics: writes at most n-1 characters plus a NUL (if n > 0)
 * and returns the length the full output would have had. */
int kvsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
