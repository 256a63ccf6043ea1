/*
 * tests/host/test_elf.c - host tests for kernel/elf.c.
 *
 * A small builder writes a valid two-segment ARM executable into memory:
 *
 *   file offset   contents                     segment
 *   0x0000        Elf32_Ehdr (52 bytes)        text: vaddr 0x02000000, offset 0,
 *   0x0034        Elf32_Phdr[2] (64 bytes)           filesz = memsz = 0x200, R X,
 *   0x0080        "code" (entry 0x02000080)          p_align 0x1000
 *   0x0200        (padding)
 *   0x1000        "data" (0x100 bytes)         data: vaddr 0x02001000, offset 0x1000,
 *   0x1100        end of file                        filesz 0x100, memsz 0x800, R W
 *
 * Field offsets are those of the gABI "ELF Header" and "Program Header"
 * figures.  Each rule of elf.h then gets a test that breaks exactly that
 * rule and checks the exact error; truncations, random buffers and random
 * mutations check that nothing is ever accepted unsafely or read out of
 * bounds (every image handed to elf_check is a heap copy of exactly `len`
 * bytes, so ASan sees any over-read).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/elf.h"

#define WLO       0x02000000u
#define WHI       0x02100000u
#define IMG_LEN   0x1100u
#define ENTRY     0x02000080u

/* Elf32_Ehdr field offsets */
#define E_IDENT     0
#define E_TYPE      16
#define E_MACHINE   18
#define E_VERSION   20
#define E_ENTRY     24
#define E_PHOFF     28
#define E_FLAGS     36
#define E_EHSIZE    40
#define E_PHENTSIZE 42
#define E_PHNUM     44
#define EHDR_SIZE   52

/* Elf32_Phdr field offsets, within entry i at PH(i) */
#define PH(i)       (EHDR_SIZE + 32u * (i))
#define P_TYPE      0
#define P_OFFSET    4
#define P_VADDR     8
#define P_PADDR     12
#define P_FILESZ    16
#define P_MEMSZ     20
#define P_FLAGS     24
#define P_ALIGN     28

#define PT_LOAD 1
#define PT_NOTE 4
#define PF_X 1u
#define PF_W 2u
#define PF_R 4u

static uint8_t img[IMG_LEN];

