/*
 * paging/desc.h - ARMv6 translation table descriptors, as types.
 *
 * References:
 *   [TRM] ARM1176JZF-S Technical Reference Manual, ARM DDI 0301H.
 *         6.5   Memory access control; Table 6-1 "Access permission bit
 *               encoding" (page 6-12).
 *         6.6   Memory region attributes; Table 6-2 "TEX field, and C and B
 *               bit encodings used in page table formats" (page 6-15).
 *         6.11.2 ARMv6 page table translation (subpage AP bits disabled);
 *               Figure 6-7 first-level and Figure 6-8 second-level
 *               descriptor formats (pages 6-39, 6-40).
 *   [ARM] ARM Architecture Reference Manual, ARM DDI 0100I, part B4
 *         "Virtual Memory System Architecture".
 *
 * pagoda runs the MMU with SCTLR.XP = 1 (bit 23: "subpage AP bits disabled",
 * the ARMv6 format) and SCTLR.TRE = 0 (TEX remap off), so TEX/C/B in a
 * descriptor are the memory type itself, exactly as Table 6-2 lists them.
 *
 * How a 32-bit virtual address is translated (TTBCR.N = 0, one table):
 *
 *   31                  20 19           12 11                 0
 *  +----------------------+---------------+--------------------+
 *  |   L1 index (4096)    | L2 index (256)|  offset in 4 KiB   |
 *  +----------------------+---------------+--------------------+
 *
 *   TTBR0 --> L1 table: 4096 words, 16 KiB, 16 KiB aligned
 *               entry = fault | section (1 MiB) | supersection (16 MiB,
 *                       repeated in 16 consecutive entries) | page table
 *               page table --> L2 table: 256 words, 1 KiB, 1 KiB aligned
 *                 entry = fault | small page (4 KiB) | large page
 *                         (64 KiB, repeated in 16 consecutive entries)
 *
 * A descriptor is one 32-bit word, wrapped in a distinct struct per level so
 * that an L1 entry can never be stored into an L2 table by mistake.  Words
 * are made by chained builders:
 *
 *   l2e_t e;
 *   int err = l2_build(l2_xn(l2_ap(l2_mem(l2_small(pa), MT_NORMAL_WBWA),
 *                                  AP_KRW_URW), true), &e);
 *
 * A builder carries a sticky error: the first refused argument is kept, the
 * later setters leave the builder alone, and l1_build()/l2_build() return it
 * without touching *out.  A refusal can therefore never hide inside a
 * descriptor value.
 */
#ifndef PAGING_DESC_H
#define PAGING_DESC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Sizes ------------------------------------------------------------- */
#define L1_ENTRIES          4096u
#define L2_ENTRIES          256u
#define SECTION_SHIFT       20
#define SECTION_SIZE        (1u << SECTION_SHIFT)        /* 1 MiB */
#define SUPERSECTION_SIZE   (1u << 24)                   /* 16 MiB */
#define LARGE_PAGE_SIZE     (1u << 16)                   /* 64 KiB */
#define SMALL_PAGE_SHIFT    12
#define SMALL_PAGE_SIZE     (1u << SMALL_PAGE_SHIFT)     /* 4 KiB */
#define L2_TABLE_SIZE       (L2_ENTRIES * 4u)            /* 1 KiB */
#define DESC_REPEAT         16u   /* supersection / large page copies */

#define L1_INDEX(va)  ((uint32_t)(va) >> SECTION_SHIFT)
#define L2_INDEX(va)  (((uint32_t)(va) >> SMALL_PAGE_SHIFT) & (L2_ENTRIES - 1))

/* ---- First-level descriptor: [TRM] 6.11.2, Figure 6-7 --------------------
 *
 *   bits    section          supersection      page table
 *   31:24   base PA[31:20]   base PA[31:24]    base PA[31:10]
 *   23:20     "              SBZ                 "
 *   19      NS               NS                  "
 *   18      0                1                   "
 *   17      nG               nG                  "
 *   16      S                S                   "
 *   15      APX              APX                 "
 *   14:12   TEX              TEX                 "
 *   11:10   AP[1:0]          AP[1:0]             "
 *   9       P (SBZ)          P (SBZ)           P (SBZ)
 *   8:5     domain           SBZ               domain
 *   4       XN               XN                SBZ
 *   3       C                C                 NS
 *   2       B                B                 SBZ
 *   1:0     10               10                01
 *
 * Bits [1:0] give the type ([TRM] 6.12.2, Table 6-14): 00 is a fault entry
 * (the other 30 bits are ignored), 11 is reserved and also translates as a
 * section translation fault.
 */
