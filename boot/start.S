/*
 * boot/start.S - the first instructions pagoda runs.
 *
 * Entry state (QEMU-FACTS.md, and the Pi firmware): SVC mode, Secure or
 * Non-secure, MMU and caches off.  r0-r2 may hold loader values; we do not
 * use them.  The stub:
 *   1. masks IRQ, FIQ and imprecise aborts;
 *   2. moves the image to its link address 0x8000 if it was loaded elsewhere
 *      (QEMU's raw "-kernel kernel.img" loads at 0x10000);
 *   3. gives each of FIQ, IRQ, ABT, UND, SYS and SVC its own stack;
 *   4. zeroes .bss;
 *   5. calls kmain(), which never returns.
 * Nothing here touches Secure-only state, so it runs the same in either
 * security state.
 */
#include "boot/trapframe.h"

	.section .text.boot, "ax"
	.arm
	.global _start
_start:
	cpsid	aif                     @ mask IRQ, FIQ, async aborts (ARM ARM A4.1.16 CPS)

	/* --- 2. relocate if we are not running at our link address ---------- */
	adr	r4, _start              @ r4 = where we actually are
	ldr	r5, =__image_start      @ r5 = where we were linked (0x8000)
	cmp	r4, r5
	beq	relocated               @ already in place: the common case
	ldr	r6, =__data_end         @ end of the loadable bytes
	sub	r6, r6, r5              @ r6 = bytes to move
	cmp	r5, r4
	bhi	copy_down               @ destination above source: copy backwards
copy_up:                                @ destination below source: copy forwards
	ldr	r7, [r4], #4            @ load a word from the loaded copy
	str	r7, [r5], #4            @ store it at the link address
	subs	r6, r6, #4              @ count down
	bhi	copy_up                 @ until everything is moved
	b	moved
copy_down:
	add	r4, r4, r6              @ start at the top of the source
	add	r5, r5, r6              @ and of the destination
1:	ldr	r7, [r4, #-4]!          @ load the next word down
	str	r7, [r5, #-4]!          @ store it
	subs	r6, r6, #4              @ count down
	bhi	1b                      @ until everything is moved
moved:
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0   @ invalidate I-cache: code moved (TRM 3.2.22)
	mcr	p15, 0, r0, c7, c10, 4  @ DSB: copies complete before we jump
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
