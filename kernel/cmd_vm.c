/*
 * kernel/cmd_vm.c - shell commands that show and poke the address space:
 * walk, vm, domains, peek, poke, fault.
 */
#include <stdbool.h>
#include <stdint.h>
#include "kernel/shell.h"
#include "kernel/kprintf.h"
#include "kernel/errno.h"
#include "kernel/guard.h"
#include "kernel/layout.h"
#include "kernel/string.h"
#include "kernel/fmt.h"
#include "paging/pt.h"
#include "paging/mmu.h"
#include "paging/kmap.h"
#include "paging/ranges.h"
#include "paging/domains.h"
#include "boot/cp15.h"

int cmd_walk_pid(uint32_t va, const char *arg, struct pt_walk *w);   /* cmd_proc.c */
int cmd_vm_pid(const char *arg);

int cmd_walk(int argc, char **argv)
{
	static char text[512];
	struct pt_walk w;
	unsigned va;

	if (shell_arg_u32(argv[1], &va) < 0)
		return -EINVAL;
	if (argc == 3) {
		if (cmd_walk_pid(va, argv[2], &w) < 0)
			return -EINVAL;
	} else {
		pt_translate(kernel_l1(), va, PT_READ, false, cp15_read_dacr(), &w);
		w.ttbr = cp15_read_ttbr0() & ~0x3FFFu;
	}
	pt_walk_describe(&w, text, sizeof text);
	kputs_indented("", text);
	return 0;
}

static void print_range(const struct pt_range *r, void *arg)
{
	(void)arg;
	char size[16];

	if (r->size >= 0x100000 && r->size % 0x100000 == 0)
		ksnprintf(size, sizeof size, "%uM", r->size >> 20);
	else
		ksnprintf(size, sizeof size, "%uK", r->size >> 10);
	kprintf("%08x-%08x %08x %6s %-7s %-8s %-14s %2u  %s%s%s\n",
		r->va, r->va + r->size - 1, r->pa, size,
		r->level == 1 ? "section" : "page", ap_name(r->ap),
		r->mem >= 0 ? memtype_name((enum memtype)r->mem) : "?", r->domain,
		r->xn ? "XN" : "X", r->ng ? " nG" : "", r->shared ? " S" : "");
}

int cmd_vm(int argc, char **argv)
{
	if (argc == 2)
		return cmd_vm_pid(argv[1]);
	kprintf("VA range          PA         size kind    rights   memory        dom  flags\n");
	pt_ranges(kernel_l1(), 0, 0xFFFFFFFFu, print_range, 0);
	return 0;
}

int cmd_domains(int argc, char **argv)
{
	static const char *const access[4] = { "no access", "client", "reserved", "manager" };
	uint32_t dacr = cp15_read_dacr();

	(void)argc; (void)argv;
	kprintf("DACR = 0x%08x\n", dacr);
	for (unsigned d = 0; d < DOM_COUNT; d++) {
		const char *name = domain_name(d);
		kprintf("  domain %2u  %-9s  %s\n", d, access[(dacr >> (2 * d)) & 3],
			name ? name : "-");
	}
	return 0;
}

static int word_address(const char *arg, unsigned *addr)
{
	if (shell_arg_u32(arg, addr) < 0)
		return -EINVAL;
	if (*addr & 3) {
		kprintf("error: address %08x is not word aligned\n", *addr);
		return -EINVAL;
	}
	return 0;
}

int cmd_peek(int argc, char **argv)
{
	unsigned addr;
	uint32_t v;

	(void)argc;
	if (word_address(argv[1], &addr) < 0)
		return -EINVAL;
	if (guarded_read32(addr, &v) < 0) {
		kprintf("peek: cannot read %08x (fault above)\n", addr);
		return -EFAULT;
	}
	kprintf("%08x: %08x\n", addr, v);
	return 0;
}

int cmd_poke(int argc, char **argv)
{
	unsigned addr, val;

	(void)argc;
	if (word_address(argv[1], &addr) < 0 || shell_arg_u32(argv[2], &val) < 0)
		return -EINVAL;
	if (guarded_write32(addr, val) < 0) {
		kprintf("poke: cannot write %08x (fault above)\n", addr);
		return -EFAULT;
	}
	kprintf("%08x <- %08x\n", addr, val);
	return 0;
}

