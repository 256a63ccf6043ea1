/*
 * paging/maint.h - what pt.c needs from its surroundings: maintenance after
 * a descriptor write, and memory for L2 tables.
 *
 * pt.c is pure logic, so that it runs unchanged in the host unit tests.  The
 * kernel implements these hooks in paging/maint.c (cache and TLB operations
 * through boot/cp15.h); tests/host/test_pt.c implements recording stubs over
 * a fake physical memory.
 *
 * Why the sync hooks exist: the hardware walker reads descriptors from
 * memory, and the TLB keeps translations it has already read.  So after a
 * descriptor write the new word must be cleaned out of the data cache to
 * where the walker reads it, and any TLB entry that may still hold the old
 * translation of that address must be invalidated, before the new mapping
 * is relied on ([TRM] ARM DDI 0301H 3.2.22 "c7, Cache operations" and
 * 3.2.23 "c8, TLB operations"; [ARM] DDI 0100I part B4, TLB maintenance).
 * QEMU models stale TLB entries, so a missing invalidate shows there too.
 */
#ifndef PAGING_MAINT_H
#define PAGING_MAINT_H

#include <stdint.h>

#include "paging/desc.h"

/* Called after writing one L1 entry (the entry covering va) of a table that
 * may be live: make the write visible to the walker and drop any TLB entry
 * for va.  (pt.c clears every L2 entry of a page table, each with its own
 * pt_sync_l2, before it turns the L1 entry into a fault.) */
void pt_sync_l1(const l1e_t *entry, uint32_t va);

/* Called after writing one L2 entry (the entry covering va). */
void pt_sync_l2(const l2e_t *entry, uint32_t va);

/* Table memory: translate between the physical addresses stored in
 * descriptors and the kernel virtual addresses pt.c dereferences.  Never
 * cast a physical address to a pointer directly (the host is 64-bit). */
void *pt_pa_to_kva(uint32_t pa);
uint32_t pt_kva_to_pa(const void *kva);

/* A zeroed (all fault entries), 1 KiB aligned L2 table, or NULL. */
l2_table_t *pt_alloc_l2(void);
/* Return a table that pt_alloc_l2() gave out and that nothing points to. */
void pt_free_l2(l2_table_t *t);

#endif
