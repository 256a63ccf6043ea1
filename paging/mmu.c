/*
 * paging/mmu.c - turning the MMU on.
 *
 * ARM1176JZF-S TRM (DDI 0301H):
 *   3.2.7  c1 Control Register (SCTLR) bits used below;
 *   3.2.13 TTBR0 (and its note, p. 3-59: the walker cannot read the L1
 *          cache, so tables in write-back memory are cleaned after every
 *          write: paging/maint.c); 3.2.15 TTBCR; 3.2.16 DACR;
 *   6.4.1  "Enabling the MMU": set up the tables, TTBR and DACR first, and
 *          invalidate the TLB and caches before setting M, C and I;
 *   1.5.3  p. 1-12: the BTAC must be flushed when the address mappings
 *          change, and turning the MMU on changes all of them;
 *   6.2    the ARMv6 (XP = 1) descriptor format.
 * The order (also measured in QEMU-FACTS.md):
 *   0. cache_probe(): 32-byte lines, as every maintenance loop assumes
 *   1. invalidate I+D caches (c7, c7, 0), then the I-cache again in the
 *      erratum 411920 form, and the BTAC.  boot/start.S turned the caches
 *      off and emptied them at entry, and they stayed off, so nothing in
 *      them is dirty and the tables built by kmap_build are in memory
 *   2. DSB: those writes and invalidates have completed
 *   3. invalidate TLB  4. DACR  5. TTBCR = 0  6. TTBR0, then DSB + prefetch
 *      flush so the new TTBR0 is in force before M is set
 *   7. SCTLR |= XP,U,I,Z,C,M  8. prefetch flush
 * The code doing this is identity mapped (kmap.c), so the instructions
 * after the SCTLR write come from the same addresses through the MMU.
 */
#include "paging/mmu.h"
#include "paging/domains.h"
#include "paging/tlb.h"
#include "boot/cp15.h"

/* SCTLR bits, TRM 3.2.7 Table 3-32 */
#define SCTLR_M   (1u << 0)    /* MMU enable */
#define SCTLR_A   (1u << 1)    /* strict alignment fault checking */
#define SCTLR_C   (1u << 2)    /* D-cache enable */
#define SCTLR_Z   (1u << 11)   /* branch prediction enable */
#define SCTLR_I   (1u << 12)   /* I-cache enable */
#define SCTLR_V   (1u << 13)   /* high vectors (0xFFFF0000) */
#define SCTLR_U   (1u << 22)   /* ARMv6 unaligned access support */
#define SCTLR_XP  (1u << 23)   /* ARMv6 extended page tables, subpages off */
#define SCTLR_TRE (1u << 28)   /* TEX remap */
#define SCTLR_AFE (1u << 29)   /* access flag enable */

/* TTBR0 bits, TRM 3.2.13 Table 3-53 (p. 3-58).  C = 1: the walk is inner
 * cacheable; it still never reads the L1 cache (note p. 3-59), so each
 * descriptor write is cleaned to memory.  RGN = b01: outer write-back,
 * write-allocate, the same outer attributes as the tables' own mapping
 * (MT_NORMAL_WBWA in kmap.c). */
#define TTBR_C          (1u << 0)  /* walks inner cacheable */
#define TTBR_RGN_SHIFT  3          /* outer attributes of walks */
#define TTBR_RGN_WBWA   1u         /* outer write-back, write-allocate */

static l1_table_t kernel_table;
static uint32_t ram_top;

l1_table_t *kernel_l1(void)
{
	return &kernel_table;
}

uint32_t mmu_ram_end(void)
{
	return ram_top;
}

void kmap_build(l1_table_t *l1, uint32_t ram_end);   /* paging/kmap.c */

void mmu_init(uint32_t ram_end)
{
	uint32_t sctlr;

	ram_top = ram_end;
	kmap_build(&kernel_table, ram_end);
	cache_probe();                            /* 0 */

	cp15_idcache_inval_all();                 /* 1 */
	cp15_icache_inval_all_411920();
	bp_flush_all();
	barrier_dsb();                            /* 2 */
	tlb_flush_all();                          /* 3 */
	cp15_write_dacr(DACR_DEFAULT);            /* 4 */
	cp15_write_ttbcr(0);                      /* 5: TTBR0 covers all 4 GiB */
	cp15_write_ttbr0((uint32_t)(uintptr_t)&kernel_table | TTBR_C |
			 (TTBR_RGN_WBWA << TTBR_RGN_SHIFT));  /* 6 */
	barrier_dsb();
	isb();
	sctlr = cp15_read_sctlr();
	sctlr &= ~(SCTLR_A | SCTLR_V | SCTLR_TRE | SCTLR_AFE);
	sctlr |= SCTLR_XP | SCTLR_U | SCTLR_I | SCTLR_Z | SCTLR_C | SCTLR_M;
	cp15_write_sctlr(sctlr);                  /* 7 */
	isb();                                    /* 8 */
}

void mmu_set_alignment_check(int on)
{
	uint32_t s = cp15_read_sctlr();

	cp15_write_sctlr(on ? (s | SCTLR_A) : (s & ~SCTLR_A));
	isb();
}
