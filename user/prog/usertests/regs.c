/*
 * usertests/regs.c - what the kernel must keep of a process's state:
 * registers, flags and CPSR bits, across system calls, interrupts and
 * switches, whatever state the process is in (ARM or Thumb, big-endian).
 *
 * The registers are set and read back in assembly (the probes below): C
 * register variables are not kept in their registers between statements.
 * References: ARM Architecture Reference Manual (DDI 0100I): A2.5 the
 * CPSR (Q bit 27, GE bits 19:16, E bit 9, T bit 5), A4.1.107 SVC.
 */
#include <stdint.h>
#include "ut.h"

#define PSR_Q    (1u << 27)
#define PSR_GE   (0xFu << 16)
#define PSR_E    (1u << 9)

long thumb_getpid(void);   /* below, in Thumb state */
uint32_t thumb_count(uint32_t n);
void svc_probe(uint32_t out[14]);
void irq_probe(uint32_t out[15], uint32_t loops);
void setend_probe(uint32_t out[16], uint32_t loops);

__asm__(
	".syntax unified\n"
	".text\n"
	".align 2\n"
	".thumb\n"
	".thumb_func\n"
	".global thumb_getpid\n"
	"thumb_getpid:\n"
	"	push {r7}\n"
	"	movs r7, #2\n"          /* SYS_getpid */
	"	svc #0xFF\n"
	"	pop {r7}\n"
	"	bx lr\n"
	/* thumb_count(n): count r0 down to 0 and up again in r1: returns n
	 * if the loop kept its registers across every interrupt */
	".thumb_func\n"
	".global thumb_count\n"
	"thumb_count:\n"
	"	movs r1, #0\n"
	"1:	adds r1, r1, #1\n"
	"	subs r0, r0, #1\n"
	"	bne 1b\n"
	"	movs r0, r1\n"
	"	bx lr\n"
	".align 2\n"
	".arm\n"
	/* svc_probe(out): r1-r12 and NZCVQ set to patterns, getpid, then
	 * out[0..12] = r0-r12 and out[13] = cpsr as the call left them */
	".global svc_probe\n"
	"svc_probe:\n"
	"	push {r4-r11, lr}\n"
	"	mov lr, r0\n"          /* out: lr must survive the call too */
	"	ldr r1, =0x11111111\n"
	"	ldr r2, =0x22222222\n"
	"	ldr r3, =0x33333333\n"
	"	ldr r4, =0x44444444\n"
	"	ldr r5, =0x55555555\n"
	"	ldr r6, =0x66666666\n"
	"	ldr r8, =0x88888888\n"
	"	ldr r9, =0x99999999\n"
	"	ldr r10, =0xAAAAAAAA\n"
	"	ldr r11, =0xBBBBBBBB\n"
	"	ldr r12, =0xCCCCCCCC\n"
	"	mov r0, #0\n"
	"	mov r7, #2\n"          /* SYS_getpid */
	"	msr cpsr_f, #0xF8000000\n"
	"	svc #0\n"
	"	stmia lr!, {r0-r12}\n"
	"	mrs r0, cpsr\n"
	"	str r0, [lr]\n"
	"	pop {r4-r11, pc}\n"
	".ltorg\n"
	/* irq_probe(out, loops): Q set, GE = 0b0101 (usub8 of 0x00FF00FF and
	 * 0x01000100: bytes 0 and 2 do not borrow), r1-r12 and lr set to
	 * patterns, a loop of `loops` in r0 that changes only NZCV; then
	 * out[0..12] = r0-r12, out[13] = cpsr, out[14] = lr */
	".global irq_probe\n"
	"irq_probe:\n"
	"	push {r4-r11, lr}\n"
	"	push {r0}\n"
	"	mov r0, r1\n"
	"	ldr r2, =0x00FF00FF\n"
	"	ldr r3, =0x01000100\n"
	"	usub8 r1, r2, r3\n"
	"	msr cpsr_f, #0x08000000\n"  /* Q */
	"	ldr r1, =0x11111111\n"
	"	ldr r2, =0x22222222\n"
	"	ldr r3, =0x33333333\n"
	"	ldr r4, =0x44444444\n"
	"	ldr r5, =0x55555555\n"
	"	ldr r6, =0x66666666\n"
	"	ldr r7, =0x77777777\n"
	"	ldr r8, =0x88888888\n"
	"	ldr r9, =0x99999999\n"
	"	ldr r10, =0xAAAAAAAA\n"
	"	ldr r11, =0xBBBBBBBB\n"
	"	ldr r12, =0xCCCCCCCC\n"
	"	ldr lr, =0xEEEEEEEE\n"
	"2:	subs r0, r0, #1\n"
	"	bne 2b\n"
	"	str lr, [sp, #-4]!\n"         /* out[14] */
	"	ldr lr, [sp, #4]\n"           /* out */
	"	stmia lr!, {r0-r12}\n"
	"	mrs r0, cpsr\n"
	"	str r0, [lr], #4\n"
	"	ldr r0, [sp], #8\n"
	"	str r0, [lr]\n"
	"	pop {r4-r11, pc}\n"
	".ltorg\n"
	/* setend_probe(out, loops): big-endian for a loop of `loops` and a
	 * memstat(out); then out[14] = out[0] as read big-endian and
	 * out[15] = cpsr, both stored once little-endian again.  Nothing
	 * else touches memory while E is set. */
	".global setend_probe\n"
	"setend_probe:\n"
	"	push {r4-r7, lr}\n"
	"	mov r4, r0\n"
	"	setend be\n"
	"3:	subs r1, r1, #1\n"
	"	bne 3b\n"
	"	mrs r5, cpsr\n"
	"	mov r0, r4\n"
	"	mov r7, #15\n"           /* SYS_memstat */
	"	svc #0\n"
	"	ldr r6, [r4]\n"
	"	setend le\n"
	"	str r6, [r4, #56]\n"
	"	str r5, [r4, #60]\n"
	"	pop {r4-r7, pc}\n"
	".syntax divided\n");   /* as GCC left it for the top-level asm */