static void put16(uint8_t *b, uint32_t off, uint16_t v)
{
	b[off] = (uint8_t)v;
	b[off + 1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *b, uint32_t off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[off + i] = (uint8_t)(v >> (8 * i));
}

static void put_ph(uint8_t *b, unsigned i, uint32_t type, uint32_t offset,
		   uint32_t vaddr, uint32_t filesz, uint32_t memsz,
		   uint32_t flags, uint32_t align)
{
	put32(b, PH(i) + P_TYPE, type);
	put32(b, PH(i) + P_OFFSET, offset);
	put32(b, PH(i) + P_VADDR, vaddr);
	put32(b, PH(i) + P_PADDR, vaddr);
	put32(b, PH(i) + P_FILESZ, filesz);
	put32(b, PH(i) + P_MEMSZ, memsz);
	put32(b, PH(i) + P_FLAGS, flags);
	put32(b, PH(i) + P_ALIGN, align);
}

/* Set field `field` of program header i. */
static void set_ph(unsigned i, uint32_t field, uint32_t v)
{
	put32(img, PH(i) + field, v);
}

/* The valid image described at the top, into img[]. */
static void build_valid(void)
{
	static const uint8_t ident[16] = { 0x7f, 'E', 'L', 'F', 1, 1, 1, 0 };

	memset(img, 0, sizeof img);
	memcpy(img + E_IDENT, ident, sizeof ident);
	put16(img, E_TYPE, 2);                 /* ET_EXEC */
	put16(img, E_MACHINE, 40);             /* EM_ARM */
	put32(img, E_VERSION, 1);              /* EV_CURRENT */
	put32(img, E_ENTRY, ENTRY);
	put32(img, E_PHOFF, EHDR_SIZE);
	put32(img, E_FLAGS, 0x05000200);       /* EABI5, soft float */
	put16(img, E_EHSIZE, EHDR_SIZE);
	put16(img, E_PHENTSIZE, 32);
	put16(img, E_PHNUM, 2);
	put_ph(img, 0, PT_LOAD, 0, WLO, 0x200, 0x200, PF_R | PF_X, 0x1000);
	put_ph(img, 1, PT_LOAD, 0x1000, WLO + 0x1000, 0x100, 0x800, PF_R | PF_W, 0x1000);
	for (uint32_t i = 0x80; i < 0x200; i++)
		img[i] = (uint8_t)(0xE0 + i);
	for (uint32_t i = 0x1000; i < IMG_LEN; i++)
		img[i] = (uint8_t)i;
}

/* Set up `n` PT_LOAD segments, one page each from WLO up, text first. */
static void build_many(unsigned n)
{
	build_valid();
	put16(img, E_PHNUM, (uint16_t)n);
	for (unsigned i = 0; i < n; i++)
		put_ph(img, i, PT_LOAD, 0, WLO + 0x1000 * i, 0, 0x10,
		       i == 0 ? PF_R | PF_X : PF_R, 0x1000);
	put32(img, E_ENTRY, WLO);
}

/*
 * Run elf_check on a heap copy of exactly len bytes of buf, in the test
 * window.  On failure, check that *out was left alone and the error is in
 * range; return the result and (on success) the info.
 */
static int check_buf(const uint8_t *buf, uint32_t len, uint32_t lo, uint32_t hi,
		     struct elf_info *info)
{
	struct elf_info out, sentinel;
	uint8_t *copy = malloc(len ? len : 1);
	int err;

	assert_non_null(copy);
	memcpy(copy, buf, len);
	memset(&out, 0xA5, sizeof out);
	memset(&sentinel, 0xA5, sizeof sentinel);
	err = elf_check(copy, len, lo, hi, &out);
	free(copy);
	assert_true(err >= ELF_OK && err < ELF_ECOUNT);
	if (err != ELF_OK)
		assert_memory_equal(&out, &sentinel, sizeof out);
	if (info)
		*info = out;
	return err;
}

static int check(void)
{
	return check_buf(img, IMG_LEN, WLO, WHI, NULL);
}

/* Everything an accepted image promises the loader. */
static void assert_sane(const struct elf_info *in, uint32_t len, uint32_t lo, uint32_t hi)
{
	bool entry_ok = false;
	uint64_t min = UINT64_MAX, max = 0;

	assert_true(in->nsegs >= 1 && in->nsegs <= ELF_MAX_SEGS);
	for (unsigned i = 0; i < in->nsegs; i++) {
		const struct elf_seg *s = &in->seg[i];
		uint64_t end = (uint64_t)s->vaddr + s->memsz;

		assert_true(s->memsz > 0);
		assert_true(s->vaddr >= lo && end <= hi);
		assert_true(s->filesz <= s->memsz);
		assert_true((uint64_t)s->offset + s->filesz <= len);
		assert_false(s->w && s->x);
		assert_int_equal(s->vaddr % 4096, s->offset % 4096);
		for (unsigned j = 0; j < i; j++) {
			const struct elf_seg *t = &in->seg[j];

			assert_true((end - 1) / 4096 < t->vaddr / 4096 ||
				    ((uint64_t)t->vaddr + t->memsz - 1) / 4096 < s->vaddr / 4096);
		}
		if (s->x && in->entry >= s->vaddr && in->entry < end)
			entry_ok = true;
		min = s->vaddr < min ? s->vaddr : min;
		max = end > max ? end : max;
	}
	assert_true(entry_ok);
	assert_int_equal(in->lo, min);
	assert_int_equal(in->hi, max);
}

/* ---- the valid image ------------------------------------------------------- */

static void test_valid(void **state)
{
	struct elf_info in;

	(void)state;
	build_valid();
	assert_int_equal(check_buf(img, IMG_LEN, WLO, WHI, &in), ELF_OK);
	assert_int_equal(in.entry, ENTRY);
	assert_int_equal(in.nsegs, 2);
	assert_int_equal(in.seg[0].vaddr, 0x02000000);
	assert_int_equal(in.seg[0].memsz, 0x200);
	assert_int_equal(in.seg[0].filesz, 0x200);
	assert_int_equal(in.seg[0].offset, 0);
	assert_true(in.seg[0].r && !in.seg[0].w && in.seg[0].x);
	assert_int_equal(in.seg[1].vaddr, 0x02001000);
	assert_int_equal(in.seg[1].memsz, 0x800);
	assert_int_equal(in.seg[1].filesz, 0x100);
	assert_int_equal(in.seg[1].offset, 0x1000);
	assert_true(in.seg[1].r && in.seg[1].w && !in.seg[1].x);
	assert_int_equal(in.lo, 0x02000000);
	assert_int_equal(in.hi, 0x02001800);
	assert_sane(&in, IMG_LEN, WLO, WHI);
	/* out may be NULL: check only */
	assert_int_equal(elf_check(img, IMG_LEN, WLO, WHI, NULL), ELF_OK);
}

static void test_ignores_other_types(void **state)
{
	struct elf_info in;

	(void)state;
	build_valid();
	put16(img, E_PHNUM, 4);
	/* a note with wild fields, and an empty PT_LOAD: both ignored */
	put_ph(img, 2, PT_NOTE, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 7, 3);
	put_ph(img, 3, PT_LOAD, 0, 0x40000000, 0, 0, PF_R | PF_W | PF_X, 0);
	assert_int_equal(check_buf(img, IMG_LEN, WLO, WHI, &in), ELF_OK);
	assert_int_equal(in.nsegs, 2);
	assert_sane(&in, IMG_LEN, WLO, WHI);
}

/* ---- identification and header ----------------------------------------------- */

static void test_too_small(void **state)
{
	(void)state;
	build_valid();
	assert_int_equal(check_buf(img, 51, WLO, WHI, NULL), ELF_ETOOSMALL);
	assert_int_equal(check_buf(img, 0, WLO, WHI, NULL), ELF_ETOOSMALL);
	assert_int_equal(elf_check(NULL, IMG_LEN, WLO, WHI, NULL), ELF_ETOOSMALL);
}

static void test_magic(void **state)
{
	(void)state;
	for (int i = 0; i < 4; i++) {
		build_valid();
		img[i] ^= 0x20;
		assert_int_equal(check(), ELF_EMAGIC);
	}
}

static void test_class(void **state)
{
	(void)state;
	build_valid();
	img[4] = 2;                         /* ELFCLASS64 */
	assert_int_equal(check(), ELF_ECLASS);
	img[4] = 0;                         /* ELFCLASSNONE */
	assert_int_equal(check(), ELF_ECLASS);
}

static void test_endian(void **state)
{
	(void)state;
	build_valid();
	img[5] = 2;                         /* ELFDATA2MSB */
	assert_int_equal(check(), ELF_EENDIAN);
	img[5] = 0;
	assert_int_equal(check(), ELF_EENDIAN);
}

static void test_version(void **state)
{
	(void)state;
	build_valid();
	img[6] = 0;                         /* e_ident[EI_VERSION] */
	assert_int_equal(check(), ELF_EVERSION);
	build_valid();
	put32(img, E_VERSION, 0);
	assert_int_equal(check(), ELF_EVERSION);
	put32(img, E_VERSION, 2);
	assert_int_equal(check(), ELF_EVERSION);
}

static void test_machine(void **state)
{
	(void)state;
	build_valid();
	put16(img, E_MACHINE, 3);           /* EM_386 */
	assert_int_equal(check(), ELF_EMACHINE);
	put16(img, E_MACHINE, 183);         /* EM_AARCH64 */
	assert_int_equal(check(), ELF_EMACHINE);
	put16(img, E_MACHINE, 40 << 8);     /* EM_ARM, big-endian by mistake */
	assert_int_equal(check(), ELF_EMACHINE);
}

static void test_type(void **state)
{
	(void)state;
	build_valid();
	put16(img, E_TYPE, 1);              /* ET_REL */
	assert_int_equal(check(), ELF_ETYPE);
	put16(img, E_TYPE, 3);              /* ET_DYN */
	assert_int_equal(check(), ELF_ETYPE);
	put16(img, E_TYPE, 4);              /* ET_CORE */
	assert_int_equal(check(), ELF_ETYPE);
}

static void test_phentsize(void **state)
{
	static const uint16_t bad[] = { 0, 31, 33, 56, 0xFFFF };

	(void)state;
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		build_valid();
		put16(img, E_PHENTSIZE, bad[i]);
		assert_int_equal(check(), ELF_EPHDR);
	}
}

