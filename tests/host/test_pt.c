/*
 * tests/host/test_pt.c - pt_map, pt_unmap and pt_protect on a fake machine
 * (tests/host/pt_fake.c): table contents word by word, refusals that leave
 * the table unchanged, L2 table allocation and freeing, and one sync call
 * per written entry.
 *
 * Words are derived from [TRM] ARM DDI 0301H 6.11.2 (see test_desc.c):
 *   section: AP 11:10, APX 15, TEX 14:12, C 3, B 2, XN 4, domain 8:5, 1:0=10
 *   small page: AP 5:4, APX 9, TEX 8:6, C 3, B 2, XN 0, bit 1 = 1
 *   page table: domain 8:5, base 31:10, 1:0=01
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/errno.h"
#include "paging/domains.h"
#include "paging/pt.h"
#include "tests/host/pt_fake.h"

#define MiB 0x00100000u
#define KiB 0x00000400u
#define DACR_ALL_CLIENT 0x55555555u   /* every domain 01 */

/* kernel RAM: krw, normal-wbwa, domain 0, XN */
static const struct pt_attrs ram = { AP_KRW, MT_NORMAL_WBWA, 0, true, false, false };
/* user data: krw/urw, normal-wbwa, domain 1, XN, nG */
static const struct pt_attrs udata = { AP_KRW_URW, MT_NORMAL_WBWA, 1, true, true, false };

/* ram as a section at pa: pa + TEX 1 (0x1000) + AP 01 (0x400) + C B (0xC)
 * + XN (0x10) + type 0x2 */
#define RAM_SECT(pa)  ((pa) | 0x141Eu)
/* ram as a small page at pa: pa + TEX 1 (0x40) + AP 01 (0x10) + C B (0xC)
 * + bit 1 + XN bit 0 */
#define RAM_PAGE(pa)  ((pa) | 0x5Fu)
/* udata as a small page: AP 11 (0x30) + TEX 1 (0x40) + C B (0xC) + nG
 * (0x800) + 0x3 */
#define UDATA_PAGE(pa) ((pa) | 0x87Fu)

static int setup(void **state)
{
	(void)state;
	fake_reset();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fake_check_links();
	return 0;
}

/* Map and check the syncs; returns pt_map's result. */
static int map(uint32_t va, uint32_t pa, uint32_t size, const struct pt_attrs *a,
	       unsigned flags)
{
	int err;

	fake_snapshot();
	err = pt_map(&fake_l1, va, pa, size, a, flags);
	if (err)
		fake_expect_unchanged();
	else
		fake_check_syncs();
	return err;
}

static int unmap(uint32_t va, uint32_t size)
{
	int err;

	fake_snapshot();
	err = pt_unmap(&fake_l1, va, size);
	if (err)
		fake_expect_unchanged();
	else
		fake_check_syncs();
	return err;
}

static int protect(uint32_t va, uint32_t size, enum ap ap, bool xn)
{
	int err;

	fake_snapshot();
	err = pt_protect(&fake_l1, va, size, ap, xn);
	if (err)
		fake_expect_unchanged();
	else
		fake_check_syncs();
	return err;
}

static l2_table_t *table_of(uint32_t va)
{
	l1e_t e = fake_l1.e[L1_INDEX(va)];

	assert_int_equal(l1e_kind(e), L1_PAGETABLE);
	return fake_table(l1e_pa(e));
}

static uint32_t l2_word(uint32_t va)
{
	return table_of(va)->e[L2_INDEX(va)].raw;
}

/* ---- pt_map ------------------------------------------------------------------- */

static void test_map_sections(void **state)
{
	(void)state;
	assert_int_equal(map(0x00100000, 0x00800000, 3 * MiB, &ram, PT_SECTIONS_OK), 0);
	assert_int_equal(fake_l1.e[1].raw, RAM_SECT(0x00800000));   /* 0x0080141E */
	assert_int_equal(fake_l1.e[1].raw, 0x0080141E);
	assert_int_equal(fake_l1.e[2].raw, RAM_SECT(0x00900000));
	assert_int_equal(fake_l1.e[3].raw, RAM_SECT(0x00A00000));
	assert_int_equal(fake_l1.e[0].raw, 0);
	assert_int_equal(fake_l1.e[4].raw, 0);
	assert_int_equal(fake_stats().l1_syncs, 3);
	assert_int_equal(fake_stats().l2_syncs, 0);
	assert_int_equal(fake_stats().allocs, 0);
}

