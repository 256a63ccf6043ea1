/*
 * kernel/asid.c - ASID allocation with flush on rollover (see asid.h).
 *
 * ARM1176JZF-S TRM (DDI 0301H): 3.2.23 (p. 3-86) c8 TLB operations,
 * invalidate all (c8, c7, 0) and invalidate on ASID match (c8, c7, 2);
 * they act in program order for data accesses and before the next
 * prefetch flush or exception return for instruction fetches.  3.2.47
 * (p. 3-129): the ASID itself is loaded into CONTEXTIDR by
 * sched_switch_window() (kernel/sched.c), with a DSB before and a prefetch
 * flush after, from global (kernel) code; writing CONTEXTIDR also flushes
 * the BTAC.  docs/hardware.md, checklist item 5, "ASID and table switch".
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
		barrier_dsb();        /* the invalidate has completed ... */
		isb();                /* ... for instruction fetches too */
	}
	s->asid = next_asid++;
	s->generation = generation;
	return s->asid;
}

void asid_release(struct asid_slot *s)
{
	if (s->generation == generation) {
		tlb_invalidate_asid(s->asid);   /* c8, c7, 2 */
		barrier_dsb();                  /* completed before the frames go */
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
