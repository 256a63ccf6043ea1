/*
 * paging/pt.c - map, unmap and protect ranges of a translation table.
 *
 * Each operation runs in two passes over the range, one 1 MiB L1 entry at a
 * time:
 *
 *   1. check: read only.  Find every reason to refuse (an existing mapping,
 *      a block only partly covered, a hole, a domain clash) and count the
 *      L2 tables that must be allocated.  pt_map then allocates them all.
 *   2. commit: write entries, each followed by its pt_sync_*() call.  By
 *      then nothing can fail, so an operation either happens completely or
 *      leaves the table exactly as it was.
 *
 * Descriptor formats: [TRM] ARM DDI 0301H 6.11.2 (see desc.h).  A
 * supersection occupies 16 consecutive L1 entries and a large page 16
 * consecutive L2 entries ([TRM] 6.11.2 notes), so both are treated as
 * blocks that must be covered whole.
 */
#include "paging/pt.h"

#include "kernel/errno.h"
#include "kernel/string.h"
#include "paging/maint.h"
#include "paging/tlb.h"

#define SECTION_OFFSET_MASK  (SECTION_SIZE - 1)
#define PAGE_OFFSET_MASK     (SMALL_PAGE_SIZE - 1)

/* 0 if [va, va + size) is non-empty, 4 KiB aligned and below 4 GiB. */
static int check_range(uint32_t va, uint32_t size)
{
	if (size == 0 || ((va | size) & PAGE_OFFSET_MASK))
		return -EINVAL;
	if (size - 1 > UINT32_MAX - va)   /* va + size - 1 would wrap */
		return -EINVAL;
	return 0;
}

/* Length of the piece of [v, v + left) inside v's 1 MiB (one L1 entry). */
static uint32_t piece_len(uint32_t v, uint32_t left)
{
	uint32_t to_boundary = SECTION_SIZE - (v & SECTION_OFFSET_MASK);

	return left < to_boundary ? left : to_boundary;
}

/* Does [va, va + size) contain the whole block of `block` bytes around addr? */
static bool covers(uint32_t va, uint32_t size, uint32_t addr, uint32_t block)
{
	uint32_t base = addr & ~(block - 1);

	return base >= va && size >= block && base - va <= size - block;
}

static l2_table_t *l2_of(l1e_t e)
{
	return pt_pa_to_kva(l1e_pa(e));
}

/* ---- building leaves from pt_attrs ----------------------------------------- */

static l1b_t section_for(uint32_t pa, const struct pt_attrs *a)
{
	l1b_t b = l1_section(pa);

	b = l1_ap(b, a->ap);
	b = l1_mem(b, a->mem);
	b = l1_domain(b, a->domain);
	b = l1_xn(b, a->xn);
	b = l1_ng(b, a->ng);
	return l1_shared(b, a->shared);
}

static l2b_t page_for(uint32_t pa, const struct pt_attrs *a)
{
	l2b_t b = l2_small(pa);

	b = l2_ap(b, a->ap);
	b = l2_mem(b, a->mem);
	b = l2_xn(b, a->xn);
	b = l2_ng(b, a->ng);
	return l2_shared(b, a->shared);
}

/* ---- pt_map ------------------------------------------------------------------ */

/* Will the piece at (v, p) of length len become a section? */
static bool use_section(uint32_t v, uint32_t p, uint32_t len, unsigned flags)
{
	return (flags & PT_SECTIONS_OK) && len == SECTION_SIZE &&
	       !(v & SECTION_OFFSET_MASK) && !(p & SECTION_OFFSET_MASK);
}

/* Are all L2 entries for [v, v + len) (inside one MiB) fault entries? */
static bool l2_range_free(const l2_table_t *t, uint32_t v, uint32_t len)
{
	for (uint32_t off = 0; off < len; off += SMALL_PAGE_SIZE)
		if (l2e_kind(t->e[L2_INDEX(v + off)]) != L2_FAULT)
			return false;
	return true;
}

/* Pass 1 of pt_map: 0 and the number of new L2 tables, or the refusal. */
static int map_check(const l1_table_t *l1, uint32_t va, uint32_t pa,
		     uint32_t size, const struct pt_attrs *a, unsigned flags,
		     unsigned *tables)
{
	*tables = 0;
	for (uint32_t done = 0; done < size;) {
		uint32_t v = va + done, len = piece_len(v, size - done);
		l1e_t e = l1->e[L1_INDEX(v)];

		switch (l1e_kind(e)) {
		case L1_FAULT:
			if (!use_section(v, pa + done, len, flags))
				(*tables)++;
			break;
		case L1_PAGETABLE:
			if (l1e_domain(e) != a->domain)
				return -EINVAL;
			if (!l2_range_free(l2_of(e), v, len))
				return -EEXIST;
			break;
		default:   /* section, supersection, reserved */
			return -EEXIST;
		}
		done += len;
	}
	return 0;
}

