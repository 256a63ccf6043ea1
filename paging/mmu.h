/*
 * paging/mmu.h - the kernel address space and the MMU switch.
 */
#ifndef PAGING_MMU_H
#define PAGING_MMU_H

#include <stdint.h>
#include "paging/desc.h"

/* Build the kernel map (paging/kmap.c) for RAM [0, ram_end) and turn on
 * the MMU, caches and branch prediction.  Panics if the map cannot be made. */
void mmu_init(uint32_t ram_end);

/* The kernel's first-level table. */
l1_table_t *kernel_l1(void);

/* End of RAM the kernel maps. */
uint32_t mmu_ram_end(void);

/* Set or clear SCTLR.A (strict alignment checking). */
void mmu_set_alignment_check(int on);

#endif
