/*
 * kernel/kstack.c - kernel stacks in their own address range.
 */
#include "kernel/kstack.h"
#include "kernel/frame.h"
#include "kernel/kprintf.h"
#include "paging/mmu.h"
#include "paging/pt.h"
#include "paging/domains.h"

static uint32_t slot_used[KSTACK_SLOTS / 32];
static unsigned hint, in_use;

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
	int slot = slot_take();
	uint32_t pa, va;

	if (slot < 0)
		return 0;
	va = KSTACK_AREA + (uint32_t)slot * KSTACK_SLOT + (KSTACK_SLOT - KSTACK_SIZE);
	pa = frame_alloc(FRAME_KERNEL);
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
	uint32_t slot = (base - KSTACK_AREA) / KSTACK_SLOT;
	struct pt_walk w;

	if (base < KSTACK_AREA || slot >= KSTACK_SLOTS ||
	    !(slot_used[slot / 32] & (1u << (slot % 32))))
		panic("kstack_free: %08x is not a kernel stack", base);
	if (pt_translate(kernel_l1(), base, PT_READ, false, 0xFFFFFFFFu, &w) != 0)
		panic("kstack_free: %08x is not mapped", base);
	pt_unmap(kernel_l1(), base, KSTACK_SIZE);
	frame_put(w.pa);
	slot_used[slot / 32] &= ~(1u << (slot % 32));
	in_use--;
}

unsigned kstack_in_use(void)
{
	return in_use;
}