/*
 * Spare L2 tables wait in a list threaded through their own first bytes, so
 * that pt_map needs no memory of its own.  spare_pop() clears the link
 * again, so a table is all fault entries when it is hooked in.
 */
static void spare_push(l2_table_t **list, l2_table_t *t)
{
	memcpy(t->e, list, sizeof *list);
	*list = t;
}

static l2_table_t *spare_pop(l2_table_t **list)
{
	l2_table_t *t = *list;

	memcpy(list, t->e, sizeof *list);
	memset(t->e, 0, sizeof *list);
	/* the walker reads memory, not the D-cache (TRM 3.2.13 note): clean
	 * the zeroed link so it never reads the old pointer.  Harmless today
	 * (a 1 KiB-aligned pointer decodes as a fault entry), but explicit.
	 * The DSB in pt_sync_l1, before the table is reachable, completes it. */
	pt_clean_entry(t->e);
	return t;
}

/* Free every spare table. */
static void spare_free_all(l2_table_t **list)
{
	while (*list)
		pt_free_l2(spare_pop(list));
}

/* Allocate n tables onto *list; -ENOMEM (and none kept) if that fails.  A
 * table the L1 descriptor could not point at (not 1 KiB aligned) counts
 * as a failure, so that pass 2 cannot fail. */
static int spare_alloc(l2_table_t **list, unsigned n)
{
	*list = NULL;
	while (n--) {
		l2_table_t *t = pt_alloc_l2();

		if (t && (pt_kva_to_pa(t) & ~L1_PT_BASE_MASK)) {
			pt_free_l2(t);
			t = NULL;
		}
		if (!t) {
			spare_free_all(list);
			return -ENOMEM;
		}
		spare_push(list, t);
	}
	return 0;
}

/* Pass 2 for one piece mapped with small pages, each entry the template
 * rebased. */
static void map_pages(l1_table_t *l1, uint32_t v, uint32_t p, uint32_t len,
		      const struct pt_attrs *a, l2e_t tmpl, l2_table_t **spares)
{
	l1e_t *e1 = &l1->e[L1_INDEX(v)];
	l2_table_t *t;

	if (l1e_kind(*e1) == L1_FAULT) {
		t = spare_pop(spares);
		l1_build(l1_domain(l1_pagetable(pt_kva_to_pa(t)), a->domain), e1);
		pt_sync_l1(e1, v);
	}
	t = l2_of(*e1);
	for (uint32_t off = 0; off < len; off += SMALL_PAGE_SIZE) {
		l2e_t *e2 = &t->e[L2_INDEX(v + off)];

		*e2 = l2e_rebase(tmpl, p + off);
		pt_sync_l2(e2, v + off);
	}
}

int pt_map(l1_table_t *l1, uint32_t va, uint32_t pa, uint32_t size,
	   const struct pt_attrs *a, unsigned flags)
{
	l2_table_t *spares;
	unsigned tables;
	l1e_t sect;
	l2e_t page;
	int err;

	if (!l1 || !a || (flags & ~PT_SECTIONS_OK))
		return -EINVAL;
	if ((err = check_range(va, size)) || (err = check_range(pa, size)))
		return err;
	/* every entry is one of these two, rebased (built once: the
	 * builders' checks run once per call, not once per page) */
	if (l1_build(section_for(0, a), &sect) || l2_build(page_for(0, a), &page))
		return -EINVAL;   /* ap, mem or domain out of range */
	if ((err = map_check(l1, va, pa, size, a, flags, &tables)))
		return err;
	if ((err = spare_alloc(&spares, tables)))
		return err;

	for (uint32_t done = 0; done < size;) {
		uint32_t v = va + done, p = pa + done, len = piece_len(v, size - done);
		l1e_t *e1 = &l1->e[L1_INDEX(v)];

		if (l1e_kind(*e1) == L1_FAULT && use_section(v, p, len, flags)) {
			*e1 = l1e_rebase(sect, p);
			pt_sync_l1(e1, v);
		} else {
			map_pages(l1, v, p, len, a, page, &spares);
		}
		done += len;
	}
	return 0;
}

/* ---- checks shared by pt_unmap and pt_protect -------------------------------- */

/*
 * Pass 1 of unmap/protect: -EINVAL if a section, supersection or large page
 * is only partly inside [va, va + size); with need_mapped, -EFAULT if any
 * page of the range is unmapped.
 */