static void test_phdr_table_bounds(void **state)
{
	(void)state;
	/* the table moved to the very end of the file is fine ... */
	build_valid();
	memcpy(img + IMG_LEN - 64, img + PH(0), 64);
	put32(img, E_PHOFF, IMG_LEN - 64);
	assert_int_equal(check(), ELF_OK);
	/* ... one byte further is not */
	put32(img, E_PHOFF, IMG_LEN - 63);
	assert_int_equal(check(), ELF_EPHDR);
	build_valid();
	put32(img, E_PHOFF, IMG_LEN);
	assert_int_equal(check(), ELF_EPHDR);
	build_valid();
	put16(img, E_PHNUM, 0xFFFF);        /* a 2 MiB table */
	assert_int_equal(check(), ELF_EPHDR);
}

static void test_phoff_overflow(void **state)
{
	(void)state;
	build_valid();
	put32(img, E_PHOFF, 0xFFFFFFF0);    /* + 64 wraps */
	assert_int_equal(check(), ELF_EOVERFLOW);
	put32(img, E_PHOFF, 0xFFFFFFC0);    /* + 64 = 2^32 exactly: wraps to 0 */
	assert_int_equal(check(), ELF_EOVERFLOW);
	put32(img, E_PHOFF, 0xFFFFFFBF);    /* + 64 = 0xFFFFFFFF: fits, outside */
	assert_int_equal(check(), ELF_EPHDR);
	put32(img, E_PHOFF, 0xFFFFFFFF);
	put16(img, E_PHNUM, 0xFFFF);
	assert_int_equal(check(), ELF_EOVERFLOW);
}

