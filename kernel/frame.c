/*
 * kernel/frame.c - physical frame allocator (see frame.h).
 */
#include "kernel/frame.h"
#include "kernel/kprintf.h"
#include "kernel/string.h"

static uint32_t span_base, span_frames;
static uint16_t *refs;
static uint8_t *use;
static uint32_t free_head;            /* pa of the first free frame, 0 = none */

/* Frames never handed out yet are not on the free list: each released
 * range keeps a bump pointer instead, so that releasing all of RAM at boot
 * costs O(1) per range rather than a write to every frame. */
#define FRAME_RANGES 8
static struct { uint32_t next, end; } ranges[FRAME_RANGES];
static unsigned nranges;
static uint32_t nfree, ntotal, nreserve, nshared;
static uint32_t by_use[FRAME_USE_COUNT];

static uint32_t index_of(uint32_t pa, const char *who)
{
	uint32_t i = (pa - span_base) >> FRAME_SHIFT;

	if ((pa & (FRAME_SIZE - 1)) || pa < span_base || i >= span_frames)
		panic("%s: %08x is not a managed frame", who, pa);
	return i;
}

void frame_init(uint32_t base, uint32_t n, uint16_t *r, uint8_t *u)
{
	span_base = base;
	span_frames = n;
	refs = r;
	use = u;
	free_head = 0;
	nranges = 0;
	nfree = ntotal = nreserve = nshared = 0;
	memset(by_use, 0, sizeof by_use);
	memset(refs, 0, n * sizeof refs[0]);
	memset(use, FRAME_RESERVED, n * sizeof use[0]);
}

static void push_free(uint32_t pa)
{
	*(uint32_t *)frame_kva(pa) = free_head;
	free_head = pa;
	nfree++;
}

void frame_release_range(uint32_t pa, uint32_t size)
{
	uint32_t first, n;

	/* pa 0 is free_head's "none": on the free list it would end the list */
	if (pa == 0 && size)
		panic("frame_release_range: frame at pa 0 cannot be allocatable");
	n = size / FRAME_SIZE;
	if (n == 0)
		return;
	first = index_of(pa, "frame_release_range");
	index_of(pa + (n - 1) * FRAME_SIZE, "frame_release_range");
	for (uint32_t i = 0; i < nranges; i++)
		if (pa < ranges[i].end && pa + n * FRAME_SIZE > ranges[i].next)
			panic("frame_release_range: %08x released twice", pa);
	if (use[first] != FRAME_RESERVED || use[first + n - 1] != FRAME_RESERVED)
		panic("frame_release_range: %08x released twice", pa);
	if (nranges == FRAME_RANGES)
		panic("frame_release_range: more than %d ranges", FRAME_RANGES);
	memset(&use[first], FRAME_FREE, n);
	ranges[nranges].next = pa;
	ranges[nranges].end = pa + n * FRAME_SIZE;
	nranges++;
	ntotal += n;
	nfree += n;
}

void frame_set_reserve(uint32_t n)
{
	nreserve = n;
}

static uint32_t take(enum frame_use u)
{
	uint32_t pa = free_head, i;

	/* by_use[u] is counted; FREE and RESERVED are states, not uses */
	if (u == FRAME_FREE || (unsigned)u >= FRAME_RESERVED)
		panic("frame_alloc: bad use %u", (unsigned)u);
	if (pa) {
		free_head = *(uint32_t *)frame_kva(pa);
	} else {
		for (unsigned r = 0; r < nranges && !pa; r++) {
			if (ranges[r].next < ranges[r].end) {
				pa = ranges[r].next;
				ranges[r].next += FRAME_SIZE;
			}
		}
		if (!pa)
			return 0;
	}
	i = index_of(pa, "frame_alloc");
	if (use[i] != FRAME_FREE || refs[i] != 0)
		panic("frame_alloc: free list holds frame %08x in use (refs %u)", pa, refs[i]);
	nfree--;
	refs[i] = 1;
	use[i] = (uint8_t)u;
	by_use[u]++;
	return pa;
}

uint32_t frame_alloc(enum frame_use u)
{
	if (nfree <= nreserve)
		return 0;
	return take(u);
}

uint32_t frame_alloc_reserved(enum frame_use u)
{
	return take(u);
}

uint32_t frame_alloc_zeroed(enum frame_use u)
{
	uint32_t pa = frame_alloc(u);

	if (pa)
		memset(frame_kva(pa), 0, FRAME_SIZE);
	return pa;
}

void frame_get(uint32_t pa)
{
	uint32_t i = index_of(pa, "frame_get");

	if (refs[i] == 0 || use[i] == FRAME_RESERVED)
		panic("frame_get: frame %08x is not in use", pa);
	if (refs[i] == UINT16_MAX)
		panic("frame_get: frame %08x reference count overflow", pa);
	if (++refs[i] == 2)
		nshared++;
}

bool frame_share(uint32_t pa, unsigned max)
{
	uint32_t i = index_of(pa, "frame_share");

	if (refs[i] == 0 || use[i] == FRAME_RESERVED)
		panic("frame_share: frame %08x is not in use", pa);
	if (refs[i] >= max)
		return false;
	if (++refs[i] == 2)
		nshared++;
	return true;
}

unsigned frame_put(uint32_t pa)
{
	uint32_t i = index_of(pa, "frame_put");

	if (use[i] == FRAME_FREE || use[i] == FRAME_RESERVED || refs[i] == 0)
		panic("frame_put: double free of frame %08x (refs %u)", pa, refs[i]);
	if (--refs[i] == 1)
		nshared--;
	if (refs[i])
		return refs[i];
	by_use[use[i]]--;
	use[i] = FRAME_FREE;
	push_free(pa);
	return 0;
}

unsigned frame_refs(uint32_t pa)
{
	return refs[index_of(pa, "frame_refs")];
}

enum frame_use frame_use_of(uint32_t pa)
{
	return (enum frame_use)use[index_of(pa, "frame_use_of")];
}

bool frame_managed(uint32_t pa)
{
	return !(pa & (FRAME_SIZE - 1)) &&
	       pa >= span_base && ((pa - span_base) >> FRAME_SHIFT) < span_frames &&
	       use[(pa - span_base) >> FRAME_SHIFT] != FRAME_RESERVED;
}

void frame_stats(struct frame_stats *s)
{
	s->total = ntotal;
	s->free = nfree;
	s->used = ntotal - nfree;
	for (unsigned u = 0; u < FRAME_USE_COUNT; u++)
		s->by_use[u] = by_use[u];
	s->by_use[FRAME_FREE] = nfree;
	s->shared = nshared;
	s->reserve = nreserve;
}
