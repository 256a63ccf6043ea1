/*
 * kernel/abort.c - data and prefetch aborts.
 *
 * Registers read, ARM1176JZF-S TRM (DDI 0301H):
 *   DFSR 3.2.17 / DFAR 3.2.19 for data aborts;
 *   IFSR 3.2.18 / IFAR 3.2.21 for prefetch aborts (QEMU also writes a
 *   domain into IFSR[7:4]; fault_decode masks it).
 *
 * Three outcomes, in order:
 *   1. a fault at a guarded instruction (boot/guarded.S) is reported and
 *      the instruction's fixup returns -EFAULT;
 *   2. a fault in user mode goes to the process code (abort_user_hook);
 *   3. anything else is a kernel bug: report, registers, panic.
 */
#include "kernel/abort.h"
#include "kernel/guard.h"
#include "kernel/ucopy.h"
#include "kernel/kprintf.h"
#include "kernel/trap.h"
#include "paging/pt.h"
#include "paging/mmu.h"
#include "boot/cp15.h"

struct abort_info last_abort;
bool (*abort_user_hook)(struct trapframe *tf, const struct abort_info *a);
bool (*abort_ucopy_hook)(const struct abort_info *a);
bool (*abort_user_fast)(struct trapframe *tf, bool prefetch, uint32_t fsr, uint32_t far);

void abort_report(const struct abort_info *a)
{
	char line[96];
	static char walk[512];
	struct pt_walk w;
	enum pt_access acc = a->prefetch ? PT_EXEC : (a->rep.write ? PT_WRITE : PT_READ);
	bool user = (a->cpsr & MODE_MASK) == MODE_USR;

	fault_describe(&a->rep, line, sizeof line);
	kprintf("%s abort: %s\n", a->prefetch ? "prefetch" : "data", line);
	kprintf("  address %08x  pc %08x  mode %s\n", a->far, a->pc, mode_name(a->cpsr));
	pt_translate(kernel_l1(), a->far, acc, user, cp15_read_dacr(), &w);
	w.ttbr = cp15_read_ttbr0() & ~0x3FFFu;
	pt_walk_describe(&w, walk, sizeof walk);
	kputs_indented("  ", walk);
}

static void handle(struct trapframe *tf, bool prefetch, uint32_t fsr, uint32_t far)
{
	struct abort_info *a = &last_abort;
	uint32_t fixup;

	if ((tf->cpsr & MODE_MASK) == MODE_USR && abort_user_fast &&
	    abort_user_fast(tf, prefetch, fsr, far))
		return;                       /* a page arrived: retry the access */
	a->prefetch = prefetch;
	a->fsr = fsr;
	a->far = far;
	a->pc = tf->pc;
	a->cpsr = tf->cpsr;
	fault_decode(fsr, prefetch, &a->rep);

	if ((tf->cpsr & MODE_MASK) == MODE_USR) {
		if (abort_user_hook && abort_user_hook(tf, a))
			return;
		abort_report(a);
		trap_dump(tf);
		panic("abort: user-mode fault with no process to kill");
	}

	fixup = prefetch ? 0 : extable_fixup(tf->pc);
	/* a user copy touching a page not there yet, or copy-on-write:
	 * serve it as the process's own fault would be, and retry */
	if (fixup && ucopy_active && abort_ucopy_hook && abort_ucopy_hook(a))
		return;
	if (!fixup && prefetch && guard_exec_sp)
		fixup = (uint32_t)(uintptr_t)guarded_exec_fixup;
	if (!ucopy_active)
		abort_report(a);   /* user copies fault by design: -EFAULT says it */
	if (fixup) {
		tf->pc = fixup;     /* resume in the guarded caller with -EFAULT */
		return;
	}
	kprintf("*** unexpected kernel fault\n");
	trap_dump(tf);
	panic("abort: kernel %s abort at pc %08x, address %08x",
	      prefetch ? "prefetch" : "data", tf->pc, far);
}

void abort_data(struct trapframe *tf)
{
	handle(tf, false, cp15_read_dfsr(), cp15_read_dfar());
}

void abort_prefetch(struct trapframe *tf)
{
	handle(tf, true, cp15_read_ifsr(), cp15_read_ifar());
}