/* pa not 1 MiB aligned: small pages, even with sections allowed. */
static void test_map_unaligned_pa_uses_pages(void **state)
{
	(void)state;
	assert_int_equal(map(0x00100000, 0x00801000, MiB, &udata, PT_SECTIONS_OK), 0);
	/* page table in domain 1 at the first arena table: 0x00300000 + 0x20 + 1 */
	assert_int_equal(fake_l1.e[1].raw, 0x00300021);
	for (uint32_t off = 0; off < MiB; off += 4 * KiB)
		assert_int_equal(l2_word(0x00100000 + off), UDATA_PAGE(0x00801000 + off));
	assert_int_equal(fake_stats().allocs, 1);
	assert_int_equal(fake_stats().l1_syncs, 1);
	assert_int_equal(fake_stats().l2_syncs, 256);
}

/* A range straddling two MiB boundaries: page, section, page. */
static void test_map_mixed(void **state)
{
	(void)state;
	assert_int_equal(map(0x000FF000, 0x000FF000, MiB + 2 * 4 * KiB, &ram, PT_SECTIONS_OK), 0);
	assert_int_equal(l1e_kind(fake_l1.e[0]), L1_PAGETABLE);
	assert_int_equal(fake_l1.e[1].raw, RAM_SECT(0x00100000));
	assert_int_equal(l1e_kind(fake_l1.e[2]), L1_PAGETABLE);
	assert_int_equal(l2_word(0x000FF000), RAM_PAGE(0x000FF000));   /* L2[0xFF] */
	assert_int_equal(table_of(0)->e[0xFE].raw, 0);
	assert_int_equal(l2_word(0x00200000), RAM_PAGE(0x00200000));   /* L2[0x00] */
	assert_int_equal(table_of(0x00200000)->e[1].raw, 0);
	assert_int_equal(fake_stats().allocs, 2);
	assert_int_equal(fake_stats().l1_syncs, 3);
	assert_int_equal(fake_stats().l2_syncs, 2);
}

/* Without PT_SECTIONS_OK an aligned MiB is still 256 pages. */
static void test_map_no_sections_flag(void **state)
{
	(void)state;
	assert_int_equal(map(0x00500000, 0x00500000, MiB, &ram, 0), 0);
	/* page table, domain 0: 0x00300000 | 01 */
	assert_int_equal(fake_l1.e[5].raw, 0x00300001);
	assert_int_equal(l2_word(0x00500000), RAM_PAGE(0x00500000));
	assert_int_equal(l2_word(0x005FF000), RAM_PAGE(0x005FF000));
	assert_int_equal(fake_stats().l2_syncs, 256);
}

/* Pages go into an existing table of the same domain, even where a
 * section would fit, and no table is allocated. */
static void test_map_into_existing_table(void **state)
{
	(void)state;
	assert_int_equal(map(0x00400000, 0x00400000, 4 * KiB, &ram, 0), 0);
	assert_int_equal(map(0x00401000, 0x00401000, 255 * 4 * KiB, &ram, PT_SECTIONS_OK), 0);
	assert_int_equal(fake_stats().allocs, 1);
	assert_int_equal(fake_stats().l1_syncs, 0);
	assert_int_equal(fake_stats().l2_syncs, 255);
	assert_int_equal(l2_word(0x004FF000), RAM_PAGE(0x004FF000));
}

