/*
 * kernel/vm.c - demand paging and copy-on-write (see vm.h).
 *
 * The decision is vma_decide() (kernel/vma.c, host-tested); this file
 * carries it out on the window.  Every frame a fault needs comes from
 * frame_alloc(), never from the kernel's reserve: when memory runs out the
 * faulting process is killed ("out of memory"), and the reserve stays for
 * the exits and waits that give memory back.
 *
 * Caches: the kernel fills and copies pages through its own mapping of
 * the frame.  The ARM1176 D-cache is physically tagged and, at 16 KiB
 * 4-way (4 KiB a way), has no page-colouring aliases (TRM 3.2.3, cache
 * type register P bit clear; 6.11.3), so the user's mapping sees those
 * writes with no maintenance.  The I-cache does not snoop the D-cache
 * (TRM 3.2.22): a page that will be executed is cleaned and the I-cache
 * invalidated before it is mapped (window_sync_code).
 */
#include "kernel/vm.h"
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/frame.h"
#include "kernel/kprintf.h"
#include "kernel/proc.h"
#include "kernel/progs.h"
#include "kernel/string.h"
#include "kernel/syscall_nr.h"
#include "kernel/window.h"

struct vm_stats vm_stats;

#define PAGE 0x1000u

int vm_load(struct proc *p, const struct prog *prog, const struct elf_info *info)
{
	struct vm_map *m = &p->vm;
	uint32_t brk;

	m->n = 0;
	for (unsigned i = 0; i < info->nsegs; i++) {
		const struct elf_seg *s = &info->seg[i];
		enum vma_rights r = s->x ? VMA_RX : (s->w ? VMA_RW : VMA_RO);
		struct vma *v = vma_add(m, s->vaddr & ~(PAGE - 1),
					(s->vaddr + s->memsz + PAGE - 1) & ~(PAGE - 1),
					r, VMA_SEGMENT);
		if (!v)
			return -ENOMEM;
		v->file_va = s->vaddr;
		v->file_len = s->filesz;
		v->file_off = s->offset;
	}
	brk = (info->hi + PAGE - 1) & ~(PAGE - 1);
	if (!vma_add(m, brk, brk, VMA_RW, VMA_HEAP) ||
	    !vma_add(m, WIN_STACK_BOTTOM, WIN_TOP, VMA_RW, VMA_STACK))
		return -ENOMEM;
	p->brk = p->brk_base = brk;
	p->image = prog;
	prog_hold(prog);
	return 0;
}

void vm_release(struct proc *p)
{
	if (p->image)
		prog_release(p->image);
	p->image = 0;
	p->vm.n = 0;
}

/* ---- serving a fault: one function per action ------------------------------ */

static uint32_t new_frame(void)
{
	return frame_alloc(FRAME_USER);    /* never the reserve */
}

static int zero_fill(struct proc *p, struct vma *v, uint32_t va)
{
	uint32_t pa = frame_alloc_zeroed(FRAME_USER);

	if (!pa)
		return WAIT_CAUSE_OOM;
	if (v->rights == VMA_RX)
		window_sync_code(frame_kva(pa), PAGE);
	window_map_frame(p, va, pa, (enum win_rights)v->rights);
	vm_stats.zero_fills++;
	return 0;
}

static int file_load(struct proc *p, struct vma *v, uint32_t va)
{
	uint32_t pa = new_frame(), lo = 0, hi = 0;
	uint8_t *k;

	if (!pa)
		return WAIT_CAUSE_OOM;
	k = frame_kva(pa);
	vma_page_source(v, va, &lo, &hi);
	memset(k, 0, lo);
	memcpy(k + lo, p->image->data + v->file_off + (va + lo - v->file_va), hi - lo);
	memset(k + hi, 0, PAGE - hi);
	if (v->rights == VMA_RX)
		window_sync_code(k, PAGE);
	window_map_frame(p, va, pa, (enum win_rights)v->rights);
	vm_stats.file_loads++;
	return 0;
}

static int cow_copy(struct proc *p, struct vma *v, uint32_t va)
{
	uint32_t old = l2e_pa(window_entry(p, va)), pa = new_frame();

	(void)v;
	if (!pa)
		return WAIT_CAUSE_OOM;
	memcpy(frame_kva(pa), frame_kva(old), PAGE);
	window_remap(p, va, pa, WIN_RW);
	frame_put(old);
	vm_stats.cow_copies++;
	return 0;
}

static int cow_reuse(struct proc *p, struct vma *v, uint32_t va)
{
	(void)v;
	window_remap(p, va, l2e_pa(window_entry(p, va)), WIN_RW);
	vm_stats.cow_reuses++;
	return 0;
}

static int (*const serve[])(struct proc *, struct vma *, uint32_t) = {
	[VA_ZERO_FILL] = zero_fill,
	[VA_FILE_LOAD] = file_load,
	[VA_COW_COPY]  = cow_copy,
	[VA_COW_REUSE] = cow_reuse,
};

int vm_fault(struct proc *p, uint32_t va, enum vma_fault_kind kind,
	     bool write, bool exec, uint32_t sp, bool *overflow)
{
	struct vma *v = vma_find(&p->vm, va);
	struct vma_fault f = {
		.va = va, .kind = kind, .write = write, .exec = exec, .sp = sp,
		.stack_guard_lo = WIN_HEAP_LIMIT,
	};
	enum vma_action a;

	*overflow = false;
	if (kind == VF_PERMISSION) {
		l2e_t e = window_entry(p, va);
		if (l2e_kind(e) != L2_SMALL)
			return WAIT_CAUSE_FAULT;
		f.pte_writable = window_entry_writable(e);
		f.refs = frame_refs(l2e_pa(e));
	}
	/* the stack region matters only outside every region (overflow) */
	a = vma_decide(v, v ? 0 : vma_of_kind(&p->vm, VMA_STACK), &f);
	if (a == VA_STACK_OVERFLOW)
		*overflow = true;
	if ((unsigned)a >= sizeof serve / sizeof serve[0] || !serve[a])
		return WAIT_CAUSE_FAULT;
	return serve[a](p, v, va & ~(PAGE - 1));   /* the caller counts OOM kills */
}

int vm_fork(struct proc *parent, struct proc *child)
{
	int err = window_share(parent, child);

	if (err)
		return err;
	child->vm = parent->vm;
	child->brk = parent->brk;
	child->brk_base = parent->brk_base;
	child->image = parent->image;
	prog_hold(child->image);
	vm_stats.forks++;
	return 0;
}

enum vm_page_state vm_page_state(struct proc *p, uint32_t va, unsigned *refs)
{
	const struct vma *v = vma_find(&p->vm, va);
	l2e_t e = window_entry(p, va);
	uint32_t lo, hi;

	*refs = 0;
	if (l2e_kind(e) == L2_SMALL) {
		*refs = frame_refs(l2e_pa(e));
		if (v && v->rights == VMA_RW && !window_entry_writable(e))
			return VP_COW;
		return *refs > 1 ? VP_SHARED_RO : VP_PRIVATE;
	}
	if (!v)
		return VP_NONE;
	return vma_page_source(v, va & ~(PAGE - 1), &lo, &hi) == VMA_SRC_FILE
		? VP_FILE_PENDING : VP_ZERO_PENDING;
}

const char *vm_page_state_name(enum vm_page_state s)
{
	static const char *const names[] = {
		[VP_NONE] = "-", [VP_PRIVATE] = "private", [VP_SHARED_RO] = "shared",
		[VP_COW] = "cow", [VP_ZERO_PENDING] = "zero-pending",
		[VP_FILE_PENDING] = "file-pending",
	};
	return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}
