/*
 * kernel/fmt.c - the printf engine behind kprintf, panic and ksnprintf.
 *
 * One pass over the format: plain characters go straight out; a '%' starts
 * a conversion spec
 *
 *     %  [flags '-' '0']*  [width digits]  [l | ll]  conversion
 *
 * which is parsed into a struct spec, converted into a small digit buffer,
 * and then padded to the field width by emit_field().  A spec whose
 * conversion character is not one we know (or that runs into the end of the
 * format) is copied through character for character, and no argument is
 * consumed for it.
 *
 * Numbers are converted with 32-bit arithmetic when they fit, and with
 * repeated 64-bit division by the base otherwise (libgcc's __aeabi_uldivmod
 * on the target).
 */
#include <stdbool.h>
#include <stdint.h>

#include "kernel/fmt.h"

/* A width larger than this is clamped (keeps the parse free of overflow). */
#define FMT_WIDTH_MAX 1024

/* Room for the digits of UINT64_MAX in base 10 (20) or 16 (16). */
#define FMT_DIGITS_MAX 24

struct sink {
	fmt_out_fn out;
	void *arg;
	int count;
};

struct spec {
	bool left;   /* '-': pad on the right */
	bool zero;   /* '0': pad numbers with zeros after the sign or 0x */
	int width;   /* minimum field width, 0 if none */
	int lng;     /* 0: int, 1: 'l' long, 2: 'll' long long */
	char conv;   /* conversion character */
};

/* Emit one character and count it. */
static void put(struct sink *s, char c)
{
	s->out(c, s->arg);
	s->count++;
}

/* Emit n copies of c (nothing if n <= 0). */
static void put_n(struct sink *s, char c, int n)
{
	while (n-- > 0)
		put(s, c);
}

/* Emit the first n characters of str. */
static void put_str(struct sink *s, const char *str, int n)
{
	for (int i = 0; i < n; i++)
		put(s, str[i]);
}

/*
 * Emit prefix (a sign or "0x", may be empty) then body, padded to the
 * spec's width: spaces on the right if left-justified, zeros between prefix
 * and body if zero-padded (and numeric), otherwise spaces on the left.
 */
static void emit_field(struct sink *s, const struct spec *sp, bool numeric,
		       const char *prefix, int plen, const char *body, int blen)
{
	int pad = sp->width - plen - blen;

	if (sp->left) {
		put_str(s, prefix, plen);
		put_str(s, body, blen);
		put_n(s, ' ', pad);
	} else if (sp->zero && numeric) {
		put_str(s, prefix, plen);
		put_n(s, '0', pad);
		put_str(s, body, blen);
	} else {
		put_n(s, ' ', pad);
		put_str(s, prefix, plen);
		put_str(s, body, blen);
	}
}

/*
 * Write the digits of v in base 10 or 16 so that they end just before
 * `end`; return the number written (at least 1, "0" for zero).  The caller
 * provides FMT_DIGITS_MAX bytes before `end`.
 */
static int utoa(char *end, uint64_t v, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	while (v > UINT32_MAX) {
		*--p = digits[v % base];
		v /= base;
	}
	uint32_t w = (uint32_t)v;
	do {
		*--p = digits[w % base];
		w /= base;
	} while (w != 0);
	return (int)(end - p);
}

/* Fetch the signed argument for %d/%i at the spec's length. */
#define ARG_SIGNED(ap, lng) \
	((lng) == 2 ? (int64_t)va_arg(ap, long long) : \
	 (lng) == 1 ? (int64_t)va_arg(ap, long) : (int64_t)va_arg(ap, int))

/* Fetch the unsigned argument for %u/%x/%X at the spec's length. */
#define ARG_UNSIGNED(ap, lng) \
	((lng) == 2 ? (uint64_t)va_arg(ap, unsigned long long) : \
	 (lng) == 1 ? (uint64_t)va_arg(ap, unsigned long) : \
	 (uint64_t)va_arg(ap, unsigned int))

/*
 * Parse flags, width and length of the spec that starts just after a '%'
 * at p.  Fills *sp (conv is '\0' if the format ends first) and returns a
 * pointer to the conversion character.
 */
static const char *parse_spec(const char *p, struct spec *sp)
{
	*sp = (struct spec){ 0 };
	for (;; p++) {
		if (*p == '-')
			sp->left = true;
		else if (*p == '0')
			sp->zero = true;
		else
			break;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		sp->width = sp->width * 10 + (*p - '0');
		if (sp->width > FMT_WIDTH_MAX)
			sp->width = FMT_WIDTH_MAX;
	}
	if (*p == 'l') {
		sp->lng = 1;
		p++;
		if (*p == 'l') {
			sp->lng = 2;
			p++;
		}
	}
	sp->conv = *p;
	return p;
}

