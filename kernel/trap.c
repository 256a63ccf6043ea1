/*
 * kernel/trap.c - exception dispatch and the unexpected-exception report.
 */
#include <stddef.h>
#include "kernel/trap.h"
#include "kernel/kprintf.h"
#include "kernel/layout.h"
#include "boot/cp15.h"
#include "kernel/proc.h"
#include "kernel/fmt.h"
#include "kernel/syscall_nr.h"

/* The assembly in boot/vectors.S uses the TF_* offsets: keep them true. */
_Static_assert(offsetof(struct trapframe, r) == TF_R0, "trapframe r0");
_Static_assert(offsetof(struct trapframe, sp) == TF_SP, "trapframe sp");
_Static_assert(offsetof(struct trapframe, lr) == TF_LR, "trapframe lr");
_Static_assert(offsetof(struct trapframe, trapno) == TF_TRAPNO, "trapframe trapno");
_Static_assert(offsetof(struct trapframe, pc) == TF_PC, "trapframe pc");
_Static_assert(offsetof(struct trapframe, cpsr) == TF_CPSR, "trapframe cpsr");
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "trapframe size");
_Static_assert(TF_SIZE % 8 == 0, "trapframe keeps the stack 8-byte aligned");

static const char *const trap_names[TRAP_COUNT] = {
	[TRAP_RESET]    = "reset",
	[TRAP_UND]      = "undefined instruction",
	[TRAP_SVC]      = "supervisor call",
	[TRAP_PABT]     = "prefetch abort",
	[TRAP_DABT]     = "data abort",
	[TRAP_RESERVED] = "reserved vector",
	[TRAP_IRQ]      = "IRQ",
	[TRAP_FIQ]      = "FIQ",
};

static const char *const mode_names[32] = {
	[MODE_USR] = "USR", [MODE_FIQ] = "FIQ", [MODE_IRQ] = "IRQ",
	[MODE_SVC] = "SVC", [MODE_ABT] = "ABT", [MODE_UND] = "UND",
	[MODE_SYS] = "SYS",
};

const char *mode_name(uint32_t cpsr)
{
	const char *n = mode_names[cpsr & MODE_MASK];
	return n ? n : "???";
}

void trap_dump(const struct trapframe *tf)
{
	kprintf("  pc  %08x  cpsr %08x (%s mode%s%s%s)\n", tf->pc, tf->cpsr,
		mode_name(tf->cpsr), tf->cpsr & PSR_I ? ", IRQ off" : "",
		tf->cpsr & PSR_F ? ", FIQ off" : "", tf->cpsr & PSR_T ? ", Thumb" : "");
	for (int i = 0; i < 13; i++)
		kprintf("  r%-2d %08x%s", i, tf->r[i], (i % 4 == 3) ? "\n" : "");
	kprintf("  sp  %08x  lr  %08x\n", tf->sp, tf->lr);
}

/* A stray exception: report it fully and stop, visibly. */
void trap_unexpected(struct trapframe *tf)
{
	const char *name = tf->trapno < TRAP_COUNT ? trap_names[tf->trapno] : "?";

	kprintf("\n*** unexpected exception: %s (vector %u) from %s mode\n",
		name, tf->trapno, mode_name(tf->cpsr));
	trap_dump(tf);
	panic("trap: unexpected %s at pc %08x", name, tf->pc);
}

void undef_handle(struct trapframe *tf)
{
	char why[64];

	if ((tf->cpsr & MODE_MASK) == MODE_USR && current && !current->kthread) {
		kprintf("pid %d (%s): undefined instruction at %08x\n", current->pid,
			current->name, tf->pc);
		trap_dump(tf);
		ksnprintf(why, sizeof why, "undefined instruction at 0x%08x", tf->pc);
		proc_fault_exit(WAIT_CAUSE_UNDEF, why);
	}
	trap_unexpected(tf);
}

typedef void (*trap_fn)(struct trapframe *tf);

/* Vector number -> handler. */
static const trap_fn trap_table[TRAP_COUNT] = {
	[TRAP_RESET]    = trap_unexpected,
	[TRAP_UND]      = undef_handle,
	[TRAP_SVC]      = svc_handle,
	[TRAP_PABT]     = abort_prefetch,
	[TRAP_DABT]     = abort_data,
	[TRAP_RESERVED] = trap_unexpected,
	[TRAP_IRQ]      = irq_handle,
	[TRAP_FIQ]      = trap_unexpected,
};

void trap(struct trapframe *tf)
{
	if (tf->trapno >= TRAP_COUNT)
		trap_unexpected(tf);
	trap_table[tf->trapno](tf);
	if (current)
		sched_user_return(tf);   /* preemption and kills, on the way to user mode */
}

/* Point VBAR at our table (ARM1176 TRM 3.2.43); SCTLR.V stays 0, so the
 * table at VBAR is used rather than the high vectors. */
void trap_init(void)
{
	cp15_write_vbar(SYM(vectors));
	cp15_prefetch_flush();   /* the new base takes effect for the next exception */
}
