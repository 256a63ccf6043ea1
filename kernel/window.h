/*
 * kernel/window.h - a process's 1 MiB window and the pages in it.
 *
 *   0x02000000 +---------------------------+
 *              | text, rodata   user RO, X |  from the ELF's R+X segment
 *              | data, bss      user RW, XN|  from the ELF's R+W segment
 *              | heap           user RW, XN|  sbrk grows it upwards
 *              |        ...                |
 *   0x020EF000 +---------------------------+  WIN_HEAP_LIMIT
 *              | guard gap (never mapped)  |
 *   0x020F0000 +---------------------------+  WIN_STACK_BOTTOM
 *              | stack          user RW, XN|  64 KiB, grows down
 *              | argv strings and pointers |
 *   0x02100000 +---------------------------+  WIN_TOP
 *
 * Every window page is not-global (tagged with the process's ASID) and in
 * the user domain.  The table behind it is the process's own 1 KiB
 * second-level table.
 */
#ifndef KERNEL_WINDOW_H
#define KERNEL_WINDOW_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/proc.h"
#include "kernel/vma.h"
#include "paging/kmap.h"

#define WIN_BASE          WINDOW_BASE
#define WIN_TOP           (WINDOW_BASE + WINDOW_SIZE)
#define WIN_STACK_SIZE    0x10000u
#define WIN_STACK_BOTTOM  (WIN_TOP - WIN_STACK_SIZE)
#define WIN_GUARD_SIZE    0x1000u
#define WIN_HEAP_LIMIT    (WIN_STACK_BOTTOM - WIN_GUARD_SIZE)
#define WIN_ARGS_MAX      2048u     /* argv strings + pointers */
#define WIN_ARGS_COUNT    32        /* most arguments a program gets */

/* The rights a page is mapped with: a region's (kernel/vma.h), or WIN_RO
 * for a page of a writable region shared copy-on-write. */
enum win_rights { WIN_RX = VMA_RX, WIN_RO = VMA_RO, WIN_RW = VMA_RW };

/* Give p an empty window (its own second-level table).  0 or -ENOMEM. */
int window_create(struct proc *p);
/* Map a fresh zeroed frame at va with the given rights; returns the
 * frame's kernel address, or NULL (-ENOMEM). */
void *window_map_new(struct proc *p, uint32_t va, enum win_rights r);
/* Map frame pa (its reference passes to the window) at va, where nothing
 * is mapped yet. */
void window_map_frame(struct proc *p, uint32_t va, uint32_t pa, enum win_rights r);
/* Point the present page at va to frame pa with rights r (the caller
 * handles both frames' references). */
void window_remap(struct proc *p, uint32_t va, uint32_t pa, enum win_rights r);
/* The entry for va (a fault entry outside the window). */
l2e_t window_entry(struct proc *p, uint32_t va);
/* Is e a page user code may write? */
bool window_entry_writable(l2e_t e);
/* Share every page of parent with child (whose window is empty): writable
 * pages become read-only in both, every frame gains a reference, and the
 * parent's stale TLB entries go.  -EAGAIN, with nothing changed, if a
 * frame's share count is full. */
int window_share(struct proc *parent, struct proc *child);
/* Unmap [va, va + size) and drop the frames' references. */
void window_unmap(struct proc *p, uint32_t va, uint32_t size);
/* Free every page and the table itself, and the ASID. */
void window_destroy(struct proc *p);
/* Free the pages of a table that is not in use (pages lie only in the
 * regions m lists), and the table.  The table's entries become faults. */
void window_free_pages(l2_table_t *t, const struct vm_map *m);
void window_free_table(l2_table_t *t, const struct vm_map *m);
/* The kernel address of the page mapped at va, or NULL. */
void *window_kva(struct proc *p, uint32_t va);
/* Make freshly written code at [kva, kva + n) visible to instruction
 * fetches: clean D-cache, invalidate I-cache, flush branch prediction. */
void window_sync_code(void *kva, uint32_t n);

#endif
