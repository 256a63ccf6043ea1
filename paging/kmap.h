/*
 * paging/kmap.h - the kernel's own mappings, as one table.
 *
 * Kernel virtual addresses equal physical addresses (an identity map), with
 * holes.  The map, low to high:
 *
 *   0x00000000 +-------------------------+
 *              | unmapped (page 0: NULL  |  faults; vectors live at VBAR
 *              | and firmware leftovers) |
 *   0x00008000 +-------------------------+
 *              | text       kro  X       |  pages
 *              | rodata     kro  XN      |
 *              | data+bss   krw  XN      |
 *              | [guard] stack krw XN    |  x6 modes, guards unmapped
 *   image end  +-------------------------+
 *              | RAM        krw  XN      |  pages up to 1 MiB, then sections
 *   0x02000000 +-------------------------+
 *              | process window (L1 0x020)  user domain, per process
 *   0x02100000 +-------------------------+
 *              | RAM        krw  XN      |  sections
 *   RAM end    +-------------------------+  (from the mailbox)
 *              | unmapped                |
 *   0x20000000 +-------------------------+
 *              | peripherals device XN   |  domain 2, kernel only, sections
 *   0x21000000 +-------------------------+
 *              | unmapped                |
 *   0x30000000 +-------------------------+
 *              | fault demonstrations    |  see paging/kmap.c
 *   0x30300000 +-------------------------+
 *              | selftest scratch pages  |  mapped only during `selftest`
 *   0x30302000 +-------------------------+
 *              | unmapped                |
 *   0x7E200000 +-------------------------+
 *              | GPIO for io processes   |  domain 3 (io), user RW, one page
 *   0x7E201000 +-------------------------+
 *              | unmapped                |
 *   0xC0000000 +-------------------------+
 *              | kernel stacks + guards  |  kernel/kstack.h
 *   0xD0000000 +-------------------------+
 *              | unmapped                |
 *   0xFFFFFFFF +-------------------------+
 */
#ifndef PAGING_KMAP_H
#define PAGING_KMAP_H

#include <stdint.h>
#include <stdbool.h>
#include "paging/desc.h"

#define WINDOW_BASE        0x02000000u   /* every process's 1 MiB window */
#define WINDOW_SIZE        0x00100000u

/* Fault demonstration areas (the `fault` command) */
#define DEMO_DOMAIN_VA     0x30000000u   /* section in the no-access demo domain */
#define DEMO_RO_SECTION_VA 0x30100000u   /* kernel read-only section */
#define DEMO_DOMAIN_PAGE_VA 0x30200000u  /* small page in the demo domain */
#define DEMO_PA            WINDOW_BASE   /* the physical MiB the window hides */
#define USER_GPIO_VA       0x7E200000u   /* GPIO for io processes (bus address) */

struct kmap_region {
	const char *name;
	uint32_t va, end;       /* [va, end), page aligned; end may be KMAP_RAM_END */
	uint32_t pa;            /* KMAP_IDENTITY: same as va */
	enum ap ap;
	enum memtype mem;
	unsigned domain;
	bool xn;
	bool sections;          /* 1 MiB sections allowed where aligned */
};

#define KMAP_RAM_END   0xFFFFFFFFu
#define KMAP_IDENTITY  0xFFFFFFFFu

extern const struct kmap_region kmap[];
extern const unsigned kmap_count;

void kmap_build(l1_table_t *l1, uint32_t ram_end);

#endif
