/*
 * usertests/cpu.c - what user mode may not do to the CPU.
 *
 * References: ARM Architecture Reference Manual (DDI 0100I), ARM1176JZF-S
 * TRM (DDI 0301H).  What the kernel must keep of a process's state across
 * calls and interrupts is in regs.c.
 *   - MSR and CPS may not change the mode or the A/I/F masks in User mode:
 *     the writes are ignored, not trapped (ARM ARM A4.1.39 MSR, A4.1.16
 *     CPS).  So the process stays in USR mode, interrupts still on.
 *   - Every CP15 register but a few is privileged: MCR/MRC to DACR (c3),
 *     TTBR0 (c2), CONTEXTIDR (c13), SCTLR (c1), the TLB (c8), VBAR (c12)
 *     is an undefined instruction in User mode (TRM 3.2, "Access in User
 *     mode").  The barriers and prefetch flush in c7 are allowed (TRM
 *     3.2.22: c7, c10, 4/5 and c7, c5, 4), and TPIDRURW (c13, c0, 2).
 *   - With SCTLR.U = 1 and A = 0 (paging/mmu.c) LDR/LDRH may be unaligned,
 *     but LDM/STM, LDRD/STRD and LDREX must be word aligned, or take an
 *     alignment fault (ARM ARM A2.8, table A2-10).
 *   - VFP is not enabled (CPACR stays 0): a VFP instruction is undefined.
 */
#include <stdint.h>
#include "ut.h"

#define PSR_MODE 0x1Fu
#define PSR_USR  0x10u
#define PSR_AIF  0x1C0u

void thumb_udf(void);      /* below, in Thumb state */
uint32_t swp_word(uint32_t v, volatile uint32_t *p);

__asm__(
	".syntax unified\n"
	".text\n"
	".align 2\n"
	".thumb\n"
	".thumb_func\n"
	".global thumb_udf\n"
	"thumb_udf:\n"
	"	.short 0xDE00\n"        /* Thumb UDF #0 */
	"	bx lr\n"
	".align 2\n"
	".arm\n"
	/* swp_word(v, p): SWP r0, r0, [r1], spelled as a word because the
	 * assembler warns that SWP is deprecated (it is, from ARMv6 on, but
	 * the ARM1176 has it: ARM ARM A4.1.108) */
	".global swp_word\n"
	"swp_word:\n"
	"	.inst 0xE1010090\n"
	"	bx lr\n"
	".syntax divided\n");   /* as GCC left it for the top-level asm */

static void t_undef_arm(const struct utest *t)
{
	(void)t;
	__asm__ volatile(".word 0xE7F000F0" ::: "memory");   /* UDF */
}

static void t_undef_thumb(const struct utest *t)
{
	(void)t;
	thumb_udf();
}

static void t_msr_mode(const struct utest *t)
{
	uint32_t before = cpsr(), after;

	(void)t;
	UT_EQ(before & PSR_MODE, PSR_USR);
	__asm__ volatile("msr cpsr_c, #0xD3" ::: "memory");   /* SVC mode, IRQ and FIQ off */
	after = cpsr();
	UT_EQ(after & PSR_MODE, PSR_USR);
	UT_EQ(after & PSR_AIF, before & PSR_AIF);
	__asm__ volatile("msr cpsr_c, %0" :: "r"(0x1Fu) : "memory");   /* SYS mode */
	UT_EQ(cpsr() & PSR_MODE, PSR_USR);
	__asm__ volatile("msr cpsr_cxsf, %0" :: "r"(0x000001D7u) : "memory", "cc");  /* ABT */
	UT_EQ(cpsr() & (PSR_MODE | PSR_AIF), before & (PSR_MODE | PSR_AIF));
	UT_EQ(sc(SYS_getppid, 0, 0, 0) > 0, 1);   /* calls still work */
}

static void t_cps_mode(const struct utest *t)
{
	uint32_t before = cpsr();

	(void)t;
	__asm__ volatile("cps #0x13" ::: "memory");
	UT_EQ(cpsr() & PSR_MODE, PSR_USR);
	__asm__ volatile("cpsid aif" ::: "memory");
	UT_EQ(cpsr() & (PSR_MODE | PSR_AIF), before & (PSR_MODE | PSR_AIF));
	__asm__ volatile("cpsid i, #0x1F" ::: "memory");
	UT_EQ(cpsr() & (PSR_MODE | PSR_AIF), before & (PSR_MODE | PSR_AIF));
}

/* CP15 from user mode: each of these is an undefined instruction. */
#define CP15_TEST(fn, insn) \
	static void fn(const struct utest *t) \
	{ \
		(void)t; \
		__asm__ volatile(insn :: "r"(0) : "memory"); \
	}