/* ---- segments ------------------------------------------------------------------- */

static void test_no_segments(void **state)
{
	(void)state;
	build_valid();
	put16(img, E_PHNUM, 0);
	assert_int_equal(check(), ELF_ENOSEGS);
	build_valid();
	set_ph(0, P_TYPE, PT_NOTE);
	set_ph(1, P_TYPE, 0);               /* PT_NULL */
	assert_int_equal(check(), ELF_ENOSEGS);
	build_valid();                      /* two empty PT_LOADs */
	set_ph(0, P_FILESZ, 0);
	set_ph(0, P_MEMSZ, 0);
	set_ph(1, P_FILESZ, 0);
	set_ph(1, P_MEMSZ, 0);
	assert_int_equal(check(), ELF_ENOSEGS);
}

static void test_too_many(void **state)
{
	struct elf_info in;

	(void)state;
	build_many(ELF_MAX_SEGS);
	assert_int_equal(check_buf(img, IMG_LEN, WLO, WHI, &in), ELF_OK);
	assert_int_equal(in.nsegs, ELF_MAX_SEGS);
	assert_sane(&in, IMG_LEN, WLO, WHI);
	build_many(ELF_MAX_SEGS + 1);
	assert_int_equal(check(), ELF_ETOOMANY);
	/* nine headers, eight of them PT_LOAD: fine */
	set_ph(ELF_MAX_SEGS, P_TYPE, PT_NOTE);
	assert_int_equal(check(), ELF_OK);
}

