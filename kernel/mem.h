/*
 * kernel/mem.h - bringing up physical memory management.
 */
#ifndef KERNEL_MEM_H
#define KERNEL_MEM_H

#include <stdint.h>

/* Frames the kernel keeps back so that it can always finish a fault, an
 * exit or a wait (frame_alloc_reserved() may use them). */
#define MEM_RESERVE_FRAMES 64u

/* Hand RAM [0, ram_end) to the frame allocator, minus page 0 .. the end of
 * the kernel image, the allocator's own arrays, and the physical MiB that
 * the process window hides.  Then switch page-table allocation over. */
void mem_init(uint32_t ram_end);

#endif