static void test_map_refuses_overlap(void **state)
{
	l1e_t super;

	(void)state;
	assert_int_equal(map(0x00100000, 0x00100000, MiB, &ram, PT_SECTIONS_OK), 0);
	assert_int_equal(map(0x00300000, 0x00300000, 4 * KiB, &ram, 0), 0);
	/* a page inside the section: "a page mapping whose L1 entry is a section" */
	assert_int_equal(map(0x00105000, 0x00900000, 4 * KiB, &ram, 0), -EEXIST);
	/* the same section again */
	assert_int_equal(map(0x00100000, 0x00100000, MiB, &ram, PT_SECTIONS_OK), -EEXIST);
	/* the existing page exactly */
	assert_int_equal(map(0x00300000, 0x00700000, 4 * KiB, &ram, 0), -EEXIST);
	/* free space first, then the existing page last: nothing is mapped, and
	 * no table is allocated for the free part */
	assert_int_equal(map(0x00200000, 0x00200000, MiB + 4 * KiB, &ram, 0), -EEXIST);
	/* a section over a page table with one page in it */
	assert_int_equal(map(0x00300000, 0x00300000, MiB, &ram, PT_SECTIONS_OK), -EEXIST);
	/* a supersection at 16 MiB (16 entries) */
	assert_int_equal(l1_build(l1_ap(l1_supersection(0x01000000), AP_KRW), &super), 0);
	for (unsigned i = 16; i < 32; i++)
		fake_l1.e[i] = super;
	assert_int_equal(map(0x01F00000, 0x00500000, 8 * KiB, &ram, 0), -EEXIST);
	/* a reserved L1 entry */
	fake_l1.e[40] = l1e_from_raw(3);
	assert_int_equal(map(0x02800000, 0x02800000, MiB, &ram, PT_SECTIONS_OK), -EEXIST);
	/* and next to all of that, mapping free space still works */
	assert_int_equal(map(0x00301000, 0x00301000, 4 * KiB, &ram, 0), 0);
}

static void test_map_domain_mismatch(void **state)
{
	struct pt_attrs other = udata;

	(void)state;
	assert_int_equal(map(0x00300000, 0x00300000, 4 * KiB, &udata, 0), 0);
	other.domain = 2;
	assert_int_equal(map(0x00301000, 0x00301000, 4 * KiB, &other, 0), -EINVAL);
	/* the same domain is fine and shares the table */
	assert_int_equal(map(0x00301000, 0x00301000, 4 * KiB, &udata, 0), 0);
	assert_int_equal(fake_stats().allocs, 1);
}

static void test_map_bad_args(void **state)
{
	struct pt_attrs a = ram;

	(void)state;
	assert_int_equal(map(0x00100800, 0x00100000, 4 * KiB, &ram, 0), -EINVAL);
	assert_int_equal(map(0x00100000, 0x00100010, 4 * KiB, &ram, 0), -EINVAL);
	assert_int_equal(map(0x00100000, 0x00100000, 4 * KiB + 1, &ram, 0), -EINVAL);
	assert_int_equal(map(0x00100000, 0x00100000, 0, &ram, 0), -EINVAL);
	/* wrapping past 4 GiB, in va or in pa */
	assert_int_equal(map(0xFFFFF000, 0x00100000, 8 * KiB, &ram, 0), -EINVAL);
	assert_int_equal(map(0x00100000, 0xFFF00000, 2 * MiB, &ram, PT_SECTIONS_OK), -EINVAL);
	assert_int_equal(map(0x00100000, 0x00100000, 4 * KiB, NULL, 0), -EINVAL);
	assert_int_equal(map(0x00100000, 0x00100000, 4 * KiB, &ram, 2), -EINVAL);
	assert_int_equal(pt_map(NULL, 0x00100000, 0x00100000, 4 * KiB, &ram, 0), -EINVAL);
	a.domain = 16;
	assert_int_equal(map(0x00100000, 0x00100000, MiB, &a, PT_SECTIONS_OK), -EINVAL);
	a = ram;
	a.ap = AP_COUNT;
	assert_int_equal(map(0x00100000, 0x00100000, 4 * KiB, &a, 0), -EINVAL);
	a = ram;
	a.mem = (enum memtype)-1;
	assert_int_equal(map(0x00100000, 0x00100000, 4 * KiB, &a, 0), -EINVAL);
	/* right up to the top of the address space is allowed */
	assert_int_equal(map(0xFFF00000, 0xFFF00000, MiB, &ram, PT_SECTIONS_OK), 0);
	assert_int_equal(map(0xFFEFF000, 0xFFEFF000, 4 * KiB, &ram, 0), 0);
	assert_int_equal(fake_l1.e[0xFFF].raw, RAM_SECT(0xFFF00000));
}

