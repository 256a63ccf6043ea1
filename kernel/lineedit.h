/*
 * kernel/lineedit.h - the serial shell's line editor, as a pure state machine.
 *
 * The shell feeds each received byte to le_feed(), which updates the line,
 * echoes through the caller's function, and says when a line is complete.
 * No hardware is touched, so the host unit tests drive it directly.
 *
 *   byte              effect                          echo        result
 *   0x20..0x7E        append (unless line is full)    the byte    LE_NONE
 *   0x08 BS, 0x7F DEL erase the last character        "\b \b"     LE_NONE
 *                     (nothing at the start of line)  (none)
 *   0x15 Ctrl-U       erase the whole line            "\b \b" x len LE_NONE
 *   0x03 Ctrl-C       abandon the line                "^C\r\n"    LE_CANCEL
 *   CR, LF, CRLF      end the line (an LF straight    "\r\n"      LE_LINE or
 *                     after a CR is swallowed)                    LE_TOO_LONG
 *   anything else     ignored (other controls, >= 0x80)
 *
 * A line longer than LINE_MAX characters stops growing and echoing at
 * LINE_MAX; the rest of it is consumed up to the line end, which then
 * returns LE_TOO_LONG (the shell prints "error: line too long (max 255)").
 * While over-long, backspace is ignored; Ctrl-U and Ctrl-C still discard
 * the line.
 *
 * Reset: after LE_LINE, buf holds the NUL-terminated line and len its
 * length until the next le_feed() call, which starts a fresh line before
 * handling its byte.  The caller need not call le_init() between lines
 * (doing so is harmless).
 */
#ifndef KERNEL_LINEEDIT_H
#define KERNEL_LINEEDIT_H

#include <stdbool.h>

#define LINE_MAX 255

struct lineedit {
	char buf[LINE_MAX + 1];  /* the line; NUL-terminated after LE_LINE */
	unsigned len;            /* characters in buf */
	bool too_long;           /* input went past LINE_MAX characters */
	bool last_cr;            /* previous byte ended a line with CR */
	bool done;               /* a line was returned; reset on next feed */
};

enum le_event {
	LE_NONE,      /* keep feeding */
	LE_LINE,      /* buf/len hold a complete line (possibly empty) */
	LE_CANCEL,    /* Ctrl-C: the line was abandoned */
	LE_TOO_LONG,  /* the line ended but exceeded LINE_MAX; discarded */
};

/* Write n bytes of s to the terminal (the shell passes the UART). */
typedef void (*le_echo_fn)(const char *s, unsigned n, void *arg);

/* Start an empty line and forget any pending CR. */
void le_init(struct lineedit *le);

/* Process one received byte c, echoing through echo(..., arg).  Returns what
 * happened (see the table above). */
enum le_event le_feed(struct lineedit *le, unsigned char c, le_echo_fn echo,
		      void *arg);

#endif
