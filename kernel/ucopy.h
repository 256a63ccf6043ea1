/*
 * kernel/ucopy.h - moving data across the user/kernel boundary.
 *
 * Two checks guard every user pointer:
 *   1. the range [addr, addr + len) must lie inside the window, without
 *      wrapping (urange_ok, kernel/uaccess.c, host-tested);
 *   2. the copy itself uses LDRT/STRT (boot/guarded.S), so the MMU checks
 *      the page tables with user rights: an unmapped page or a page the
 *      user may not touch faults, and the fault becomes -EFAULT.
 * Faults during these copies are expected and not reported on the console.
 */
#ifndef KERNEL_UCOPY_H
#define KERNEL_UCOPY_H

#include <stdint.h>

int copy_from_user(void *dst, uint32_t usrc, uint32_t n);
int copy_to_user(uint32_t udst, const void *src, uint32_t n);
/* Copy a NUL-terminated string of at most max-1 characters.  Returns its
 * length, -EFAULT, or -E2BIG if it does not fit. */
int copy_str_from_user(char *dst, uint32_t usrc, uint32_t max);

/* Check, without changing anything, that the current process may write
 * every page of [udst, udst + n).  0 or -EFAULT.  Used before blocking
 * so that a bad buffer does not swallow input. */
int user_probe_write(uint32_t udst, uint32_t n);

/* True while a user copy runs: its faults are expected, so quiet. */
extern volatile int ucopy_active;

#endif
