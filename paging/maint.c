/*
 * paging/maint.c - TLB, cache and barrier maintenance after descriptor
 * changes, for code written through the D-side, and the memory the page
 * tables live in.  docs/hardware.md, "Correct on real hardware: the
 * checklist", lists every sequence with its source; the rules behind this
 * file:
 *
 * ARM1176JZF-S TRM (DDI 0301H):
 *   3.2.13 note, p. 3-59: "The ARM1176JZF-S processor cannot page table
 *         walk from level one cache."  With TTBR0.C = 1 (mmu.c) the tables
 *         sit in inner write-back memory, so every descriptor write must be
 *         cleaned (c7, c10, 1) to where the walker reads, and a DSB must
 *         complete the clean before anything may walk.
 *   3.2.23, p. 3-86: the TLB keeps old translations until invalidated;
 *         invalidate by MVA+ASID (c8, c7, 1; a global entry matches any
 *         ASID), by ASID (c8, c7, 2) or all (c8, c7, 0).  The ARM1176 has no
 *         c8, c7, 3 (invalidate by MVA, all ASIDs: that is ARMv7 TLBIMVAA).
 *         TLB operations act in program order for data accesses; for
 *         instruction fetches they take effect at the next prefetch flush
 *         or exception return.
 *   1.5.3, p. 1-12: "If the address mappings are changed, the BTAC must be
 *         flushed" (c7, c5, 6).
 *   3.2.22 Table 3-71, p. 3-74: the I-cache does not snoop the D-cache;
 *         invalidating the entire I-cache (c7, c5, 0) also flushes the BTAC.
 *   3.2.22 Table 3-75, p. 3-79: flush prefetch buffer (c7, c5, 4), the
 *         ARMv6 ISB.
 *   ARM erratum 411920: c7, c5, 0 can fail; cp15_icache_inval_all_411920().
 *
 * The sequence after writing an entry (pt_sync_l1 / pt_sync_l2 /
 * pt_sync_l2_asid):
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

/* ARM1176 cache lines are 8 words (TRM 3.2.3 Cache Type Register, Len =
 * b10; 7.1).  cache_probe() checks that at boot: every loop below steps by
 * this, and a longer line would leave part of each range untouched. */
#define CACHE_LINE 32u

/* Step 1: clean the D-cache line holding a descriptor (c7, c10, 1). */
void pt_clean_entry(const void *entry)
{
	cp15_dcache_clean_mva((uint32_t)(uintptr_t)entry & ~(CACHE_LINE - 1));
}

/* A whole freshly zeroed table: clean every line, so that the walker never
 * reads what the memory held before (the zeroes may still sit dirty in the
 * D-cache; ARM1176 TRM 3.2.22 c7 c10 1, then a DSB). */
