/*
 * paging/desc_l2.c - second-level descriptors: builders and getters.
 *
 * Bit layout: [TRM] ARM DDI 0301H 6.11.2, Figure 6-8 (drawn in desc.h).
 * A large and a small page carry the same fields at different bits, so each
 * setter picks the field by kind from the small/large table below.
 */
#include "paging/desc.h"

#include "kernel/errno.h"

/* Where each field of a page descriptor lives, per kind. */
struct l2_fields {
	uint32_t xn, b, c, apx, s, ng;
	uint32_t ap_mask, tex_mask, base_mask;
	unsigned ap_shift, tex_shift;
};

static const struct l2_fields small_fields = {
	.xn = L2_SMALL_XN, .b = L2_SMALL_B, .c = L2_SMALL_C, .apx = L2_SMALL_APX,
	.s = L2_SMALL_S, .ng = L2_SMALL_NG,
	.ap_mask = L2_SMALL_AP_MASK, .tex_mask = L2_SMALL_TEX_MASK,
	.base_mask = L2_SMALL_BASE_MASK,
	.ap_shift = L2_SMALL_AP_SHIFT, .tex_shift = L2_SMALL_TEX_SHIFT,
};

static const struct l2_fields large_fields = {
	.xn = L2_LARGE_XN, .b = L2_LARGE_B, .c = L2_LARGE_C, .apx = L2_LARGE_APX,
	.s = L2_LARGE_S, .ng = L2_LARGE_NG,
	.ap_mask = L2_LARGE_AP_MASK, .tex_mask = L2_LARGE_TEX_MASK,
	.base_mask = L2_LARGE_BASE_MASK,
	.ap_shift = L2_LARGE_AP_SHIFT, .tex_shift = L2_LARGE_TEX_SHIFT,
};

/* The field table of a page kind, or NULL for a fault entry. */
static const struct l2_fields *fields_of(enum l2_kind k)
{
	if (k == L2_SMALL)
		return &small_fields;
	if (k == L2_LARGE)
		return &large_fields;
	return NULL;
}

/* Mark b refused; callers return early if it already was (first error sticks). */
static l2b_t refuse(l2b_t b)
{
	b.err = -EINVAL;
	return b;
}

l2b_t l2_fault(void)
{
	return (l2b_t){ .raw = L2_TYPE_FAULT, .kind = L2_FAULT, .err = 0 };
}

l2b_t l2_small(uint32_t pa)
{
	l2b_t b = { .raw = L2_TYPE_SMALL | (pa & L2_SMALL_BASE_MASK),
		    .kind = L2_SMALL, .err = 0 };

	return (pa & ~L2_SMALL_BASE_MASK) ? refuse(b) : b;
}

l2b_t l2_large(uint32_t pa)
{
	l2b_t b = { .raw = L2_TYPE_LARGE | (pa & L2_LARGE_BASE_MASK),
		    .kind = L2_LARGE, .err = 0 };

	return (pa & ~L2_LARGE_BASE_MASK) ? refuse(b) : b;
}

l2b_t l2_edit(l2e_t e)
{
	l2b_t b = { .raw = e.raw, .kind = l2e_kind(e), .err = 0 };

	return b.kind == L2_FAULT ? refuse(b) : b;
}

l2b_t l2_ap(l2b_t b, enum ap ap)
{
	const struct l2_fields *f = fields_of(b.kind);
	unsigned apx, ap10;

	if (b.err)
		return b;
	if (!f || !ap_encode(ap, &apx, &ap10))
		return refuse(b);
	b.raw &= ~(f->apx | f->ap_mask);
	b.raw |= (apx ? f->apx : 0) | (ap10 << f->ap_shift);
	return b;
}

l2b_t l2_mem(l2b_t b, enum memtype mt)
{
	const struct l2_fields *f = fields_of(b.kind);
	const struct memtype_bits *m = memtype_bits(mt);

	if (b.err)
		return b;
	if (!f || !m)
		return refuse(b);
	b.raw &= ~(f->tex_mask | f->c | f->b);
	b.raw |= ((uint32_t)m->tex << f->tex_shift) | (m->c ? f->c : 0) |
		 (m->b ? f->b : 0);
	return b;
}

/* Set or clear a single-bit field, which sits at small_bit in a small page
 * and at large_bit in a large page. */
static l2b_t page_flag(l2b_t b, bool on, uint32_t small_bit, uint32_t large_bit)
{
	uint32_t bit;

	if (b.err)
		return b;
	if (b.kind == L2_SMALL)
		bit = small_bit;
	else if (b.kind == L2_LARGE)
		bit = large_bit;
	else
		return refuse(b);
	b.raw = on ? (b.raw | bit) : (b.raw & ~bit);
	return b;
}

l2b_t l2_shared(l2b_t b, bool on) { return page_flag(b, on, L2_SMALL_S, L2_LARGE_S); }
l2b_t l2_ng(l2b_t b, bool on)     { return page_flag(b, on, L2_SMALL_NG, L2_LARGE_NG); }
l2b_t l2_xn(l2b_t b, bool on)     { return page_flag(b, on, L2_SMALL_XN, L2_LARGE_XN); }

int l2_build(l2b_t b, l2e_t *out)
{
	if (b.err)
		return b.err;
	if (!out)
		return -EINVAL;
	out->raw = b.raw;
	return 0;
}

/* ---- getters ------------------------------------------------------------- */

l2e_t l2e_from_raw(uint32_t raw)
{
	return (l2e_t){ raw };
}

enum l2_kind l2e_kind(l2e_t e)
{
	if (e.raw & L2_TYPE_SMALL)          /* 1x: bit 0 is XN, not type */
		return L2_SMALL;
	if ((e.raw & L2_TYPE_MASK) == L2_TYPE_LARGE)
		return L2_LARGE;
	return L2_FAULT;
}

uint32_t l2e_pa(l2e_t e)
{
	const struct l2_fields *f = fields_of(l2e_kind(e));

	return f ? (e.raw & f->base_mask) : 0;
}

enum ap l2e_ap(l2e_t e)
{
	const struct l2_fields *f = fields_of(l2e_kind(e));

	if (!f)
		return AP_COUNT;
	return ap_decode(!!(e.raw & f->apx), (e.raw & f->ap_mask) >> f->ap_shift);
}

int l2e_memtype(l2e_t e)
{
	const struct l2_fields *f = fields_of(l2e_kind(e));

	if (!f)
		return -1;
	return memtype_decode((e.raw & f->tex_mask) >> f->tex_shift,
			      !!(e.raw & f->c), !!(e.raw & f->b));
}

bool l2e_xn(l2e_t e)
{
	const struct l2_fields *f = fields_of(l2e_kind(e));

	return f && (e.raw & f->xn);
}

bool l2e_ng(l2e_t e)
{
	const struct l2_fields *f = fields_of(l2e_kind(e));

	return f && (e.raw & f->ng);
}

bool l2e_shared(l2e_t e)
{
	const struct l2_fields *f = fields_of(l2e_kind(e));

	return f && (e.raw & f->s);
}

l2e_t l2e_rebase(l2e_t e, uint32_t pa)
{
	if (l2e_kind(e) != L2_SMALL || (pa & ~L2_SMALL_BASE_MASK))
		return l2e_from_raw(0);      /* misuse: a fault entry, never a wrong map */
	e.raw = (e.raw & ~L2_SMALL_BASE_MASK) | pa;
	return e;
}
