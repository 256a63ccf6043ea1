/*
 * kernel/mem.c - physical memory bring-up.
 *
 *   0            image end   arrays end        0x02000000   0x02100000   RAM end
 *   | reserved:  | refs[] and | free frames ... | hidden by  | free frames |
 *   | low pages, | use[] for  |                 | the window |             |
 *   | the image  | every frame|                 | (reserved) |             |
 */
#include "kernel/mem.h"
#include "kernel/frame.h"
#include "kernel/l2chunk.h"
#include "kernel/layout.h"
#include "kernel/kprintf.h"
#include "paging/kmap.h"
#include "paging/tlb.h"

static uint32_t page_up(uint32_t a)
{
	return (a + FRAME_SIZE - 1) & ~(FRAME_SIZE - 1);
}

void mem_init(uint32_t ram_end)
{
	uint32_t n = ram_end >> FRAME_SHIFT;
	uint32_t arrays = page_up(SYM(__image_end));
	uint16_t *refs = (uint16_t *)(uintptr_t)arrays;
	uint8_t *use = (uint8_t *)(refs + n);
	uint32_t first_free = page_up((uint32_t)(uintptr_t)(use + n));

	if (first_free >= WINDOW_BASE)
		panic("mem_init: frame arrays end at %08x, past the window", first_free);
	frame_init(0, n, refs, use);
	frame_release_range(first_free, WINDOW_BASE - first_free);
	if (ram_end > WINDOW_BASE + WINDOW_SIZE)
		frame_release_range(WINDOW_BASE + WINDOW_SIZE,
				    ram_end - (WINDOW_BASE + WINDOW_SIZE));
	frame_set_reserve(MEM_RESERVE_FRAMES);
	pt_set_l2_allocator(l2chunk_alloc, l2chunk_free);
}
