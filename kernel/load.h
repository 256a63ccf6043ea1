/*
 * kernel/load.h - receive one upload frame into the program store.
 * Shared by the `load` command (console) and the upload listener (the
 * second UART under QEMU, kernel/uploadd.c).
 */
#ifndef KERNEL_LOAD_H
#define KERNEL_LOAD_H

#include <stdint.h>

/* A byte source: the next byte, or negative (-ETIMEDOUT) after `us`. */
typedef int (*load_getc_fn)(uint32_t us);

/* Receive a frame from getc and publish it.  If `name` is given the frame
 * must carry that name; otherwise the frame's name is used.  `first_us` is
 * how long to wait for the first byte (0: forever).  Writes a one-line
 * verdict ("load: ok NAME N bytes" / "load: error: ...") into msg.
 * Returns 0 or a negative error; nothing is stored unless it returns 0. */
int load_receive(load_getc_fn getc, const char *name, uint32_t first_us,
		 char *msg, unsigned msglen);

#endif
