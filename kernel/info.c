/*
 * kernel/info.c - what `info` shows: build, CPU, mode, kernel layout.
 */
#include <stdint.h>
#include "kernel/info.h"
#include "kernel/shell.h"
#include "kernel/kprintf.h"
#include "kernel/fmt.h"
#include "kernel/layout.h"
#include "kernel/trap.h"
#include "boot/cp15.h"
#include "boot/cpu.h"
#include "build/buildid.h"

void info_print_board(void);   /* kernel/cmd_board.c */

/* MIDR fields, ARM1176JZF-S TRM 3.2.2 (Main ID Register), Figure 3-9 */
#define MIDR_IMPL_SHIFT     24   /* implementer, 0x41 = ARM */
#define MIDR_VARIANT_SHIFT  20   /* major revision: rX */
#define MIDR_ARCH_SHIFT     16   /* 0xF = defined by the CPUID scheme */
#define MIDR_PART_SHIFT      4   /* primary part number */
#define MIDR_REV_SHIFT       0   /* minor revision: pY */
#define MIDR_PART_ARM1176   0xB76u

int midr_describe(unsigned midr, char *buf, unsigned n)
{
	unsigned impl = (midr >> MIDR_IMPL_SHIFT) & 0xFF;
	unsigned part = (midr >> MIDR_PART_SHIFT) & 0xFFF;
	unsigned var = (midr >> MIDR_VARIANT_SHIFT) & 0xF;
	unsigned rev = (midr >> MIDR_REV_SHIFT) & 0xF;

	if (impl == 'A' && part == MIDR_PART_ARM1176)
		return ksnprintf(buf, n, "ARM1176JZF-S r%up%u", var, rev);
	return ksnprintf(buf, n, "unknown CPU (implementer 0x%02x part 0x%03x) r%up%u",
			 impl, part, var, rev);
}

static void section(const char *name, char *start, char *end)
{
	uint32_t s = SYM(start), e = SYM(end);
	kprintf("  %-8s %08x-%08x %4u KiB\n", name, s, e - 1, (e - s) / 1024);
}

void info_print(void)
{
	char cpu[64];
	uint32_t midr = cp15_read_midr();

	midr_describe(midr, cpu, sizeof cpu);
	kprintf("pagoda %s\n", PAGODA_VERSION);
	kprintf("build: %s\n", BUILD_ID);
	kprintf("cpu: %s (MIDR 0x%08x)\n", cpu, midr);
	kprintf("mode: %s\n", mode_name(cpu_read_cpsr()));
	kprintf("boot: first prompt %llu us after reset\n", shell_first_prompt_us);
	info_print_board();
	kprintf("kernel sections:\n");
	section("text", __text_start, __text_end);
	section("rodata", __rodata_start, __rodata_end);
	section("data", __data_start, __data_end);
	section("bss", __bss_start, __bss_end);
	section("stacks", __stacks_start, __stacks_end);
	kprintf("  image    %08x-%08x %4u KiB\n", SYM(__image_start), SYM(__image_end) - 1,
		(SYM(__image_end) - SYM(__image_start)) / 1024);
}
