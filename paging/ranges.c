/*
 * paging/ranges.c - merge a table's mappings into ranges.  Pure: reads
 * tables through pt_pa_to_kva() only.
 */
#include "paging/ranges.h"
#include "paging/maint.h"

static bool same_run(const struct pt_range *a, const struct pt_range *b)
{
	return a->size && a->va + a->size == b->va && a->pa + a->size == b->pa &&
	       a->level == b->level && a->ap == b->ap && a->mem == b->mem &&
	       a->domain == b->domain && a->xn == b->xn && a->ng == b->ng &&
	       a->shared == b->shared;
}

struct merger {
	struct pt_range cur;
	pt_range_fn fn;
	void *arg;
	unsigned count;
};

static void emit(struct merger *m)
{
	if (m->cur.size) {
		m->fn(&m->cur, m->arg);
		m->count++;
	}
	m->cur.size = 0;
}

static void add(struct merger *m, const struct pt_range *r)
{
	if (same_run(&m->cur, r)) {
		m->cur.size += r->size;
		return;
	}
	emit(m);
	m->cur = *r;
}

unsigned pt_ranges(const l1_table_t *l1, uint32_t lo, uint32_t hi,
		   pt_range_fn fn, void *arg)
{
	struct merger m = { .fn = fn, .arg = arg };

	for (uint32_t i = L1_INDEX(lo); i <= L1_INDEX(hi); i++) {
		l1e_t e = l1->e[i];
		uint32_t base = i << SECTION_SHIFT;
		enum l1_kind k = l1e_kind(e);

		if (k == L1_SECTION || k == L1_SUPERSECTION) {
			struct pt_range r = {
				.va = base, .pa = l1e_pa(e) + (k == L1_SUPERSECTION ? (base & (SUPERSECTION_SIZE - 1)) : 0),
				.size = SECTION_SIZE, .level = 1, .ap = l1e_ap(e),
				.mem = l1e_memtype(e), .domain = l1e_domain(e),
				.xn = l1e_xn(e), .ng = l1e_ng(e), .shared = l1e_shared(e),
			};
			add(&m, &r);
		} else if (k == L1_PAGETABLE) {
			const l2_table_t *t = pt_pa_to_kva(l1e_pa(e));
			for (uint32_t j = 0; j < L2_ENTRIES; j++) {
				l2e_t p = t->e[j];
				uint32_t va = base | (j << SMALL_PAGE_SHIFT);
				if (l2e_kind(p) == L2_FAULT || va < (lo & ~0xFFFu) || va > hi) {
					emit(&m);
					continue;
				}
				struct pt_range r = {
					.va = va, .pa = l2e_pa(p) + (l2e_kind(p) == L2_LARGE ? (va & (LARGE_PAGE_SIZE - 1)) : 0),
					.size = SMALL_PAGE_SIZE, .level = 2,
					.ap = l2e_ap(p), .mem = l2e_memtype(p), .domain = l1e_domain(e),
					.xn = l2e_xn(p), .ng = l2e_ng(p), .shared = l2e_shared(p),
				};
				add(&m, &r);
			}
		} else {
			emit(&m);
		}
		if (i == 0xFFFu)
			break;
	}
	emit(&m);
	return m.count;
}
