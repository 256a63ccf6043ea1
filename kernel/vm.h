/*
 * kernel/vm.h - demand paging and copy-on-write for process windows.
 *
 *   vm_load   describe a program's regions; nothing is mapped yet
 *   vm_fault  serve a fault in a region: zero-fill, load from the image,
 *             or copy-on-write; anything else is a real fault
 *   vm_fork   share every page of the parent with the child, writable
 *             pages read-only in both (kernel/vma.h has the rules)
 *
 * docs/fork-and-demand-paging.md walks through the technique.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/vma.h"

struct proc;
struct prog;
struct elf_info;

struct vm_stats {
	uint32_t zero_fills;    /* demand-zero pages served */
	uint32_t file_loads;    /* pages loaded from a program image */
	uint32_t cow_copies;    /* shared page copied for its writer */
	uint32_t cow_reuses;    /* sole owner: made writable in place */
	uint32_t oom_kills;     /* faults that found no frame */
	uint32_t forks;
};
extern struct vm_stats vm_stats;

/* Give p the regions of an ELF image (segments, empty heap, stack) and hold
 * the image while p uses it.  Maps nothing.  0 or -ENOMEM (no room). */
int vm_load(struct proc *p, const struct prog *prog, const struct elf_info *info);
/* Let go of p's image and regions (the pages go with window_destroy). */
void vm_release(struct proc *p);

/* A fault at va in p's window.  Returns 0 when served (retry the access),
 * else the WAIT_CAUSE_* to kill with: WAIT_CAUSE_FAULT (a real fault;
 * *overflow says whether it was the stack's) or WAIT_CAUSE_OOM. */
int vm_fault(struct proc *p, uint32_t va, enum vma_fault_kind kind,
	     bool write, bool exec, uint32_t sp, bool *overflow);

/* Make child's window a copy-on-write copy of parent's.  child has an
 * empty window.  0, or -EAGAIN when a frame's share count would overflow. */
int vm_fork(struct proc *parent, struct proc *child);

/* How a page of p's window stands, for `vm PID`. */
enum vm_page_state {
	VP_NONE,            /* outside every region */
	VP_PRIVATE,         /* mapped, this process's own */
	VP_SHARED_RO,       /* mapped read-only and shared (text) */
	VP_COW,             /* mapped read-only in a writable region: copy on write */
	VP_ZERO_PENDING,    /* in a region, zero-filled on first touch */
	VP_FILE_PENDING,    /* in a region, loaded from the image on first touch */
};
enum vm_page_state vm_page_state(struct proc *p, uint32_t va, unsigned *refs);
const char *vm_page_state_name(enum vm_page_state s);

#endif
