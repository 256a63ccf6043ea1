/*
 * kernel/frame.h - the physical frame allocator.
 *
 * RAM is handed out in 4 KiB frames.  Every frame has a reference count
 * (copy-on-write shares frames) and a use tag for the statistics.  Free
 * frames form a singly linked list threaded through the frames themselves
 * (the first word of a free frame holds the next free frame's address), so
 * allocation and release are O(1) and cost no memory besides the per-frame
 * counts:
 *
 *     frame_free_head --> [frame A | next] --> [frame B | next] --> 0
 *
 *     refs[]  one uint16_t per frame: 0 = free, n = n owners
 *     use[]   one uint8_t  per frame: FRAME_FREE, FRAME_KERNEL, ...
 *
 * A double free or a reference-count underflow is a panic that names the
 * frame: such a bug would otherwise corrupt memory silently.
 *
 * The allocator is pure logic over frame_kva() (host tests give it an
 * arena); it does not zero frames: frame_alloc_zeroed() does.
 */
#ifndef KERNEL_FRAME_H
#define KERNEL_FRAME_H

#include <stdbool.h>
#include <stdint.h>

#define FRAME_SIZE  4096u
#define FRAME_SHIFT 12

enum frame_use {
	FRAME_FREE,     /* on the free list */
	FRAME_KERNEL,   /* kernel objects, kernel stacks */
	FRAME_PT,       /* second-level page tables */
	FRAME_USER,     /* a process's page */
	FRAME_RESERVED, /* never allocatable: kernel image, holes */
	FRAME_USE_COUNT
};

struct frame_stats {
	uint32_t total;             /* allocatable frames */
	uint32_t free;
	uint32_t used;
	uint32_t by_use[FRAME_USE_COUNT];
	uint32_t shared;            /* frames with more than one reference */
	uint32_t reserve;           /* frames held back for the kernel */
};

/* Set up over [base, base + n * FRAME_SIZE).  `refs` and `use` are caller
 * storage for n entries.  Every frame starts reserved; frame_release_range()
 * then makes ranges allocatable. */
void frame_init(uint32_t base, uint32_t n, uint16_t *refs, uint8_t *use);
/* Make [pa, pa + size) allocatable (page aligned, inside the managed span). */
void frame_release_range(uint32_t pa, uint32_t size);
/* Keep `n` frames back: ordinary allocations fail once only the reserve is
 * left; frame_alloc_reserved() may dip into it. */
void frame_set_reserve(uint32_t n);

/* Allocate one frame with one reference, or return 0 when none is free. */
uint32_t frame_alloc(enum frame_use use);
uint32_t frame_alloc_reserved(enum frame_use use);
uint32_t frame_alloc_zeroed(enum frame_use use);
/* Add a reference (the frame must be in use). */
void frame_get(uint32_t pa);
/* Add a reference unless the frame already has `max`: false then (fork
 * shares frames this way, and refuses rather than overflow a count). */
bool frame_share(uint32_t pa, unsigned max);
/* Drop a reference; the frame is freed when the last one goes.  Returns the
 * references left. */
unsigned frame_put(uint32_t pa);
unsigned frame_refs(uint32_t pa);
enum frame_use frame_use_of(uint32_t pa);
void frame_stats(struct frame_stats *s);
/* Is pa a frame this allocator manages? */
bool frame_managed(uint32_t pa);

/* Supplied by the environment (kernel/frame_env.c, or a host test): the
 * kernel's address for a frame, and back. */
void *frame_kva(uint32_t pa);
uint32_t frame_pa(const void *kva);

#endif