/* The SVC's immediate is not read: r7 is the number. */
static void t_svc_big_imm(const struct utest *t)
{
	register long r0 __asm__("r0") = -1;
	register long r7 __asm__("r7") = SYS_getpid;

	long pid;

	(void)t;
	__asm__ volatile("svc #0xFFFFFF" : "+r"(r0) : "r"(r7) : "memory");
	pid = r0;
	UT_EQ(pid, sc(SYS_getpid, 0, 0, 0));
}

/* An SVC from Thumb state (its immediate is 8 bits there, and ignored
 * too) returns to Thumb state after it. */
static void t_svc_thumb(const struct utest *t)
{
	(void)t;
	UT_EQ(thumb_getpid(), sc(SYS_getpid, 0, 0, 0));
	UT_EQ(thumb_getpid(), sc(SYS_getpid, 0, 0, 0));
}

/* r1-r12, lr and the flags survive a call; r7 is the number.  The
 * registers are set and read back in assembly (svc_probe, below): C
 * register variables are not kept in their registers between statements. */
static void t_svc_preserves(const struct utest *t)
{
	static const uint32_t want[13] = {
		0, 0x11111111, 0x22222222, 0x33333333, 0x44444444, 0x55555555,
		0x66666666, SYS_getpid, 0x88888888, 0x99999999, 0xAAAAAAAA,
		0xBBBBBBBB, 0xCCCCCCCC,
	};
	uint32_t out[14];

	(void)t;
	svc_probe(out);
	UT_EQ(out[0], sc(SYS_getpid, 0, 0, 0));
	for (int i = 1; i < 13; i++)
		if (out[i] != want[i]) {
			ut_say("  svc_preserves: r%d\n", i);
			UT_EQ(out[i], want[i]);
		}
	UT_EQ(out[13] >> 27, 0x1F);             /* N Z C V Q */
}

/* Thumb code preempted by the tick many times over comes back in Thumb
 * state, at the right instruction, with its registers. */
static void t_thumb_preempt(const struct utest *t)
{
	(void)t;
	UT_EQ(thumb_count(30000000), 30000000);     /* ~90 ms, 4+ quanta */
}

/* Every register but r0 (the loop counter), lr, and the Q flag and GE
 * bits (which the loop does not touch) survive the interrupts and switches
 * of a long loop.  Two of us run at once, so each switch goes to the
 * other's registers and back. */
static void t_irq_preserves(const struct utest *t)
{
	static const uint32_t want[15] = {
		0, 0x11111111, 0x22222222, 0x33333333, 0x44444444, 0x55555555,
		0x66666666, 0x77777777, 0x88888888, 0x99999999, 0xAAAAAAAA,
		0xBBBBBBBB, 0xCCCCCCCC, 0, 0xEEEEEEEE,
	};
	uint32_t out[15];
	int pid = ut_fork();

	(void)t;
	irq_probe(out, 40000000);               /* ~80 ms, 4 quanta */
	for (int i = 0; i < 15; i++)
		if (i != 13 && out[i] != want[i]) {
			ut_say("  irq_preserves: %s%d\n", i == 14 ? "lr " : "r", i);
			UT_EQ(out[i], want[i]);
		}
	UT_EQ(out[13] & PSR_Q, PSR_Q);
	UT_EQ(out[13] & PSR_GE, 0x5u << 16);      /* as usub8 left them */
	if (pid == 0)
		ut_exit(0);
	UT_EQ(ut_exitcode(ut_wait(pid)), 0);
}

/* SETEND BE is allowed in user mode (ARM ARM A4.1.75): data accesses
 * become big-endian.  The kernel runs little-endian whatever the process
 * did (CPSR.E comes from SCTLR.EE on exception entry), keeps E across
 * preemption, and writes memory as always: a word it stores reads back
 * byte-swapped while E is set. */
static void t_setend_be(const struct utest *t)
{
	uint32_t buf[16];

	(void)t;
	setend_probe(buf, 20000000);
	UT_EQ(buf[15] & PSR_E, PSR_E);           /* still big-endian after the loop */
	UT_EQ(buf[14], __builtin_bswap32(buf[0]));   /* frames_total, as read with E set */
	UT_CHECK(buf[0] > 1000 && buf[0] < 0x100000);
	UT_EQ(cpsr() & PSR_E, 0);
}

const struct utest regs_tests[] = {
	{ "svc_big_imm",    t_svc_big_imm,    UT_PASS, 0, 0, 0 },
	{ "svc_thumb",      t_svc_thumb,      UT_PASS, 0, 0, 0 },
	{ "svc_preserves",  t_svc_preserves,  UT_PASS, 0, 0, 0 },
	{ "thumb_preempt",  t_thumb_preempt,  UT_PASS, 0, 0, 0 },
	{ "irq_preserves",  t_irq_preserves,  UT_PASS, 0, 0, 0 },
	{ "setend_be",      t_setend_be,      UT_PASS, 0, 0, 0 },
	{ 0, 0, 0, 0, 0, 0 },
};
