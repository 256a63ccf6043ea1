/*
 * boot/vectors.S - the exception vector table and the common trap path.
 *
 * VBAR points at `vectors` (ARM1176 TRM 3.2.43; it must be 32-byte
 * aligned), so the table need not sit at address 0, and page 0 stays
 * unmapped to catch NULL pointers.
 *
 * Every exception ends up in SVC mode with a struct trapframe
 * (boot/trapframe.h) on the SVC stack:
 *   - SRSDB stores the return address and SPSR straight onto the SVC stack
 *     (ARM ARM A4.1.90), so the mode's own stack is never used for the frame;
 *   - CPS switches to SVC with interrupts still masked;
 *   - r0-r12 and the interrupted mode's sp and lr complete the frame.
 * trap() in kernel/trap.c then handles it, and trap_return restores
 * whatever the (possibly edited) frame says.
 */
#include "boot/trapframe.h"
#include "kernel/syscall_nr.h"
#include "kernel/syscall_table.h"

	.section .text
	.arm
	.align	5                       @ VBAR needs bits [4:0] clear
	.global	vectors
vectors:
	b	_start                  @ 0x00 reset
	b	vec_und                 @ 0x04 undefined instruction
	b	vec_svc                 @ 0x08 supervisor call
	b	vec_pabt                @ 0x0C prefetch abort
	b	vec_dabt                @ 0x10 data abort
	b	vec_reserved            @ 0x14 not used on ARMv6
	b	vec_irq                 @ 0x18 IRQ
	b	vec_fiq                 @ 0x1C FIQ

/* Each entry fixes up lr to the address the frame should record (ARM ARM
 * A2.6, table "Exception return addresses"), then joins enter_common. */
	.macro	ENTRY_STUB name, adjust, trapno
\name:
	.if \adjust
	sub	lr, lr, #\adjust        @ lr -> faulting / resume address
	.endif
	srsdb	sp!, #MODE_SVC          @ push {lr, spsr} onto the SVC stack
	cps	#MODE_SVC               @ continue in SVC mode, IRQs still masked
	sub	sp, sp, #12             @ room for sp, lr, trapno
	stmdb	sp!, {r0-r12}           @ r0-r12
	mov	r0, #\trapno            @ which vector
	b	enter_common
	.endm

	ENTRY_STUB vec_und,      4, TRAP_UND       @ lr = instr + 4
	ENTRY_STUB vec_pabt,     4, TRAP_PABT      @ lr = instr + 4
	ENTRY_STUB vec_dabt,     8, TRAP_DABT      @ lr = instr + 8
	ENTRY_STUB vec_reserved, 0, TRAP_RESERVED
	ENTRY_STUB vec_irq,      4, TRAP_IRQ       @ lr = next instr + 4
	ENTRY_STUB vec_fiq,      4, TRAP_FIQ

/*
 * System calls from user mode, the fast path.  The frame is the same
 * struct trapframe (fork copies it, exec rewrites it), but it is saved in
 * three instructions: SRSDB for pc and cpsr, then one STM of the user
 * bank's r0-r14 (STM with ^, ARM ARM A4.1.98).  The handler comes from
 * syscall_table (kernel/syscall_table.h) and gets r0-r3 untouched; only
 * calls flagged SYSF_IRQ run with IRQs enabled.  On the way out, work for
 * the scheduler (need_resched: preemption, or a kill to act on) goes
 * through sched_user_return; otherwise one LDM with ^ restores the user
 * bank and RFE returns.  Anything else (a call from a privileged mode, a
 * number outside the table) takes the generic path to svc_handle().
 */
	.global	vec_svc
