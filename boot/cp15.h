/*
 * boot/cp15.h - every CP15 (system control coprocessor) access in pagoda.
 *
 * One named one-line function per operation; nothing else in the tree
 * writes an MCR or MRC.  References:
 *   [TRM]  ARM1176JZF-S Technical Reference Manual, ARM DDI 0301H.
 *          3.2 "Summary of CP15 registers and operations", and the register
 *          descriptions 3.2.x cited on each function.
 *   [ARM]  ARM Architecture Reference Manual, ARM DDI 0100I (ARMv6),
 *          B2 "Memory order model", B3 "The System Control Coprocessor",
 *          B4 "Virtual Memory System Architecture".
 *
 * On the host (unit tests) this header compiles to nothing-doing stubs so
 * that pure logic that happens to include it still builds.
 */
#ifndef BOOT_CP15_H
#define BOOT_CP15_H

#include <stdint.h>

#ifdef __arm__
#define CP15_RD(name, op1, crn, crm, op2)                                     \
	static inline uint32_t name(void)                                      \
	{                                                                      \
		uint32_t v;                                                    \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
				 : "=r"(v));                                   \
		return v;                                                      \
	}
#define CP15_WR(name, op1, crn, crm, op2)                                     \
	static inline void name(uint32_t v)                                    \
	{                                                                      \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
				 : : "r"(v) : "memory");                       \
	}
#define CP15_OP(name, op1, crn, crm, op2)                                     \
	static inline void name(void)                                          \
	{                                                                      \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
				 : : "r"(0) : "memory");                       \
	}
#else /* host build: harmless stubs */
#define CP15_RD(name, op1, crn, crm, op2) static inline uint32_t name(void) { return 0; }
#define CP15_WR(name, op1, crn, crm, op2) static inline void name(uint32_t v) { (void)v; }
#define CP15_OP(name, op1, crn, crm, op2) static inline void name(void) { }
#endif

/* ---- Identification --------------------------------------------------- */
CP15_RD(cp15_read_midr,   0, c0, c0, 0)   /* [TRM] 3.2.2  Main ID */
CP15_RD(cp15_read_ctr,    0, c0, c0, 1)   /* [TRM] 3.2.3  Cache Type */

/* ---- Control ------------------------------------------------------------ */
CP15_RD(cp15_read_sctlr,  0, c1, c0, 0)   /* [TRM] 3.2.7  Control register */
CP15_WR(cp15_write_sctlr, 0, c1, c0, 0)
CP15_RD(cp15_read_actlr,  0, c1, c0, 1)   /* [TRM] 3.2.8  Auxiliary Control */
CP15_WR(cp15_write_actlr, 0, c1, c0, 1)
CP15_RD(cp15_read_cpacr,  0, c1, c0, 2)   /* [TRM] 3.2.9  Coprocessor Access */
CP15_WR(cp15_write_cpacr, 0, c1, c0, 2)

/* ---- Translation table base and domains ---------------------------------- */
CP15_RD(cp15_read_ttbr0,  0, c2, c0, 0)   /* [TRM] 3.2.13 TTBR0 */
CP15_WR(cp15_write_ttbr0, 0, c2, c0, 0)
CP15_RD(cp15_read_ttbr1,  0, c2, c0, 1)   /* [TRM] 3.2.14 TTBR1 */
CP15_WR(cp15_write_ttbr1, 0, c2, c0, 1)
CP15_RD(cp15_read_ttbcr,  0, c2, c0, 2)   /* [TRM] 3.2.15 TTBCR */
CP15_WR(cp15_write_ttbcr, 0, c2, c0, 2)
CP15_RD(cp15_read_dacr,   0, c3, c0, 0)   /* [TRM] 3.2.16 Domain Access Control */
CP15_WR(cp15_write_dacr,  0, c3, c0, 0)

/* ---- Fault status and address ------------------------------------------- */
CP15_RD(cp15_read_dfsr,   0, c5, c0, 0)   /* [TRM] 3.2.17 Data FSR */
CP15_RD(cp15_read_ifsr,   0, c5, c0, 1)   /* [TRM] 3.2.18 Instruction FSR */
CP15_RD(cp15_read_dfar,   0, c6, c0, 0)   /* [TRM] 3.2.19 Fault Address */
CP15_RD(cp15_read_ifar,   0, c6, c0, 2)   /* [TRM] 3.2.21 Instruction FAR */

