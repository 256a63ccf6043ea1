/*
 * kernel/args.c - word splitting and number parsing for the shell.
 */
#include <stdbool.h>
#include <stddef.h>

#include "kernel/args.h"
#include "kernel/errno.h"

/* True for the characters that separate words. */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Split a line into words (contract in args.h). */
int args_split(char *line, char *argv[], int max)
{
	int argc = 0;
	char *p = line;

	for (;;) {
		while (is_blank(*p))
			p++;
		if (*p == '\0')
			return argc;
		if (argc == max)
			return -E2BIG;
		argv[argc++] = p;
		while (*p != '\0' && !is_blank(*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
}

/* Value of the digit c in base 10 or 16, or -1 if c is not one. */
static int digit_value(char c, unsigned base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return (unsigned)v < base ? v : -1;
}

/* Parse an unsigned 32-bit number (contract in args.h). */
int parse_u32(const char *s, uint32_t *out)
{
	unsigned base = 10;
	uint32_t v = 0;

	if (s == NULL)
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (*s == '\0')
		return -EINVAL;
	for (; *s != '\0'; s++) {
		int d = digit_value(*s, base);
		uint64_t next = (uint64_t)v * base + (uint64_t)d;

		if (d < 0 || next > UINT32_MAX)
			return -EINVAL;
		v = (uint32_t)next;
	}
	*out = v;
	return 0;
}

/* Parse a signed 32-bit number (contract in args.h). */
int parse_i32(const char *s, int32_t *out)
{
	bool neg = false;
	uint32_t mag;

	if (s == NULL)
		return -EINVAL;
	if (*s == '-') {
		neg = true;
		s++;
	}
	if (parse_u32(s, &mag) < 0)
		return -EINVAL;
	if (neg) {
		if (mag > (uint32_t)INT32_MAX + 1)
			return -EINVAL;
		/* -(2^31) is INT32_MIN; negate in unsigned, then convert. */
		*out = mag == (uint32_t)INT32_MAX + 1 ? INT32_MIN : -(int32_t)mag;
	} else {
		if (mag > INT32_MAX)
			return -EINVAL;
		*out = (int32_t)mag;
	}
	return 0;
}
