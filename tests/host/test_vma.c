/*
 * tests/host/test_vma.c - host tests for kernel/vma.c: regions, where a
 * page's contents come from, and every fault decision.
 *
 * The map the decision tests use is a typical program's window
 * (kernel/window.h, user/user.ld):
 *
 *   0x02000000 +------------------+  text   r-x  file 02000000-02007fff (whole)
 *   0x02008000 +------------------+  data   rw-  file 02008000-020083ff, then bss
 *   0x0200c000 +------------------+  rodata r--  file 0200c000-0200c0ff
 *   0x0200d000 +------------------+  heap   rw-  [0200d000, 02010000)
 *   0x02010000 +------------------+
 *              |  (no region)     |
 *   0x020ef000 +------------------+  guard: stack_guard_lo = WIN_HEAP_LIMIT
 *   0x020f0000 +------------------+  stack  rw-  64 KiB
 *   0x02100000 +------------------+
 *
 * vma_decide's rules (kernel/vma.h), in the order it applies them:
 *   VF_OTHER                                   -> kill
 *   outside every region: in the guard, or sp below the stack by at most
 *     the stack's size                         -> stack overflow, else kill
 *   write to a region not rw-, exec of one not r-x -> kill
 *   translation: file bytes in the page        -> file load, else zero fill
 *   permission: a write to a read-only entry of a writable region
 *     refs > 1 -> cow copy, refs == 1 -> cow reuse; anything else -> kill
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kernel/vma.h"

#define PAGE      0x1000u
#define TEXT      0x02000000u
#define DATA      0x02008000u
#define RODATA    0x0200c000u
#define HEAP      0x0200d000u
#define HEAP_END  0x02010000u
#define GUARD     0x020ef000u       /* WIN_HEAP_LIMIT */
#define STACK     0x020f0000u       /* WIN_STACK_BOTTOM */
#define TOP       0x02100000u       /* WIN_TOP */
#define STACK_SZ  (TOP - STACK)
#define SP_OK     0x020ffe00u       /* an ordinary stack pointer */

/* ---- regions -------------------------------------------------------------- */

static void test_add_sets_fields(void **state)
{
	struct vm_map m = { .n = 0 };
	struct vma *v;

	(void)state;
	v = vma_add(&m, TEXT, DATA, VMA_RX, VMA_SEGMENT);
	assert_non_null(v);
	assert_ptr_equal(v, &m.v[0]);
	assert_int_equal(m.n, 1);
	assert_int_equal(v->start, TEXT);
	assert_int_equal(v->end, DATA);
	assert_int_equal(v->rights, VMA_RX);
	assert_int_equal(v->kind, VMA_SEGMENT);
	assert_int_equal(v->file_va, 0);        /* the caller fills the file part */
	assert_int_equal(v->file_len, 0);
	assert_int_equal(v->file_off, 0);
	v = vma_add(&m, STACK, TOP, VMA_RW, VMA_STACK);
	assert_ptr_equal(v, &m.v[1]);
	assert_int_equal(m.n, 2);
}

static void test_add_refuses_bad_ranges(void **state)
{
	struct vm_map m = { .n = 0 };

	(void)state;
	assert_null(vma_add(&m, TEXT + 1, DATA, VMA_RX, VMA_SEGMENT));     /* start unaligned */
	assert_null(vma_add(&m, TEXT, DATA - 1, VMA_RX, VMA_SEGMENT));     /* end unaligned */
	assert_null(vma_add(&m, TEXT + 0x800, DATA, VMA_RX, VMA_SEGMENT));
	assert_null(vma_add(&m, DATA, TEXT, VMA_RX, VMA_SEGMENT));         /* end < start */
	assert_null(vma_add(&m, TEXT, TEXT, VMA_RX, VMA_SEGMENT));         /* empty */
	assert_null(vma_add(&m, STACK, STACK, VMA_RW, VMA_STACK));
	assert_int_equal(m.n, 0);
	/* only the heap may start empty: sbrk grows it */
	assert_non_null(vma_add(&m, HEAP, HEAP, VMA_RW, VMA_HEAP));
	assert_int_equal(m.n, 1);
	assert_null(vma_add(&m, HEAP + PAGE, HEAP, VMA_RW, VMA_HEAP));     /* still end < start */
}

