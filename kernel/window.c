/*
 * kernel/window.c - pages in a process's window (see window.h).
 */
#include "kernel/window.h"
#include "kernel/frame.h"
#include "kernel/l2chunk.h"
#include "kernel/kprintf.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "paging/domains.h"
#include "paging/maint.h"
#include "paging/tlb.h"
#include "boot/cp15.h"

int window_create(struct proc *p)
{
	p->l2 = l2chunk_alloc();
	if (!p->l2)
		return -ENOMEM;
	/* the window's first-level entry, made once: the scheduler copies it
	 * in on every switch (kernel/sched.c) */
	if (l1_build(l1_domain(l1_pagetable(pt_kva_to_pa(p->l2)), DOM_USER), &p->win_l1e))
		panic("window_create: bad table entry for %p", p->l2);
	return 0;
}

/* Write one entry of p's table, with the maintenance a live table needs:
 * clean the line for the walker, DSB, and drop any TLB entry of p's ASID
 * for va (ARM1176 TRM 3.2.13 note / 3.2.23). */
static void set_entry(struct proc *p, uint32_t va, l2e_t e)
{
	l2e_t *slot = &p->l2->e[L2_INDEX(va)];

	*slot = e;
	/* a stale ASID's entries went at its rollover: invalidating under
	 * that number costs at most another process one TLB refill */
	pt_sync_l2_asid(slot, va, p->asid.asid);
}

static const struct { enum ap ap; bool xn; } rights[] = {
	[WIN_RX] = { AP_KRO_URO, false },   /* user text: read and execute */
	[WIN_RO] = { AP_KRO_URO, true },
	[WIN_RW] = { AP_KRW_URW, true },
};

/* The one place a window page's descriptor is made: normal memory,
 * write-back write-allocate, not-global (tagged with the ASID).  One
 * template per kind of rights, built on first use; each page is its
 * template rebased (page faults make many). */
static l2e_t page_entry(uint32_t pa, enum win_rights r)
{
	static l2e_t tmpl[3];

	if (!tmpl[r].raw &&
	    l2_build(l2_ng(l2_xn(l2_ap(l2_mem(l2_small(0), MT_NORMAL_WBWA),
				       rights[r].ap), rights[r].xn), true), &tmpl[r]))
		panic("window: bad descriptor template %d", r);
	return l2e_rebase(tmpl[r], pa);
}

void window_map_frame(struct proc *p, uint32_t va, uint32_t pa, enum win_rights r)
{
	KASSERT(va >= WIN_BASE && va < WIN_TOP && !(va & 0xFFF));
	if (l2e_present(p->l2->e[L2_INDEX(va)]))
		panic("window_map_frame: pid %d remap at %08x", p->pid, va);
	set_entry(p, va, page_entry(pa, r));
	p->resident++;
}

void window_remap(struct proc *p, uint32_t va, uint32_t pa, enum win_rights r)
{
	KASSERT(l2e_kind(p->l2->e[L2_INDEX(va)]) == L2_SMALL);
	set_entry(p, va, page_entry(pa, r));
}

void *window_map_new(struct proc *p, uint32_t va, enum win_rights r)
{
	uint32_t pa = frame_alloc_zeroed(FRAME_USER);

	if (!pa)
		return 0;
	window_map_frame(p, va, pa, r);
	return frame_kva(pa);
}

l2e_t window_entry(struct proc *p, uint32_t va)
{
	l2e_t none;

	if (va >= WIN_BASE && va < WIN_TOP && p->l2)
		return p->l2->e[L2_INDEX(va)];
	l2_build(l2_fault(), &none);
	return none;
}

bool window_entry_writable(l2e_t e)
{
	static l2e_t rw;

	if (!rw.raw)
		rw = page_entry(0, WIN_RW);
	/* window pages are made only by page_entry(): writable is exactly
	 * the WIN_RW template's attributes */
	return l2e_present(e) && (e.raw & ~L2_SMALL_BASE_MASK) == rw.raw;
}

/* Highest share count fork may raise a frame to (frame.c's counts are
 * 16 bits). */
#define SHARE_MAX 0xFFF0u