static void test_segment_outside_file(void **state)
{
	(void)state;
	build_valid();
	set_ph(1, P_FILESZ, 0x101);         /* ends at 0x1101, one past the file */
	assert_int_equal(check(), ELF_ESEGFILE);
	build_valid();
	set_ph(1, P_OFFSET, 0x2000);        /* still congruent to its vaddr */
	assert_int_equal(check(), ELF_ESEGFILE);
	build_valid();
	set_ph(1, P_FILESZ, 0);             /* all bss: any offset in the file */
	set_ph(1, P_OFFSET, IMG_LEN & ~0xFFFu);
	assert_int_equal(check(), ELF_OK);
	set_ph(1, P_OFFSET, 0x2000);        /* an empty range must still be inside */
	assert_int_equal(check(), ELF_ESEGFILE);
}

static void test_filesz_gt_memsz(void **state)
{
	(void)state;
	build_valid();
	set_ph(1, P_FILESZ, 0x801);
	set_ph(1, P_MEMSZ, 0x800);
	assert_int_equal(check(), ELF_EFILESZ);
	build_valid();
	set_ph(1, P_MEMSZ, 0);              /* memsz 0 but file bytes: not "empty" */
	assert_int_equal(check(), ELF_EFILESZ);
	build_valid();
	set_ph(1, P_MEMSZ, 0x100);          /* filesz == memsz is fine */
	assert_int_equal(check(), ELF_OK);
}

static void test_offset_overflow(void **state)
{
	(void)state;
	build_valid();
	set_ph(1, P_OFFSET, 0xFFFFF000);    /* + 0x2000 wraps to 0x1000 < len */
	set_ph(1, P_FILESZ, 0x2000);
	set_ph(1, P_MEMSZ, 0x2000);
	assert_int_equal(check(), ELF_EOVERFLOW);
	set_ph(1, P_OFFSET, 0xFFFFF000);    /* + 0x1000 = 2^32 exactly */
	set_ph(1, P_FILESZ, 0x1000);
	assert_int_equal(check(), ELF_EOVERFLOW);
	set_ph(1, P_FILESZ, 0xFFF);         /* fits in 32 bits, outside the file */
	assert_int_equal(check(), ELF_ESEGFILE);
}

static void test_vaddr_overflow(void **state)
{
	(void)state;
	build_valid();
	set_ph(1, P_VADDR, 0x020FF000);     /* + 0xFFFFFFFF wraps */
	set_ph(1, P_MEMSZ, 0xFFFFFFFF);
	assert_int_equal(check(), ELF_EOVERFLOW);
	set_ph(1, P_VADDR, 0xFFFFF000);     /* + 0x1000 = 2^32 exactly */
	set_ph(1, P_OFFSET, 0x1000);
	set_ph(1, P_MEMSZ, 0x1000);
	assert_int_equal(check(), ELF_EOVERFLOW);
	set_ph(1, P_MEMSZ, 0xFFF);          /* fits, outside the window */
	assert_int_equal(check(), ELF_EWINDOW);
}

static void test_window(void **state)
{
	(void)state;
	build_valid();
	set_ph(0, P_VADDR, WLO - 0x1000);   /* one page below */
	put32(img, E_ENTRY, WLO - 0x1000 + 0x80);
	assert_int_equal(check(), ELF_EWINDOW);
	build_valid();                      /* last page of the window: fine */
	set_ph(1, P_VADDR, WHI - 0x1000);
	set_ph(1, P_MEMSZ, 0x1000);
	assert_int_equal(check(), ELF_OK);
	set_ph(1, P_MEMSZ, 0x1001);         /* one byte past win_hi */
	assert_int_equal(check(), ELF_EWINDOW);
	build_valid();
	set_ph(1, P_VADDR, WHI);            /* starts at win_hi */
	assert_int_equal(check(), ELF_EWINDOW);
	build_valid();
	set_ph(1, P_VADDR, 0);
	assert_int_equal(check(), ELF_EWINDOW);
	/* the same valid image against a window that misses its first page */
	build_valid();
	assert_int_equal(check_buf(img, IMG_LEN, WLO + 0x1000, WHI, NULL), ELF_EWINDOW);
	assert_int_equal(check_buf(img, IMG_LEN, WLO, WLO + 0x17FF, NULL), ELF_EWINDOW);
	assert_int_equal(check_buf(img, IMG_LEN, WLO, WLO + 0x1800, NULL), ELF_OK);
	assert_int_equal(check_buf(img, IMG_LEN, WHI, WLO, NULL), ELF_EWINDOW);
}