/* The third L2 allocation fails: nothing changes, nothing leaks. */
static void test_map_alloc_failure(void **state)
{
	(void)state;
	assert_int_equal(map(0x00100000, 0x00100000, 4 * KiB, &ram, 0), 0);
	/* [0x00101000, 0x00500000) in pages: MiB 1 has a table; MiB 2, 3 and 4
	 * need one each, and only two more allocations succeed */
	fake_set_alloc_budget(2);
	assert_int_equal(map(0x00101000, 0x00101000, 4 * MiB - 4 * KiB, &ram, 0), -ENOMEM);
	assert_int_equal(fake_stats().allocs, 3);
	assert_int_equal(fake_stats().frees, 2);
	/* the same range with sections needs no new table at all */
	fake_set_alloc_budget(0);
	assert_int_equal(map(0x00101000, 0x00101000, 4 * MiB - 4 * KiB, &ram, PT_SECTIONS_OK), 0);
	assert_int_equal(fake_l1.e[4].raw, RAM_SECT(0x00400000));
	/* and three page tables when three allocations succeed */
	fake_set_alloc_budget(3);
	assert_int_equal(map(0x00600000, 0x00600000, 3 * MiB, &ram, 0), 0);
	assert_int_equal(fake_stats().live, 4);
}

/* ---- pt_unmap ----------------------------------------------------------------- */

static void test_unmap_section(void **state)
{
	(void)state;
	assert_int_equal(map(0x00100000, 0x00800000, 2 * MiB, &ram, PT_SECTIONS_OK), 0);
	assert_int_equal(unmap(0x00100000, MiB), 0);
	assert_int_equal(fake_l1.e[1].raw, 0);
	assert_int_equal(fake_l1.e[2].raw, RAM_SECT(0x00900000));
	assert_int_equal(fake_stats().l1_syncs, 1);
	assert_int_equal(pt_translate(&fake_l1, 0x00100000, PT_READ, false, DACR_ALL_CLIENT, NULL),
			 0x005);
	assert_int_equal(pt_translate(&fake_l1, 0x00100000, PT_WRITE, false, DACR_ALL_CLIENT, NULL),
			 0x805);
}

static void test_unmap_pages_and_free_table(void **state)
{
	(void)state;
	assert_int_equal(map(0x00300000, 0x00800000, 2 * 4 * KiB, &udata, 0), 0);
	assert_int_equal(unmap(0x00300000, 4 * KiB), 0);
	/* the table stays: one page left */
	assert_int_equal(fake_stats().l1_syncs, 0);
	assert_int_equal(fake_stats().l2_syncs, 1);
	assert_int_equal(fake_stats().frees, 0);
	/* page translation fault, with the table's domain 1 in FSR[7:4] */
	assert_int_equal(pt_translate(&fake_l1, 0x00300000, PT_READ, true, DACR_ALL_CLIENT, NULL),
			 0x017);
	assert_int_equal(pt_translate(&fake_l1, 0x00301000, PT_READ, true, DACR_ALL_CLIENT, NULL), 0);
	/* the last page: table unhooked, synced, freed */
	assert_int_equal(unmap(0x00301000, 4 * KiB), 0);
	assert_int_equal(fake_l1.e[3].raw, 0);
	assert_int_equal(fake_stats().l2_syncs, 1);
	assert_int_equal(fake_stats().l1_syncs, 1);
	assert_int_equal(fake_stats().frees, 1);
	assert_int_equal(fake_stats().live, 0);
	assert_int_equal(pt_translate(&fake_l1, 0x00301000, PT_READ, true, DACR_ALL_CLIENT, NULL),
			 0x005);
}

