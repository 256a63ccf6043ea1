/*
 * paging/pt.h - operations on a translation table: map, unmap, protect, and
 * a software walk that answers "what would the MMU do with this access?".
 *
 * References:
 *   [TRM] ARM1176JZF-S TRM, ARM DDI 0301H: 3.2.16 "c3, Domain Access
 *         Control Register" (its 2-bit fields: DACR_* in paging/domains.h);
 *         6.5 access permissions; 6.9 "MMU fault checking"; 6.11.2
 *         descriptor formats; 6.12 hardware page table walks.
 *   [ARM] ARM DDI 0100I, part B4 "Virtual Memory System Architecture".
 *
 * All functions are pure logic over the table memory: writes to a table
 * that may be live are followed by pt_sync_l1()/pt_sync_l2() (maint.h), and
 * L2 tables come from pt_alloc_l2().  Callers serialise access to a table;
 * nothing here takes a lock.
 *
 * Every L2 table reachable from a table passed to pt_map/pt_unmap must come
 * from pt_alloc_l2(), because pt_unmap returns emptied tables to
 * pt_free_l2().
 */
#ifndef PAGING_PT_H
#define PAGING_PT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "paging/desc.h"

/* What a mapping grants.  domain goes into the section, or into the L1 page
 * table entry above small pages. */
struct pt_attrs {
	enum ap ap;
	enum memtype mem;
	unsigned domain;   /* 0..15 */
	bool xn, ng, shared;
};

#define PT_SECTIONS_OK 1u   /* flag: caller permits 1 MiB sections where aligned */

/*
 * Map [va, va + size) to [pa, pa + size) with attributes a.
 * va, pa and size are multiples of 4 KiB, size > 0, and neither range may
 * wrap past 4 GiB (-EINVAL).  With PT_SECTIONS_OK, every 1 MiB piece whose
 * va and pa are 1 MiB aligned and whose L1 entry is free becomes a section;
 * everything else becomes small pages, in an existing L2 table or a new one
 * from pt_alloc_l2() (its L1 entry gets a->domain).
 * Returns 0, or with the table unchanged:
 *   -EINVAL  bad arguments, attributes, or an existing L2 table of the range
 *            has a domain other than a->domain;
 *   -EEXIST  some part of the range is already mapped (a page entry, a
 *            section or supersection, or a reserved L1 entry);
 *   -ENOMEM  pt_alloc_l2() failed (the tables already taken are freed).
 */
int pt_map(l1_table_t *l1, uint32_t va, uint32_t pa, uint32_t size,
	   const struct pt_attrs *a, unsigned flags);

/*
 * Unmap every page, section and supersection in [va, va + size) (same
 * alignment rules).  Unmapped holes are fine.  A section, supersection or
 * large page only partly inside the range is -EINVAL, and nothing changes.
 * An L2 table left empty by this call is unhooked (L1 entry to fault,
 * synced) and returned with pt_free_l2().
 */
int pt_unmap(l1_table_t *l1, uint32_t va, uint32_t size);

/*
 * Set access permissions ap and execute-never xn on every entry mapping
 * [va, va + size); memory type, domain, S and nG are kept.  Returns 0;
 * -EFAULT if any part is unmapped, -EINVAL for bad arguments or a block
 * only partly inside the range; on error nothing changes.  Entries whose
 * word does not change are not rewritten (and not synced).
 */
int pt_protect(l1_table_t *l1, uint32_t va, uint32_t size, enum ap ap, bool xn);

/* ---- Software walk --------------------------------------------------------- */

struct pt_step {
	uint32_t addr_pa;   /* physical address of the entry */
	uint32_t index;     /* its index in its table */
	uint32_t raw;       /* its word */
};

enum pt_access { PT_READ, PT_WRITE, PT_EXEC };

struct pt_walk {
	uint32_t va;
	uint32_t ttbr;            /* table base (pa) used, as in TTBR0 */
	enum pt_access acc;       /* the access asked about */
	bool user;                /* from User mode */
	struct pt_step l1;
	bool has_l2;
	uint32_t l2_table_pa;
	struct pt_step l2;
	int level;                /* 1 = section/supersection, 2 = page: where the walk ended */
	uint32_t pa;              /* the translation; valid when fsr == 0 */
	enum ap ap;               /* of the leaf reached (AP_COUNT if none) */
	int mem;                  /* enum memtype of the leaf, or -1 */
	unsigned domain;
	bool xn, ng, shared;
	/* The fault status the hardware would report, or 0 if the access
	 * succeeds.  Data accesses: a DFSR value, with WnR (bit 11) for
	 * writes and the domain in bits 7:4 where Table 6-11 says it is
	 * valid.  PT_EXEC: an IFSR value, status bits only. */
	uint32_t fsr;
};

/*
 * Walk l1 for an access to va as the MMU does ([TRM] 6.9, the fault checking
 * sequence): L1 entry (fault/reserved: section translation fault); for a
 * page table, the L2 entry (fault: page translation fault); then the
 * domain's 2-bit field in dacr (no access or reserved: domain fault;
 * manager: allowed, no further checks); then, for a client, XN for PT_EXEC
 * and AP for the access (permission fault).  An instruction fetch needs
 * read permission.  Alignment is not checked.
 * Returns 0 if the access would succeed, else the fault status (out->fsr).
 * out may be NULL.
 */
int pt_translate(const l1_table_t *l1, uint32_t va, enum pt_access acc,
		 bool user, uint32_t dacr, struct pt_walk *out);

/*
 * Describe a walk, one step per line (no final newline), snprintf-style:
 *   TTBR0 = 0x00004000
 *   L1[0x020] @0x00004080 = 0x00300021  page table @0x00300000, domain 1
 *   L2[0x05] @0x00300014 = 0x0000803e  small page pa=0x00008000 krw/urw ...
 *   PA = 0x00008123                        (or: fault: <name> (FSR 0x007))
 */
int pt_walk_describe(const struct pt_walk *w, char *buf, size_t n);

#endif
