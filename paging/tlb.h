/*
 * paging/tlb.h - the individual maintenance steps (paging/maint.c), each a
 * named function so that the real-hardware checklist (docs/hardware.md,
 * "Correct on real hardware: the checklist") can point at it.
 */
#ifndef PAGING_TLB_H
#define PAGING_TLB_H

#include <stdbool.h>
#include <stdint.h>
#include "paging/desc.h"
#include "boot/cp15.h"

void pt_clean_entry(const void *entry);           /* clean D line by MVA */
void pt_clean_table(const void *table, uint32_t bytes); /* every line, then DSB */
void barrier_dsb(void);                           /* DSB */
void tlb_flush_va(uint32_t va, unsigned asid);    /* TLB invalidate by MVA+ASID */
void tlb_flush_all(void);                         /* TLB invalidate all */
void bp_flush_all(void);                          /* branch predictor flush */
void isb(void);                                   /* prefetch flush */
/* After writing one L2 entry of a table tagged with `asid` (a process's
 * window table, current or not; any value for a global entry, which an
 * invalidate by MVA matches whatever the ASID): clean, DSB, TLB invalidate
 * by MVA+ASID, BTAC flush, DSB, prefetch flush (paging/maint.c has the
 * citations).  Inline: page faults and kernel stacks take it every time. */
static inline void pt_sync_l2_asid(const l2e_t *entry, uint32_t va, unsigned asid)
{
	cp15_dcache_clean_mva((uint32_t)(uintptr_t)entry & ~31u);
	cp15_dsb();
	tlb_invalidate_mva_asid((va & ~0xFFFu) | (asid & 0xFFu));
	cp15_bp_flush_all();
	cp15_dsb();
	cp15_prefetch_flush();
}
/* Code written through the D-side at [kva, kva + n) is about to run:
 * clean D lines, DSB, invalidate I-cache (erratum 411920 form), BTAC flush,
 * DSB, prefetch flush.  Any context; masks IRQs for a few cycles. */
void pt_sync_code(const void *kva, uint32_t n);
/* Read the Cache Type Register; panic if a line is not 32 bytes (every
 * maintenance loop assumes it).  mmu_init calls it before the caches go on. */
void cache_probe(void);
uint32_t cache_type(void);           /* the CTR value read */
uint32_t cache_dsize_bytes(void);    /* D-cache size it reports */
/* True if the CTR sets a P bit: page colouring would be needed, which
 * pagoda does not do (false on the Pi; QEMU's model says true). */
bool cache_aliases(void);
/* ASID used when flushing non-global entries of the current window. */
void pt_set_flush_asid(unsigned asid);
/* Once the frame allocator runs, new second-level tables come from it;
 * the boot pool keeps serving the tables it already handed out. */
void pt_set_l2_allocator(l2_table_t *(*alloc)(void), void (*release)(l2_table_t *t));
/* Kernel pool second-level tables in use. */
unsigned pt_l2_tables_in_use(void);

#endif
