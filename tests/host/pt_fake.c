/*
 * tests/host/pt_fake.c - the fake machine of pt_fake.h: paging/maint.h over
 * host memory, recording sync calls.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tests/host/pt_fake.h"

#define POISON      0xA5   /* freed tables are filled with this */
#define MAX_SYNCS   20000u

l1_table_t fake_l1;
static l2_table_t arena[FAKE_TABLES];
static bool in_use[FAKE_TABLES];
static int budget = -1;
static struct fake_stats stats;

struct sync_rec {
	int level;
	const void *entry;
	uint32_t va, value;
};
static struct sync_rec syncs[MAX_SYNCS];
static unsigned nsyncs;

/* the snapshot */
static l1_table_t snap_l1;
static l2_table_t snap_arena[FAKE_TABLES];
static bool snap_in_use[FAKE_TABLES];
static struct fake_stats snap_stats;

void fake_reset(void)
{
	memset(&fake_l1, 0, sizeof fake_l1);
	memset(arena, POISON, sizeof arena);
	memset(in_use, 0, sizeof in_use);
	memset(&stats, 0, sizeof stats);
	budget = -1;
	nsyncs = 0;
}

void fake_set_alloc_budget(int n)
{
	budget = n;
}

struct fake_stats fake_stats(void)
{
	return stats;
}

/* ---- paging/maint.h -------------------------------------------------------- */

void *pt_pa_to_kva(uint32_t pa)
{
	if (pa >= FAKE_L1_PA && pa - FAKE_L1_PA < sizeof fake_l1)
		return (char *)&fake_l1 + (pa - FAKE_L1_PA);
	if (pa >= FAKE_ARENA_PA && pa - FAKE_ARENA_PA < sizeof arena)
		return (char *)arena + (pa - FAKE_ARENA_PA);
	fail_msg("pt_pa_to_kva: 0x%08x is not table memory", (unsigned)pa);
	return NULL;
}

uint32_t pt_kva_to_pa(const void *kva)
{
	const char *p = kva;

	if (p >= (const char *)&fake_l1 && p < (const char *)(&fake_l1 + 1))
		return FAKE_L1_PA + (uint32_t)(p - (const char *)&fake_l1);
	if (p >= (const char *)arena && p < (const char *)(arena + FAKE_TABLES))
		return FAKE_ARENA_PA + (uint32_t)(p - (const char *)arena);
	fail_msg("pt_kva_to_pa: %p is not table memory", kva);
	return 0;
}

l2_table_t *pt_alloc_l2(void)
{
	if (budget == 0)
		return NULL;
	for (unsigned i = 0; i < FAKE_TABLES; i++) {
		if (!in_use[i]) {
			if (budget > 0)
				budget--;
			in_use[i] = true;
			memset(&arena[i], 0, sizeof arena[i]);
			stats.allocs++;
			stats.live++;
			return &arena[i];
		}
	}
	return NULL;
}

void pt_free_l2(l2_table_t *t)
{
	size_t i = (size_t)(t - arena);

	assert_true(t >= arena && i < FAKE_TABLES);
	assert_true(in_use[i]);   /* no double free */
	/* nothing may still point at it */
	for (unsigned j = 0; j < L1_ENTRIES; j++)
		if (l1e_kind(fake_l1.e[j]) == L1_PAGETABLE)
			assert_int_not_equal(l1e_pa(fake_l1.e[j]), pt_kva_to_pa(t));
	in_use[i] = false;
	memset(t, POISON, sizeof *t);
	stats.frees++;
	stats.live--;
}

static void record(int level, const void *entry, uint32_t va, uint32_t value)
{
	assert_true(nsyncs < MAX_SYNCS);
	syncs[nsyncs++] = (struct sync_rec){ level, entry, va, value };
}

void pt_sync_l1(const l1e_t *entry, uint32_t va)
{
	/* the entry that maps va, in the one table the tests use */
	assert_ptr_equal(entry, &fake_l1.e[L1_INDEX(va)]);
	record(1, entry, va, entry->raw);
	stats.l1_syncs++;
}

