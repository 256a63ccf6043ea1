/*
 * kernel/lineedit.c - byte-at-a-time line editing for the serial shell.
 *
 * The behaviour table and the reset rule are in lineedit.h.  Every echo
 * goes through the caller's function; nothing here knows about the UART.
 */
#include "kernel/lineedit.h"

#define CH_CTRL_C  0x03
#define CH_BS      0x08
#define CH_LF      0x0A
#define CH_CR      0x0D
#define CH_CTRL_U  0x15
#define CH_DEL     0x7F

/* Start an empty line, with no pending CR and no line awaiting reset. */
void le_init(struct lineedit *le)
{
	le->len = 0;
	le->buf[0] = '\0';
	le->too_long = false;
	le->last_cr = false;
	le->done = false;
}

/* Empty the line but keep last_cr, so a CRLF still ends one line only. */
static void le_clear(struct lineedit *le)
{
	le->len = 0;
	le->buf[0] = '\0';
	le->too_long = false;
	le->done = false;
}

/* Erase every character on the line, on the terminal and in buf. */
static void le_kill(struct lineedit *le, le_echo_fn echo, void *arg)
{
	for (unsigned i = 0; i < le->len; i++)
		echo("\b \b", 3, arg);
	le_clear(le);
}

/* The line ended (CR or LF): echo the newline, terminate, report. */
static enum le_event le_end(struct lineedit *le, le_echo_fn echo, void *arg)
{
	echo("\r\n", 2, arg);
	le->buf[le->len] = '\0';
	le->done = true;
	return le->too_long ? LE_TOO_LONG : LE_LINE;
}

/*
 * Process one byte (contract in lineedit.h).  Starts a fresh line first if
 * the previous call ended one.  Echoes only what changes the screen.
 */
enum le_event le_feed(struct lineedit *le, unsigned char c, le_echo_fn echo,
		      void *arg)
{
	bool after_cr = le->last_cr;

	le->last_cr = false;
	if (le->done)
		le_clear(le);

	switch (c) {
	case CH_LF:
		if (after_cr)
			return LE_NONE;   /* second half of CRLF */
		return le_end(le, echo, arg);
	case CH_CR:
		le->last_cr = true;
		return le_end(le, echo, arg);
	case CH_CTRL_C:
		echo("^C\r\n", 4, arg);
		le_clear(le);
		return LE_CANCEL;
	case CH_CTRL_U:
		le_kill(le, echo, arg);
		return LE_NONE;
	case CH_BS:
	case CH_DEL:
		if (le->len > 0 && !le->too_long) {
			le->len--;
			echo("\b \b", 3, arg);
		}
		return LE_NONE;
	}

	if (c < 0x20 || c > 0x7E)
		return LE_NONE;           /* other controls, non-ASCII */
	if (le->len == LINE_MAX) {
		le->too_long = true;      /* swallow until the line ends */
		return LE_NONE;
	}
	le->buf[le->len++] = (char)c;
	echo((const char *)&c, 1, arg);
	return LE_NONE;
}
