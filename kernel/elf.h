/*
 * kernel/elf.h - checking an ELF executable before anything is loaded.
 *
 * References:
 *   [gABI] System V Application Binary Interface, Generic ABI, ch. 4
 *          "Object Files": "ELF Header" (e_ident, EI_CLASS, EI_DATA,
 *          EI_VERSION), ch. 5 "Program Loading": "Program Header" (PT_LOAD,
 *          p_align), "Segment Permissions" (PF_X, PF_W, PF_R).
 *   [AAELF] ELF for the Arm Architecture (ARM IHI 0044): EM_ARM = 40.
 *
 * Every image is untrusted input: a user program may hand the loader any
 * bytes.  elf_check() reads the headers with memcpy into local copies, never
 * reads beyond `len`, and refuses anything that the loader could not map
 * safely into the process window [win_lo, win_hi):
 *
 *   file:   +--------+---------+-- ... --+----------------+--------------+
 *           | Ehdr   | Phdr[n] |         | seg bytes      | seg bytes    |
 *           +--------+---------+-- ... --+----------------+--------------+
 *           0        phoff                p_offset        p_offset+filesz <= len
 *
 *   window: win_lo                                                   win_hi
 *           +----------+----------+----------+----------+--- ... ---+
 *           | seg 0 pages (R X)   | seg 1 pages (R W)   |           |
 *           +----------+----------+----------+----------+--- ... ---+
 *                      vaddr .. vaddr+memsz, filesz <= memsz (rest zeroed)
 *
 * Rules, in the order they are checked (the first failure is returned):
 *   ELF32, little-endian, EV_CURRENT, EM_ARM, ET_EXEC; e_phentsize == 32
 *   and the program header table inside the file; then per PT_LOAD segment
 *   (other types are ignored, and so is an empty PT_LOAD, p_memsz ==
 *   p_filesz == 0, which loads nothing): at most ELF_MAX_SEGS of them,
 *   filesz <= memsz, the file bytes inside the file, the memory inside the
 *   window, not W and X at once, p_align 0, 1 or a power of two with
 *   vaddr == offset modulo p_align, and vaddr == offset modulo 4 KiB (so
 *   pages can be mapped straight from the file); then at least one
 *   segment, no two segments touching the same 4 KiB page (page-disjoint:
 *   a shared page would need the union of two segments' rights, so it is
 *   refused), and the entry inside an executable segment.
 * Any sum that would wrap past 2^32 (phoff + table size, offset + filesz,
 * vaddr + memsz) is ELF_EOVERFLOW; a sum that fits but lies outside is
 * ELF_EPHDR, ELF_ESEGFILE or ELF_EWINDOW.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdbool.h>
#include <stdint.h>

#define ELF_MAX_SEGS 8

/* One loadable segment, as checked. */
struct elf_seg {
	uint32_t vaddr, memsz, filesz, offset;
	bool r, w, x;
};

struct elf_info {
	uint32_t entry;
	unsigned nsegs;
	struct elf_seg seg[ELF_MAX_SEGS];   /* in program header order */
	uint32_t lo, hi;    /* lowest vaddr, highest vaddr + memsz */
};

enum elf_err {
	ELF_OK = 0,
	ELF_ETOOSMALL,      /* shorter than an ELF header */
	ELF_EMAGIC,         /* no \x7fELF */
	ELF_ECLASS,         /* not ELFCLASS32 */
	ELF_EENDIAN,        /* not ELFDATA2LSB */
	ELF_EVERSION,       /* e_ident[EI_VERSION] or e_version not EV_CURRENT */
	ELF_EMACHINE,       /* not EM_ARM */
	ELF_ETYPE,          /* not ET_EXEC */
	ELF_EPHDR,          /* ph table outside file / bad phentsize */
	ELF_ENOSEGS,        /* no PT_LOAD segment */
	ELF_ETOOMANY,       /* more than ELF_MAX_SEGS PT_LOAD segments */
	ELF_ESEGFILE,       /* segment bytes outside file */
	ELF_EFILESZ,        /* filesz > memsz */
	ELF_EOVERFLOW,      /* size/offset arithmetic overflows */
	ELF_EWINDOW,        /* segment outside the window */
	ELF_EOVERLAP,       /* two segments share a page */
	ELF_EWX,            /* writable and executable */
	ELF_EENTRY,         /* entry not in an executable segment */
	ELF_EALIGN,         /* vaddr/offset not congruent mod 4 KiB or p_align bad */
	ELF_ECOUNT
};

/*
 * Check the image img[0, len) for loading into [win_lo, win_hi).  Returns
 * ELF_OK and fills *out (if out is not NULL), or returns the first rule
 * broken (a positive enum elf_err) and leaves *out untouched.  Pure: reads
 * only img[0, len), no hardware, no allocation.
 */
int elf_check(const void *img, uint32_t len, uint32_t win_lo, uint32_t win_hi,
	      struct elf_info *out);

/* A one-line description of an elf_check() result; never NULL. */
const char *elf_strerror(int err);

#endif
