/*
 * kernel/asid.c - ASID allocation with flush on rollover (see asid.h).
 */
#include "kernel/asid.h"
#include "paging/tlb.h"
#include "boot/cp15.h"

static uint32_t generation = 1;
static uint32_t next_asid = 1;
static uint32_t rollovers;

uint32_t asid_ensure(struct asid_slot *s)
{
	if (s->generation == generation)
		return s->asid;
	if (next_asid >= ASID_COUNT) {
		generation++;
		next_asid = 1;
		rollovers++;
		tlb_flush_all();      /* no entry of the old generation survives */
		barrier_dsb();
		isb();
	}
	s->asid = next_asid++;
	s->generation = generation;
	return s->asid;
}

void asid_release(struct asid_slot *s)
{
	if (s->generation == generation) {
		tlb_invalidate_asid(s->asid);   /* c8, c7, 2 */
		barrier_dsb();
	}
	s->generation = 0;
}

uint32_t asid_generation(void)
{
	return generation;
}

uint32_t asid_rollovers(void)
{
	return rollovers;
}
