/*
 * kernel/vma.c - region lookup and fault decisions (see vma.h).
 */
#include "kernel/vma.h"

#define PAGE 0x1000u

static bool aligned(uint32_t a)
{
	return (a & (PAGE - 1)) == 0;
}

struct vma *vma_add(struct vm_map *m, uint32_t start, uint32_t end,
		    enum vma_rights r, enum vma_kind kind)
{
	struct vma *v;

	/* the heap may start empty: it is the one region that grows */
	if (m->n >= VMA_MAX || !aligned(start) || !aligned(end) || end < start ||
	    (end == start && kind != VMA_HEAP))
		return 0;
	for (unsigned i = 0; i < m->n; i++)
		if (start < m->v[i].end && m->v[i].start < end)
			return 0;
	v = &m->v[m->n++];
	*v = (struct vma){ .start = start, .end = end, .rights = (uint8_t)r,
			   .kind = (uint8_t)kind };
	return v;
}

const struct vma *vma_find_const(const struct vm_map *m, uint32_t va)
{
	for (unsigned i = 0; i < m->n; i++)
		if (va >= m->v[i].start && va < m->v[i].end)
			return &m->v[i];
	return 0;
}

struct vma *vma_find(struct vm_map *m, uint32_t va)
{
	return (struct vma *)vma_find_const(m, va);
}

struct vma *vma_of_kind(struct vm_map *m, enum vma_kind kind)
{
	for (unsigned i = 0; i < m->n; i++)
		if (m->v[i].kind == kind)
			return &m->v[i];
	return 0;
}

uint32_t vma_reserved(const struct vm_map *m)
{
	uint32_t sum = 0;

	for (unsigned i = 0; i < m->n; i++)
		sum += m->v[i].end - m->v[i].start;
	return sum;
}

enum vma_source vma_page_source(const struct vma *v, uint32_t va,
				uint32_t *lo, uint32_t *hi)
{
	uint32_t fend = v->file_va + v->file_len;
	uint32_t a = va > v->file_va ? va : v->file_va;
	uint32_t b = va + PAGE < fend ? va + PAGE : fend;

	if (v->kind != VMA_SEGMENT || v->file_len == 0 || a >= b)
		return VMA_SRC_ZERO;
	*lo = a - va;
	*hi = b - va;
	return VMA_SRC_FILE;
}

static bool stack_overflow(const struct vma *stack, const struct vma_fault *f)
{
	uint32_t size;

	if (!stack)
		return false;
	if (f->va >= f->stack_guard_lo && f->va < stack->start)
		return true;
	/* sp already below the stack (a frame that jumped the guard): up to
	 * one stack's size below it still counts as the stack's overflow */
	size = stack->end - stack->start;
	return f->sp < stack->start && f->sp >= stack->start - size;
}

enum vma_action vma_decide(const struct vma *v, const struct vma *stack,
			   const struct vma_fault *f)
{
	bool writable = v && v->rights == VMA_RW;
	bool executable = v && v->rights == VMA_RX;

	if (f->kind == VF_OTHER)
		return VA_KILL;
	if (!v)
		return stack_overflow(stack, f) ? VA_STACK_OVERFLOW : VA_KILL;
	if ((f->write && !writable) || (f->exec && !executable))
		return VA_KILL;          /* the region itself forbids it */
	if (f->kind == VF_TRANSLATION) {
		uint32_t lo, hi;
		return vma_page_source(v, f->va & ~(PAGE - 1), &lo, &hi) == VMA_SRC_FILE
			? VA_FILE_LOAD : VA_ZERO_FILL;
	}
	/* a permission fault on a present page: only a write to a read-only
	 * page of a writable region (copy-on-write) is ours to serve */
	if (!f->write || f->pte_writable)
		return VA_KILL;
	return f->refs > 1 ? VA_COW_COPY : VA_COW_REUSE;
}

const char *vma_action_name(enum vma_action a)
{
	static const char *const names[] = {
		[VA_KILL] = "kill", [VA_STACK_OVERFLOW] = "stack overflow",
		[VA_ZERO_FILL] = "zero fill", [VA_FILE_LOAD] = "file load",
		[VA_COW_COPY] = "cow copy", [VA_COW_REUSE] = "cow reuse",
	};
	return (unsigned)a < sizeof names / sizeof names[0] ? names[a] : "?";
}
