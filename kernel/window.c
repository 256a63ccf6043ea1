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
 * for va (ARM1176 TRM 6.12 / 3.2.23). */
static void set_entry(struct proc *p, uint32_t va, l2e_t e)
{
	l2e_t *slot = &p->l2->e[L2_INDEX(va)];

	*slot = e;
	pt_clean_entry(slot);
	barrier_dsb();
	if (p->asid.generation == asid_generation())
		tlb_flush_va(va, p->asid.asid);
	barrier_dsb();
}

static const struct { enum ap ap; bool xn; } rights[] = {
	[WIN_RX] = { AP_KRO_URO, false },   /* user text: read and execute */
	[WIN_RO] = { AP_KRO_URO, true },
	[WIN_RW] = { AP_KRW_URW, true },
};

/* The one place a window page's descriptor is made: normal memory,
 * write-back write-allocate, not-global (tagged with the ASID). */
static l2e_t page_entry(uint32_t pa, enum win_rights r)
{
	l2e_t e;

	if (l2_build(l2_ng(l2_xn(l2_ap(l2_mem(l2_small(pa), MT_NORMAL_WBWA),
					rights[r].ap), rights[r].xn), true), &e))
		panic("window: bad descriptor for frame %08x", pa);
	return e;
}

void window_map_frame(struct proc *p, uint32_t va, uint32_t pa, enum win_rights r)
{
	KASSERT(va >= WIN_BASE && va < WIN_TOP && !(va & 0xFFF));
	if (l2e_kind(p->l2->e[L2_INDEX(va)]) != L2_FAULT)
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
	return l2e_kind(e) == L2_SMALL && ap_user_writable(l2e_ap(e));
}

/* Highest share count fork may raise a frame to (frame.c's counts are
 * 16 bits). */
#define SHARE_MAX 0xFFF0u

int window_share(struct proc *parent, struct proc *child)
{
	l2_table_t *pt = parent->l2, *ct = child->l2;
	bool downgraded = false;

	for (unsigned i = 0; i < L2_ENTRIES; i++)
		if (l2e_kind(pt->e[i]) != L2_FAULT && frame_refs(l2e_pa(pt->e[i])) >= SHARE_MAX)
			return -EAGAIN;
	for (unsigned i = 0; i < L2_ENTRIES; i++) {
		l2e_t e = pt->e[i];

		if (l2e_kind(e) == L2_FAULT)
			continue;
		frame_get(l2e_pa(e));
		if (window_entry_writable(e)) {
			e = page_entry(l2e_pa(e), WIN_RO);
			pt->e[i] = e;
			downgraded = true;
		}
		ct->e[i] = e;
	}
	child->resident = parent->resident;
	/* ARM1176 TRM 6.12 (and 3.2.23): the walker reads the tables from
	 * memory as TTBR0's cacheability says; clean both tables, DSB, then
	 * drop the parent's TLB entries that still allow writes (invalidate
	 * on ASID match, c8 c7 2) and flush prefetch before user code runs. */
	pt_clean_table(ct, sizeof *ct);
	if (downgraded) {
		pt_clean_table(pt, sizeof *pt);
		if (parent->asid.generation == asid_generation())
			tlb_invalidate_asid(parent->asid.asid);
		barrier_dsb();
		isb();
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

void window_free_table(l2_table_t *t)
{
	for (unsigned i = 0; i < L2_ENTRIES; i++) {
		l2e_t e = t->e[i];
		if (l2e_kind(e) != L2_FAULT)
			frame_put(l2e_pa(e));
	}
	l2chunk_free(t);
}

void window_destroy(struct proc *p)
{
	if (!p->l2)
		return;
	window_free_table(p->l2);
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
 * through the D-cache must be cleaned to memory (c7 c10 1 per line), then
 * the I-cache invalidated (c7 c5 0) and the branch predictor flushed
 * (c7 c5 6), with a DSB before and a prefetch flush after. */
void window_sync_code(void *kva, uint32_t n)
{
	uint32_t a = (uint32_t)(uintptr_t)kva & ~31u;
	uint32_t end = (uint32_t)(uintptr_t)kva + n;

	for (; a < end; a += 32)
		cp15_dcache_clean_mva(a);
	barrier_dsb();
	cp15_icache_inval_all();
	bp_flush_all();
	barrier_dsb();
	isb();
}