vec_svc:
	srsdb	sp!, #MODE_SVC          @ push {lr = next instruction, spsr}
	sub	sp, sp, #(TF_SIZE - 8)  @ the rest of the frame
	stmia	sp, {r0-r14}^           @ user r0-r12, sp, lr: tf->r[], sp, lr
	mrs	r12, spsr
	movs	r12, r12, lsl #28       @ Z: mode bits 3:0 clear (MODE_USR); C: bit 4, always 1
	cmpeq	r7, #SYS_COUNT          @ from user mode: C = number out of range
	bhs	svc_slow                @ C set: not from user mode, or no such call
	ldr	r12, =syscall_table
	add	r12, r12, r7, lsl #SYSCALL_ENTRY_SHIFT
	ldmia	r12, {r8, r9}           @ handler, CPSR control byte
	msr	cpsr_c, r9              @ SVC mode, IRQs masked or not as the entry says
	blx	r8                      @ handler(r0, r1, r2, r3); sp is the frame
	cpsid	i
	str	r0, [sp, #TF_R0]        @ the result, in the caller's r0
	ldr	r1, =need_resched
	ldrb	r1, [r1]
	cmp	r1, #0
	bne	svc_work
svc_out:
	ldmia	sp, {r0-r14}^           @ user r0-r12, sp, lr
	nop                             @ no banked register access right after LDM^ (ARM ARM A4.1.22)
	add	sp, sp, #(TF_SIZE - 8)
	rfeia	sp!                     @ pc and cpsr: back to the caller
svc_work:
	mov	r0, sp
	bl	sched_user_return       @ may switch away, or end the process
	b	svc_out
svc_slow:                               @ r0-r12 are in the frame already;
	mov	r0, #TRAP_SVC           @ enter_common fixes sp and lr for
	b	enter_common            @ a privileged caller

enter_common:
	str	r0, [sp, #TF_TRAPNO]    @ record the vector number
	ldr	r1, [sp, #TF_CPSR]      @ interrupted CPSR
	and	r1, r1, #MODE_MASK      @ its mode
	cmp	r1, #MODE_USR           @ user mode ...
	cmpne	r1, #MODE_SYS           @ ... or system mode share one sp/lr bank
	bne	1f
	add	r2, sp, #TF_SP
	stmia	r2, {sp, lr}^           @ store the user-bank sp and lr
	b	3f
1:	cmp	r1, #MODE_SVC           @ interrupted SVC code?
	bne	2f
	add	r2, sp, #TF_SIZE        @ its sp was just above this frame
	str	r2, [sp, #TF_SP]
	str	lr, [sp, #TF_LR]        @ and lr_svc is untouched so far
	b	3f
2:	mrs	r3, cpsr                @ another privileged mode: visit its bank
	bic	r2, r3, #MODE_MASK
	orr	r2, r2, r1
	msr	cpsr_c, r2              @ switch into the interrupted mode
	mov	r4, sp                  @ read its sp
	mov	r5, lr                  @ and lr
	msr	cpsr_c, r3              @ back to SVC
	str	r4, [sp, #TF_SP]
	str	r5, [sp, #TF_LR]
3:	mov	r0, sp                  @ trap(struct trapframe *)
	mov	r4, sp                  @ keep the frame pointer across the call
	bic	sp, sp, #7              @ AAPCS: 8-byte aligned stack at calls
	bl	trap
	mov	sp, r4                  @ frame again

/* Restore the frame at sp and return from the exception.  New processes
 * start here too, with a frame prepared by the kernel. */
	.global	trap_return
trap_return:
	ldr	r1, [sp, #TF_CPSR]      @ the mode we return to
	and	r1, r1, #MODE_MASK
	cmp	r1, #MODE_USR
	cmpne	r1, #MODE_SYS
	bne	1f
	add	r2, sp, #TF_SP
	ldmia	r2, {sp, lr}^           @ reload the user-bank sp and lr
	nop                             @ no banked access right after LDM^ (ARM ARM A4.1.22)
	b	2f
1:	cmp	r1, #MODE_SVC
	ldreq	lr, [sp, #TF_LR]        @ resuming SVC code: restore its lr
2:	ldmia	sp!, {r0-r12}           @ r0-r12
	add	sp, sp, #12             @ skip sp, lr, trapno
	rfeia	sp!                     @ pop pc and cpsr: back where we came from
