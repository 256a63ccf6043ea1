/*
 * kernel/kstack.c - kernel stacks in their own address range.
 */
#include "kernel/kstack.h"
#include "kernel/frame.h"
#include "kernel/kprintf.h"
#include "paging/mmu.h"
#include "paging/pt.h"
#include "paging/domains.h"
#include "paging/maint.h"
#include "paging/tlb.h"
#include "boot/cp15.h"

static uint32_t slot_used[KSTACK_SLOTS / 32];
static unsigned hint, in_use;

/* Slots per MiB of the area: one second-level table's worth. */
#define SLOTS_PER_MIB   (0x100000u / KSTACK_SLOT)
#define WORDS_PER_MIB   (SLOTS_PER_MIB / 32)

/* The second-level table that maps va if there is one (an earlier stack in
 * the same MiB made it), else NULL. */
static l2e_t *live_entry(uint32_t va)
{
	l1e_t e = kernel_l1()->e[L1_INDEX(va)];

	if (l1e_kind(e) != L1_PAGETABLE)
		return 0;
	return &((l2_table_t *)pt_pa_to_kva(l1e_pa(e)))->e[L2_INDEX(va)];
}

/* Does any other slot of slot's MiB hold a stack? */
static bool mib_shared(unsigned slot)
{
	unsigned w0 = slot / 32 / WORDS_PER_MIB * WORDS_PER_MIB;

	for (unsigned w = w0; w < w0 + WORDS_PER_MIB; w++)
		if (slot_used[w])
			return true;
	return false;
}

static int slot_take(void)
{
	for (unsigned n = 0; n < KSTACK_SLOTS / 32; n++) {
		unsigned w = (hint + n) % (KSTACK_SLOTS / 32);
		if (slot_used[w] != 0xFFFFFFFFu) {
			unsigned b = (unsigned)__builtin_ctz(~slot_used[w]);
			slot_used[w] |= 1u << b;
			hint = w;
			return (int)(w * 32 + b);
		}
	}
	return -1;
}

uint32_t kstack_alloc(void)
{
	static const struct pt_attrs a = {
		.ap = AP_KRW, .mem = MT_NORMAL_WBWA, .domain = DOM_KERNEL, .xn = true,
	};
	static l2e_t tmpl;
	int slot = slot_take();
	uint32_t pa, va;
	l2e_t *e;

	if (slot < 0)
		return 0;
	va = KSTACK_AREA + (uint32_t)slot * KSTACK_SLOT + (KSTACK_SLOT - KSTACK_SIZE);
	pa = frame_alloc(FRAME_KERNEL);
	/* the common case: the MiB has its table already; write the entry
	 * (pt_map's descriptor for these attributes, rebased) */
	if (!tmpl.raw && l2_build(l2_xn(l2_ap(l2_mem(l2_small(0), a.mem), a.ap), a.xn), &tmpl))
		panic("kstack_alloc: bad descriptor template");
	if (pa && (e = live_entry(va)) && !l2e_present(*e)) {
		*e = l2e_rebase(tmpl, pa);
		pt_sync_l2_asid(e, va, 0);          /* global: any ASID matches */
		in_use++;
		return va;
	}
	if (!pa || pt_map(kernel_l1(), va, pa, KSTACK_SIZE, &a, 0) < 0) {
		if (pa)
			frame_put(pa);
		slot_used[slot / 32] &= ~(1u << (slot % 32));
		return 0;
	}
	in_use++;
	return va;
}

void kstack_free(uint32_t base)
{
	uint32_t slot = (base - KSTACK_AREA) / KSTACK_SLOT, pa;
	l2e_t *e;

	if (base < KSTACK_AREA || slot >= KSTACK_SLOTS ||
	    !(slot_used[slot / 32] & (1u << (slot % 32))))
		panic("kstack_free: %08x is not a kernel stack", base);
	e = live_entry(base);
	if (!e || !l2e_present(*e))
		panic("kstack_free: %08x is not mapped", base);
	pa = l2e_small_pa(*e);
	slot_used[slot / 32] &= ~(1u << (slot % 32));
	if (mib_shared(slot)) {
		/* the table stays for the MiB's other stacks: clear the entry */
		*e = l2e_from_raw(0);
		pt_sync_l2_asid(e, base, 0);
	} else {
		pt_unmap(kernel_l1(), base, KSTACK_SIZE);   /* frees the emptied table */
	}
	frame_put(pa);
	in_use--;
}

unsigned kstack_in_use(void)
{
	return in_use;
}