/* Emit a signed decimal: '-' as prefix, magnitude as body. */
static void emit_signed(struct sink *s, const struct spec *sp, int64_t v)
{
	char buf[FMT_DIGITS_MAX];
	char *end = buf + sizeof(buf);
	/* Negate in unsigned arithmetic so INT_MIN and LLONG_MIN are exact. */
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int n = utoa(end, mag, 10, false);

	emit_field(s, sp, true, "-", v < 0 ? 1 : 0, end - n, n);
}

/* Emit an unsigned number in base 10 or 16, no prefix. */
static void emit_unsigned(struct sink *s, const struct spec *sp, uint64_t v,
			  unsigned base, bool upper)
{
	char buf[FMT_DIGITS_MAX];
	char *end = buf + sizeof(buf);
	int n = utoa(end, v, base, upper);

	emit_field(s, sp, true, "", 0, end - n, n);
}

/* Emit a pointer as "0x" and at least eight lower-case hex digits. */
static void emit_pointer(struct sink *s, const struct spec *sp, uintptr_t v)
{
	char buf[FMT_DIGITS_MAX];
	char *end = buf + sizeof(buf);
	int n = utoa(end, v, 16, false);

	while (n < 8)
		end[-++n] = '0';
	emit_field(s, sp, true, "0x", 2, end - n, n);
}

/* Emit a string ("(null)" for NULL), space-padded to the width. */
static void emit_string(struct sink *s, const struct spec *sp, const char *str)
{
	int n = 0;

	if (str == NULL)
		str = "(null)";
	while (str[n] != '\0')
		n++;
	emit_field(s, sp, false, "", 0, str, n);
}

/*
 * The engine (contract in fmt.h).  Walks fmt once, consuming one argument
 * from ap per known conversion.  Returns the number of characters emitted.
 */
int kvformat(fmt_out_fn out, void *arg, const char *fmt, va_list ap)
{
	struct sink s = { out, arg, 0 };
	struct spec sp;

	while (*fmt != '\0') {
		if (*fmt != '%') {
			put(&s, *fmt++);
			continue;
		}
		const char *start = fmt;
		const char *conv = parse_spec(fmt + 1, &sp);
		fmt = conv + (*conv != '\0');
		char c;

		switch (sp.conv) {
		case 'd':
		case 'i':
			emit_signed(&s, &sp, ARG_SIGNED(ap, sp.lng));
			break;
		case 'u':
			emit_unsigned(&s, &sp, ARG_UNSIGNED(ap, sp.lng), 10, false);
			break;
		case 'x':
		case 'X':
			emit_unsigned(&s, &sp, ARG_UNSIGNED(ap, sp.lng), 16,
				      sp.conv == 'X');
			break;
		case 'p':
			emit_pointer(&s, &sp, (uintptr_t)va_arg(ap, void *));
			break;
		case 's':
			emit_string(&s, &sp, va_arg(ap, const char *));
			break;
		case 'c':
			c = (char)va_arg(ap, int);
			emit_field(&s, &sp, false, "", 0, &c, 1);
			break;
		case '%':
			put(&s, '%');
			break;
		default:
			/* Unknown, or the format ended inside the spec. */
			put_str(&s, start, (int)(fmt - start));
			break;
		}
	}
	return s.count;
}

/* Destination of kvsnprintf: a buffer of n bytes, pos characters so far. */
struct bufsink {
	char *buf;
	size_t n;
	size_t pos;
};

/* Store c if there is room left for it and the final NUL; count it anyway. */
static void buf_out(char c, void *arg)
{
	struct bufsink *b = arg;

	if (b->pos + 1 < b->n)
		b->buf[b->pos] = c;
	b->pos++;
}

/*
 * snprintf semantics (contract in fmt.h).  buf may be NULL when n is 0.
 * The result is always NUL-terminated when n > 0.
 */
int kvsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct bufsink b = { buf, n, 0 };
	int len = kvformat(buf_out, &b, fmt, ap);

	if (n > 0)
		buf[b.pos < n ? b.pos : n - 1] = '\0';
	return len;
}

/* Variadic front end of kvsnprintf. */
int ksnprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = kvsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return len;
}
