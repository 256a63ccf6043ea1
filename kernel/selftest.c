/*
 * kernel/selftest.c - `selftest`: checks that only real hardware can fail.
 *
 * QEMU models neither caches nor a write buffer, so these pass there by
 * construction; on a Pi they fail if a maintenance step in pagoda is
 * missing or wrong (docs/hardware.md, "Correct on real hardware: the
 * checklist", lists the sequences; its item 14 describes this command).
 *
 *   alias-cached   a frame seen through the kernel's identity mapping and
 *                  through a second, cached mapping at SELFTEST_VA: a
 *                  pattern written through one reads back through the
 *                  other (the ARM1176 D-cache has no page-colour aliases,
 *                  TRM 3.2.4 / 7.2.2, so no maintenance is needed)
 *   clean-to-ram   written through the cached view, cleaned by MVA
 *                  (c7 c10 1) and DSB: the uncached view sees it in RAM
 *   invalidate     written through the uncached view: after invalidating
 *                  the cached view's lines (c7 c6 1) the cached view sees it
 *   code           an instruction sequence written as data, synced as for
 *                  loaded code (window_sync_code: clean D, invalidate I,
 *                  flush branch prediction, prefetch flush) and called,
 *                  then rewritten and called again: the new code runs
 *   cow            the forktest program (copy-on-write from both sides,
 *                  demand-loaded code, frames back after 10 forks)
 *
 * The scratch pages are mapped only while the test runs.
 */
#include <stdbool.h>
#include <stdint.h>
#include "kernel/errno.h"
#include "kernel/frame.h"
#include "kernel/kprintf.h"
#include "kernel/proc.h"
#include "kernel/window.h"
#include "paging/domains.h"
#include "paging/mmu.h"
#include "paging/pt.h"
#include "boot/cp15.h"

#define SELFTEST_VA       0x30300000u   /* paging/kmap.h: after the demos */
#define SELFTEST_CODE_VA  0x30301000u
#define WORDS             (FRAME_SIZE / 4)

static bool map_alias(uint32_t va, uint32_t pa, enum memtype mt, enum ap ap, bool xn)
{
	const struct pt_attrs a = { .ap = ap, .mem = mt, .domain = DOM_KERNEL, .xn = xn };

	return pt_map(kernel_l1(), va, pa, FRAME_SIZE, &a, 0) == 0;
}

static uint32_t pattern(unsigned i, uint32_t seed)
{
	return (i + 1) * 0x9E3779B9u ^ seed;
}

/* Write through `w`, read through `r`: 0 if every word arrived. */
static int compare(volatile uint32_t *w, volatile uint32_t *r, uint32_t seed,
		   void (*between)(volatile uint32_t *w, volatile uint32_t *r))
{
	for (unsigned i = 0; i < WORDS; i++)
		w[i] = pattern(i, seed);
	if (between)
		between(w, r);
	for (unsigned i = 0; i < WORDS; i++)
		if (r[i] != pattern(i, seed)) {
			kprintf("  word %u: wrote %08x, read %08x\n", i, pattern(i, seed), r[i]);
			return -1;
		}
	return 0;
}

static void clean_written(volatile uint32_t *w, volatile uint32_t *r)
{
	(void)r;
	for (unsigned a = (uint32_t)(uintptr_t)w; a < (uint32_t)(uintptr_t)w + FRAME_SIZE; a += 32)
		cp15_dcache_clean_mva(a);
	cp15_dsb();
}

static void inval_reader(volatile uint32_t *w, volatile uint32_t *r)
{
	(void)w;
	cp15_dsb();
	for (unsigned a = (uint32_t)(uintptr_t)r; a < (uint32_t)(uintptr_t)r + FRAME_SIZE; a += 32)
		cp15_dcache_inval_mva(a);
	cp15_dsb();
}

static bool report(const char *name, int err, const char *what)
{
	kprintf("selftest: %-13s %s  (%s)\n", name, err ? "FAIL" : "ok  ", what);
	return err == 0;
}

/* ARM encodings of "mov r0, #imm8" and "bx lr" (ARM ARM A4.1.35, A4.1.10). */
#define ARM_MOV_R0_IMM(i)  (0xE3A00000u | ((i) & 0xFFu))
#define ARM_BX_LR          0xE12FFF1Eu

static int code_test(uint32_t *k)
{
	int (*fn)(void) = (int (*)(void))(uintptr_t)SELFTEST_CODE_VA;

	for (unsigned round = 0; round < 2; round++) {
		int want = 42 + 17 * (int)round;

		k[0] = ARM_MOV_R0_IMM((unsigned)want);
		k[1] = ARM_BX_LR;
		window_sync_code(k, 8);
		if (fn() != want) {
			kprintf("  round %u: the old code ran\n", round);
			return -1;
		}
	}
	return 0;
}

int cmd_selftest(int argc, char **argv)
{
	uint32_t pa = frame_alloc(FRAME_KERNEL), cpa = frame_alloc(FRAME_KERNEL);
	volatile uint32_t *k, *alias = (volatile uint32_t *)SELFTEST_VA;
	bool ok = true;
	int pid, status, err;

	(void)argc; (void)argv;
	if (!pa || !cpa) {
		if (pa)
			frame_put(pa);
		if (cpa)
			frame_put(cpa);
		kprintf("selftest: no free frame\n");
		return -ENOMEM;
	}
	k = frame_kva(pa);

	if (!map_alias(SELFTEST_VA, pa, MT_NORMAL_WBWA, AP_KRW, true))
		panic("selftest: cannot map %08x", SELFTEST_VA);
	ok &= report("alias-cached", compare(k, alias, 1, 0) || compare(alias, k, 2, 0),
		     "two cached mappings of one frame agree");
	pt_unmap(kernel_l1(), SELFTEST_VA, FRAME_SIZE);

	if (!map_alias(SELFTEST_VA, pa, MT_NORMAL_NC, AP_KRW, true))
		panic("selftest: cannot map %08x", SELFTEST_VA);
	ok &= report("clean-to-ram", compare(k, alias, 3, clean_written),
		     "cached writes, cleaned, seen uncached");
	clean_written(k, 0);          /* nothing of k dirty before the next test */
	ok &= report("invalidate", compare(alias, k, 4, inval_reader),
		     "uncached writes seen cached after invalidate");
	pt_unmap(kernel_l1(), SELFTEST_VA, FRAME_SIZE);

	if (!map_alias(SELFTEST_CODE_VA, cpa, MT_NORMAL_WBWA, AP_KRO, false))
		panic("selftest: cannot map %08x", SELFTEST_CODE_VA);
	ok &= report("code", code_test(frame_kva(cpa)), "rewritten code runs after the sync");
	pt_unmap(kernel_l1(), SELFTEST_CODE_VA, FRAME_SIZE);
	frame_put(pa);
	frame_put(cpa);

	char *fargv[] = { "forktest", "10", 0 };
	pid = proc_spawn("forktest", 2, fargv, false, current);
	err = pid < 0 ? pid : 0;
	if (pid > 0 && (proc_wait(pid, &status, 0, 0) != pid || status != 0))
		err = -1;
	ok &= report("cow", err, "forktest 10: copy-on-write and loaded code");

	kprintf("selftest: %s\n", ok ? "PASS" : "FAIL");
	return ok ? 0 : -EIO;
}
