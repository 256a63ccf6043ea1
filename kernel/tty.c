/*
 * kernel/tty.c - line-buffered console input for processes.
 */
#include "kernel/tty.h"
#include "kernel/console.h"
#include "kernel/lineedit.h"
#include "kernel/string.h"
#include "kernel/errno.h"

#define CTRL_D 0x04

static struct lineedit le;
static char line[LINE_MAX + 2];      /* the line, '\n', NUL */
static uint32_t line_len, line_pos;

static void echo(const char *s, unsigned n, void *arg)
{
	(void)arg;
	console_write(s, n);
}

int tty_read(char *buf, uint32_t n)
{
	uint32_t k;

	while (line_pos >= line_len) {
		int c = console_getc();

		if (c < 0)
			return c;          /* -EINTR: killed while waiting */
		/* le.done: the last line ended and the editor has not reset yet */
		if (c == CTRL_D && (le.done || le.len == 0) && !le.too_long)
			return 0;
		switch (le_feed(&le, (unsigned char)c, echo, 0)) {
		case LE_LINE:
		case LE_TOO_LONG:          /* deliver what fitted */
			line_len = le.len;
			memcpy(line, le.buf, line_len);
			line[line_len++] = '\n';
			line_pos = 0;
			break;
		default:
			break;
		}
	}
	k = line_len - line_pos;
	if (k > n)
		k = n;
	memcpy(buf, line + line_pos, k);
	line_pos += k;
	return (int)k;
}
