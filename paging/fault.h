/*
 * paging/fault.h - decoding the Data and Instruction Fault Status Registers.
 *
 * References:
 *   [TRM] ARM1176JZF-S TRM, ARM DDI 0301H:
 *         3.2.17 "c5, Data Fault Status Register" (Table 3-61),
 *         3.2.18 "c5, Instruction Fault Status Register",
 *         6.9  "MMU fault checking", 6.10 "Fault status and address",
 *         Table 6-11 "Fault Status Register encoding".
 *   [ARM] ARM DDI 0100I, B4 "Virtual Memory System Architecture".
 *
 * DFSR layout:
 *
 *   31     13  12  11  10  9 8  7      4  3        0
 *  +---------+---+---+---+-----+--------+----------+
 *  |   UNP   |SD |WnR| S | 0 0 | domain |  status  |
 *  +---------+---+---+---+-----+--------+----------+
 *
 *   status5 = S:status = FSR[10] << 4 | FSR[3:0]: the fault type.
 *   WnR     = 1 if the access was a write.
 *   domain  = the domain of the descriptor that faulted; only meaningful
 *             for the codes Table 6-11 marks "domain valid".
 *   SD      = external aborts only: AXI slave error (1) or decode error (0).
 *
 * The IFSR has only S and status (and SD).  QEMU 7.2 also writes the domain
 * into IFSR[7:4] (measured, QEMU-FACTS.md), so prefetch aborts are
 * masked with IFSR_VALID_MASK before decoding.
 */
#ifndef PAGING_FAULT_H
#define PAGING_FAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FSR_STATUS_MASK    (0xFu << 0)   /* status bits 3:0 */
#define FSR_DOMAIN_SHIFT   4
#define FSR_DOMAIN_MASK    (0xFu << FSR_DOMAIN_SHIFT)
#define FSR_S              (1u << 10)    /* status bit 4 */
#define FSR_WNR            (1u << 11)    /* DFSR only: write, not read */
#define FSR_SD             (1u << 12)    /* external aborts: AXI SLVERR */
#define IFSR_VALID_MASK    (FSR_S | FSR_STATUS_MASK)   /* = 0x40F */

/* 5-bit status codes, [TRM] Table 6-11 (FSR[10,3:0]) */
#define FS_TLB_MISS             0x00
#define FS_ALIGNMENT            0x01
#define FS_DEBUG                0x02
#define FS_ACCESS_SECTION       0x03   /* access bit fault (SCTLR.AFE = 1) */
#define FS_ICACHE_MAINT         0x04
#define FS_TRANSLATION_SECTION  0x05
#define FS_ACCESS_PAGE          0x06
#define FS_TRANSLATION_PAGE     0x07
#define FS_PRECISE_EXTERNAL     0x08
#define FS_DOMAIN_SECTION       0x09
#define FS_DOMAIN_PAGE          0x0B
#define FS_EXT_TRANSLATION_L1   0x0C
#define FS_PERMISSION_SECTION   0x0D
#define FS_EXT_TRANSLATION_L2   0x0E
#define FS_PERMISSION_PAGE      0x0F
#define FS_IMPRECISE_EXTERNAL   0x16
#define FS_PARITY               0x18
#define FS_COUNT                32

/* 5-bit status of an FSR value */
#define FSR_STATUS5(fsr) \
	((((fsr) & FSR_S) ? 0x10u : 0u) | ((fsr) & FSR_STATUS_MASK))

enum fault_class {
	FC_ALIGNMENT,
	FC_TRANSLATION,
	FC_DOMAIN,
	FC_PERMISSION,
	FC_EXTERNAL,       /* precise, imprecise, or during a table walk */
	FC_DEBUG,
	FC_CACHE_MAINT,
	FC_RESERVED,
	FC_ACCESS_FLAG,    /* only with SCTLR.AFE = 1; pagoda leaves it 0 */
	FC_PARITY,         /* listed, but ARM1176 has no parity checking */
	FC_TLB_MISS,       /* code 0: also the reset value of the FSR */
	FC_COUNT
};

struct fault_info {
	const char *name;        /* "page permission fault" */
	enum fault_class cls;
	int level;               /* 1 section/L1, 2 page/L2, 0 not a walk fault */
	bool domain_valid;       /* FSR[7:4] holds the faulting domain */
};

/* The table row of a 5-bit status; never NULL ("reserved" for unknown codes
 * and for status5 >= 32). */
const struct fault_info *fault_info(unsigned status5);

struct fault_report {
	uint32_t fsr;                   /* as decoded (IFSR: masked with 0x40F) */
	unsigned status;                /* 5-bit status */
	const struct fault_info *info;
	bool write;                     /* data aborts: WnR */
	int domain;                     /* -1 if not valid */
	bool prefetch;                  /* from the IFSR */
};

/* Decode a DFSR (prefetch = false) or IFSR (prefetch = true) value. */
void fault_decode(uint32_t fsr, bool prefetch, struct fault_report *out);

/* One line, snprintf-style, e.g.
 *   "page permission fault (FSR 0x80F, write, domain 0, level 2)"
 *   "section translation fault (IFSR 0x005, instruction fetch, level 1)" */
int fault_describe(const struct fault_report *r, char *buf, size_t n);

#endif
