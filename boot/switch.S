/*
 * boot/switch.S - switching between kernel contexts.
 *
 *   void swtch(uint32_t *save_sp, uint32_t new_sp);
 *
 * Saves the callee-saved registers (AAPCS: r4-r11, and lr as the place to
 * resume) on the current kernel stack, stores sp in *save_sp, then loads
 * new_sp and pops the other context's registers.  Everything else a context
 * needs is either caller-saved (the C compiler has spilled it) or lives in
 * the trap frame at the top of its kernel stack.
 *
 * A new process's stack is prepared by kernel/proc.c so that the pop lands
 * in proc_trampoline with r4 = its trap frame.
 */
	.section .text
	.arm
	.global	swtch
swtch:
	push	{r4-r11, lr}            @ this context's callee-saved state
	str	sp, [r0]                @ *save_sp = sp
	mov	sp, r1                  @ the other context's stack
	pop	{r4-r11, pc}            @ resume it where it called swtch

	.global	proc_trampoline
proc_trampoline:                        @ first run of a new context
	mov	r0, r4                  @ its argument (trap frame or thread arg)
	blx	r5                      @ the start function: proc_start_user / kthread body
	mov	sp, r4                  @ user processes: sp -> trap frame
	b	trap_return             @ drop to user mode through the frame