static void test_add_refuses_overlap(void **state)
{
	struct vm_map m = { .n = 0 };

	(void)state;
	assert_non_null(vma_add(&m, DATA, RODATA, VMA_RW, VMA_SEGMENT));  /* 4 pages */
	assert_null(vma_add(&m, DATA, RODATA, VMA_RO, VMA_SEGMENT));      /* the same */
	assert_null(vma_add(&m, TEXT, DATA + PAGE, VMA_RX, VMA_SEGMENT)); /* its first page */
	assert_null(vma_add(&m, RODATA - PAGE, HEAP, VMA_RO, VMA_SEGMENT)); /* its last page */
	assert_null(vma_add(&m, DATA + PAGE, DATA + 2 * PAGE, VMA_RO, VMA_SEGMENT)); /* inside */
	assert_null(vma_add(&m, TEXT, HEAP, VMA_RO, VMA_SEGMENT));        /* around it */
	assert_int_equal(m.n, 1);
	/* touching at either end is not overlapping */
	assert_non_null(vma_add(&m, TEXT, DATA, VMA_RX, VMA_SEGMENT));
	assert_non_null(vma_add(&m, RODATA, HEAP, VMA_RO, VMA_SEGMENT));
	assert_int_equal(m.n, 3);
	/* an empty heap inside a region overlaps it; right at its end it does not */
	assert_null(vma_add(&m, DATA + PAGE, DATA + PAGE, VMA_RW, VMA_HEAP));
	assert_non_null(vma_add(&m, HEAP, HEAP, VMA_RW, VMA_HEAP));
	assert_int_equal(m.n, 4);
}

static void test_add_refuses_when_full(void **state)
{
	struct vm_map m = { .n = 0 };

	(void)state;
	for (unsigned i = 0; i < VMA_MAX; i++)
		assert_non_null(vma_add(&m, TEXT + i * PAGE, TEXT + (i + 1) * PAGE,
					VMA_RO, VMA_SEGMENT));
	assert_int_equal(m.n, VMA_MAX);
	assert_null(vma_add(&m, STACK, TOP, VMA_RW, VMA_STACK));
	assert_int_equal(m.n, VMA_MAX);
}

/* The map of the header comment. */
static struct vm_map window_map(void)
{
	struct vm_map m = { .n = 0 };
	struct vma *v;

	v = vma_add(&m, TEXT, DATA, VMA_RX, VMA_SEGMENT);
	v->file_va = TEXT, v->file_len = DATA - TEXT, v->file_off = 0;
	v = vma_add(&m, DATA, RODATA, VMA_RW, VMA_SEGMENT);
	v->file_va = DATA, v->file_len = 0x400, v->file_off = 0x8000;
	v = vma_add(&m, RODATA, HEAP, VMA_RO, VMA_SEGMENT);
	v->file_va = RODATA, v->file_len = 0x100, v->file_off = 0x9000;
	vma_add(&m, HEAP, HEAP_END, VMA_RW, VMA_HEAP);
	vma_add(&m, STACK, TOP, VMA_RW, VMA_STACK);
	assert_int_equal(m.n, 5);
	return m;
}

static void test_find_boundaries(void **state)
{
	struct vm_map m = window_map();

	(void)state;
	assert_ptr_equal(vma_find(&m, TEXT), &m.v[0]);            /* start is inside */
	assert_ptr_equal(vma_find(&m, DATA - 1), &m.v[0]);
	assert_ptr_equal(vma_find(&m, DATA), &m.v[1]);            /* end is outside */
	assert_ptr_equal(vma_find(&m, RODATA - 1), &m.v[1]);
	assert_ptr_equal(vma_find(&m, RODATA), &m.v[2]);
	assert_ptr_equal(vma_find(&m, HEAP), &m.v[3]);
	assert_ptr_equal(vma_find(&m, HEAP_END - 1), &m.v[3]);
	assert_null(vma_find(&m, HEAP_END));                      /* the gap */
	assert_null(vma_find(&m, GUARD));
	assert_null(vma_find(&m, STACK - 1));
	assert_ptr_equal(vma_find(&m, STACK), &m.v[4]);
	assert_ptr_equal(vma_find(&m, TOP - 1), &m.v[4]);
	assert_null(vma_find(&m, TOP));
	assert_null(vma_find(&m, TEXT - 1));
	assert_null(vma_find(&m, 0));
	assert_null(vma_find(&m, 0xFFFFFFFFu));
	assert_ptr_equal(vma_find_const(&m, DATA), &m.v[1]);
	assert_null(vma_find_const(&m, HEAP_END));
}