void pt_sync_l2(const l2e_t *entry, uint32_t va)
{
	l1e_t e1 = fake_l1.e[L1_INDEX(va)];
	l2_table_t *t;

	/* the walker must be able to reach the entry through L1 right now */
	assert_int_equal(l1e_kind(e1), L1_PAGETABLE);
	t = pt_pa_to_kva(l1e_pa(e1));
	assert_ptr_equal(entry, &t->e[L2_INDEX(va)]);
	record(2, entry, va, entry->raw);
	stats.l2_syncs++;
}

/* A clean reaches no walker here: host memory has no separate view. */
void pt_clean_entry(const void *entry)
{
	(void)entry;
}

/* ---- fixtures and checks ------------------------------------------------------- */

l2_table_t *fake_table(uint32_t pa)
{
	l2_table_t *t = pt_pa_to_kva(pa);

	assert_true(in_use[t - arena]);
	return t;
}

l2_table_t *fake_hook_table(unsigned idx, unsigned dom)
{
	l2_table_t *t = pt_alloc_l2();

	assert_non_null(t);
	assert_int_equal(l1_build(l1_domain(l1_pagetable(pt_kva_to_pa(t)), dom),
				  &fake_l1.e[idx]), 0);
	return t;
}

void fake_snapshot(void)
{
	snap_l1 = fake_l1;
	memcpy(snap_arena, arena, sizeof arena);
	memcpy(snap_in_use, in_use, sizeof in_use);
	snap_stats = stats;
	nsyncs = 0;
	stats.l1_syncs = stats.l2_syncs = 0;
}

void fake_expect_unchanged(void)
{
	assert_memory_equal(&fake_l1, &snap_l1, sizeof fake_l1);
	assert_memory_equal(in_use, snap_in_use, sizeof in_use);
	for (unsigned i = 0; i < FAKE_TABLES; i++)
		if (in_use[i])
			assert_memory_equal(&arena[i], &snap_arena[i], sizeof arena[i]);
	assert_int_equal(nsyncs, 0);
	assert_int_equal(stats.live, snap_stats.live);
	assert_int_equal(stats.allocs - snap_stats.allocs, stats.frees - snap_stats.frees);
}

/* The number of sync records for entry, checking each has value. */
static unsigned synced(const void *entry, uint32_t value)
{
	unsigned n = 0;

	for (unsigned i = 0; i < nsyncs; i++) {
		if (syncs[i].entry == entry) {
			assert_int_equal(syncs[i].value, value);
			n++;
		}
	}
	return n;
}

void fake_check_syncs(void)
{
	static const l2_table_t zero;
	unsigned want = 0;

	for (unsigned i = 0; i < L1_ENTRIES; i++) {
		if (fake_l1.e[i].raw != snap_l1.e[i].raw) {
			assert_int_equal(synced(&fake_l1.e[i], fake_l1.e[i].raw), 1);
			want++;
		}
	}
	for (unsigned t = 0; t < FAKE_TABLES; t++) {
		const l2_table_t *before = snap_in_use[t] ? &snap_arena[t] : &zero;

		for (unsigned j = 0; j < L2_ENTRIES; j++) {
			if (in_use[t] && arena[t].e[j].raw != before->e[j].raw) {
				assert_int_equal(synced(&arena[t].e[j], arena[t].e[j].raw), 1);
				want++;
			} else if (!in_use[t] && snap_in_use[t] && before->e[j].raw) {
				/* freed: every entry it had was cleared and synced */
				assert_int_equal(synced(&arena[t].e[j], 0), 1);
				want++;
			}
		}
	}
	assert_int_equal(nsyncs, want);
}

void fake_check_links(void)
{
	unsigned refs[FAKE_TABLES] = { 0 };

	for (unsigned i = 0; i < L1_ENTRIES; i++) {
		if (l1e_kind(fake_l1.e[i]) == L1_PAGETABLE) {
			uint32_t pa = l1e_pa(fake_l1.e[i]);

			assert_true(pa >= FAKE_ARENA_PA && pa - FAKE_ARENA_PA < sizeof arena);
			assert_int_equal((pa - FAKE_ARENA_PA) % sizeof(l2_table_t), 0);
			refs[(pa - FAKE_ARENA_PA) / sizeof(l2_table_t)]++;
		}
	}
	for (unsigned t = 0; t < FAKE_TABLES; t++)
		assert_int_equal(refs[t], in_use[t] ? 1 : 0);
}