static int range_check(const l1_table_t *l1, uint32_t va, uint32_t size,
		       bool need_mapped)
{
	for (uint32_t done = 0; done < size;) {
		uint32_t v = va + done, len = piece_len(v, size - done);
		l1e_t e = l1->e[L1_INDEX(v)];
		const l2_table_t *t;

		switch (l1e_kind(e)) {
		case L1_SECTION:
			if (!covers(va, size, v, SECTION_SIZE))
				return -EINVAL;
			break;
		case L1_SUPERSECTION:
			if (!covers(va, size, v, SUPERSECTION_SIZE))
				return -EINVAL;
			break;
		case L1_PAGETABLE:
			t = l2_of(e);
			for (uint32_t off = 0; off < len; off += SMALL_PAGE_SIZE) {
				enum l2_kind k = l2e_kind(t->e[L2_INDEX(v + off)]);

				if (k == L2_FAULT && need_mapped)
					return -EFAULT;
				if (k == L2_LARGE && !covers(va, size, v + off, LARGE_PAGE_SIZE))
					return -EINVAL;
			}
			break;
		default:   /* fault, reserved */
			if (need_mapped)
				return -EFAULT;
		}
		done += len;
	}
	return 0;
}

/* ---- pt_unmap ------------------------------------------------------------------ */

static bool l2_empty(const l2_table_t *t)
{
	for (unsigned i = 0; i < L2_ENTRIES; i++)
		if (l2e_kind(t->e[i]) != L2_FAULT)
			return false;
	return true;
}

/* Pass 2 for one piece inside a page table: clear its page entries, and
 * free the table if that emptied it. */
static void unmap_pages(l1_table_t *l1, uint32_t v, uint32_t len)
{
	l1e_t *e1 = &l1->e[L1_INDEX(v)];
	l2_table_t *t = l2_of(*e1);
	bool cleared = false;

	for (uint32_t off = 0; off < len; off += SMALL_PAGE_SIZE) {
		l2e_t *e2 = &t->e[L2_INDEX(v + off)];

		if (l2e_kind(*e2) == L2_FAULT)
			continue;
		l2_build(l2_fault(), e2);
		pt_sync_l2(e2, v + off);
		cleared = true;
	}
	if (cleared && l2_empty(t)) {
		/* unhook first, so the walker can no longer reach t */
		l1_build(l1_fault(), e1);
		pt_sync_l1(e1, v);
		pt_free_l2(t);
	}
}

int pt_unmap(l1_table_t *l1, uint32_t va, uint32_t size)
{
	int err;

	if (!l1)
		return -EINVAL;
	if ((err = check_range(va, size)) || (err = range_check(l1, va, size, false)))
		return err;

	for (uint32_t done = 0; done < size;) {
		uint32_t v = va + done, len = piece_len(v, size - done);
		l1e_t *e1 = &l1->e[L1_INDEX(v)];

		switch (l1e_kind(*e1)) {
		case L1_SECTION:
		case L1_SUPERSECTION:   /* each of its 16 entries in turn */
			l1_build(l1_fault(), e1);
			pt_sync_l1(e1, v);
			break;
		case L1_PAGETABLE:
			unmap_pages(l1, v, len);
			break;
		default:
			break;
		}
		done += len;
	}
	return 0;
}

/* ---- pt_protect ---------------------------------------------------------------- */

/* Pass 2 for one piece inside a page table. */
static void protect_pages(l1_table_t *l1, uint32_t v, uint32_t len,
			  enum ap ap, bool xn)
{
	l2_table_t *t = l2_of(l1->e[L1_INDEX(v)]);

	for (uint32_t off = 0; off < len; off += SMALL_PAGE_SIZE) {
		l2e_t *e2 = &t->e[L2_INDEX(v + off)];
		l2e_t n;

		if (l2_build(l2_xn(l2_ap(l2_edit(*e2), ap), xn), &n) == 0 &&
		    n.raw != e2->raw) {
			*e2 = n;
			pt_sync_l2(e2, v + off);
		}
	}
}

int pt_protect(l1_table_t *l1, uint32_t va, uint32_t size, enum ap ap, bool xn)
{
	unsigned apx, ap10;
	int err;

	if (!l1 || !ap_encode(ap, &apx, &ap10))
		return -EINVAL;
	if ((err = check_range(va, size)) || (err = range_check(l1, va, size, true)))
		return err;

	for (uint32_t done = 0; done < size;) {
		uint32_t v = va + done, len = piece_len(v, size - done);
		l1e_t *e1 = &l1->e[L1_INDEX(v)];
		l1e_t n;

		if (l1e_kind(*e1) == L1_PAGETABLE) {
			protect_pages(l1, v, len, ap, xn);
		} else if (l1_build(l1_xn(l1_ap(l1_edit(*e1), ap), xn), &n) == 0 &&
			   n.raw != e1->raw) {
			*e1 = n;
			pt_sync_l1(e1, v);
		}
		done += len;
	}
	return 0;
}