/* Clean the lines of t holding entries [first, last] for the walker. */
static void clean_entries(l2_table_t *t, unsigned first, unsigned last)
{
	uint32_t a = (uint32_t)(uintptr_t)&t->e[first] & ~31u;

	for (; a <= (uint32_t)(uintptr_t)&t->e[last]; a += 32)
		cp15_dcache_clean_mva(a);
}

int window_share(struct proc *parent, struct proc *child)
{
	l2_table_t *pt = parent->l2, *ct = child->l2;
	bool downgraded = false;

	/* only the regions can hold pages: walk those, not all 256 entries */
	for (unsigned r = 0; r < parent->vm.n; r++) {
		const struct vma *v = &parent->vm.v[r];
		unsigned first = L2_INDEX(v->start), n = (v->end - v->start) / 0x1000u;

		for (unsigned i = first; i < first + n; i++) {
			l2e_t e = pt->e[i];
			uint32_t pa;

			if (!l2e_present(e))
				continue;
			pa = l2e_small_pa(e);
			if (!frame_share(pa, SHARE_MAX)) {
				/* undo the child's side; the parent's read-only
				 * pages stay so (their next write reuses them) */
				window_free_pages(ct, &child->vm);
				child->resident = 0;
				return -EAGAIN;
			}
			if (window_entry_writable(e)) {
				e = page_entry(pa, WIN_RO);
				pt->e[i] = e;
				downgraded = true;
			}
			ct->e[i] = e;
		}
		/* ARM1176 TRM 3.2.13 (note): the walker cannot read from the L1
		 * cache, so tables written through it are cleaned; clean what changed (the child's
		 * table was cleaned when it was zeroed, l2chunk.c) */
		if (n) {
			clean_entries(ct, first, first + n - 1);
			clean_entries(pt, first, first + n - 1);
		}
	}
	child->resident = parent->resident;
	/* then DSB, drop the parent's TLB entries that still allow writes
	 * (invalidate on ASID match, c8 c7 2, TRM 3.2.23) and flush prefetch
	 * before user code runs */
	cp15_dsb();
	if (downgraded) {
		if (parent->asid.generation == asid_generation())
			tlb_invalidate_asid(parent->asid.asid);
		cp15_dsb();
		cp15_prefetch_flush();
	}
	return 0;
}

void window_unmap(struct proc *p, uint32_t va, uint32_t size)
{
	for (uint32_t a = va; a < va + size; a += SMALL_PAGE_SIZE) {
		l2e_t e = p->l2->e[L2_INDEX(a)];
		l2e_t none;

		if (l2e_kind(e) == L2_FAULT)
			continue;
		l2_build(l2_fault(), &none);
		set_entry(p, a, none);
		frame_put(l2e_pa(e));
		p->resident--;
	}
}

void window_free_pages(l2_table_t *t, const struct vm_map *m)
{
	/* pages exist only inside the regions: walk those */
	for (unsigned r = 0; r < m->n; r++)
		for (uint32_t va = m->v[r].start; va < m->v[r].end; va += 0x1000u) {
			l2e_t *e = &t->e[L2_INDEX(va)];
			if (l2e_present(*e)) {
				frame_put(l2e_small_pa(*e));   /* windows hold small pages only */
				*e = l2e_from_raw(0);
			}
		}
}

void window_free_table(l2_table_t *t, const struct vm_map *m)
{
	window_free_pages(t, m);
	l2chunk_free(t);
}

void window_destroy(struct proc *p)
{
	if (!p->l2)
		return;
	window_free_table(p->l2, &p->vm);
	p->resident = 0;
	asid_release(&p->asid);
	p->l2 = 0;
}

void *window_kva(struct proc *p, uint32_t va)
{
	l2e_t e;

	if (va < WIN_BASE || va >= WIN_TOP)
		return 0;
	e = p->l2->e[L2_INDEX(va)];
	if (l2e_kind(e) != L2_SMALL)
		return 0;
	return (char *)frame_kva(l2e_pa(e)) + (va & 0xFFF);
}

/* ARM1176 TRM 3.2.22: the I-cache does not snoop the D-cache.  Code written
 * through the D-cache is cleaned to memory, the I-cache invalidated (in
 * the form erratum 411920 needs) and branch prediction flushed, with the
 * barriers between: pt_sync_code() in paging/maint.c. */
void window_sync_code(void *kva, uint32_t n)
{
	pt_sync_code(kva, n);
}