static void test_overlap(void **state)
{
	(void)state;
	build_valid();                      /* same bytes */
	set_ph(1, P_VADDR, WLO);
	set_ph(1, P_OFFSET, 0);
	set_ph(1, P_FILESZ, 0x100);
	assert_int_equal(check(), ELF_EOVERLAP);
	build_valid();                      /* byte-disjoint, same page */
	set_ph(1, P_VADDR, WLO + 0x800);
	set_ph(1, P_OFFSET, 0x800);
	assert_int_equal(check(), ELF_EOVERLAP);
	build_valid();                      /* text fills its page exactly: fine */
	set_ph(0, P_MEMSZ, 0x1000);
	assert_int_equal(check(), ELF_OK);
	set_ph(0, P_MEMSZ, 0x1001);         /* one byte into data's page */
	assert_int_equal(check(), ELF_EOVERLAP);
	build_valid();                      /* text's bss runs into data's page */
	set_ph(1, P_VADDR, WLO + 0x3000);
	set_ph(0, P_VADDR, WLO + 0x2000);
	set_ph(0, P_MEMSZ, 0x1800);
	put32(img, E_ENTRY, WLO + 0x2080);
	assert_int_equal(check(), ELF_EOVERLAP);
}

static void test_wx(void **state)
{
	(void)state;
	build_valid();
	set_ph(1, P_FLAGS, PF_R | PF_W | PF_X);
	assert_int_equal(check(), ELF_EWX);
	set_ph(1, P_FLAGS, PF_W | PF_X);
	assert_int_equal(check(), ELF_EWX);
	build_valid();
	set_ph(0, P_FLAGS, PF_R | PF_W | PF_X);
	assert_int_equal(check(), ELF_EWX);
}

static void test_entry(void **state)
{
	static const uint32_t bad[] = {
		0x02001000,     /* in data */
		0x02000200,     /* one past the end of text */
		0x01FFFFFC,     /* below the window */
		0x00000000,
		0xFFFFFFFF,
	};

	(void)state;
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		build_valid();
		put32(img, E_ENTRY, bad[i]);
		assert_int_equal(check(), ELF_EENTRY);
	}
	build_valid();
	put32(img, E_ENTRY, 0x020001FC);    /* last word of text */
	assert_int_equal(check(), ELF_OK);
	put32(img, E_ENTRY, WLO);           /* first byte of text */
	assert_int_equal(check(), ELF_OK);
	build_valid();
	set_ph(0, P_FLAGS, PF_R);           /* text not executable */
	assert_int_equal(check(), ELF_EENTRY);
}

static void test_align(void **state)
{
	(void)state;
	build_valid();
	set_ph(1, P_OFFSET, 0x1004);        /* vaddr 0x...000, offset 0x...004 */
	set_ph(1, P_FILESZ, 0xFC);
	assert_int_equal(check(), ELF_EALIGN);
	set_ph(1, P_ALIGN, 0);              /* the 4 KiB rule holds without p_align */
	assert_int_equal(check(), ELF_EALIGN);
	set_ph(1, P_ALIGN, 1);
	assert_int_equal(check(), ELF_EALIGN);
	build_valid();
	set_ph(1, P_ALIGN, 3);              /* not a power of two */
	assert_int_equal(check(), ELF_EALIGN);
	set_ph(1, P_ALIGN, 0x1800);
	assert_int_equal(check(), ELF_EALIGN);
	set_ph(1, P_ALIGN, 0);
	assert_int_equal(check(), ELF_OK);
	set_ph(1, P_ALIGN, 1);
	assert_int_equal(check(), ELF_OK);
	set_ph(1, P_ALIGN, 0x10000);        /* 0x02001000 and 0x1000 agree mod 64 KiB */
	assert_int_equal(check(), ELF_OK);
	set_ph(1, P_VADDR, WLO + 0x2000);   /* agree mod 4 KiB, not mod 64 KiB */
	assert_int_equal(check(), ELF_EALIGN);
	set_ph(1, P_ALIGN, 0x1000);
	assert_int_equal(check(), ELF_OK);
}

