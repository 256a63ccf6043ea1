/*
 * kernel/syscall.c - the SVC vector.  No user processes exist yet, so any
 * SVC is unexpected (semihosting SVCs are taken by QEMU, not by us).
 */
#include "kernel/trap.h"

void svc_handle(struct trapframe *tf)
{
	trap_unexpected(tf);
}