void pt_clean_table(const void *table, uint32_t bytes)
{
	uint32_t a = (uint32_t)(uintptr_t)table & ~(CACHE_LINE - 1);
	uint32_t end = (uint32_t)(uintptr_t)table + bytes;

	for (; a < end; a += CACHE_LINE)
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

/* pt_sync_l2_asid (paging/tlb.h, inline for the fault path): the same six
 * steps for an entry of the address space tagged `asid` (a process's
 * window table, live or not), with the TLB invalidate by MVA for that
 * ASID.  If the ASID is stale (its generation has passed) the invalidate
 * only costs another process a TLB miss, so the caller need not check. */

/*
 * Code written through the D-side (loaded, copied or generated) at the
 * kernel address [kva, kva + n), about to be executed at any address that
 * maps the same frames.  The ARMv6 "IMB" (TRM 3.2.22; 5.5, p. 5-10):
 *   1. clean each D-cache line of the range to memory (c7, c10, 1): the
 *      I-cache fills from memory and never looks into the D-cache;
 *   2. DSB: the cleans have completed;
 *   3. invalidate the entire I-cache (c7, c5, 0, erratum 411920 form): no
 *      stale instruction from the frame's previous use survives, whatever
 *      address it was fetched through (one operation, where invalidating
 *      by MVA would take 128 per page and depend on the cache not
 *      aliasing);
 *   4. flush the BTAC (c7, c5, 6; step 3 did too, Table 3-71): no branch
 *      is predicted from the old code;
 *   5. DSB, 6. prefetch flush: nothing already fetched is stale.
 * No clean is needed for the data side: the D-cache is physically tagged
 * and does not alias (cache_probe), so every mapping of the frame sees the
 * kernel's writes.
 */
void pt_sync_code(const void *kva, uint32_t n)
{
	uint32_t a = (uint32_t)(uintptr_t)kva & ~(CACHE_LINE - 1);
	uint32_t end = (uint32_t)(uintptr_t)kva + n;

	for (; a < end; a += CACHE_LINE)
		cp15_dcache_clean_mva(a);
	barrier_dsb();
	cp15_icache_inval_all_411920();
	bp_flush_all();
	barrier_dsb();
	isb();
}

/*
 * Cache geometry, from the Cache Type Register (TRM 3.2.3, Table 3-6):
 *
 *   31..29 28..25 24 | 23 22 21..18 17..15 14 13..12 | 11 10 9..6 5..3 2 1..0
 *     0    Ctype  S  | P  0  Size   Assoc  M  Len    | P  0  Size Assoc M Len
 *                    |<----------- Dsize ----------->|<------- Isize ------->|
 *
 * Len = b10 is 8 words.  P = 1 means "restriction on page allocation for VA
 * bits [13:12]" (page colouring, TRM 6.11.3 p. 6-41): it is set only for a
 * cache larger than 16 KiB.  The BCM2835's ARM1176 has 16 KiB 4-way caches
 * (4 KiB a way, the page size), so P = 0 and a physical page has one cache
 * index whatever virtual address maps it.  pagoda relies on that: user
 * pages alias the kernel's identity map at unrelated VA[13:12].  QEMU's
 * arm1176 model reports a 64 KiB cache with P = 1; it models no caches,
 * so there it does not matter.
 */
#define CTR_DSIZE_SHIFT   12
#define CTR_ISIZE_SHIFT   0
#define CSIZE_P           (1u << 11)   /* within Dsize / Isize */
#define CSIZE_SIZE_SHIFT  6
#define CSIZE_SIZE_MASK   0xFu
#define CSIZE_M           (1u << 2)
#define CSIZE_LEN_MASK    3u
#define CSIZE_LEN_8WORDS  2u

static uint32_t ctr;

/* Bytes in the cache a Dsize or Isize field describes: 512 << Size, times
 * 1.5 when M is set (TRM Table 3-6). */
static uint32_t csize_bytes(uint32_t f)
{
	uint32_t b = 512u << ((f >> CSIZE_SIZE_SHIFT) & CSIZE_SIZE_MASK);

	return (f & CSIZE_M) ? b + b / 2 : b;
}

void cache_probe(void)
{
	uint32_t d, i;

	ctr = cp15_read_ctr();
	d = (ctr >> CTR_DSIZE_SHIFT) & 0xFFFu;
	i = (ctr >> CTR_ISIZE_SHIFT) & 0xFFFu;
	if ((d & CSIZE_LEN_MASK) != CSIZE_LEN_8WORDS ||
	    (i & CSIZE_LEN_MASK) != CSIZE_LEN_8WORDS)
		panic("cache_probe: CTR %08x: line length is not %u bytes", ctr,
		      CACHE_LINE);
}

uint32_t cache_type(void)
{
	return ctr;
}

uint32_t cache_dsize_bytes(void)
{
	return csize_bytes((ctr >> CTR_DSIZE_SHIFT) & 0xFFFu);
}

bool cache_aliases(void)
{
	return ((ctr >> CTR_DSIZE_SHIFT) & CSIZE_P) || ((ctr >> CTR_ISIZE_SHIFT) & CSIZE_P);
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
