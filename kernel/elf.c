/*
 * kernel/elf.c - ELF executable checker (see elf.h for the rules).
 *
 * The image is untrusted and may sit at any alignment, so every header is
 * copied with memcpy into a local struct before it is looked at, and every
 * bound is checked with subtraction (x <= len - n) or an explicit wrap test
 * before it is used.  Headers are little-endian, as are ARM and the x86
 * host the tests run on, so the copies need no byte swapping.
 */
#include <stddef.h>

#include "kernel/elf.h"
#include "kernel/string.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "elf.c reads little-endian headers in place; add byte swapping"
#endif

/* [gABI] "ELF Header": e_ident indexes and values */
#define EI_MAG0        0
#define EI_CLASS       4
#define EI_DATA        5
#define EI_VERSION     6
#define EI_NIDENT      16
#define ELFCLASS32     1
#define ELFDATA2LSB    1
#define EV_CURRENT     1
#define ET_EXEC        2
#define EM_ARM         40          /* [AAELF] */

/* [gABI] "Program Header": p_type and "Segment Permissions": p_flags */
#define PT_LOAD        1
#define PF_X           (1u << 0)
#define PF_W           (1u << 1)
#define PF_R           (1u << 2)

#define ELF_PAGE       4096u       /* the loader maps 4 KiB small pages */
#define ELF_PAGE_SHIFT 12

struct elf32_ehdr {
	uint8_t  e_ident[EI_NIDENT];
	uint16_t e_type, e_machine;
	uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf32_phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr;
	uint32_t p_filesz, p_memsz, p_flags, p_align;
};

/* The file layout, from [gABI] Figures "ELF Header" and "Program Header". */
_Static_assert(sizeof(struct elf32_ehdr) == 52, "Elf32_Ehdr is 52 bytes");
_Static_assert(offsetof(struct elf32_ehdr, e_entry) == 24, "e_entry at 24");
_Static_assert(offsetof(struct elf32_ehdr, e_phoff) == 28, "e_phoff at 28");
_Static_assert(offsetof(struct elf32_ehdr, e_phentsize) == 42, "e_phentsize at 42");
_Static_assert(offsetof(struct elf32_ehdr, e_phnum) == 44, "e_phnum at 44");
_Static_assert(sizeof(struct elf32_phdr) == 32, "Elf32_Phdr is 32 bytes");
_Static_assert(offsetof(struct elf32_phdr, p_flags) == 24, "p_flags at 24");

static const char *const messages[ELF_ECOUNT] = {
	[ELF_OK]        = "ok",
	[ELF_ETOOSMALL] = "file too small for an ELF header",
	[ELF_EMAGIC]    = "bad magic (not an ELF file)",
	[ELF_ECLASS]    = "not a 32-bit ELF file",
	[ELF_EENDIAN]   = "not a little-endian ELF file",
	[ELF_EVERSION]  = "unknown ELF version",
	[ELF_EMACHINE]  = "not an ARM executable",
	[ELF_ETYPE]     = "not an executable (ET_EXEC) file",
	[ELF_EPHDR]     = "program header table bad or outside the file",
	[ELF_ENOSEGS]   = "no loadable segment",
	[ELF_ETOOMANY]  = "too many loadable segments",
	[ELF_ESEGFILE]  = "segment data outside the file",
	[ELF_EFILESZ]   = "segment file size larger than its memory size",
	[ELF_EOVERFLOW] = "segment size or offset overflows",
	[ELF_EWINDOW]   = "segment outside the process window",
	[ELF_EOVERLAP]  = "segments overlap (share a page)",
	[ELF_EWX]       = "segment is both writable and executable (W^X)",
	[ELF_EENTRY]    = "entry point not in an executable segment",
	[ELF_EALIGN]    = "segment alignment bad (vaddr and offset differ mod page)",
};

const char *elf_strerror(int err)
{
	if (err < 0 || err >= ELF_ECOUNT)
		return "unknown ELF error";
	return messages[err];
}

/* Check e_ident and the fixed header fields.  Returns ELF_OK or the error. */
static int check_ehdr(const struct elf32_ehdr *eh, uint32_t len)
{
	static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };
	uint32_t table;

	if (memcmp(&eh->e_ident[EI_MAG0], magic, sizeof magic) != 0)
		return ELF_EMAGIC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS32)
		return ELF_ECLASS;
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return ELF_EENDIAN;
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return ELF_EVERSION;
	if (eh->e_machine != EM_ARM)
		return ELF_EMACHINE;
	if (eh->e_type != ET_EXEC)
		return ELF_ETYPE;
	if (eh->e_phentsize != sizeof(struct elf32_phdr))
		return ELF_EPHDR;
	table = (uint32_t)eh->e_phnum * sizeof(struct elf32_phdr);  /* <= 2 MiB */
	if (eh->e_phoff > UINT32_MAX - table)
		return ELF_EOVERFLOW;
	if (eh->e_phoff + table > len)
		return ELF_EPHDR;
	return ELF_OK;
}

