/*
 * boot/guarded.S - kernel accesses that may fault without panicking.
 *
 * The model is Linux's exception table: every instruction here that may
 * fault is listed in section __ex_table as a pair {instruction, fixup}.
 * When a data abort hits one of them in kernel mode, kernel/abort.c finds
 * the pair (kernel/extable.c), prints the decoded fault, and resumes at the
 * fixup, which returns -EFAULT (-14) to the caller.
 *
 * guarded_exec() covers the one case a table cannot: a prefetch abort has
 * no faulting load to list, because the fault is at the branch target.  It
 * records its stack pointer in guard_exec_sp; the abort handler resumes at
 * guarded_exec_fixup, which unwinds to that stack.
 *
 *   int guarded_read32(uint32_t addr, uint32_t *out);
 *   int guarded_write32(uint32_t addr, uint32_t val);
 *   int guarded_exec(uint32_t addr);   calls addr as void fn(void)
 *   int guarded_read32_user(uint32_t addr, uint32_t *out);    LDRT: user rights
 *   int guarded_write32_user(uint32_t addr, uint32_t val);    STRT: user rights
 *   int guarded_copy_from_user(void *dst, uint32_t usrc, uint32_t n);  LDRBT
 *   int guarded_copy_to_user(uint32_t udst, const void *src, uint32_t n); STRBT
 */
#define EFAULT_NEG  (-14)

	.macro	EX_ENTRY insn, fixup
	.pushsection __ex_table, "a"
	.align	2
	.word	\insn, \fixup           @ faulting instruction, where to resume
	.popsection
	.endm

	.section .text
	.arm

	.global	guarded_read32
guarded_read32:
10:	ldr	r2, [r0]                @ may fault
	str	r2, [r1]                @ *out = value (kernel pointer, trusted)
	mov	r0, #0                  @ success
	bx	lr
	EX_ENTRY 10b, guarded_efault

	.global	guarded_write32
guarded_write32:
11:	str	r1, [r0]                @ may fault
	mov	r0, #0
	bx	lr
	EX_ENTRY 11b, guarded_efault

/* The *_user variants use LDRT/STRT, which check the page tables with user
 * permissions although we run in SVC mode (ARM ARM A4.1.24, A4.1.105): a
 * user pointer into kernel memory faults exactly as it would for the user. */
	.global	guarded_read32_user
guarded_read32_user:
12:	ldrt	r2, [r0]                @ load with user rights; may fault
	str	r2, [r1]
	mov	r0, #0
	bx	lr
	EX_ENTRY 12b, guarded_efault

	.global	guarded_write32_user
guarded_write32_user:
13:	strt	r1, [r0]                @ store with user rights; may fault
	mov	r0, #0
	bx	lr
	EX_ENTRY 13b, guarded_efault

	.global	guarded_copy_from_user
guarded_copy_from_user:                 @ r0 = kernel dst, r1 = user src, r2 = n
	cmp	r2, #0
	beq	2f                      @ nothing to copy
1:
14:	ldrbt	r3, [r1], #1            @ user byte, user rights; may fault
	strb	r3, [r0], #1            @ kernel byte
	subs	r2, r2, #1
	bne	1b
2:	mov	r0, #0
	bx	lr
	EX_ENTRY 14b, guarded_efault

	.global	guarded_copy_to_user
guarded_copy_to_user:                   @ r0 = user dst, r1 = kernel src, r2 = n
	cmp	r2, #0
	beq	2f
1:	ldrb	r3, [r1], #1            @ kernel byte
15:	strbt	r3, [r0], #1            @ user byte, user rights; may fault
	subs	r2, r2, #1
	bne	1b
2:	mov	r0, #0
	bx	lr
	EX_ENTRY 15b, guarded_efault

guarded_efault:
	ldr	r0, =EFAULT_NEG         @ return -EFAULT
	bx	lr

	.global	guarded_exec
guarded_exec:
	push	{r4-r11, lr}            @ callee-saved state to come back to
	ldr	r1, =guard_exec_sp
	str	sp, [r1]                @ the stack to unwind to on a fault
	blx	r0                      @ call the target; it may prefetch-abort
	mov	r0, #0                  @ it returned normally
	b	1f
	.global	guarded_exec_fixup
guarded_exec_fixup:                     @ the abort handler resumes here
	ldr	r1, =guard_exec_sp
	ldr	sp, [r1]                @ unwind to guarded_exec's frame
	ldr	r0, =EFAULT_NEG
1:	ldr	r1, =guard_exec_sp
	mov	r2, #0
	str	r2, [r1]                @ no longer guarding
	pop	{r4-r11, pc}

	.section .bss
	.align	2
	.global	guard_exec_sp
guard_exec_sp:
	.word	0                       @ nonzero while guarded_exec runs
