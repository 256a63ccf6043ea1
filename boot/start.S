/*
 * boot/start.S - the first instructions pagoda runs.
 *
 * Entry state (QEMU-FACTS.md, and the Pi firmware): SVC mode, Secure or
 * Non-secure, MMU and caches off.  r0-r2 may hold loader values; we do not
 * use them.  The stub:
 *   1. masks IRQ, FIQ and imprecise aborts, and puts the caches, MMU, TLB
 *      and branch predictor in a known state, whatever a loader left
 *      (docs/hardware.md, checklist item 1, "Entry state");
 *   2. moves the image to its link address 0x8000 if it was loaded elsewhere
 *      (QEMU's raw "-kernel kernel.img" loads at 0x10000), through a
 *      scratch copy so the copying code never overwrites itself;
 *   3. gives each of FIQ, IRQ, ABT, UND, SYS and SVC its own stack;
 *   4. zeroes .bss;
 *   5. calls kmain(), which never returns.
 * Nothing here touches Secure-only state, so it runs the same in either
 * security state.
 */
#include "boot/trapframe.h"

/* SCTLR bits, ARM1176JZF-S TRM (DDI 0301H) 3.2.7 */
#define SCTLR_M   0x00000001            /* MMU */
#define SCTLR_C   0x00000004            /* D-cache */
#define SCTLR_Z   0x00000800            /* branch prediction */
#define SCTLR_I   0x00001000            /* I-cache */

/*
 * Invalidate the whole I-cache (and with it the branch target cache, TRM
 * 3.2.22 Table 3-71) in the form ARM erratum 411920 requires on the
 * ARM1176: four back-to-back c7, c5, 0 with interrupts masked (they are,
 * from the first instruction on), then at least 11 NOPs.  Linux does the
 * same in arch/arm/mm/cache-v6.S.  \zero must hold 0.
 */
	.macro	ICACHE_INVAL_ALL zero
	mcr	p15, 0, \zero, c7, c5, 0  @ invalidate entire I-cache, 1 of 4
	mcr	p15, 0, \zero, c7, c5, 0  @ 2 of 4
	mcr	p15, 0, \zero, c7, c5, 0  @ 3 of 4
	mcr	p15, 0, \zero, c7, c5, 0  @ 4 of 4
	.rept	11
	nop                             @ erratum 411920: at least 11 NOPs
	.endr
	.endm

	.section .text.boot, "ax"
	.arm
	.global _start
_start:
	cpsid	aif                     @ mask IRQ, FIQ, async aborts (ARM ARM A4.1.16 CPS)

	/* --- 1. a known cache, MMU and predictor state ------------------------
	 * QEMU enters with all of it off (SCTLR 0x00050078), and the Pi
	 * firmware starts the ARM from reset, where it is off too (TRM 3.2.7).
	 * A chain loader may not: it may leave the D-cache on with dirty lines,
	 * or the MMU on (identity mapped, or we could not be running here).
	 * So: clean the D-cache if it is on, turn MMU, caches and prediction
	 * off, then invalidate everything, so that no line, TLB entry or branch
	 * target from before can be used later (the mailbox cleans and
	 * invalidates lines by address long before mmu_init runs).  Position
	 * independent: it runs before the relocation below. */
	mov	r2, #0                  @ SBZ operand for the c7/c8 operations
	mrc	p15, 0, r0, c1, c0, 0   @ SCTLR as the loader left it
	tst	r0, #SCTLR_C            @ D-cache on?
	mcrne	p15, 0, r2, c7, c14, 0  @ then clean+invalidate all of it (TRM 3.2.22 Table 3-71)
	mcr	p15, 0, r2, c7, c10, 4  @ DSB: the written-back lines are in memory
	bic	r0, r0, #(SCTLR_M | SCTLR_C)  @ MMU and D-cache off
	bic	r0, r0, #(SCTLR_Z | SCTLR_I)  @ branch prediction and I-cache off
	mcr	p15, 0, r0, c1, c0, 0   @ write SCTLR
	mcr	p15, 0, r2, c7, c5, 4   @ prefetch flush: later fetches see the new SCTLR
	ICACHE_INVAL_ALL r2             @ I-cache and BTAC (erratum 411920 form)
	mcr	p15, 0, r2, c7, c6, 0   @ invalidate the D-cache: nothing in it is ours
	mcr	p15, 0, r2, c7, c5, 6   @ flush the branch target cache (TRM 3.2.22 Table 3-75)
	mcr	p15, 0, r2, c8, c7, 0   @ invalidate the unified TLB (TRM 3.2.23)
	mcr	p15, 0, r2, c7, c10, 4  @ DSB: all of the above has completed
	mcr	p15, 0, r2, c7, c5, 4   @ prefetch flush (ISB)

	/* --- 2. relocate if we are not running at our link address ----------
	 * Two copies, so that the loop doing the copy is never overwritten:
	 * first to a scratch area above both the load and the link range,
	 * then, running from there, down to the link address. */
	adr	r4, _start              @ r4 = where we actually are
	ldr	r5, =__image_start      @ r5 = where we were linked (0x8000)
	cmp	r4, r5
	beq	relocated               @ already in place: the common case
	ldr	r6, =__data_end         @ end of the loadable bytes
	sub	r6, r6, r5              @ r6 = bytes to move
	cmp	r4, r5
	movhi	r7, r4                  @ r7 = max(load, link) ...
	movls	r7, r5
	add	r7, r7, r6              @ ... + size: the scratch area
	mov	r0, r4                  @ phase 1: load address -> scratch
	mov	r1, r7
	mov	r2, r6