static void test_find_skips_empty_heap(void **state)
{
	struct vm_map m = { .n = 0 };

	(void)state;
	vma_add(&m, HEAP, HEAP, VMA_RW, VMA_HEAP);
	assert_null(vma_find(&m, HEAP));          /* [HEAP, HEAP) holds nothing */
	assert_ptr_equal(vma_of_kind(&m, VMA_HEAP), &m.v[0]);
	m.v[0].end = HEAP + PAGE;                 /* what sbrk does */
	assert_ptr_equal(vma_find(&m, HEAP), &m.v[0]);
	assert_ptr_equal(vma_find(&m, HEAP + PAGE - 1), &m.v[0]);
	assert_null(vma_find(&m, HEAP + PAGE));
}

static void test_of_kind_and_reserved(void **state)
{
	struct vm_map m = window_map(), empty = { .n = 0 };

	(void)state;
	assert_ptr_equal(vma_of_kind(&m, VMA_SEGMENT), &m.v[0]);  /* the first one */
	assert_ptr_equal(vma_of_kind(&m, VMA_HEAP), &m.v[3]);
	assert_ptr_equal(vma_of_kind(&m, VMA_STACK), &m.v[4]);
	assert_null(vma_of_kind(&empty, VMA_STACK));
	/* 8 + 4 + 1 + 3 + 16 pages */
	assert_int_equal(vma_reserved(&m), 32 * PAGE);
	assert_int_equal(vma_reserved(&empty), 0);
}

/* ---- where a page comes from ------------------------------------------------ */

#define SENTINEL 0xDEADBEEFu

static enum vma_source source(const struct vma *v, uint32_t va, uint32_t *lo, uint32_t *hi)
{
	*lo = *hi = SENTINEL;
	return vma_page_source(v, va, lo, hi);
}

/* A data segment as the loader makes it: file bytes start mid-page
 * (p_vaddr 0x02008100) and end mid-page, then bss:
 *   page 02008000: [0x100, 0x1000) file    page 02009000: [0, 0x334) file
 *   page 0200a000, 0200b000: zero */
static void test_source_unaligned_file(void **state)
{
	struct vma v = { .start = DATA, .end = RODATA, .rights = VMA_RW,
			 .kind = VMA_SEGMENT, .file_va = DATA + 0x100, .file_len = 0x1234 };
	uint32_t lo, hi;

	(void)state;
	assert_int_equal(source(&v, DATA, &lo, &hi), VMA_SRC_FILE);
	assert_int_equal(lo, 0x100);
	assert_int_equal(hi, 0x1000);
	assert_int_equal(source(&v, DATA + PAGE, &lo, &hi), VMA_SRC_FILE);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 0x334);              /* 0x100 + 0x1234 - 0x1000 */
	assert_int_equal(source(&v, DATA + 2 * PAGE, &lo, &hi), VMA_SRC_ZERO);
	assert_int_equal(lo, SENTINEL);           /* untouched for zero pages */
	assert_int_equal(hi, SENTINEL);
	assert_int_equal(source(&v, DATA + 3 * PAGE, &lo, &hi), VMA_SRC_ZERO);
}

/* File bytes ending exactly at a page boundary, or one byte past it. */
static void test_source_end_at_boundary(void **state)
{
	struct vma v = { .start = DATA, .end = RODATA, .rights = VMA_RW,
			 .kind = VMA_SEGMENT, .file_va = DATA, .file_len = 2 * PAGE };
	uint32_t lo, hi;

	(void)state;
	assert_int_equal(source(&v, DATA + PAGE, &lo, &hi), VMA_SRC_FILE);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, PAGE);
	assert_int_equal(source(&v, DATA + 2 * PAGE, &lo, &hi), VMA_SRC_ZERO);
	v.file_len = 2 * PAGE + 1;
	assert_int_equal(source(&v, DATA + 2 * PAGE, &lo, &hi), VMA_SRC_FILE);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 1);
	assert_int_equal(source(&v, DATA + 3 * PAGE, &lo, &hi), VMA_SRC_ZERO);
	/* starting one byte before a boundary: one file byte in the first page */
	v.file_va = DATA + PAGE - 1, v.file_len = 1;
	assert_int_equal(source(&v, DATA, &lo, &hi), VMA_SRC_FILE);
	assert_int_equal(lo, PAGE - 1);
	assert_int_equal(hi, PAGE);
	assert_int_equal(source(&v, DATA + PAGE, &lo, &hi), VMA_SRC_ZERO);
}

