/*
 * kernel/kstack.h - per-process kernel stacks, each above an unmapped
 * guard page, so a kernel stack overflow faults instead of corrupting the
 * neighbouring stack.
 *
 *   KSTACK_AREA (0xC0000000), 8 KiB per slot:
 *   | guard 4K (unmapped) | stack 4K (krw, XN) | guard | stack | ...
 */
#ifndef KERNEL_KSTACK_H
#define KERNEL_KSTACK_H

#include <stdint.h>

#define KSTACK_AREA   0xC0000000u
#define KSTACK_SLOT   0x2000u
#define KSTACK_SIZE   0x1000u
#define KSTACK_SLOTS  32768u      /* 256 MiB of address space */

/* Map a fresh stack; returns the address of its lowest byte, or 0. */
uint32_t kstack_alloc(void);
void kstack_free(uint32_t base);
unsigned kstack_in_use(void);

#endif
