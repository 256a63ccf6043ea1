/*
 * kernel/uaccess.h - checking user addresses before the kernel touches them.
 *
 * Every process sees its memory in the window [WINDOW_BASE, WINDOW_BASE +
 * WINDOW_SIZE) (paging/kmap.h).  A pointer and length passed in a system
 * call are checked against the window before any access:
 *
 *        lo                 addr          addr+len          hi
 *        +-------------------+===============+---------------+
 *        |                   |  user buffer  |               |
 *        +-------------------+===============+---------------+
 *
 * This header holds the pure range check, tested on the host; it knows
 * nothing of processes or page tables.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Is [addr, addr + len) inside [lo, hi) with no wrap-around?  len 0 is
 * allowed anywhere inside [lo, hi] (including addr == hi).  An empty or
 * inverted window (lo >= hi) accepts only len 0 at addr == lo == hi.
 * Pure; no side effects.
 */
bool urange_ok(uint32_t addr, uint32_t len, uint32_t lo, uint32_t hi);

#endif