static bool is_pow2(uint32_t x)
{
	return x && !(x & (x - 1));
}

/*
 * Check one PT_LOAD header against the file length and the window, and on
 * success describe it in *seg.  Returns ELF_OK or the error.
 */
static int check_seg(const struct elf32_phdr *ph, uint32_t len,
		     uint32_t win_lo, uint32_t win_hi, struct elf_seg *seg)
{
	if (ph->p_filesz > ph->p_memsz)
		return ELF_EFILESZ;
	if (ph->p_offset > UINT32_MAX - ph->p_filesz)
		return ELF_EOVERFLOW;
	if (ph->p_offset + ph->p_filesz > len)
		return ELF_ESEGFILE;
	if (ph->p_vaddr > UINT32_MAX - ph->p_memsz)
		return ELF_EOVERFLOW;
	if (ph->p_vaddr < win_lo || ph->p_vaddr + ph->p_memsz > win_hi)
		return ELF_EWINDOW;
	if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
		return ELF_EWX;
	if (ph->p_align > 1 && (!is_pow2(ph->p_align) ||
	    (ph->p_vaddr & (ph->p_align - 1)) != (ph->p_offset & (ph->p_align - 1))))
		return ELF_EALIGN;
	if ((ph->p_vaddr & (ELF_PAGE - 1)) != (ph->p_offset & (ELF_PAGE - 1)))
		return ELF_EALIGN;
	*seg = (struct elf_seg){
		.vaddr = ph->p_vaddr, .memsz = ph->p_memsz,
		.filesz = ph->p_filesz, .offset = ph->p_offset,
		.r = ph->p_flags & PF_R, .w = ph->p_flags & PF_W,
		.x = ph->p_flags & PF_X,
	};
	return ELF_OK;
}

/* Do two (non-empty) segments touch a common 4 KiB page? */
static bool pages_overlap(const struct elf_seg *a, const struct elf_seg *b)
{
	uint32_t a0 = a->vaddr >> ELF_PAGE_SHIFT;
	uint32_t a1 = (a->vaddr + a->memsz - 1) >> ELF_PAGE_SHIFT;
	uint32_t b0 = b->vaddr >> ELF_PAGE_SHIFT;
	uint32_t b1 = (b->vaddr + b->memsz - 1) >> ELF_PAGE_SHIFT;

	return a0 <= b1 && b0 <= a1;
}

/*
 * Whole-image rules over the checked segments in *info: page-disjoint
 * segments and an executable entry.  Fills info->lo and info->hi.
 */
static int check_layout(struct elf_info *info)
{
	bool entry_ok = false;

	if (info->nsegs == 0)
		return ELF_ENOSEGS;
	info->lo = UINT32_MAX;
	info->hi = 0;
	for (unsigned i = 0; i < info->nsegs; i++) {
		const struct elf_seg *s = &info->seg[i];

		for (unsigned j = 0; j < i; j++)
			if (pages_overlap(s, &info->seg[j]))
				return ELF_EOVERLAP;
		if (s->x && info->entry >= s->vaddr && info->entry - s->vaddr < s->memsz)
			entry_ok = true;
		if (s->vaddr < info->lo)
			info->lo = s->vaddr;
		if (s->vaddr + s->memsz > info->hi)
			info->hi = s->vaddr + s->memsz;
	}
	return entry_ok ? ELF_OK : ELF_EENTRY;
}

int elf_check(const void *img, uint32_t len, uint32_t win_lo, uint32_t win_hi,
	      struct elf_info *out)
{
	const uint8_t *file = img;
	struct elf32_ehdr eh;
	struct elf_info info = { 0 };
	int err;

	if (!img || len < sizeof eh)
		return ELF_ETOOSMALL;
	memcpy(&eh, file, sizeof eh);
	err = check_ehdr(&eh, len);
	if (err)
		return err;
	info.entry = eh.e_entry;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		struct elf32_phdr ph;

		memcpy(&ph, file + eh.e_phoff + i * sizeof ph, sizeof ph);
		if (ph.p_type != PT_LOAD || (ph.p_memsz == 0 && ph.p_filesz == 0))
			continue;
		if (info.nsegs == ELF_MAX_SEGS)
			return ELF_ETOOMANY;
		err = check_seg(&ph, len, win_lo, win_hi, &info.seg[info.nsegs]);
		if (err)
			return err;
		info.nsegs++;
	}
	err = check_layout(&info);
	if (err)
		return err;
	if (out)
		*out = info;
	return ELF_OK;
}