#define L1_TYPE_MASK          (3u << 0)
#define L1_TYPE_FAULT         (0u << 0)
#define L1_TYPE_PAGETABLE     (1u << 0)   /* "coarse page table" */
#define L1_TYPE_SECTION       (2u << 0)   /* section or supersection */
#define L1_TYPE_RESERVED      (3u << 0)

/* page table descriptor */
#define L1_PT_NS              (1u << 3)   /* TrustZone: table is Non-secure */
#define L1_PT_DOMAIN_SHIFT    5
#define L1_PT_DOMAIN_MASK     (0xFu << L1_PT_DOMAIN_SHIFT)
#define L1_PT_P               (1u << 9)   /* ECC; ARM1176 has none: SBZ */
#define L1_PT_BASE_MASK       (0x3FFFFFu << 10)   /* bits 31:10 */

/* section descriptor.  A supersection uses the same bits, with L1_SECT_SUPER
 * set and its own base field; its domain bits 8:5 are SBZ because ARMv6
 * places every supersection in domain 0 (QEMU's walk does the same). */
#define L1_SECT_B             (1u << 2)
#define L1_SECT_C             (1u << 3)
#define L1_SECT_XN            (1u << 4)   /* execute never */
#define L1_SECT_DOMAIN_SHIFT  5
#define L1_SECT_DOMAIN_MASK   (0xFu << L1_SECT_DOMAIN_SHIFT)
#define L1_SECT_P             (1u << 9)   /* ECC; SBZ on ARM1176 */
#define L1_SECT_AP_SHIFT      10          /* AP[1:0] */
#define L1_SECT_AP_MASK       (3u << L1_SECT_AP_SHIFT)
#define L1_SECT_TEX_SHIFT     12
#define L1_SECT_TEX_MASK      (7u << L1_SECT_TEX_SHIFT)
#define L1_SECT_APX           (1u << 15)  /* with AP: read-only */
#define L1_SECT_S             (1u << 16)  /* shared (Normal memory only) */
#define L1_SECT_NG            (1u << 17)  /* not global: tagged with ASID */
#define L1_SECT_SUPER         (1u << 18)  /* 1 = 16 MiB supersection */
#define L1_SECT_NS            (1u << 19)  /* TrustZone: Non-secure */
#define L1_SECT_BASE_MASK     (0xFFFu << 20)      /* bits 31:20 */
#define L1_SUPER_BASE_MASK    (0xFFu << 24)       /* bits 31:24 */

/* ---- Second-level descriptor: [TRM] 6.11.2, Figure 6-8 -------------------
 *
 *   bits    large page (64 KiB)   small page (4 KiB, "extended small page")
 *   31:16   base PA[31:16]        base PA[31:12]
 *   15      XN                      "
 *   14:12   TEX                     "
 *   11      nG                    nG
 *   10      S                     S
 *   9       APX                   APX
 *   8:6     SBZ                   TEX
 *   5:4     AP[1:0]               AP[1:0]
 *   3       C                     C
 *   2       B                     B
 *   1:0     01                    1, XN
 *
 * The same meanings sit at different bits: XN is bit 15 in a large page but
 * bit 0 in a small page (which is why a small page's type is "1x"), and TEX
 * moves from 14:12 to 8:6.  00 is a fault entry.
 */
#define L2_TYPE_MASK          (3u << 0)
#define L2_TYPE_FAULT         (0u << 0)
#define L2_TYPE_LARGE         (1u << 0)
#define L2_TYPE_SMALL         (1u << 1)   /* bit 0 is the small page's XN */

#define L2_LARGE_B            (1u << 2)
#define L2_LARGE_C            (1u << 3)
#define L2_LARGE_AP_SHIFT     4
#define L2_LARGE_AP_MASK      (3u << L2_LARGE_AP_SHIFT)
#define L2_LARGE_APX          (1u << 9)
#define L2_LARGE_S            (1u << 10)
#define L2_LARGE_NG           (1u << 11)
#define L2_LARGE_TEX_SHIFT    12
#define L2_LARGE_TEX_MASK     (7u << L2_LARGE_TEX_SHIFT)
#define L2_LARGE_XN           (1u << 15)
#define L2_LARGE_BASE_MASK    (0xFFFFu << 16)     /* bits 31:16 */

#define L2_SMALL_XN           (1u << 0)
#define L2_SMALL_B            (1u << 2)
#define L2_SMALL_C            (1u << 3)
#define L2_SMALL_AP_SHIFT     4
#define L2_SMALL_AP_MASK      (3u << L2_SMALL_AP_SHIFT)
#define L2_SMALL_TEX_SHIFT    6
#define L2_SMALL_TEX_MASK     (7u << L2_SMALL_TEX_SHIFT)
#define L2_SMALL_APX          (1u << 9)
#define L2_SMALL_S            (1u << 10)
#define L2_SMALL_NG           (1u << 11)
#define L2_SMALL_BASE_MASK    (0xFFFFFu << 12)    /* bits 31:12 */

