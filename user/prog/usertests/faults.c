/*
 * usertests/faults.c - reads, writes and jumps where a process may not go.
 *
 * One table: an address and an access each.  The child makes the access
 * and must be killed by the fault (WAIT_CAUSE_FAULT); its parent, the
 * runner, lives on.  Words are accessed at word-aligned addresses, bytes
 * elsewhere; a jump needs a word-aligned address (ARM state).  Every
 * access that must not work is one the kernel's map forbids to user mode
 * (paging/kmap.h): kernel memory is kernel-only, the peripherals are in
 * a kernel-only domain, the GPIO page at 0x7E200000 is in the io domain
 * (a domain fault without the io right), and the window has holes: the
 * heap above the break, the guard page below the stack, and nothing past
 * 0x02100000.  Its mapped edges must work: the first byte (the ELF
 * header, read-only), the stack's first and last bytes.
 *
 * Writes store 0 to peripherals: should a protection fail, GPFSEL0 = 0
 * makes GPIO 0-9 inputs, which is harmless.  Jumps to memory that is
 * mapped but must not execute (the stack, the heap, data) first write a
 * `bx lr` there, so that a missing execute-never returns and the child
 * exits 0, which the runner reports as a failure.
 */
#include <stdint.h>
#include <stdlib.h>
#include "ut.h"

#define BX_LR 0xE12FFF1Eu   /* ARM ARM A4.1.10: bx lr, condition AL */

static volatile uint32_t data_word = BX_LR;   /* .data: RW, execute-never */
static volatile uint32_t bss_word;            /* .bss: likewise */
static const char rodata_str[] = "read-only";

/* Make the access t->how at address a. */
static void access(uint32_t a, enum ut_how how)
{
	void (*volatile fn)(void) = (void (*)(void))(uintptr_t)a;

	switch (how) {
	case UT_READ:
		if (a % 4 == 0)
			(void)*(volatile uint32_t *)(uintptr_t)a;
		else
			(void)*(volatile uint8_t *)(uintptr_t)a;
		break;
	case UT_WRITE:
		if (a % 4 == 0)
			*(volatile uint32_t *)(uintptr_t)a = 0;
		else
			*(volatile uint8_t *)(uintptr_t)a = 0;
		break;
	case UT_EXEC:
		fn();
		break;
	}
}

static void t_access(const struct utest *t)
{
	access(t->addr, t->how);
}

/* Accesses inside the process's own memory, at addresses known only at
 * run time. */
static void t_write_text(const struct utest *t)
{
	(void)t;
	*(volatile uint32_t *)(uintptr_t)t_write_text = 0;
}

static void t_write_rodata(const struct utest *t)
{
	(void)t;
	*(volatile char *)(uintptr_t)rodata_str = 'R';
}

static void t_exec_data(const struct utest *t)
{
	(void)t;
	access((uint32_t)(uintptr_t)&data_word, UT_EXEC);
}

static void t_exec_bss(const struct utest *t)
{
	(void)t;
	bss_word = BX_LR;
	access((uint32_t)(uintptr_t)&bss_word, UT_EXEC);
}

static void t_exec_heap(const struct utest *t)
{
	volatile uint32_t *code = malloc(16);

	(void)t;
	UT_CHECK(code != 0);
	code[0] = BX_LR;
	access((uint32_t)(uintptr_t)code, UT_EXEC);
}

static void t_exec_stack(const struct utest *t)
{
	volatile uint32_t code[4] = { BX_LR, BX_LR, BX_LR, BX_LR };

	(void)t;
	access((uint32_t)(uintptr_t)code, UT_EXEC);
}

/* An address beyond the break but inside the heap's range. */
static void t_read_past_break(const struct utest *t)
{
	uint32_t brk = (uint32_t)sc(SYS_sbrk, 0, 0, 0);

	(void)t;
	access((brk + PAGE - 1) & ~(PAGE - 1), UT_READ);   /* the page after the break's */
}

/* The edges of the window that are mapped: these must work. */
static void t_read_first_byte(const struct utest *t)
{
	(void)t;
	UT_EQ(*(volatile uint32_t *)WIN_FIRST, 0x464C457F);   /* "\177ELF" */
}

static void t_rw_last_byte(const struct utest *t)
{
	volatile uint8_t *p = (volatile uint8_t *)WIN_LAST;
	uint8_t v = *p;

	(void)t;
	*p = (uint8_t)(v ^ 0x5A);
	UT_EQ(*p, v ^ 0x5A);
	*p = v;
}

static void t_rw_stack_bottom(const struct utest *t)
{
	volatile uint32_t *p = (volatile uint32_t *)PAGODA_STACK_BOTTOM;

	(void)t;
	UT_EQ(*p, 0);                      /* a fresh zero-filled page */
	*p = 0x12345678;
	UT_EQ(*p, 0x12345678);
}

#define F(name, addr, how) { name, t_access, UT_FAULT, addr, how, 0 }
#define FN(name, fn)       { name, fn, UT_FAULT, 0, 0, 0 }
#define P(name, fn)        { name, fn, UT_PASS, 0, 0, 0 }

