/*
 * kernel/vma.h - a process's valid regions, and what a fault in one means.
 *
 * Linux's vm_area idea kept small: a process has at most VMA_MAX regions,
 * each a page-aligned range of its window with the rights its pages get and
 * where their contents come from.  A page of a region need not be mapped:
 * it arrives on first touch (demand paging), either copied from the
 * program image (the file-backed bytes of an ELF segment) or zero-filled
 * (bss, heap, stack).  A fault outside every region is a real fault.
 *
 *   ELF segment   [vaddr & ~0xFFF, vaddr + memsz rounded up)   file, then zero
 *   heap          [brk_base, brk rounded up)                    zero, grows up
 *   stack         [WIN_STACK_BOTTOM, WIN_TOP)                   zero
 *
 * Copy-on-write needs no extra bit: a present page that is read-only in a
 * writable region is shared with another process (or was, until it exited),
 * and a write to it is served by vma_decide() below.
 *
 * Everything here is pure logic over plain data, so the host tests cover
 * region lookup and each fault decision.
 */
#ifndef KERNEL_VMA_H
#define KERNEL_VMA_H

#include <stdbool.h>
#include <stdint.h>

#define VMA_MAX 10      /* ELF_MAX_SEGS segments, the heap and the stack */

enum vma_rights { VMA_RX, VMA_RO, VMA_RW };

enum vma_kind {
	VMA_SEGMENT,    /* an ELF segment: file bytes, then zeros */
	VMA_HEAP,       /* sbrk moves its end */
	VMA_STACK,
};

struct vma {
	uint32_t start, end;            /* page aligned; end exclusive */
	uint8_t rights;                 /* enum vma_rights */
	uint8_t kind;                   /* enum vma_kind */
	uint32_t file_va, file_len;     /* [file_va, file_va + file_len) ... */
	uint32_t file_off;              /* ... comes from image + file_off */
};

struct vm_map {
	struct vma v[VMA_MAX];
	unsigned n;
};

/* Add a region; returns it, or NULL if the map is full or the range is
 * empty, unaligned, or overlaps a region already there. */
struct vma *vma_add(struct vm_map *m, uint32_t start, uint32_t end,
		    enum vma_rights r, enum vma_kind kind);
/* The region holding va, or NULL. */
struct vma *vma_find(struct vm_map *m, uint32_t va);
const struct vma *vma_find_const(const struct vm_map *m, uint32_t va);
/* The region of a kind (the heap, the stack), or NULL. */
struct vma *vma_of_kind(struct vm_map *m, enum vma_kind kind);
/* Bytes reserved by every region together. */
uint32_t vma_reserved(const struct vm_map *m);

/* Where a not-yet-mapped page's contents come from. */
enum vma_source { VMA_SRC_ZERO, VMA_SRC_FILE };
/* For the page at va (page aligned) of region v: VMA_SRC_FILE if any file
 * byte lands in it, with [*lo, *hi) the in-page byte range the file
 * fills; VMA_SRC_ZERO otherwise. */
enum vma_source vma_page_source(const struct vma *v, uint32_t va,
				uint32_t *lo, uint32_t *hi);

/* ---- fault decisions ------------------------------------------------------ */

enum vma_fault_kind {
	VF_TRANSLATION,     /* no page mapped at va */
	VF_PERMISSION,      /* a page is mapped, the access is not allowed */
	VF_OTHER,           /* alignment, domain, external...: never served */
};

struct vma_fault {
	uint32_t va;
	enum vma_fault_kind kind;
	bool write, exec;
	bool pte_writable;          /* VF_PERMISSION: the page's entry allows user writes */
	unsigned refs;              /* VF_PERMISSION: the frame's reference count */
	uint32_t sp;                /* the user stack pointer at the fault */
	uint32_t stack_guard_lo;    /* [stack_guard_lo, stack region start): overflow */
};

enum vma_action {
	VA_KILL,            /* a real fault */
	VA_STACK_OVERFLOW,  /* a real fault, reported as stack overflow */
	VA_ZERO_FILL,       /* map a zeroed frame with the region's rights */
	VA_FILE_LOAD,       /* map a frame filled from the image */
	VA_COW_COPY,        /* shared: copy into a new frame, map it writable */
	VA_COW_REUSE,       /* sole owner now: make the page writable in place */
};

/* What to do about fault f.  v is the region holding f->va (or NULL);
 * stack is the stack region (or NULL), for the overflow rule:
 *   - an address in [f->stack_guard_lo, stack->start) is a stack overflow,
 *     and so is an address outside every region while f->sp is below the
 *     stack region (a frame too big to land in the guard). */
enum vma_action vma_decide(const struct vma *v, const struct vma *stack,
			   const struct vma_fault *f);
const char *vma_action_name(enum vma_action a);

#endif