/* The first broken rule, in elf.h's order, is the one reported. */
static void test_order(void **state)
{
	(void)state;
	build_valid();
	set_ph(1, P_FLAGS, PF_W | PF_X);    /* W^X ... */
	set_ph(1, P_VADDR, WHI);            /* ... and outside the window */
	assert_int_equal(check(), ELF_EWINDOW);
	put16(img, E_TYPE, 3);              /* and not an executable */
	assert_int_equal(check(), ELF_ETYPE);
	img[0] = 0;
	assert_int_equal(check(), ELF_EMAGIC);
}

/* ---- truncation, random input ------------------------------------------------------ */

static void test_truncated(void **state)
{
	(void)state;
	build_valid();
	for (uint32_t len = 0; len < IMG_LEN; len++) {
		int err = check_buf(img, len, WLO, WHI, NULL);

		if (len < EHDR_SIZE)
			assert_int_equal(err, ELF_ETOOSMALL);
		else if (len < PH(2))           /* table ends at 116 */
			assert_int_equal(err, ELF_EPHDR);
		else                            /* text ends at 0x200, data at 0x1100 */
			assert_int_equal(err, ELF_ESEGFILE);
	}
	assert_int_equal(check_buf(img, IMG_LEN, WLO, WHI, NULL), ELF_OK);
}

static uint32_t rng_state;

static uint32_t rng(void)      /* xorshift32 */
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* Check one fuzzed image: either refused or accepted with sane info. */
static int fuzz_one(const uint8_t *buf, uint32_t len, unsigned *seen)
{
	struct elf_info in;
	int err = check_buf(buf, len, WLO, WHI, &in);

	if (err == ELF_OK)
		assert_sane(&in, len, WLO, WHI);
	seen[err]++;
	return err;
}

static void test_random_bytes(void **state)
{
	unsigned seen[ELF_ECOUNT] = { 0 };
	uint8_t buf[512];

	(void)state;
	rng_state = 0x12345678;
	for (int n = 0; n < 10000; n++) {
		uint32_t len = rng() % sizeof buf;

		for (uint32_t i = 0; i < len; i++)
			buf[i] = (uint8_t)rng();
		fuzz_one(buf, len, seen);
	}
	assert_int_equal(seen[ELF_OK], 0);
}

/* A value for a fuzzed header word: often near an edge, sometimes random. */
static uint32_t edgy(void)
{
	static const uint32_t edges[] = {
		0, 1, 0x34, 0x80, 0x200, 0x1000, 0x10FF, 0x1100, 0x1101, 0x10000,
		WLO, WLO + 0x80, WLO + 0x1000, WHI - 0x1000, WHI - 1, WHI,
		0x7FFFFFFF, 0x80000000, 0xFFFFF000, 0xFFFFFFFF,
	};
	uint32_t r = rng();

	if (r % 4 == 0)
		return rng();
	return edges[(r >> 2) % (sizeof edges / sizeof edges[0])] + (r >> 30) - 1;
}

/* Mostly plausible, sometimes edgy: a field of a fuzzed program header. */
static uint32_t maybe(uint32_t plausible)
{
	return rng() % 8 ? plausible : edgy();
}

/*
 * Valid identification and header, random program headers: mostly small
 * segments somewhere in the first pages of the window, with each field
 * sometimes replaced by an edge value, so that every rule gets exercised.
 */