const struct utest fault_tests[] = {
	/* kernel text, rodata, image, RAM */
	F("read_ktext",       KTEXT,       UT_READ),
	F("write_ktext",      KTEXT,       UT_WRITE),
	F("exec_ktext",       KTEXT,       UT_EXEC),
	F("read_krodata",     KRODATA,     UT_READ),
	F("write_krodata",    KRODATA,     UT_WRITE),
	F("read_kimage",      KIMAGE,      UT_READ),
	F("write_kimage",     KIMAGE,      UT_WRITE),
	F("exec_kimage",      KIMAGE,      UT_EXEC),
	F("read_kram",        KRAM,        UT_READ),
	F("write_kram",       KRAM,        UT_WRITE),
	F("exec_kram",        KRAM,        UT_EXEC),
	F("read_kram_high",   KRAM_HIGH,   UT_READ),
	F("write_kram_high",  KRAM_HIGH,   UT_WRITE),
	F("read_kstacks",     KSTACKS,     UT_READ),
	F("read_kstack1",     KSTACKS + 0x1000, UT_READ),
	F("write_kstack1",    KSTACKS + 0x1000, UT_WRITE),
	/* the vectors' places: page 0 and 0xFFFF0000 */
	F("read_page0",       VECTORS_LO,  UT_READ),
	F("write_page0",      VECTORS_LO,  UT_WRITE),
	F("exec_page0",       VECTORS_LO,  UT_EXEC),
	F("read_page0_end",   VECTORS_LO + 0xFFC, UT_READ),
	F("exec_vec_swi",     VECTORS_LO + 0x8, UT_EXEC),
	F("read_vectors_hi",  VECTORS_HI,  UT_READ),
	F("write_vectors_hi", VECTORS_HI,  UT_WRITE),
	F("exec_vectors_hi",  VECTORS_HI,  UT_EXEC),
	F("exec_vec_hi_swi",  VECTORS_HI + 0x8, UT_EXEC),
	F("read_addr_top",    ADDR_TOP,    UT_READ),
	F("write_addr_top",   ADDR_TOP,    UT_WRITE),
	F("read_unmapped_hi", UNMAPPED_HI, UT_READ),
	/* peripherals, and the GPIO page without the io right */
	F("read_periph",      PERIPH,      UT_READ),
	F("write_periph",     PERIPH,      UT_WRITE),
	F("exec_periph",      PERIPH,      UT_EXEC),
	F("read_gpio",        PERIPH_GPIO, UT_READ),
	F("write_gpio",       PERIPH_GPIO, UT_WRITE),
	F("read_uart_flags",  PERIPH_UART, UT_READ),
	F("read_periph_last", PERIPH_LAST, UT_READ),
	F("read_gpio_bus",    PAGODA_GPIO_VA, UT_READ),
	F("write_gpio_bus",   PAGODA_GPIO_VA, UT_WRITE),
	F("exec_gpio_bus",    PAGODA_GPIO_VA, UT_EXEC),
	F("read_demo_noacc",  DEMO_NOACC,  UT_READ),
	F("write_demo_ro",    DEMO_RO,     UT_WRITE),
	/* just outside the window, on both sides */
	F("read_below_window",  WIN_FIRST - 1, UT_READ),
	F("write_below_window", WIN_FIRST - 1, UT_WRITE),
	F("exec_below_window",  WIN_FIRST - 4, UT_EXEC),
	F("read_above_window",  PAGODA_WINDOW_END, UT_READ),
	F("write_above_window", PAGODA_WINDOW_END, UT_WRITE),
	F("exec_above_window",  PAGODA_WINDOW_END, UT_EXEC),
	/* the window's own edges and holes */
	F("write_first_byte", WIN_FIRST,   UT_WRITE),
	F("exec_last_word",   WIN_LAST - 3, UT_EXEC),
	F("read_guard_lo",    GUARD_LO,    UT_READ),
	F("write_guard_lo",   GUARD_LO,    UT_WRITE),
	F("exec_guard_lo",    GUARD_LO,    UT_EXEC),
	F("read_guard_hi",    GUARD_HI,    UT_READ),
	F("write_guard_hi",   GUARD_HI,    UT_WRITE),
	F("exec_guard_hi",    GUARD_HI - 3, UT_EXEC),
	F("read_heap_limit",  GUARD_LO - 1, UT_READ),
	F("write_heap_hole",  HEAP_HOLE,   UT_WRITE),
	F("exec_heap_hole",   HEAP_HOLE,   UT_EXEC),
	FN("read_past_break", t_read_past_break),
	/* the process's own memory, used against its rights */
	FN("write_own_text",  t_write_text),
	FN("write_rodata",    t_write_rodata),
	FN("exec_data",       t_exec_data),
	FN("exec_bss",        t_exec_bss),
	FN("exec_heap",       t_exec_heap),
	FN("exec_stack",      t_exec_stack),
	/* the mapped edges work */
	P("read_first_byte",  t_read_first_byte),
	P("rw_last_byte",     t_rw_last_byte),
	P("rw_stack_bottom",  t_rw_stack_bottom),
	{ 0, 0, 0, 0, 0, 0 },
};