CP15_TEST(t_mcr_sctlr,      "mcr p15, 0, %0, c1, c0, 0")   /* MMU off */
CP15_TEST(t_mrc_sctlr,      "mrc p15, 0, %0, c1, c0, 0")
CP15_TEST(t_mcr_ttbr0,      "mcr p15, 0, %0, c2, c0, 0")
CP15_TEST(t_mcr_dacr,       "mcr p15, 0, %0, c3, c0, 0")
CP15_TEST(t_mcr_icache_inv, "mcr p15, 0, %0, c7, c5, 0")
CP15_TEST(t_mcr_wfi,        "mcr p15, 0, %0, c7, c0, 4")
CP15_TEST(t_mcr_tlbiall,    "mcr p15, 0, %0, c8, c7, 0")
CP15_TEST(t_mcr_vbar,       "mcr p15, 0, %0, c12, c0, 0")
CP15_TEST(t_mcr_contextidr, "mcr p15, 0, %0, c13, c0, 1")
CP15_TEST(t_mcr_tpidruro,   "mcr p15, 0, %0, c13, c0, 3")  /* user read-only */
CP15_TEST(t_mcr_p14_dscr,   "mcr p14, 0, %0, c0, c1, 0")   /* debug status and control */
CP15_TEST(t_mcr_p7,         "mcr p7, 0, %0, c0, c0, 0")    /* no coprocessor 7 */

/* The DACR with every domain "manager": had it worked, the kernel's
 * memory would be ours; read it to be sure the child dies either way. */
static void t_mcr_dacr_manager(const struct utest *t)
{
	(void)t;
	__asm__ volatile("mcr p15, 0, %0, c3, c0, 0" :: "r"(0xFFFFFFFFu) : "memory");
	(void)*(volatile uint32_t *)KTEXT;
}

static void t_cp15_user_ok(const struct utest *t)
{
	uint32_t v;

	(void)t;
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 5" :: "r"(0) : "memory");   /* DMB */
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 4" :: "r"(0) : "memory");   /* DSB */
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 4" :: "r"(0) : "memory");    /* ISB */
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 2" :: "r"(0x5EED1234u) : "memory");
	__asm__ volatile("mrc p15, 0, %0, c13, c0, 2" : "=r"(v) :: "memory");
	UT_EQ(v, 0x5EED1234);
}

static void t_smc(const struct utest *t)
{
	(void)t;
	__asm__ volatile(".arch_extension sec\n\tsmc #0" ::: "memory");
}

static void t_bkpt(const struct utest *t)
{
	(void)t;
	__asm__ volatile("bkpt #0x42" ::: "memory");
}

static void t_vfp_off(const struct utest *t)
{
	uint32_t v;

	(void)t;
	__asm__ volatile(".fpu vfp\n\tvmrs %0, fpscr" : "=r"(v) :: "memory");
	(void)v;
}

/* A jump in ARM state to an address that is not word aligned is
 * UNPREDICTABLE (ARM ARM A2.4.2): QEMU takes a prefetch alignment fault,
 * a core that ignores pc[1] runs the UDF below.  Either kills the child. */
static void t_exec_misaligned(const struct utest *t)
{
	(void)t;
	__asm__ volatile("adr r0, 1f\n\t"
			 "add r0, r0, #2\n\t"
			 "bx r0\n\t"
			 "1: .word 0xE7F000F0\n\t"     /* UDF, if pc[1] is ignored */
			 "   .word 0xE7F000F0\n\t"
			 ::: "r0", "memory");
}

/* ---- alignment --------------------------------------------------------------- */

static uint32_t words[8] __attribute__((aligned(8))) = {
	0x03020100, 0x07060504, 0x0B0A0908, 0x0F0E0D0C,
};

static void t_ldr_unaligned_ok(const struct utest *t)
{
	uintptr_t a = (uintptr_t)words + 1;
	uint32_t w;
	uint16_t h;

	(void)t;
	__asm__ volatile("ldr %0, [%1]" : "=r"(w) : "r"(a) : "memory");
	UT_EQ(w, 0x04030201);
	__asm__ volatile("ldrh %0, [%1]" : "=r"(h) : "r"(a + 2) : "memory");
	UT_EQ(h, 0x0403);
	__asm__ volatile("str %0, [%1]" :: "r"(0xA1A2A3A4u), "r"(a + 4) : "memory");
	UT_EQ(words[1], 0xA2A3A404);
}

/* SWP and STREX store to a page shared copy-on-write: the fault must be
 * seen as the write it is, and served, in the child and the parent. */
static volatile uint32_t cow_word = 1;

static void swp_and_strex(uint32_t v)
{
	uint32_t old, fail;

	old = swp_word(v, &cow_word);
	UT_EQ(old, 1);
	UT_EQ(cow_word, v);
	do
		__asm__ volatile("ldrex %0, [%2]\n\tstrex %1, %3, [%2]"
				 : "=&r"(old), "=&r"(fail) : "r"(&cow_word), "r"(v + 1) : "memory");
	while (fail);
	UT_EQ(old, v);
	UT_EQ(cow_word, v + 1);
}

static void t_swp_strex_cow(const struct utest *t)
{
	int pid = ut_fork();

	(void)t;
	if (pid == 0) {
		swp_and_strex(100);
		ut_exit(0);
	}
	UT_EQ(ut_exitcode(ut_wait(pid)), 0);
	UT_EQ(cow_word, 1);
	pid = ut_fork();                        /* shared again: the parent's turn */
	swp_and_strex(pid == 0 ? 300 : 200);
	if (pid == 0)
		ut_exit(0);
	UT_EQ(ut_exitcode(ut_wait(pid)), 0);
	UT_EQ(cow_word, 201);
}