static void test_random_segments(void **state)
{
	unsigned seen[ELF_ECOUNT] = { 0 };
	unsigned rules = 0;

	(void)state;
	rng_state = 0xC0FFEE;
	for (int n = 0; n < 10000; n++) {
		unsigned nph = 1 + rng() % 4;

		build_valid();
		put16(img, E_PHNUM, (uint16_t)nph);
		for (unsigned i = 0; i < nph; i++) {
			uint32_t page = rng() % 6, in_page = rng() % 0x80;
			uint32_t filesz = rng() % 0x80, memsz = filesz + rng() % 0x1200;

			put_ph(img, i, maybe(rng() % 6 ? PT_LOAD : PT_NOTE),
			       maybe((rng() % 2) * 0x1000 + in_page),
			       maybe(WLO + page * 0x1000 + in_page),
			       maybe(filesz), maybe(memsz),
			       maybe(rng() % 2 ? PF_R | PF_X : PF_R | PF_W),
			       maybe(rng() % 4 ? 0x1000 : 0x10000));
		}
		put32(img, E_ENTRY, maybe(WLO + (rng() % 6) * 0x1000 + rng() % 0x200));
		fuzz_one(img, IMG_LEN, seen);
	}
	/* every segment rule was reached and some images passed */
	for (int e = ELF_ENOSEGS; e < ELF_ECOUNT; e++)
		if (e != ELF_ETOOMANY)          /* needs 9 headers; see test_too_many */
			rules += seen[e] > 0;
	assert_int_equal(rules, ELF_ECOUNT - ELF_ENOSEGS - 1);
	assert_true(seen[ELF_OK] > 100);
}

static void test_random_mutations(void **state)
{
	unsigned seen[ELF_ECOUNT] = { 0 };

	(void)state;
	rng_state = 0xDEADBEEF;
	for (int n = 0; n < 10000; n++) {
		uint32_t r = rng();
		/* mostly the headers, where a byte matters; sometimes anywhere */
		uint32_t pos = (r & 3) ? (r >> 2) % PH(2) : (r >> 2) % IMG_LEN;
		uint8_t v = (uint8_t)(1 + rng() % 255);

		build_valid();
		img[pos] ^= v;                  /* never 0: always a change */
		fuzz_one(img, IMG_LEN, seen);
	}
	assert_true(seen[ELF_OK] > 0);      /* e.g. ident padding, e_flags */
	assert_true(seen[ELF_OK] < 10000);
}

/* ---- messages ----------------------------------------------------------------------- */

static void test_strerror(void **state)
{
	(void)state;
	for (int i = 0; i < ELF_ECOUNT; i++) {
		const char *m = elf_strerror(i);

		assert_non_null(m);
		assert_true(strlen(m) > 0);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(m, elf_strerror(j));
		assert_string_not_equal(m, elf_strerror(-1));
	}
	assert_string_equal(elf_strerror(ELF_EMAGIC), "bad magic (not an ELF file)");
	assert_string_equal(elf_strerror(ELF_EWINDOW), "segment outside the process window");
	assert_string_equal(elf_strerror(ELF_EWX),
			    "segment is both writable and executable (W^X)");
	assert_string_equal(elf_strerror(-1), "unknown ELF error");
	assert_string_equal(elf_strerror(ELF_ECOUNT), "unknown ELF error");
	assert_string_equal(elf_strerror(1000), "unknown ELF error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_ignores_other_types),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_magic),
		cmocka_unit_test(test_class),
		cmocka_unit_test(test_endian),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_machine),
		cmocka_unit_test(test_type),
		cmocka_unit_test(test_phentsize),
		cmocka_unit_test(test_phdr_table_bounds),
		cmocka_unit_test(test_phoff_overflow),
		cmocka_unit_test(test_no_segments),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_segment_outside_file),
		cmocka_unit_test(test_filesz_gt_memsz),
		cmocka_unit_test(test_offset_overflow),
		cmocka_unit_test(test_vaddr_overflow),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_wx),
		cmocka_unit_test(test_entry),
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_random_segments),
		cmocka_unit_test(test_random_mutations),
		cmocka_unit_test(test_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
