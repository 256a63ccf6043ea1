/*
 * kernel/semihost.h - QEMU semihosting, used only when QEMU said so.
 *
 * Detection: pagoda's QEMU command line (tools/qemu-args) stores a boot tag
 * with `-device loader`: the word 0x494d4553 ("SEMI") at 0x7FF0 and its
 * complement at 0x7FF4.  On a real Pi that memory holds whatever the
 * firmware left, so the kernel never issues a semihosting SVC there.
 */
#ifndef KERNEL_SEMIHOST_H
#define KERNEL_SEMIHOST_H

#include <stdbool.h>
#include <stdint.h>

#define SEMIHOST_TAG_ADDR  0x7FF0u
#define SEMIHOST_TAG_MAGIC 0x494d4553u   /* "SEMI" little-endian */

/* Read the boot tag; call once, early, before anything can overwrite it. */
void semihost_detect(void);
bool semihost_available(void);
/* SYS_EXIT_EXTENDED: end QEMU with `code`.  Returns only if semihosting is
 * not available. */
void semihost_exit(uint32_t code);

#endif
