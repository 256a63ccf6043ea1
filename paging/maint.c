/*
 * paging/maint.c - TLB, cache and barrier maintenance after descriptor
 * changes, and the memory the page tables live in.
 *
 * ARM1176JZF-S TRM (DDI 0301H):
 *   6.4   "MMU software-accessible registers" / 6.12 "MMU descriptors":
 *         after changing a descriptor, the TLB may still hold the old one
 *         and must be invalidated (3.2.23, c8 operations);
 *   3.2.22 c7: clean D-cache line by MVA, DSB, flush branch target cache,
 *         flush prefetch buffer;
 *   6.11.3 / 3.2.13: table walks may be cacheable (TTBR0.C, RGN).  Whether
 *         or not they are, cleaning the entry's line to memory is what makes
 *         the new word visible to the walker, so pagoda always cleans.
 *
 * The sequence after writing an entry (pt_sync_l1 / pt_sync_l2):
 *   1. pt_clean_entry()    clean the entry's D-cache line (walker sees it)
 *   2. barrier_dsb()       the clean has completed
 *   3. tlb_flush_va()      or tlb_flush_all(): drop stale translations
 *   4. bp_flush_all()      branch predictor may hold targets through old map
 *   5. barrier_dsb()       TLB/BTB maintenance has completed
 *   6. isb()               prefetch flush: later instructions see the new map
 */
#include "paging/maint.h"
#include "paging/tlb.h"
#include "paging/desc.h"
#include "boot/cp15.h"
#include "kernel/kprintf.h"
#include "kernel/string.h"
#include <stdbool.h>

/* Step 1: clean the D-cache line holding a descriptor (c7, c10, 1). */
void pt_clean_entry(const void *entry)
{
	cp15_dcache_clean_mva((uint32_t)(uintptr_t)entry & ~31u);
}

/* A whole freshly zeroed table: clean every line, so that the walker never
 * reads what the memory held before (the zeroes may still sit dirty in the
 * D-cache; ARM1176 TRM 3.2.22 c7 c10 1, then a DSB). */
void pt_clean_table(const void *table, uint32_t bytes)
{
	uint32_t a = (uint32_t)(uintptr_t)table & ~31u;
	uint32_t end = (uint32_t)(uintptr_t)table + bytes;

	for (; a < end; a += 32)
		cp15_dcache_clean_mva(a);
	barrier_dsb();
}

/* Steps 2 and 5: data synchronisation barrier (c7, c10, 4). */
void barrier_dsb(void)
{
	cp15_dsb();
}

/* Step 3: invalidate the unified TLB entries for one page, any ASID for
 * global entries; `asid` selects non-global ones (c8, c7, 1). */
void tlb_flush_va(uint32_t va, unsigned asid)
{
	tlb_invalidate_mva_asid((va & ~0xFFFu) | (asid & 0xFFu));
}

/* Step 3, whole-TLB form (c8, c7, 0). */
void tlb_flush_all(void)
{
	tlb_invalidate_all();
}

/* Step 4: flush the branch target cache (c7, c5, 6). */
void bp_flush_all(void)
{
	cp15_bp_flush_all();
}

/* Step 6: flush the prefetch buffer (c7, c5, 4), ARMv6's ISB. */
void isb(void)
{
	cp15_prefetch_flush();
}

static unsigned current_asid_for_flush;

void pt_set_flush_asid(unsigned asid)
{
	current_asid_for_flush = asid;
}

void pt_sync_l1(const l1e_t *entry, uint32_t va)
{
	pt_clean_entry(entry);
	barrier_dsb();
	if (l1e_kind(*entry) == L1_SECTION)
		tlb_flush_va(va, current_asid_for_flush);   /* one TLB entry covers the MiB */
	else
		tlb_flush_all();   /* a page table or 16 MiB may hide many entries */
	bp_flush_all();
	barrier_dsb();
	isb();
}

void pt_sync_l2(const l2e_t *entry, uint32_t va)
{
	pt_clean_entry(entry);
	barrier_dsb();
	if (l2e_kind(*entry) == L2_LARGE)
		tlb_flush_all();
	else
		tlb_flush_va(va, current_asid_for_flush);
	bp_flush_all();
	barrier_dsb();
	isb();
}

/* The kernel maps RAM one-to-one (VA == PA), so table memory needs no
 * translation. */
void *pt_pa_to_kva(uint32_t pa)
{
	return (void *)(uintptr_t)pa;
}

uint32_t pt_kva_to_pa(const void *kva)
{
	return (uint32_t)(uintptr_t)kva;
}

/* Second-level tables for the kernel's own map come from a static pool;
 * process tables (a later capability) come from the frame allocator. */
#define L2_POOL 32
static l2_table_t l2_pool[L2_POOL];
static uint32_t l2_pool_used;   /* bitmap */
static unsigned l2_pool_count;

static l2_table_t *(*l2_alloc_hook)(void);
static void (*l2_free_hook)(l2_table_t *t);

void pt_set_l2_allocator(l2_table_t *(*alloc)(void), void (*release)(l2_table_t *t))
{
	l2_alloc_hook = alloc;
	l2_free_hook = release;
}

static bool in_pool(const l2_table_t *t)
{
	return t >= l2_pool && t < l2_pool + L2_POOL;
}

l2_table_t *pt_alloc_l2(void)
{
	if (l2_alloc_hook)
		return l2_alloc_hook();
	for (unsigned i = 0; i < L2_POOL; i++) {
		if (!(l2_pool_used & (1u << i))) {
			l2_pool_used |= 1u << i;
			l2_pool_count++;
			memset(&l2_pool[i], 0, sizeof l2_pool[i]);
			pt_clean_table(&l2_pool[i], sizeof l2_pool[i]);
			return &l2_pool[i];
		}
	}
	return 0;
}

void pt_free_l2(l2_table_t *t)
{
	unsigned i = (unsigned)(t - l2_pool);

	if (!in_pool(t) && l2_free_hook) {
		l2_free_hook(t);
		return;
	}
	if (!in_pool(t) || i >= L2_POOL || !(l2_pool_used & (1u << i)))
		panic("pt_free_l2: %p is not an allocated table", (void *)t);
	l2_pool_used &= ~(1u << i);
	l2_pool_count--;
}

unsigned pt_l2_tables_in_use(void)
{
	return l2_pool_count;
}