static void test_source_without_file(void **state)
{
	struct vma seg = { .start = DATA, .end = RODATA, .rights = VMA_RW,
			   .kind = VMA_SEGMENT, .file_va = DATA, .file_len = 0 };
	/* file fields set on a heap or stack are ignored: never file-backed */
	struct vma heap = { .start = HEAP, .end = HEAP_END, .rights = VMA_RW,
			    .kind = VMA_HEAP, .file_va = HEAP, .file_len = PAGE };
	struct vma stack = { .start = STACK, .end = TOP, .rights = VMA_RW,
			     .kind = VMA_STACK, .file_va = STACK, .file_len = STACK_SZ };
	uint32_t lo, hi;

	(void)state;
	assert_int_equal(source(&seg, DATA, &lo, &hi), VMA_SRC_ZERO);    /* all bss */
	assert_int_equal(source(&heap, HEAP, &lo, &hi), VMA_SRC_ZERO);
	assert_int_equal(source(&stack, STACK, &lo, &hi), VMA_SRC_ZERO);
	assert_int_equal(source(&stack, TOP - PAGE, &lo, &hi), VMA_SRC_ZERO);
	assert_int_equal(lo, SENTINEL);
}

/* ---- fault decisions ----------------------------------------------------------- */

enum { R, W, X };    /* the access */

/* A translation fault (nothing mapped) by access acc at va, sp ordinary. */
static struct vma_fault trans(uint32_t va, int acc)
{
	return (struct vma_fault){ .va = va, .kind = VF_TRANSLATION, .write = acc == W,
				   .exec = acc == X, .sp = SP_OK, .stack_guard_lo = GUARD };
}

/* A permission fault on a present page whose entry is (not) writable. */
static struct vma_fault perm(uint32_t va, int acc, bool pte_writable, unsigned refs)
{
	struct vma_fault f = trans(va, acc);

	f.kind = VF_PERMISSION;
	f.pte_writable = pte_writable;
	f.refs = refs;
	return f;
}

/* vma_decide for f against the window map, as vm_fault calls it. */
static enum vma_action decide(struct vma_fault f)
{
	struct vm_map m = window_map();

	return vma_decide(vma_find(&m, f.va), vma_of_kind(&m, VMA_STACK), &f);
}

static void test_translation_file_part(void **state)
{
	(void)state;
	assert_int_equal(decide(trans(TEXT, X)), VA_FILE_LOAD);            /* first run */
	assert_int_equal(decide(trans(TEXT + 0x7FFC, R)), VA_FILE_LOAD);   /* a constant */
	assert_int_equal(decide(trans(DATA + 0x3FF, R)), VA_FILE_LOAD);    /* last file byte */
	assert_int_equal(decide(trans(DATA + 0x10, W)), VA_FILE_LOAD);
	/* the rest of the page the file ends in is file-backed too (zeros after) */
	assert_int_equal(decide(trans(DATA + 0xFFC, W)), VA_FILE_LOAD);
	assert_int_equal(decide(trans(RODATA + 0x80, R)), VA_FILE_LOAD);
}

static void test_translation_zero_part(void **state)
{
	(void)state;
	assert_int_equal(decide(trans(DATA + PAGE, W)), VA_ZERO_FILL);     /* bss */
	assert_int_equal(decide(trans(DATA + PAGE, R)), VA_ZERO_FILL);     /* a read too */
	assert_int_equal(decide(trans(RODATA - 1, R)), VA_ZERO_FILL);
	assert_int_equal(decide(trans(HEAP, W)), VA_ZERO_FILL);
	assert_int_equal(decide(trans(HEAP_END - 4, R)), VA_ZERO_FILL);
	assert_int_equal(decide(trans(STACK, W)), VA_ZERO_FILL);           /* lowest stack page */
	assert_int_equal(decide(trans(TOP - 4, W)), VA_ZERO_FILL);
}

