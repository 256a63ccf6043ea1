/*
 * kernel/tty.h - console input for processes: cooked, one line at a time.
 *
 * read(0, ...) blocks until a whole line is typed.  The kernel echoes and
 * edits it as the shell does (kernel/lineedit.c: backspace, Ctrl-U), and
 * hands it over with a trailing '\n'.  A short read leaves the rest of the
 * line for the next read.  Ctrl-D on an empty line is end of file (read
 * returns 0); Ctrl-C kills the foreground process (kernel/cmd_proc.c).
 */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include <stdint.h>

/* Read up to n bytes of the current line into kernel buffer buf.  Returns
 * the count (0 at end of file). */
int tty_read(char *buf, uint32_t n);

#endif
