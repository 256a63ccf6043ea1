/*
 * kernel/store.c - slots for uploaded programs (see store.h).
 */
#include "kernel/store.h"
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/fmt.h"
#include "kernel/frame.h"
#include "kernel/kprintf.h"
#include "kernel/string.h"
#include "kernel/window.h"
#include "paging/domains.h"
#include "paging/mmu.h"
#include "paging/pt.h"

struct slot {
	struct prog prog;       /* name points at name[] */
	char name[32];
	uint32_t size;
	uint32_t mapped;        /* bytes backed by frames, page multiple */
	uint32_t users;         /* processes paging from it */
	enum { SLOT_FREE, SLOT_FILLING, SLOT_READY } state;
};

static struct slot slots[STORE_SLOTS];

static uint32_t slot_va(int i)
{
	return STORE_AREA + (uint32_t)i * STORE_SLOT_SIZE;
}

static void release(int i)
{
	struct slot *s = &slots[i];
	struct pt_walk w;

	for (uint32_t off = 0; off < s->mapped; off += FRAME_SIZE) {
		uint32_t va = slot_va(i) + off;
		if (pt_translate(kernel_l1(), va, PT_READ, false, 0xFFFFFFFFu, &w) == 0) {
			pt_unmap(kernel_l1(), va, FRAME_SIZE);
			frame_put(w.pa);
		}
	}
	memset(s, 0, sizeof *s);
}

const struct prog *store_find(const char *name)
{
	for (unsigned i = 0; i < STORE_SLOTS; i++)
		if (slots[i].state == SLOT_READY && strcmp(slots[i].name, name) == 0)
			return &slots[i].prog;
	return 0;
}

const struct prog *store_at(unsigned n)
{
	for (unsigned i = 0; i < STORE_SLOTS; i++)
		if (slots[i].state == SLOT_READY && n-- == 0)
			return &slots[i].prog;
	return 0;
}

int store_open(const char *name, uint32_t size)
{
	if (size == 0 || size > STORE_SLOT_SIZE)
		return -EINVAL;
	if (prog_find(name))
		return -EEXIST;
	for (unsigned i = 0; i < STORE_SLOTS; i++) {
		if (slots[i].state == SLOT_FREE) {
			struct slot *s = &slots[i];
			memset(s, 0, sizeof *s);
			ksnprintf(s->name, sizeof s->name, "%s", name);
			s->size = size;
			s->state = SLOT_FILLING;
			return (int)i;
		}
	}
	return -ENOSPC;
}

int store_put(int i, uint32_t offset, uint8_t byte)
{
	static const struct pt_attrs a = {
		.ap = AP_KRW, .mem = MT_NORMAL_WBWA, .domain = DOM_KERNEL, .xn = true,
	};
	struct slot *s = &slots[i];

	if (offset >= s->size)
		return -EINVAL;
	while (offset >= s->mapped) {
		uint32_t pa = frame_alloc(FRAME_KERNEL);
		if (!pa)
			return -ENOMEM;
		if (pt_map(kernel_l1(), slot_va(i) + s->mapped, pa, FRAME_SIZE, &a, 0) < 0) {
			frame_put(pa);
			return -ENOMEM;
		}
		s->mapped += FRAME_SIZE;
	}
	((uint8_t *)(uintptr_t)slot_va(i))[offset] = byte;
	return 0;
}

int store_commit(int i, const char **why)
{
	struct slot *s = &slots[i];
	int err = elf_check((const void *)(uintptr_t)slot_va(i), s->size, WIN_BASE,
			    WIN_HEAP_LIMIT, 0);

	if (err) {
		*why = elf_strerror(err);
		release(i);
		return -ENOEXEC;
	}
	s->prog.name = s->name;
	s->prog.data = (const uint8_t *)(uintptr_t)slot_va(i);
	s->prog.size = s->size;
	s->state = SLOT_READY;
	return 0;
}

void store_abort(int i)
{
	release(i);
}

int store_remove(const char *name)
{
	for (unsigned i = 0; i < STORE_SLOTS; i++) {
		if (slots[i].state == SLOT_READY && strcmp(slots[i].name, name) == 0) {
			if (slots[i].users)
				return -EBUSY;
			release((int)i);
			return 0;
		}
	}
	return prog_find(name) ? -EPERM : -ENOENT;
}

static struct slot *slot_of(const struct prog *p)
{
	for (unsigned i = 0; i < STORE_SLOTS; i++)
		if (&slots[i].prog == p && slots[i].state == SLOT_READY)
			return &slots[i];
	panic("store: %p is not an uploaded program", p);
}

void store_hold(const struct prog *p)
{
	slot_of(p)->users++;
}

void store_release(const struct prog *p)
{
	struct slot *s = slot_of(p);

	if (s->users == 0)
		panic("store_release: %s is not held", s->name);
	s->users--;
}