/* ---- Types --------------------------------------------------------------- */
typedef struct { uint32_t raw; } l1e_t;   /* first-level entry */
typedef struct { uint32_t raw; } l2e_t;   /* second-level entry */

/* TTBR0 holds bits 31:14 of the L1 table address ([TRM] 3.2.13, N = 0) */
typedef struct { l1e_t e[L1_ENTRIES]; } __attribute__((aligned(16384))) l1_table_t;
/* an L1 page table descriptor holds bits 31:10 of the L2 table address */
typedef struct { l2e_t e[L2_ENTRIES]; } __attribute__((aligned(1024))) l2_table_t;

_Static_assert(sizeof(l1e_t) == 4 && sizeof(l2e_t) == 4, "descriptor is one word");
_Static_assert(sizeof(l1_table_t) == 16384, "L1 table is 16 KiB");
_Static_assert(sizeof(l2_table_t) == L2_TABLE_SIZE, "L2 table is 1 KiB");

/* Access permissions, [TRM] Table 6-1 (SCTLR.S = SCTLR.R = 0).
 * k = privileged (kernel) modes, u = User mode.  APX:AP[1:0] in brackets. */
enum ap {
	AP_NONE,      /* [0:00] no access at all                           */
	AP_KRW,       /* [0:01] kernel read/write, user none               */
	AP_KRO,       /* [1:01] kernel read-only, user none                */
	AP_KRW_URO,   /* [0:10] kernel read/write, user read-only          */
	AP_KRW_URW,   /* [0:11] read/write for both                        */
	AP_KRO_URO,   /* [1:10] read-only for both ([1:11] decodes to it)  */
	AP_COUNT      /* also: "the reserved encoding [1:00]" in getters   */
};

/* Memory types, [TRM] Table 6-2 with TEX remap off. */
enum memtype {
	MT_STRONGLY_ORDERED,  /* TEX 000 C0 B0: every access in order, shared */
	MT_DEVICE_SHARED,     /* TEX 000 C0 B1: device, shared              */
	MT_DEVICE,            /* TEX 010 C0 B0: device, non-shared          */
	MT_NORMAL_NC,         /* TEX 001 C0 B0: normal, not cached          */
	MT_NORMAL_WT,         /* TEX 000 C1 B0: write-through, no write-alloc */
	MT_NORMAL_WB,         /* TEX 000 C1 B1: write-back, no write-alloc  */
	MT_NORMAL_WBWA,       /* TEX 001 C1 B1: write-back, write-allocate  */
	MT_COUNT
};

/* The TEX/C/B encoding of one memory type: the one table ([desc.c]) maps
 * enum -> bits, and the decoders search the same table. */
struct memtype_bits { uint8_t tex, c, b; const char *name; };

enum l1_kind { L1_FAULT, L1_PAGETABLE, L1_SECTION, L1_SUPERSECTION, L1_RESERVED };
enum l2_kind { L2_FAULT, L2_LARGE, L2_SMALL };

/* Builders: the word so far, what it is, and the first error (0 or -EINVAL). */
typedef struct { uint32_t raw; enum l1_kind kind; int err; } l1b_t;
typedef struct { uint32_t raw; enum l2_kind kind; int err; } l2b_t;

/* ---- Shared attribute tables (desc.c) ------------------------------------ */

/* TEX/C/B of a memory type, or NULL if mt is out of range. */
const struct memtype_bits *memtype_bits(enum memtype mt);
/* The memory type whose table row is exactly (tex, c, b), or -1. */
int memtype_decode(unsigned tex, unsigned c, unsigned b);
/* APX and AP[1:0] of a permission; false if ap is out of range. */
bool ap_encode(enum ap ap, unsigned *apx, unsigned *ap10);
/* The permission that APX:AP[1:0] grant; AP_COUNT for reserved [1:00]. */
enum ap ap_decode(unsigned apx, unsigned ap10);

const char *ap_name(enum ap ap);             /* "krw/uro"; "?" if invalid */
const char *memtype_name(enum memtype mt);   /* "normal-wb"; "?" if invalid */
bool ap_user_readable(enum ap ap);
bool ap_user_writable(enum ap ap);
bool ap_kernel_readable(enum ap ap);
bool ap_kernel_writable(enum ap ap);

