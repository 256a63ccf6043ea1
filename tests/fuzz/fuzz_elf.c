/*
 * tests/fuzz/fuzz_elf.c - the ELF checker (kernel/elf.c) on arbitrary bytes.
 *
 * The input is the image itself, so a real ELF file is a valid seed.  Each
 * input is checked for three windows: the process window the loader uses
 * (kernel/window.h), the whole address space, and a window the input picks
 * through e_shoff and e_flags, two header fields the checker ignores.
 *
 * Oracle: a second, deliberately plain reading of the rules in
 * kernel/elf.h, with 64-bit sums so that it needs no wrap tests, computes
 * the first rule broken.  elf_check() must return exactly that code, and
 * when it accepts, the same segments.  Besides, whatever the reference
 * says, an accepted image must satisfy what the loader relies on: every
 * segment's file bytes inside the image, its memory inside the window, not
 * W and X, vaddr and offset congruent mod 4 KiB, page-disjoint segments,
 * an executable entry.  A refused image leaves *out untouched.
 */
#include "tests/fuzz/fuzz.h"

#include "kernel/elf.h"
#include "kernel/window.h"

#define PAGE 4096u

/* [gABI] "ELF Header" / "Program Header" field offsets */
#define EH_TYPE      16
#define EH_MACHINE   18
#define EH_VERSION   20
#define EH_ENTRY     24
#define EH_PHOFF     28
#define EH_SHOFF     32
#define EH_FLAGS     36
#define EH_PHENTSIZE 42
#define EH_PHNUM     44
#define EH_SIZE      52
#define PH_SIZE      32

static uint32_t le16(const uint8_t *p) { return p[0] | (uint32_t)p[1] << 8; }
static uint32_t le32(const uint8_t *p) { return le16(p) | le16(p + 2) << 16; }

/* The first header rule img[0, len) breaks, or ELF_OK. */
static int ref_header(const uint8_t *img, size_t len)
{
	uint64_t table_end;

	if (len < EH_SIZE)
		return ELF_ETOOSMALL;
	if (memcmp(img, "\x7f" "ELF", 4) != 0)
		return ELF_EMAGIC;
	if (img[4] != 1)
		return ELF_ECLASS;
	if (img[5] != 1)
		return ELF_EENDIAN;
	if (img[6] != 1 || le32(img + EH_VERSION) != 1)
		return ELF_EVERSION;
	if (le16(img + EH_MACHINE) != 40)
		return ELF_EMACHINE;
	if (le16(img + EH_TYPE) != 2)
		return ELF_ETYPE;
	if (le16(img + EH_PHENTSIZE) != PH_SIZE)
		return ELF_EPHDR;
	table_end = (uint64_t)le32(img + EH_PHOFF) + (uint64_t)le16(img + EH_PHNUM) * PH_SIZE;
	if (table_end > UINT32_MAX)
		return ELF_EOVERFLOW;
	if (table_end > len)
		return ELF_EPHDR;
	return ELF_OK;
}

/* The first rule one PT_LOAD header breaks, or ELF_OK and *s filled. */
static int ref_seg(const uint8_t *ph, size_t len, uint32_t lo, uint32_t hi,
		   struct elf_seg *s)
{
	uint32_t off = le32(ph + 4), va = le32(ph + 8), filesz = le32(ph + 16);
	uint32_t memsz = le32(ph + 20), flags = le32(ph + 24), align = le32(ph + 28);

	if (filesz > memsz)
		return ELF_EFILESZ;
	if ((uint64_t)off + filesz > UINT32_MAX)
		return ELF_EOVERFLOW;
	if ((uint64_t)off + filesz > len)
		return ELF_ESEGFILE;
	if ((uint64_t)va + memsz > UINT32_MAX)
		return ELF_EOVERFLOW;
	if (va < lo || (uint64_t)va + memsz > hi)
		return ELF_EWINDOW;
	if ((flags & 2) && (flags & 1))
		return ELF_EWX;
	if (align > 1 && (__builtin_popcount(align) != 1 || va % align != off % align))
		return ELF_EALIGN;
	if (va % PAGE != off % PAGE)
		return ELF_EALIGN;
	*s = (struct elf_seg){ .vaddr = va, .memsz = memsz, .filesz = filesz,
			       .offset = off, .r = flags & 4, .w = flags & 2, .x = flags & 1 };
	return ELF_OK;
}

/* The first rule the image breaks, or ELF_OK and *info filled. */
static int ref_check(const uint8_t *img, size_t len, uint32_t lo, uint32_t hi,
		     struct elf_info *info)
{
	int err = ref_header(img, len);
	bool entry_ok = false;

	if (err)
		return err;
	memset(info, 0, sizeof *info);
	info->entry = le32(img + EH_ENTRY);
	for (uint32_t i = 0; i < le16(img + EH_PHNUM); i++) {
		const uint8_t *ph = img + le32(img + EH_PHOFF) + i * PH_SIZE;

		if (le32(ph) != 1 || (le32(ph + 16) == 0 && le32(ph + 20) == 0))
			continue;
		if (info->nsegs == ELF_MAX_SEGS)
			return ELF_ETOOMANY;
		err = ref_seg(ph, len, lo, hi, &info->seg[info->nsegs]);
		if (err)
			return err;
		info->nsegs++;
	}
	if (info->nsegs == 0)
		return ELF_ENOSEGS;
	info->lo = UINT32_MAX;
	for (unsigned i = 0; i < info->nsegs; i++) {
		const struct elf_seg *a = &info->seg[i];

		for (unsigned j = 0; j < i; j++) {
			const struct elf_seg *b = &info->seg[j];

			if (a->vaddr / PAGE <= (b->vaddr + b->memsz - 1) / PAGE &&
			    b->vaddr / PAGE <= (a->vaddr + a->memsz - 1) / PAGE)
				return ELF_EOVERLAP;
		}
		if (a->x && info->entry >= a->vaddr &&
		    (uint64_t)info->entry < (uint64_t)a->vaddr + a->memsz)
			entry_ok = true;
		info->lo = a->vaddr < info->lo ? a->vaddr : info->lo;
		info->hi = a->vaddr + a->memsz > info->hi ? a->vaddr + a->memsz : info->hi;
	}
	return entry_ok ? ELF_OK : ELF_EENTRY;
}