/* Holes inside a page table are skipped: only mapped entries are written
 * and synced.  A table that was already empty is not this call's to free. */
static void test_unmap_holes(void **state)
{
	l2_table_t *empty;

	(void)state;
	assert_int_equal(map(0x00300000, 0x00300000, 4 * KiB, &ram, 0), 0);
	assert_int_equal(map(0x00302000, 0x00302000, 4 * KiB, &ram, 0), 0);
	assert_int_equal(unmap(0x00300000, 4 * 4 * KiB), 0);
	assert_int_equal(fake_stats().l2_syncs, 2);
	assert_int_equal(fake_stats().l1_syncs, 1);
	assert_int_equal(fake_stats().live, 0);
	empty = fake_hook_table(0x50, 0);
	assert_int_equal(unmap(0x05000000, MiB), 0);
	assert_int_equal(fake_stats().l1_syncs + fake_stats().l2_syncs, 0);
	assert_int_equal(l1e_pa(fake_l1.e[0x50]), pt_kva_to_pa(empty));
}

static void test_unmap_partial_section_refused(void **state)
{
	(void)state;
	assert_int_equal(map(0x00100000, 0x00100000, MiB, &ram, PT_SECTIONS_OK), 0);
	assert_int_equal(unmap(0x00105000, 4 * KiB), -EINVAL);
	assert_int_equal(unmap(0x00000000, MiB + 4 * KiB), -EINVAL);
	assert_int_equal(unmap(0x00180000, MiB), -EINVAL);
	/* covering it whole, with unmapped space around it: fine */
	assert_int_equal(unmap(0x000FF000, MiB + 8 * KiB), 0);
	assert_int_equal(fake_l1.e[1].raw, 0);
	assert_int_equal(fake_stats().l1_syncs, 1);
}

static void test_unmap_unmapped(void **state)
{
	(void)state;
	assert_int_equal(unmap(0x00000000, 16 * MiB), 0);
	assert_int_equal(fake_stats().l1_syncs + fake_stats().l2_syncs, 0);
	assert_int_equal(unmap(0xFFFFF000, 4 * KiB), 0);
	assert_int_equal(unmap(0xFFFFF000, 8 * KiB), -EINVAL);   /* wraps */
	assert_int_equal(unmap(0x00000800, 4 * KiB), -EINVAL);
	assert_int_equal(unmap(0x00000000, 0), -EINVAL);
}

/* Blocks of 16 entries: a supersection and a large page. */
static void test_unmap_blocks(void **state)
{
	l1e_t super;
	l2e_t large;
	l2_table_t *t;

	(void)state;
	assert_int_equal(l1_build(l1_ap(l1_supersection(0x05000000), AP_KRW), &super), 0);
	for (unsigned i = 16; i < 32; i++)      /* VA 0x01000000-0x01FFFFFF */
		fake_l1.e[i] = super;
	t = fake_hook_table(0x40, 0);           /* VA 0x04000000 */
	assert_int_equal(l2_build(l2_ap(l2_large(0x06000000), AP_KRW), &large), 0);
	for (unsigned i = 16; i < 32; i++)      /* VA 0x04010000-0x0401FFFF */
		t->e[i] = large;
	t->e[0].raw = RAM_PAGE(0x07000000);     /* another page keeps the table */

	assert_int_equal(unmap(0x01000000, 15 * MiB), -EINVAL);
	assert_int_equal(unmap(0x01F00000, MiB), -EINVAL);
	assert_int_equal(unmap(0x04010000, 0xF000), -EINVAL);
	assert_int_equal(unmap(0x04018000, 0x10000), -EINVAL);
	assert_int_equal(unmap(0x00F00000, 18 * MiB), 0);
	assert_int_equal(fake_stats().l1_syncs, 16);
	for (unsigned i = 16; i < 32; i++)
		assert_int_equal(fake_l1.e[i].raw, 0);
	assert_int_equal(unmap(0x04010000, 0x10000), 0);
	assert_int_equal(fake_stats().l2_syncs, 16);
	assert_int_equal(t->e[0].raw, RAM_PAGE(0x07000000));
	assert_int_equal(fake_stats().frees, 0);
}