/* ---- fault KIND: provoke a real fault through a guarded access ---------- */

static uint32_t xn_page[1024] __attribute__((aligned(4096)));   /* in .bss: XN */

enum fault_how { F_READ, F_WRITE, F_EXEC, F_UNALIGNED };

struct fault_demo {
	const char *kind;
	const char *what;
	enum fault_how how;
	uint32_t (*addr)(void);
};

static uint32_t a_guard(void)    { return SYM(__guard_svc); }
static uint32_t a_section(void)  { return 0x40000000u; }
static uint32_t a_text(void)     { return SYM(__text_start); }
static uint32_t a_rosect(void)   { return DEMO_RO_SECTION_VA; }
static uint32_t a_domain(void)   { return DEMO_DOMAIN_VA; }
static uint32_t a_dompage(void)  { return DEMO_DOMAIN_PAGE_VA; }
static uint32_t a_xnpage(void)   { return SYM(xn_page); }
static uint32_t a_xnsect(void)   { return 0x01000000u; }
static uint32_t a_unalign(void)  { return SYM(xn_page) + 1; }
static uint32_t a_null(void)     { return 0; }

static const struct fault_demo demos[] = {
	{ "translation", "read an unmapped page (SVC stack guard)", F_READ,  a_guard },
	{ "section",     "read an unmapped section (0x40000000)",   F_READ,  a_section },
	{ "permission",  "write to kernel text (read-only page)",   F_WRITE, a_text },
	{ "rosection",   "write to a read-only section",            F_WRITE, a_rosect },
	{ "domain",      "read a section in the no-access demo domain", F_READ, a_domain },
	{ "domainpage",  "read a page in the no-access demo domain",    F_READ, a_dompage },
	{ "xn",          "execute from an execute-never page",      F_EXEC,  a_xnpage },
	{ "xnsection",   "execute from an execute-never section",   F_EXEC,  a_xnsect },
	{ "alignment",   "unaligned LDR with SCTLR.A set",          F_UNALIGNED, a_unalign },
	{ "null",        "read address 0",                          F_READ,  a_null },
};

int cmd_fault(int argc, char **argv)
{
	const struct fault_demo *d = 0;
	enum fault_how how;
	uint32_t addr, v;
	bool unaligned_write = false;
	int err;

	for (unsigned i = 0; i < sizeof demos / sizeof demos[0]; i++)
		if (strcmp(demos[i].kind, argv[1]) == 0)
			d = &demos[i];
	if (!d) {
		kprintf("error: unknown fault kind '%s'; one of:\n", argv[1]);
		for (unsigned i = 0; i < sizeof demos / sizeof demos[0]; i++)
			kprintf("  %-12s %s\n", demos[i].kind, demos[i].what);
		return -EINVAL;
	}
	how = d->how;
	if (argc == 3) {
		bool write = strcmp(argv[2], "write") == 0;
		if (!write && strcmp(argv[2], "read") != 0) {
			kprintf("error: access must be 'read' or 'write'\n");
			return -EINVAL;
		}
		if (how == F_EXEC) {
			kprintf("error: fault %s is an instruction fetch\n", d->kind);
			return -EINVAL;
		}
		if (how != F_UNALIGNED)
			how = write ? F_WRITE : F_READ;
		else
			unaligned_write = write;
	}
	addr = d->addr();
	kprintf("fault %s: %s%s at %08x\n", d->kind, d->what,
		(how == F_WRITE && d->how == F_READ) || unaligned_write ? " (as a write)" :
		(how == F_READ && d->how == F_WRITE) ? " (as a read)" : "", addr);
	switch (how) {
	case F_READ:
		err = guarded_read32(addr, &v);
		break;
	case F_WRITE:
		err = guarded_write32(addr, 0xDEADBEEFu);
		break;
	case F_EXEC:
		err = guarded_exec(addr);
		break;
	case F_UNALIGNED:
	default:
		mmu_set_alignment_check(1);
		err = unaligned_write ? guarded_write32(addr, 0xDEADBEEFu)
				      : guarded_read32(addr, &v);
		mmu_set_alignment_check(0);
		break;
	}
	if (err == 0) {
		kprintf("fault %s: no fault happened!\n", d->kind);
		return -EINVAL;
	}
	kprintf("fault %s: recovered, the kernel carries on\n", d->kind);
	return 0;
}
