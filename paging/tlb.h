/*
 * paging/tlb.h - the individual maintenance steps (paging/maint.c), each a
 * named function so that docs/hardware.md can point at it.
 */
#ifndef PAGING_TLB_H
#define PAGING_TLB_H

#include <stdint.h>

void pt_clean_entry(const void *entry);           /* clean D line by MVA */
void pt_clean_table(const void *table, uint32_t bytes); /* every line, then DSB */
void barrier_dsb(void);                           /* DSB */
void tlb_flush_va(uint32_t va, unsigned asid);    /* TLB invalidate by MVA+ASID */
void tlb_flush_all(void);                         /* TLB invalidate all */
void bp_flush_all(void);                          /* branch predictor flush */
void isb(void);                                   /* prefetch flush */
/* ASID used when flushing non-global entries of the current window. */
void pt_set_flush_asid(unsigned asid);
/* Once the frame allocator runs, new second-level tables come from it;
 * the boot pool keeps serving the tables it already handed out. */
#include "paging/desc.h"
void pt_set_l2_allocator(l2_table_t *(*alloc)(void), void (*release)(l2_table_t *t));
/* Kernel pool second-level tables in use. */
unsigned pt_l2_tables_in_use(void);

#endif