/* ---- pt_protect ---------------------------------------------------------------- */

static void test_protect_pages(void **state)
{
	(void)state;
	assert_int_equal(map(0x00300000, 0x00800000, 4 * 4 * KiB, &udata, 0), 0);
	/* make two pages kro/uro and executable: AP 1:10 (0x220), XN 0;
	 * TEX/C/B, S, nG kept: 0x40 + 0xC + 0x800 + 0x2 */
	assert_int_equal(protect(0x00301000, 2 * 4 * KiB, AP_KRO_URO, false), 0);
	assert_int_equal(l2_word(0x00300000), UDATA_PAGE(0x00800000));
	assert_int_equal(l2_word(0x00301000), 0x00801A6E);
	assert_int_equal(l2_word(0x00302000), 0x00802A6E);
	assert_int_equal(l2_word(0x00303000), UDATA_PAGE(0x00803000));
	assert_int_equal(fake_stats().l2_syncs, 2);
	/* the same again changes no word and syncs nothing */
	assert_int_equal(protect(0x00300000, 3 * 4 * KiB, AP_KRO_URO, false), 0);
	assert_int_equal(fake_stats().l2_syncs, 1);
	assert_int_equal(pt_translate(&fake_l1, 0x00301000, PT_WRITE, true, DACR_ALL_CLIENT, NULL),
			 0x81F);   /* page permission, write, domain 1 */
}

static void test_protect_sections(void **state)
{
	(void)state;
	assert_int_equal(map(0x00100000, 0x00100000, 2 * MiB, &ram, PT_SECTIONS_OK), 0);
	/* kro: APX (0x8000) + AP 01 (0x400); XN off: 0x00100000 + 0x9400 + 0x100E */
	assert_int_equal(protect(0x00100000, MiB, AP_KRO, false), 0);
	assert_int_equal(fake_l1.e[1].raw, 0x0010940E);
	assert_int_equal(fake_l1.e[2].raw, RAM_SECT(0x00200000));
	assert_int_equal(fake_stats().l1_syncs, 1);
	/* part of a section: refused */
	assert_int_equal(protect(0x00200000, 4 * KiB, AP_KRO, false), -EINVAL);
}

static void test_protect_refusals(void **state)
{
	(void)state;
	assert_int_equal(map(0x00300000, 0x00300000, 2 * 4 * KiB, &ram, 0), 0);
	/* a hole in the middle, at the end, or no table at all */
	assert_int_equal(protect(0x00300000, 3 * 4 * KiB, AP_KRO, true), -EFAULT);
	assert_int_equal(protect(0x002FF000, 2 * 4 * KiB, AP_KRO, true), -EFAULT);
	assert_int_equal(protect(0x00700000, 4 * KiB, AP_KRO, true), -EFAULT);
	assert_int_equal(protect(0x00300000, 4 * KiB, AP_COUNT, true), -EINVAL);
	assert_int_equal(protect(0x00300000, 4 * KiB, (enum ap)-1, true), -EINVAL);
	assert_int_equal(protect(0x00300800, 4 * KiB, AP_KRO, true), -EINVAL);
	assert_int_equal(protect(0x00300000, 0, AP_KRO, true), -EINVAL);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_map_sections),
		T(test_map_unaligned_pa_uses_pages),
		T(test_map_mixed),
		T(test_map_no_sections_flag),
		T(test_map_into_existing_table),
		T(test_map_refuses_overlap),
		T(test_map_domain_mismatch),
		T(test_map_bad_args),
		T(test_map_alloc_failure),
		T(test_unmap_section),
		T(test_unmap_pages_and_free_table),
		T(test_unmap_holes),
		T(test_unmap_partial_section_refused),
		T(test_unmap_unmapped),
		T(test_unmap_blocks),
		T(test_protect_pages),
		T(test_protect_sections),
		T(test_protect_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
