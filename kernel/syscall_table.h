/*
 * kernel/syscall_table.h - the system call table, shared by kernel/syscall.c
 * (which fills it) and boot/vectors.S (whose SVC fast path indexes it).
 */
#ifndef KERNEL_SYSCALL_TABLE_H
#define KERNEL_SYSCALL_TABLE_H

#include "boot/trapframe.h"

/* An entry's second word is the CPSR control byte the call runs with
 * (written with MSR cpsr_c): SVC mode, FIQs masked, and IRQs masked for
 * short calls or enabled for calls that may take long or block. */
#define SYSCALL_IRQ_OFF     (MODE_SVC | PSR_F | PSR_I)
#define SYSCALL_IRQ_ON      (MODE_SVC | PSR_F)
#define SYSCALL_ENTRY_SIZE  8   /* bytes per entry: handler, control byte */
#define SYSCALL_ENTRY_SHIFT 3

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Arguments are the caller's r0-r3; the result goes back in its r0. */
typedef int (*syscall_fn)(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);

struct syscall_entry {
	syscall_fn fn;
	uint32_t cpsr_c;    /* SYSCALL_IRQ_OFF or SYSCALL_IRQ_ON */
};
_Static_assert(sizeof(struct syscall_entry) == SYSCALL_ENTRY_SIZE, "entry size");
_Static_assert(1u << SYSCALL_ENTRY_SHIFT == SYSCALL_ENTRY_SIZE, "entry shift");

extern const struct syscall_entry syscall_table[];
#endif

#endif