1:	ldr	r3, [r0], #4            @ load a word
	str	r3, [r1], #4            @ store it in the scratch copy
	subs	r2, r2, #4              @ count down
	bhi	1b
	mov	r2, #0                  @ SBZ operand (r2 may have passed below 0)
	mcr	p15, 0, r2, c7, c10, 4  @ DSB: the copy is complete
	ICACHE_INVAL_ALL r2             @ I-cache (off since step 1; kept for safety)
	adr	r0, phase2              @ phase2 here ...
	sub	r0, r0, r4              @ ... as an offset into the image ...
	add	pc, r0, r7              @ ... continued in the scratch copy
phase2:
	mov	r0, r7                  @ phase 2: scratch -> link address
	mov	r1, r5
	mov	r2, r6
2:	ldr	r3, [r0], #4            @ load a word from the scratch copy
	str	r3, [r1], #4            @ store it at the link address
	subs	r2, r2, #4              @ count down
	bhi	2b
	mov	r2, #0                  @ SBZ operand
	mcr	p15, 0, r2, c7, c10, 4  @ DSB: the copy is complete
	ICACHE_INVAL_ALL r2             @ I-cache: code moved (TRM 3.2.22)
	ldr	pc, =relocated          @ continue at the link address

relocated:
	/* --- 3. one stack per mode; each mode's sp is banked ---------------- */
	cps	#MODE_FIQ               @ FIQ mode
	ldr	sp, =__stack_fiq_top    @ its stack
	cps	#MODE_IRQ               @ IRQ mode
	ldr	sp, =__stack_irq_top
	cps	#MODE_ABT               @ abort mode
	ldr	sp, =__stack_abt_top
	cps	#MODE_UND               @ undefined mode
	ldr	sp, =__stack_und_top
	cps	#MODE_SYS               @ system mode (shares sp with user mode)
	ldr	sp, =__stack_sys_top
	cps	#MODE_SVC               @ back to supervisor mode, where the kernel runs
	ldr	sp, =__stack_svc_top

	/* --- 4. zero .bss ---------------------------------------------------- */
	ldr	r0, =__bss_start        @ first word
	ldr	r1, =__bss_end          @ one past the last word (page aligned)
	mov	r2, #0
	mov	r3, #0
2:	cmp	r0, r1                  @ done?
	stmloia	r0!, {r2, r3}           @ clear two words at a time
	blo	2b

	/* --- 5. into C -------------------------------------------------------- */
	bl	kmain                   @ never returns
3:	wfi                             @ but if it does, sleep forever
	b	3b