/* ---- Cache maintenance, [TRM] 3.2.22 "c7, Cache operations" -------------- */
CP15_OP(cp15_icache_inval_all,      0, c7, c5, 0)   /* invalidate entire I-cache */
CP15_WR(cp15_icache_inval_mva,      0, c7, c5, 1)   /* invalidate I line by MVA */
CP15_OP(cp15_prefetch_flush,        0, c7, c5, 4)   /* flush prefetch buffer (ISB) */
CP15_OP(cp15_bp_flush_all,          0, c7, c5, 6)   /* flush entire branch target cache */
CP15_WR(cp15_bp_flush_mva,          0, c7, c5, 7)   /* flush branch target cache by MVA */
CP15_WR(cp15_dcache_inval_mva,      0, c7, c6, 1)   /* invalidate D line by MVA */
CP15_OP(cp15_idcache_inval_all,     0, c7, c7, 0)   /* invalidate both caches */
CP15_OP(cp15_dcache_clean_all,      0, c7, c10, 0)  /* clean entire D-cache */
CP15_WR(cp15_dcache_clean_mva,      0, c7, c10, 1)  /* clean D line by MVA */
CP15_OP(cp15_dsb,                   0, c7, c10, 4)  /* data synchronisation barrier */
CP15_OP(cp15_dmb,                   0, c7, c10, 5)  /* data memory barrier */
CP15_OP(cp15_dcache_clean_inval_all, 0, c7, c14, 0) /* clean+invalidate D-cache */
CP15_WR(cp15_dcache_clean_inval_mva, 0, c7, c14, 1) /* clean+invalidate D line by MVA */
CP15_OP(cp15_wait_for_interrupt,    0, c7, c0, 4)   /* WFI, [TRM] 3.2.22 */

/* ---- TLB maintenance, [TRM] 3.2.23 "c8, TLB Operations" ------------------- */
CP15_OP(tlb_invalidate_all,         0, c8, c7, 0)   /* unified TLB, all entries */
CP15_WR(tlb_invalidate_mva_asid,    0, c8, c7, 1)   /* by MVA[31:12] | ASID[7:0] */
CP15_WR(tlb_invalidate_asid,        0, c8, c7, 2)   /* every entry of one ASID */

/* ---- Process ID, [TRM] 3.2.47 Context ID --------------------------------- */
CP15_RD(cp15_read_contextidr,  0, c13, c0, 1)
CP15_WR(cp15_write_contextidr, 0, c13, c0, 1)

/* ---- Security extensions: vector base, [TRM] 3.2.43 --------------------- */
CP15_RD(cp15_read_vbar,   0, c12, c0, 0)
CP15_WR(cp15_write_vbar,  0, c12, c0, 0)

/* ---- Added for real-hardware correctness (docs/hardware.md, "Correct on
 * real hardware: the checklist") ----
 * [TRM] page numbers are those of DDI 0301H.  The Context ID Register is
 * [TRM] 3.2.47 (p. 3-128); 3.2.46 is the FCSE PID Register. */

/*
 * Invalidate the entire I-cache, the form that survives ARM erratum 411920
 * ("Invalidate Instruction Cache operation can fail"; present in the
 * ARM1136, ARM1156 and ARM1176, not the MPCore).  ARM's workaround, used by
 * Linux arch/arm/mm/cache-v6.S v6_flush_icache_all with
 * CONFIG_ARM_ERRATA_411920: with IRQ, FIQ and imprecise aborts masked, issue
 * c7, c5, 0 four times, restore the CPSR, then at least 11 NOPs.
 * c7, c5, 0 also flushes the whole branch target cache ([TRM] 3.2.22
 * Table 3-71, p. 3-74).  Use this instead of cp15_icache_inval_all().
 */
#ifdef __arm__
static inline void cp15_icache_inval_all_411920(void)
{
	uint32_t cpsr, zero = 0;

	__asm__ volatile(
		"mrs	%0, cpsr\n\t"
		"cpsid	aif\n\t"
		"mcr	p15, 0, %1, c7, c5, 0\n\t"
		"mcr	p15, 0, %1, c7, c5, 0\n\t"
		"mcr	p15, 0, %1, c7, c5, 0\n\t"
		"mcr	p15, 0, %1, c7, c5, 0\n\t"
		"msr	cpsr_cx, %0\n\t"
		".rept	11\n\t"
		"nop\n\t"
		".endr"
		: "=&r"(cpsr) : "r"(zero) : "memory");
}
#else
static inline void cp15_icache_inval_all_411920(void) { }
#endif

#undef CP15_RD
#undef CP15_WR
#undef CP15_OP

#endif
