/*
 * kernel/trap.h - exception dispatch (entered from boot/vectors.S).
 */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

#include "boot/trapframe.h"

void trap_init(void);
/* Called by boot/vectors.S with the saved frame; may edit the frame. */
void trap(struct trapframe *tf);
/* Print every register of a frame, and the mode it came from. */
void trap_dump(const struct trapframe *tf);
/* A mode's name ("USR", "SVC", ...) from CPSR bits 4:0. */
const char *mode_name(uint32_t cpsr);
/* Report an exception nothing expected, then panic. */
void trap_unexpected(struct trapframe *tf) __attribute__((noreturn));

/* Handlers living elsewhere. */
void abort_data(struct trapframe *tf);      /* kernel/abort.c */
void abort_prefetch(struct trapframe *tf);  /* kernel/abort.c */
void irq_handle(struct trapframe *tf);      /* kernel/irq.c */
void svc_handle(struct trapframe *tf);      /* kernel/syscall.c */
void undef_handle(struct trapframe *tf);    /* kernel/trap.c */

#endif
