/*
 * tests/host/pt_fake.h - a fake machine for the paging host tests: one L1
 * table and an arena of L2 tables at made-up physical addresses, with the
 * paging/maint.h hooks implemented over them (pt_fake.c).
 *
 * The sync hooks record every call and check, at the moment of the call,
 * that the entry pointer is the one that maps va.  fake_snapshot() and the
 * fake_check_*() functions then compare a table before and after one
 * operation.
 */
#ifndef TESTS_HOST_PT_FAKE_H
#define TESTS_HOST_PT_FAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "paging/desc.h"
#include "paging/maint.h"

#define FAKE_L1_PA     0x00004000u   /* "TTBR0" */
#define FAKE_ARENA_PA  0x00300000u   /* L2 table i is at FAKE_ARENA_PA + i * 1 KiB */
#define FAKE_TABLES    64u

extern l1_table_t fake_l1;

struct fake_stats {
	unsigned allocs, frees, live;     /* L2 tables */
	unsigned l1_syncs, l2_syncs;      /* since the last fake_snapshot() */
};

void fake_reset(void);                 /* empty L1, all tables free, unlimited allocs */
void fake_set_alloc_budget(int n);     /* n more allocations succeed; -1 = unlimited */
struct fake_stats fake_stats(void);

/* The arena table at physical address pa (must be allocated). */
l2_table_t *fake_table(uint32_t pa);
/* Allocate a table and hook it into L1 entry idx with domain dom, as a test
 * fixture (no sync recorded); returns it. */
l2_table_t *fake_hook_table(unsigned idx, unsigned dom);

void fake_snapshot(void);              /* remember everything, clear the sync log */
void fake_expect_unchanged(void);      /* nothing changed, nothing synced or leaked */
/* Every entry that changed since the snapshot was synced exactly once, with
 * its final value, and nothing else was synced; entries of tables freed
 * since were cleared and synced before the free. */
void fake_check_syncs(void);
/* Every L1 page table entry points at a live table, and every live table is
 * pointed at exactly once (no leak, no dangling pointer). */
void fake_check_links(void);

#endif
