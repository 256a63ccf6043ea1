/*
 * kernel/kobj.h - a small slab allocator for kernel objects (process
 * structures and the like).
 *
 * Each cache hands out objects of one size from whole frames.  A frame
 * starts with a header; the rest is cut into objects:
 *
 *   frame: [ header | obj | obj | obj | ... ]
 *            header: free list of this frame, objects in use, links
 *
 * Frames with free objects sit on the cache's list; a frame whose last
 * object is freed goes straight back to the frame allocator, so nothing
 * is held after the objects are gone.  Allocation and release are O(1).
 */
#ifndef KERNEL_KOBJ_H
#define KERNEL_KOBJ_H

#include <stdint.h>

struct kobj_frame;

struct kcache {
	const char *name;
	uint32_t size;                  /* object size, rounded to 8 */
	uint32_t per_frame;
	struct kobj_frame *partial;     /* frames with at least one free object */
	uint32_t in_use, frames, peak;
};

#define KCACHE_INIT(n, sz) { .name = (n), .size = (sz) }

/* A zeroed object, or NULL when memory is exhausted. */
void *kobj_alloc(struct kcache *c);
void kobj_free(struct kcache *c, void *obj);

#endif
