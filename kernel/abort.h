/*
 * kernel/abort.h - data and prefetch abort handling.
 */
#ifndef KERNEL_ABORT_H
#define KERNEL_ABORT_H

#include <stdbool.h>
#include <stdint.h>
#include "boot/trapframe.h"
#include "paging/fault.h"

/* The last abort taken, for callers of guarded accesses that want it. */
struct abort_info {
	bool prefetch;
	uint32_t fsr, far, pc, cpsr;
	struct fault_report rep;
};
extern struct abort_info last_abort;

/* Print the decoded report for an abort: kind, fault name, FSR, access,
 * domain, level, address, pc and mode, and the walk descriptors. */
void abort_report(const struct abort_info *a);

/* Hook for user-mode faults (kernel/proc later); returns true if handled. */
extern bool (*abort_user_hook)(struct trapframe *tf, const struct abort_info *a);
/* Hook tried first for a user-mode fault, with the raw registers: a page
 * fault that paging serves (demand, copy-on-write) returns true and
 * costs no decoding or report; anything else returns false and takes
 * the full path. */
extern bool (*abort_user_fast)(struct trapframe *tf, bool prefetch, uint32_t fsr, uint32_t far);
/* Hook for a fault of a guarded user copy (kernel/ucopy.c) in the kernel:
 * returns true if the page was made available, and the copy retries. */
extern bool (*abort_ucopy_hook)(const struct abort_info *a);

#endif