/* What the loader relies on, checked on elf_check()'s own output. */
static void check_accepted(const struct elf_info *in, uint32_t len, uint32_t lo, uint32_t hi)
{
	bool entry_ok = false;

	FUZZ_CHECK(in->nsegs >= 1 && in->nsegs <= ELF_MAX_SEGS, "nsegs %u", in->nsegs);
	FUZZ_CHECK(in->lo >= lo && in->hi <= hi && in->lo < in->hi,
		   "lo..hi 0x%x..0x%x, window 0x%x..0x%x", in->lo, in->hi, lo, hi);
	for (unsigned i = 0; i < in->nsegs; i++) {
		const struct elf_seg *s = &in->seg[i];

		FUZZ_CHECK(s->memsz > 0 && s->filesz <= s->memsz, "seg %u: filesz 0x%x memsz 0x%x",
			   i, s->filesz, s->memsz);
		FUZZ_CHECK((uint64_t)s->offset + s->filesz <= len,
			   "seg %u: file bytes 0x%x+0x%x past len 0x%x", i, s->offset, s->filesz, len);
		FUZZ_CHECK(s->vaddr >= lo && (uint64_t)s->vaddr + s->memsz <= hi,
			   "seg %u: 0x%x+0x%x outside window 0x%x..0x%x", i, s->vaddr, s->memsz, lo, hi);
		FUZZ_CHECK(s->vaddr >= in->lo && s->vaddr + s->memsz <= in->hi,
			   "seg %u outside lo..hi", i);
		FUZZ_CHECK(!(s->w && s->x), "seg %u: W and X", i);
		FUZZ_CHECK(s->vaddr % PAGE == s->offset % PAGE, "seg %u: vaddr 0x%x offset 0x%x",
			   i, s->vaddr, s->offset);
		for (unsigned j = 0; j < i; j++) {
			const struct elf_seg *t = &in->seg[j];

			FUZZ_CHECK((s->vaddr + s->memsz - 1) / PAGE < t->vaddr / PAGE ||
				   (t->vaddr + t->memsz - 1) / PAGE < s->vaddr / PAGE,
				   "segs %u and %u share a page", j, i);
		}
		if (s->x && in->entry >= s->vaddr && in->entry - s->vaddr < s->memsz)
			entry_ok = true;
	}
	FUZZ_CHECK(entry_ok, "entry 0x%x in no executable segment", in->entry);
}

static void check_one(const uint8_t *img, uint32_t len, uint32_t lo, uint32_t hi)
{
	struct elf_info got, want, untouched;
	int err, ref;

	memset(&got, 0x5A, sizeof got);
	memset(&untouched, 0x5A, sizeof untouched);
	err = elf_check(img, len, lo, hi, &got);
	ref = ref_check(img, len, lo, hi, &want);
	FUZZ_CHECK(err == ref, "window 0x%x..0x%x: elf_check %d (%s), reference %d (%s)",
		   lo, hi, err, elf_strerror(err), ref, elf_strerror(ref));
	FUZZ_CHECK(elf_check(img, len, lo, hi, NULL) == err, "out == NULL changes the answer");
	FUZZ_CHECK(err >= 0 && err < ELF_ECOUNT, "error %d out of range", err);
	FUZZ_CHECK(strcmp(elf_strerror(err), "unknown ELF error") != 0, "no message for %d", err);
	if (err != ELF_OK) {
		FUZZ_CHECK(memcmp(&got, &untouched, sizeof got) == 0, "refused, but *out written");
		return;
	}
	check_accepted(&got, len, lo, hi);
	FUZZ_CHECK(got.entry == want.entry && got.nsegs == want.nsegs &&
		   got.lo == want.lo && got.hi == want.hi, "info differs from the reference");
	for (unsigned i = 0; i < got.nsegs; i++) {
		const struct elf_seg *g = &got.seg[i], *w = &want.seg[i];

		FUZZ_CHECK(g->vaddr == w->vaddr && g->memsz == w->memsz &&
			   g->filesz == w->filesz && g->offset == w->offset &&
			   g->r == w->r && g->w == w->w && g->x == w->x,
			   "seg %u differs from the reference", i);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t len = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
	int code = size >= 4 ? (int)le32(data) : -1;   /* any int at all */

	FUZZ_CHECK(elf_strerror(code) != NULL, "elf_strerror(%d) is NULL", code);

	check_one(data, len, WIN_BASE, WIN_HEAP_LIMIT);
	check_one(data, len, 0, UINT32_MAX);
	if (len >= EH_SIZE)
		check_one(data, len, le32(data + EH_SHOFF), le32(data + EH_FLAGS));
	return 0;
}