static void test_region_rights_refuse(void **state)
{
	(void)state;
	/* write to a region that is not rw- */
	assert_int_equal(decide(trans(TEXT + 0x100, W)), VA_KILL);
	assert_int_equal(decide(trans(RODATA, W)), VA_KILL);
	assert_int_equal(decide(perm(RODATA, W, false, 1)), VA_KILL);
	/* exec of a region that is not r-x */
	assert_int_equal(decide(trans(DATA, X)), VA_KILL);
	assert_int_equal(decide(trans(HEAP, X)), VA_KILL);
	assert_int_equal(decide(trans(TOP - PAGE, X)), VA_KILL);
	assert_int_equal(decide(trans(RODATA, X)), VA_KILL);
	assert_int_equal(decide(perm(DATA, X, true, 1)), VA_KILL);        /* XN page */
	assert_int_equal(decide(perm(STACK, X, false, 2)), VA_KILL);      /* even shared */
}

static void test_cow_write(void **state)
{
	(void)state;
	/* shared: the writer gets its own copy */
	assert_int_equal(decide(perm(DATA, W, false, 2)), VA_COW_COPY);
	assert_int_equal(decide(perm(HEAP + PAGE, W, false, 3)), VA_COW_COPY);
	assert_int_equal(decide(perm(TOP - 4, W, false, 0xFFF0)), VA_COW_COPY);
	/* the other sharers are gone: make it writable in place */
	assert_int_equal(decide(perm(DATA, W, false, 1)), VA_COW_REUSE);
	assert_int_equal(decide(perm(STACK, W, false, 1)), VA_COW_REUSE);
}

static void test_permission_faults_not_served(void **state)
{
	(void)state;
	/* the read-only text: a write kills, shared or not */
	assert_int_equal(decide(perm(TEXT + 0x100, W, false, 1)), VA_KILL);
	assert_int_equal(decide(perm(TEXT + 0x100, W, false, 2)), VA_KILL);
	/* a read of a present page never needs serving */
	assert_int_equal(decide(perm(DATA, R, false, 2)), VA_KILL);
	/* the entry already allows writes: not copy-on-write */
	assert_int_equal(decide(perm(DATA, W, true, 1)), VA_KILL);
	assert_int_equal(decide(perm(DATA, W, true, 2)), VA_KILL);
}

static void test_guard_page_is_stack_overflow(void **state)
{
	(void)state;
	assert_int_equal(decide(trans(GUARD, W)), VA_STACK_OVERFLOW);
	assert_int_equal(decide(trans(STACK - 4, W)), VA_STACK_OVERFLOW);
	assert_int_equal(decide(trans(STACK - 1, R)), VA_STACK_OVERFLOW);
	assert_int_equal(decide(trans(GUARD + 0x800, X)), VA_STACK_OVERFLOW);
	/* just below the guard, sp normal: an ordinary bad access */
	assert_int_equal(decide(trans(GUARD - 4, W)), VA_KILL);
	/* just above: the stack itself */
	assert_int_equal(decide(trans(STACK, W)), VA_ZERO_FILL);
}

/* A frame bigger than the guard: sp is already below the stack and the
 * access lands anywhere outside the regions. */
static void test_sp_below_stack(void **state)
{
	struct vma_fault f = trans(0x02080000u, W);     /* in the gap */

	(void)state;
	f.sp = STACK - 0x2000;                          /* jumped the guard */
	assert_int_equal(decide(f), VA_STACK_OVERFLOW);
	f.sp = STACK - 4;
	assert_int_equal(decide(f), VA_STACK_OVERFLOW);
	f.sp = STACK - STACK_SZ;                        /* a whole stack below: still */
	assert_int_equal(decide(f), VA_STACK_OVERFLOW);
	f.sp = STACK - STACK_SZ - 4;                    /* further: not the stack's */
	assert_int_equal(decide(f), VA_KILL);
	f.sp = STACK;                                   /* sp in the stack: not overflow */
	assert_int_equal(decide(f), VA_KILL);
	f.sp = SP_OK;
	assert_int_equal(decide(f), VA_KILL);
	f.sp = 0;                                       /* wild sp, far below */
	assert_int_equal(decide(f), VA_KILL);
	/* a fault in a region is served as such, whatever sp says */
	f = trans(HEAP, W);
	f.sp = STACK - 0x2000;
	assert_int_equal(decide(f), VA_ZERO_FILL);
	/* address 0 with sp below the stack: the rule is about sp */
	f = trans(0, R);
	f.sp = STACK - 0x100;
	assert_int_equal(decide(f), VA_STACK_OVERFLOW);
}

