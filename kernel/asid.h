/*
 * kernel/asid.h - address space identifiers.
 *
 * User pages are not-global, so the TLB tags them with the ASID in
 * CONTEXTIDR[7:0] (ARM1176 TRM 3.2.47, 6.9 "Address Space Identifiers").
 * A switch between processes then needs no TLB flush.  ASID 0 is reserved:
 * it is loaded while the window's table pointer changes and never tags a
 * user page.
 *
 * Recycling: the 255 usable ASIDs are handed out within a generation.
 * When they run out, the generation advances, the whole TLB is flushed
 * once (so no entry tagged with an old ASID survives), and processes get a
 * fresh ASID the next time they are switched to.  Flush on rollover.
 */
#ifndef KERNEL_ASID_H
#define KERNEL_ASID_H

#include <stdint.h>

#define ASID_RESERVED 0u
#define ASID_COUNT    256u

struct asid_slot {
	uint32_t asid;        /* 1..255 */
	uint32_t generation;  /* valid only if equal to the current generation */
};

/* Make sure `s` holds an ASID of the current generation; returns it.
 * May flush the whole TLB (on rollover). */
uint32_t asid_ensure(struct asid_slot *s);
/* The process is gone: drop its TLB entries (c8 c7 2, TRM 3.2.23). */
void asid_release(struct asid_slot *s);
uint32_t asid_generation(void);
uint32_t asid_rollovers(void);

#endif
