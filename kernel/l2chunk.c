/*
 * kernel/l2chunk.c - 1 KiB second-level tables carved from frames.
 *
 * Real-hardware rules (docs/hardware.md, checklist items 3 and 4,
 * "Descriptor updates" and "New and freed page tables"):
 *   - a chunk handed out is zeroed and then cleaned to memory with a DSB
 *     (pt_clean_table), because the ARM1176 table walk never reads the L1
 *     D-cache (TRM 3.2.13 note, p. 3-59): without the clean the walker
 *     could read whatever the memory held before, not fault entries;
 *   - a chunk given back must already be unreachable: no first-level entry
 *     may point at it, and the TLB must hold nothing of it.  Callers do
 *     that first (sched_drop_window, or the exec switch to the new table
 *     plus asid_release), because l2chunk_free() at once writes free-list
 *     pointers into the chunk, which a walker would read as descriptors.
 */
#include "kernel/l2chunk.h"
#include "kernel/frame.h"
#include "kernel/kprintf.h"
#include "kernel/string.h"
#include "paging/tlb.h"

#define CHUNKS_PER_FRAME (FRAME_SIZE / L2_TABLE_SIZE)

struct free_chunk {
	struct free_chunk *next, *prev;
};

static struct free_chunk *free_list;
static unsigned in_use;

static void chunk_unlink(struct free_chunk *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		free_list = c->next;
	if (c->next)
		c->next->prev = c->prev;
}

static void chunk_push(struct free_chunk *c)
{
	c->prev = 0;
	c->next = free_list;
	if (free_list)
		free_list->prev = c;
	free_list = c;
}

/* The frame allocator's count for the frame is "chunks in use"; a fresh
 * frame arrives with one reference, for the chunk about to be handed out. */
l2_table_t *l2chunk_alloc(void)
{
	struct free_chunk *c = free_list;

	if (c) {
		chunk_unlink(c);
		frame_get(frame_pa(c) & ~(FRAME_SIZE - 1));
	} else {
		uint32_t pa = frame_alloc(FRAME_PT);
		char *f;

		if (!pa)
			return 0;
		f = frame_kva(pa);
		for (unsigned i = 1; i < CHUNKS_PER_FRAME; i++)
			chunk_push((struct free_chunk *)(f + i * L2_TABLE_SIZE));
		c = (struct free_chunk *)f;
	}
	in_use++;
	memset(c, 0, L2_TABLE_SIZE);
	pt_clean_table(c, L2_TABLE_SIZE);   /* the walker must see the zeroes */
	return (l2_table_t *)c;
}

void l2chunk_free(l2_table_t *t)
{
	uint32_t pa = frame_pa(t);
	uint32_t frame = pa & ~(FRAME_SIZE - 1);

	if ((pa & (L2_TABLE_SIZE - 1)) || frame_use_of(frame) != FRAME_PT)
		panic("l2chunk_free: %08x is not a page-table chunk", pa);
	in_use--;
	if (frame_refs(frame) == 1) {
		/* last chunk in use: take its three siblings off the free list
		 * and give the whole frame back */
		char *f = frame_kva(frame);
		for (unsigned i = 0; i < CHUNKS_PER_FRAME; i++) {
			struct free_chunk *c = (struct free_chunk *)(f + i * L2_TABLE_SIZE);
			if ((void *)c != (void *)t)
				chunk_unlink(c);
		}
		frame_put(frame);
		return;
	}
	frame_put(frame);
	chunk_push((struct free_chunk *)t);
}

unsigned l2chunk_in_use(void)
{
	return in_use;
}