/* A preload is a hint: never a fault, wherever it points. */
static void t_pld_anywhere(const struct utest *t)
{
	static const uint32_t where[] = { KTEXT, KRAM, VECTORS_LO, VECTORS_HI, PERIPH,
					  GUARD_LO, HEAP_HOLE, ADDR_TOP };

	(void)t;
	for (unsigned i = 0; i < sizeof where / sizeof where[0]; i++)
		__asm__ volatile("pld [%0]" :: "r"(where[i]) : "memory");
}

#define ALIGN_TEST(fn, off, insn, clobbers...) \
	static void fn(const struct utest *t) \
	{ \
		(void)t; \
		__asm__ volatile(insn :: "r"((uintptr_t)words + (off)) : clobbers); \
	}

ALIGN_TEST(t_ldm_unaligned,   1, "ldm %0, {r2, r3}",       "r2", "r3", "memory")
ALIGN_TEST(t_stm_unaligned,   2, "stm %0, {r2, r3}",       "memory")
ALIGN_TEST(t_ldrd_unaligned,  2, "ldrd r2, r3, [%0]",      "r2", "r3", "memory")
ALIGN_TEST(t_strd_unaligned,  1, "strd r2, r3, [%0]",      "memory")
ALIGN_TEST(t_ldrex_unaligned, 1, "ldrex r2, [%0]",         "r2", "memory")

const struct utest cpu_tests[] = {
	{ "undef_arm",          t_undef_arm,         UT_UNDEF, 0, 0, 0 },
	{ "undef_thumb",        t_undef_thumb,       UT_UNDEF, 0, 0, 0 },
	{ "msr_mode",           t_msr_mode,          UT_PASS,  0, 0, 0 },
	{ "cps_mode",           t_cps_mode,          UT_PASS,  0, 0, 0 },
	{ "mcr_sctlr",          t_mcr_sctlr,         UT_UNDEF, 0, 0, 0 },
	{ "mrc_sctlr",          t_mrc_sctlr,         UT_UNDEF, 0, 0, 0 },
	{ "mcr_ttbr0",          t_mcr_ttbr0,         UT_UNDEF, 0, 0, 0 },
	{ "mcr_dacr",           t_mcr_dacr,          UT_UNDEF, 0, 0, 0 },
	{ "mcr_dacr_manager",   t_mcr_dacr_manager,  UT_UNDEF, 0, 0, 0 },
	{ "mcr_icache_inv",     t_mcr_icache_inv,    UT_UNDEF, 0, 0, 0 },
	{ "mcr_wfi",            t_mcr_wfi,           UT_UNDEF, 0, 0, 0 },
	{ "mcr_tlbiall",        t_mcr_tlbiall,       UT_UNDEF, 0, 0, 0 },
	{ "mcr_vbar",           t_mcr_vbar,          UT_UNDEF, 0, 0, 0 },
	{ "mcr_contextidr",     t_mcr_contextidr,    UT_UNDEF, 0, 0, 0 },
	{ "mcr_tpidruro",       t_mcr_tpidruro,      UT_UNDEF, 0, 0, 0 },
	{ "mcr_p14_dscr",       t_mcr_p14_dscr,      UT_UNDEF, 0, 0, 0 },
	{ "mcr_p7",             t_mcr_p7,            UT_UNDEF, 0, 0, 0 },
	{ "exec_misaligned",    t_exec_misaligned,   UT_TRAP,  0, 0, 0 },
	{ "cp15_user_ok",       t_cp15_user_ok,      UT_PASS,  0, 0, 0 },
	{ "smc",                t_smc,               UT_UNDEF, 0, 0, 0 },
	{ "bkpt",               t_bkpt,              UT_FAULT, 0, 0, 0 },
	{ "vfp_off",            t_vfp_off,           UT_UNDEF, 0, 0, 0 },
	{ "swp_strex_cow",      t_swp_strex_cow,     UT_PASS,  0, 0, 0 },
	{ "pld_anywhere",       t_pld_anywhere,      UT_PASS,  0, 0, 0 },
	{ "ldr_unaligned_ok",   t_ldr_unaligned_ok,  UT_PASS,  0, 0, 0 },
	{ "ldm_unaligned",      t_ldm_unaligned,     UT_FAULT, 0, 0, 0 },
	{ "stm_unaligned",      t_stm_unaligned,     UT_FAULT, 0, 0, 0 },
	{ "ldrd_unaligned",     t_ldrd_unaligned,    UT_FAULT, 0, 0, 0 },
	{ "strd_unaligned",     t_strd_unaligned,    UT_FAULT, 0, 0, 0 },
	{ "ldrex_unaligned",    t_ldrex_unaligned,   UT_FAULT, 0, 0, 0 },
	{ 0, 0, 0, 0, 0, 0 },
};
