/*
 * kernel/kobj.c - slab allocator (see kobj.h).
 */
#include "kernel/kobj.h"
#include "kernel/frame.h"
#include "kernel/kprintf.h"
#include "kernel/string.h"

struct kobj_frame {
	struct kobj_frame *next, *prev;   /* on the cache's partial list */
	void *free;                       /* free objects, linked through their first word */
	uint32_t in_use;
	struct kcache *cache;
};

#define HDR_SIZE ((sizeof(struct kobj_frame) + 7u) & ~7u)

static void unlink_frame(struct kcache *c, struct kobj_frame *f)
{
	if (f->prev)
		f->prev->next = f->next;
	else
		c->partial = f->next;
	if (f->next)
		f->next->prev = f->prev;
	f->next = f->prev = 0;
}

static void link_frame(struct kcache *c, struct kobj_frame *f)
{
	f->prev = 0;
	f->next = c->partial;
	if (c->partial)
		c->partial->prev = f;
	c->partial = f;
}

static struct kobj_frame *grow(struct kcache *c)
{
	uint32_t pa = frame_alloc(FRAME_KERNEL);
	struct kobj_frame *f;
	char *obj;

	if (!pa)
		return 0;
	if (!c->per_frame) {
		c->size = (c->size + 7u) & ~7u;
		c->per_frame = (FRAME_SIZE - HDR_SIZE) / c->size;
		KASSERT(c->per_frame > 0);
	}
	f = frame_kva(pa);
	f->cache = c;
	f->in_use = 0;
	f->free = 0;
	obj = (char *)f + HDR_SIZE;
	for (uint32_t i = 0; i < c->per_frame; i++, obj += c->size) {
		*(void **)obj = f->free;
		f->free = obj;
	}
	link_frame(c, f);
	c->frames++;
	return f;
}

void *kobj_alloc(struct kcache *c)
{
	struct kobj_frame *f = c->partial ? c->partial : grow(c);
	void *obj;

	if (!f)
		return 0;
	obj = f->free;
	f->free = *(void **)obj;
	f->in_use++;
	if (!f->free)
		unlink_frame(c, f);   /* full */
	if (++c->in_use > c->peak)
		c->peak = c->in_use;
	memset(obj, 0, c->size);
	return obj;
}

void kobj_free(struct kcache *c, void *obj)
{
	struct kobj_frame *f = (struct kobj_frame *)((uintptr_t)obj & ~(uintptr_t)(FRAME_SIZE - 1));

	if (f->cache != c || f->in_use == 0)
		panic("kobj_free: %p does not belong to cache %s", obj, c->name);
	if (!f->free)
		link_frame(c, f);     /* was full: has room again */
	*(void **)obj = f->free;
	f->free = obj;
	c->in_use--;
	if (--f->in_use == 0) {
		unlink_frame(c, f);
		c->frames--;
		frame_put(frame_pa(f));
	}
}