static void test_no_stack_region(void **state)
{
	struct vm_map m = window_map();
	struct vma_fault f = trans(GUARD, W);

	(void)state;
	assert_int_equal(vma_decide(NULL, NULL, &f), VA_KILL);
	f.sp = STACK - 0x100;
	assert_int_equal(vma_decide(NULL, NULL, &f), VA_KILL);
	f = trans(HEAP, W);
	assert_int_equal(vma_decide(vma_find(&m, HEAP), NULL, &f), VA_ZERO_FILL);
}

static void test_outside_every_region(void **state)
{
	(void)state;
	assert_int_equal(decide(trans(0, R)), VA_KILL);                 /* null */
	assert_int_equal(decide(trans(HEAP_END, W)), VA_KILL);          /* above the break */
	assert_int_equal(decide(trans(TEXT - 4, R)), VA_KILL);
	assert_int_equal(decide(trans(0x8000, X)), VA_KILL);            /* kernel text */
	assert_int_equal(decide(perm(0x8000, R, false, 1)), VA_KILL);
}

static void test_other_faults_kill(void **state)
{
	static const uint32_t vas[] = { TEXT, DATA, HEAP, STACK, GUARD, 0 };

	(void)state;
	for (unsigned i = 0; i < sizeof vas / sizeof vas[0]; i++) {
		struct vma_fault f = trans(vas[i], W);
		f.kind = VF_OTHER;                  /* alignment, domain, external... */
		assert_int_equal(decide(f), VA_KILL);
		f.sp = STACK - 0x100;               /* not even as a stack overflow */
		assert_int_equal(decide(f), VA_KILL);
		f.write = false;
		f.pte_writable = false;
		f.refs = 2;
		assert_int_equal(decide(f), VA_KILL);
	}
}

static void test_action_names(void **state)
{
	(void)state;
	assert_string_equal(vma_action_name(VA_KILL), "kill");
	assert_string_equal(vma_action_name(VA_STACK_OVERFLOW), "stack overflow");
	assert_string_equal(vma_action_name(VA_ZERO_FILL), "zero fill");
	assert_string_equal(vma_action_name(VA_FILE_LOAD), "file load");
	assert_string_equal(vma_action_name(VA_COW_COPY), "cow copy");
	assert_string_equal(vma_action_name(VA_COW_REUSE), "cow reuse");
	assert_string_equal(vma_action_name((enum vma_action)(VA_COW_REUSE + 1)), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_sets_fields),
		cmocka_unit_test(test_add_refuses_bad_ranges),
		cmocka_unit_test(test_add_refuses_overlap),
		cmocka_unit_test(test_add_refuses_when_full),
		cmocka_unit_test(test_find_boundaries),
		cmocka_unit_test(test_find_skips_empty_heap),
		cmocka_unit_test(test_of_kind_and_reserved),
		cmocka_unit_test(test_source_unaligned_file),
		cmocka_unit_test(test_source_end_at_boundary),
		cmocka_unit_test(test_source_without_file),
		cmocka_unit_test(test_translation_file_part),
		cmocka_unit_test(test_translation_zero_part),
		cmocka_unit_test(test_region_rights_refuse),
		cmocka_unit_test(test_cow_write),
		cmocka_unit_test(test_permission_faults_not_served),
		cmocka_unit_test(test_guard_page_is_stack_overflow),
		cmocka_unit_test(test_sp_below_stack),
		cmocka_unit_test(test_no_stack_region),
		cmocka_unit_test(test_outside_every_region),
		cmocka_unit_test(test_other_faults_kill),
		cmocka_unit_test(test_action_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