/* ---- First-level builders (desc_l1.c) ------------------------------------
 * A new section/supersection starts as: no access (AP_NONE), strongly
 * ordered, domain 0, executable, global, non-shared (all fields zero).
 * A new page table entry starts in domain 0. */
l1b_t l1_fault(void);
l1b_t l1_section(uint32_t pa);        /* pa 1 MiB aligned */
l1b_t l1_supersection(uint32_t pa);   /* pa 16 MiB aligned */
l1b_t l1_pagetable(uint32_t pa);      /* pa of an L2 table, 1 KiB aligned */
/* Start from an existing section, supersection or page table entry, to
 * change some fields (fault and reserved entries are refused). */
l1b_t l1_edit(l1e_t e);

l1b_t l1_ap(l1b_t b, enum ap ap);            /* section, supersection */
l1b_t l1_mem(l1b_t b, enum memtype mt);      /* section, supersection */
l1b_t l1_domain(l1b_t b, unsigned domain);   /* section, page table; 0..15 */
l1b_t l1_shared(l1b_t b, bool on);           /* section, supersection */
l1b_t l1_ng(l1b_t b, bool on);               /* section, supersection */
l1b_t l1_xn(l1b_t b, bool on);               /* section, supersection */
/* 0 and *out = the word; or the builder's first error, *out untouched. */
int l1_build(l1b_t b, l1e_t *out);

/* ---- Second-level builders (desc_l2.c) ------------------------------------
 * A new page starts as: no access, strongly ordered, executable, global,
 * non-shared.  Pages have no domain: the L1 page table entry holds it. */
l2b_t l2_fault(void);
l2b_t l2_small(uint32_t pa);          /* pa 4 KiB aligned */
l2b_t l2_large(uint32_t pa);          /* pa 64 KiB aligned */
l2b_t l2_edit(l2e_t e);               /* existing small or large page */

l2b_t l2_ap(l2b_t b, enum ap ap);
l2b_t l2_mem(l2b_t b, enum memtype mt);
l2b_t l2_shared(l2b_t b, bool on);
l2b_t l2_ng(l2b_t b, bool on);
l2b_t l2_xn(l2b_t b, bool on);
int l2_build(l2b_t b, l2e_t *out);

/* The same descriptor for another base address: every attribute stays.
 * For mapping many pages or sections alike, built once and then rebased.
 * e must be a section (pa 1 MiB aligned) or a small page (4 KiB); any
 * other use gives a fault entry. */
l1e_t l1e_rebase(l1e_t e, uint32_t pa);
l2e_t l2e_rebase(l2e_t e, uint32_t pa);

/* ---- Raw words in, fields out ---------------------------------------------- */
l1e_t l1e_from_raw(uint32_t raw);   /* the only way a bare word becomes an entry */
l2e_t l2e_from_raw(uint32_t raw);

enum l1_kind l1e_kind(l1e_t e);
uint32_t l1e_pa(l1e_t e);           /* section/supersection base, or L2 table pa; 0 otherwise */
enum ap l1e_ap(l1e_t e);            /* AP_COUNT: reserved encoding, or no AP field */
int l1e_memtype(l1e_t e);           /* enum memtype, or -1 (not in the table / no field) */
unsigned l1e_domain(l1e_t e);       /* section, page table; supersection and others: 0 */
bool l1e_xn(l1e_t e);
bool l1e_ng(l1e_t e);
bool l1e_shared(l1e_t e);

enum l2_kind l2e_kind(l2e_t e);
uint32_t l2e_pa(l2e_t e);           /* page base; 0 for a fault entry */
/* For loops over whole tables: is e anything but a fault entry, and the
 * base of a small page (callers know it is one), without a call. */
static inline int l2e_present(l2e_t e) { return (e.raw & L2_TYPE_MASK) != L2_TYPE_FAULT; }
static inline uint32_t l2e_small_pa(l2e_t e) { return e.raw & L2_SMALL_BASE_MASK; }
enum ap l2e_ap(l2e_t e);
int l2e_memtype(l2e_t e);
bool l2e_xn(l2e_t e);
bool l2e_ng(l2e_t e);
bool l2e_shared(l2e_t e);

/* One line, no newline, snprintf-style (returns the full length):
 *   "section pa=0x00100000 krw/urw normal-wbwa dom 0 XN S nG"
 *   "supersection pa=0x01000000 krw device"
 *   "page table @0x00300000, domain 1"
 *   "small page pa=0x00008000 kro normal-wbwa XN"
 *   "fault (unmapped)"   "reserved (bits 1:0 = 11)" */
int l1e_describe(l1e_t e, char *buf, size_t n);
int l2e_describe(l2e_t e, char *buf, size_t n);

#endif
