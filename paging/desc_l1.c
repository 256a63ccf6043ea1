/*
 * paging/desc_l1.c - first-level descriptors: builders and getters.
 *
 * Bit layout: [TRM] ARM DDI 0301H 6.11.2, Figure 6-7 (drawn in desc.h).
 * Every setter refuses (-EINVAL, kept as the builder's first error) a field
 * that the descriptor kind does not have, and an out-of-range value.
 */
#include "paging/desc.h"

#include "kernel/errno.h"

/* Mark b refused.  Callers return early when b.err is already set, so the
 * first error is the one that sticks. */
static l1b_t refuse(l1b_t b)
{
	b.err = -EINVAL;
	return b;
}

/* Sections and supersections are the L1 "leaves": they map memory and
 * carry AP, TEX/C/B, S, nG and XN. */
static bool is_leaf(enum l1_kind k)
{
	return k == L1_SECTION || k == L1_SUPERSECTION;
}

l1b_t l1_fault(void)
{
	return (l1b_t){ .raw = L1_TYPE_FAULT, .kind = L1_FAULT, .err = 0 };
}

l1b_t l1_section(uint32_t pa)
{
	l1b_t b = { .raw = L1_TYPE_SECTION | (pa & L1_SECT_BASE_MASK),
		    .kind = L1_SECTION, .err = 0 };

	return (pa & ~L1_SECT_BASE_MASK) ? refuse(b) : b;
}

l1b_t l1_supersection(uint32_t pa)
{
	l1b_t b = { .raw = L1_TYPE_SECTION | L1_SECT_SUPER | (pa & L1_SUPER_BASE_MASK),
		    .kind = L1_SUPERSECTION, .err = 0 };

	return (pa & ~L1_SUPER_BASE_MASK) ? refuse(b) : b;
}

l1b_t l1_pagetable(uint32_t pa)
{
	l1b_t b = { .raw = L1_TYPE_PAGETABLE | (pa & L1_PT_BASE_MASK),
		    .kind = L1_PAGETABLE, .err = 0 };

	return (pa & ~L1_PT_BASE_MASK) ? refuse(b) : b;
}

l1b_t l1_edit(l1e_t e)
{
	l1b_t b = { .raw = e.raw, .kind = l1e_kind(e), .err = 0 };

	return (b.kind == L1_FAULT || b.kind == L1_RESERVED) ? refuse(b) : b;
}

l1b_t l1_ap(l1b_t b, enum ap ap)
{
	unsigned apx, ap10;

	if (b.err)
		return b;
	if (!is_leaf(b.kind) || !ap_encode(ap, &apx, &ap10))
		return refuse(b);
	b.raw &= ~(L1_SECT_APX | L1_SECT_AP_MASK);
	b.raw |= (apx ? L1_SECT_APX : 0) | (ap10 << L1_SECT_AP_SHIFT);
	return b;
}

l1b_t l1_mem(l1b_t b, enum memtype mt)
{
	const struct memtype_bits *m = memtype_bits(mt);

	if (b.err)
		return b;
	if (!is_leaf(b.kind) || !m)
		return refuse(b);
	b.raw &= ~(L1_SECT_TEX_MASK | L1_SECT_C | L1_SECT_B);
	b.raw |= ((uint32_t)m->tex << L1_SECT_TEX_SHIFT) |
		 (m->c ? L1_SECT_C : 0) | (m->b ? L1_SECT_B : 0);
	return b;
}

/* The domain field sits at bits 8:5 in both a section and a page table
 * descriptor; a supersection has none (always domain 0). */
l1b_t l1_domain(l1b_t b, unsigned domain)
{
	if (b.err)
		return b;
	if (domain > 15)
		return refuse(b);
	if (b.kind == L1_SECTION) {
		b.raw &= ~L1_SECT_DOMAIN_MASK;
		b.raw |= domain << L1_SECT_DOMAIN_SHIFT;
	} else if (b.kind == L1_PAGETABLE) {
		b.raw &= ~L1_PT_DOMAIN_MASK;
		b.raw |= domain << L1_PT_DOMAIN_SHIFT;
	} else {
		return refuse(b);
	}
	return b;
}

/* Set or clear one single-bit field of a section/supersection. */
static l1b_t leaf_flag(l1b_t b, uint32_t bit, bool on)
{
	if (b.err)
		return b;
	if (!is_leaf(b.kind))
		return refuse(b);
	b.raw = on ? (b.raw | bit) : (b.raw & ~bit);
	return b;
}

l1b_t l1_shared(l1b_t b, bool on) { return leaf_flag(b, L1_SECT_S, on); }
l1b_t l1_ng(l1b_t b, bool on)     { return leaf_flag(b, L1_SECT_NG, on); }
l1b_t l1_xn(l1b_t b, bool on)     { return leaf_flag(b, L1_SECT_XN, on); }

int l1_build(l1b_t b, l1e_t *out)
{
	if (b.err)
		return b.err;
	if (!out)
		return -EINVAL;
	out->raw = b.raw;
	return 0;
}

/* ---- getters ------------------------------------------------------------- */

l1e_t l1e_from_raw(uint32_t raw)
{
	return (l1e_t){ raw };
}

enum l1_kind l1e_kind(l1e_t e)
{
	switch (e.raw & L1_TYPE_MASK) {
	case L1_TYPE_FAULT:
		return L1_FAULT;
	case L1_TYPE_PAGETABLE:
		return L1_PAGETABLE;
	case L1_TYPE_SECTION:
		return (e.raw & L1_SECT_SUPER) ? L1_SUPERSECTION : L1_SECTION;
	default:
		return L1_RESERVED;
	}
}

uint32_t l1e_pa(l1e_t e)
{
	switch (l1e_kind(e)) {
	case L1_SECTION:
		return e.raw & L1_SECT_BASE_MASK;
	case L1_SUPERSECTION:
		return e.raw & L1_SUPER_BASE_MASK;
	case L1_PAGETABLE:
		return e.raw & L1_PT_BASE_MASK;
	default:
		return 0;
	}
}

enum ap l1e_ap(l1e_t e)
{
	if (!is_leaf(l1e_kind(e)))
		return AP_COUNT;
	return ap_decode(!!(e.raw & L1_SECT_APX),
			 (e.raw & L1_SECT_AP_MASK) >> L1_SECT_AP_SHIFT);
}

int l1e_memtype(l1e_t e)
{
	if (!is_leaf(l1e_kind(e)))
		return -1;
	return memtype_decode((e.raw & L1_SECT_TEX_MASK) >> L1_SECT_TEX_SHIFT,
			      !!(e.raw & L1_SECT_C), !!(e.raw & L1_SECT_B));
}

unsigned l1e_domain(l1e_t e)
{
	switch (l1e_kind(e)) {
	case L1_SECTION:
		return (e.raw & L1_SECT_DOMAIN_MASK) >> L1_SECT_DOMAIN_SHIFT;
	case L1_PAGETABLE:
		return (e.raw & L1_PT_DOMAIN_MASK) >> L1_PT_DOMAIN_SHIFT;
	default:
		return 0;   /* supersections live in domain 0 */
	}
}

bool l1e_xn(l1e_t e)     { return is_leaf(l1e_kind(e)) && (e.raw & L1_SECT_XN); }
bool l1e_ng(l1e_t e)     { return is_leaf(l1e_kind(e)) && (e.raw & L1_SECT_NG); }
bool l1e_shared(l1e_t e) { return is_leaf(l1e_kind(e)) && (e.raw & L1_SECT_S); }

l1e_t l1e_rebase(l1e_t e, uint32_t pa)
{
	if (l1e_kind(e) != L1_SECTION || (pa & ~L1_SECT_BASE_MASK))
		return l1e_from_raw(0);      /* misuse: a fault entry, never a wrong map */
	e.raw = (e.raw & ~L1_SECT_BASE_MASK) | pa;
	return e;
}
