/*
 * tests/host/test_board.c - host tests for drivers/board.c.
 *
 * Every row of the old-style table, every known new-style type, the two
 * codes QEMU reports, the warranty bits, and codes that must decode as
 * "unknown board".  The expected values come from the Raspberry Pi
 * "revision codes" document; new-style codes are split in the comments as
 * MMM (22:20) CCCC (19:16) PPPP (15:12) TTTTTTTT (11:4) RRRR (3:0).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "drivers/board.h"
#include "drivers/gpio.h"
#include "kernel/errno.h"
#include "kernel/string.h"

struct expect {
	uint32_t rev;
	const char *desc;        /* board_describe() text */
	unsigned mem_mib;
	int led_pin;
	bool led_active_low;
	bool bt;
};

/* LED columns: Model A/B GPIO 16 active low; A+/B+ GPIO 47 active high;
 * Zero/Zero W GPIO 47 active low; CM1 and other SoCs none (-1). */
static const struct expect old_style[] = {
	{ 0x0002, "Raspberry Pi Model B rev 1.0, 256 MiB, Egoman",  256, 16, true,  false },
	{ 0x0003, "Raspberry Pi Model B rev 1.0, 256 MiB, Egoman",  256, 16, true,  false },
	{ 0x0004, "Raspberry Pi Model B rev 2.0, 256 MiB, Sony UK", 256, 16, true,  false },
	{ 0x0005, "Raspberry Pi Model B rev 2.0, 256 MiB, Qisda",   256, 16, true,  false },
	{ 0x0006, "Raspberry Pi Model B rev 2.0, 256 MiB, Egoman",  256, 16, true,  false },
	{ 0x0007, "Raspberry Pi Model A rev 2.0, 256 MiB, Egoman",  256, 16, true,  false },
	{ 0x0008, "Raspberry Pi Model A rev 2.0, 256 MiB, Sony UK", 256, 16, true,  false },
	{ 0x0009, "Raspberry Pi Model A rev 2.0, 256 MiB, Qisda",   256, 16, true,  false },
	{ 0x000D, "Raspberry Pi Model B rev 2.0, 512 MiB, Egoman",  512, 16, true,  false },
	{ 0x000E, "Raspberry Pi Model B rev 2.0, 512 MiB, Sony UK", 512, 16, true,  false },
	{ 0x000F, "Raspberry Pi Model B rev 2.0, 512 MiB, Egoman",  512, 16, true,  false },
	{ 0x0010, "Raspberry Pi Model B+ rev 1.2, 512 MiB, Sony UK", 512, 47, false, false },
	{ 0x0011, "Raspberry Pi Compute Module 1 rev 1.0, 512 MiB, Sony UK", 512, -1, false, false },
	{ 0x0012, "Raspberry Pi Model A+ rev 1.1, 256 MiB, Sony UK", 256, 47, false, false },
	{ 0x0013, "Raspberry Pi Model B+ rev 1.2, 512 MiB, Embest", 512, 47, false, false },
	{ 0x0014, "Raspberry Pi Compute Module 1 rev 1.0, 512 MiB, Embest", 512, -1, false, false },
	{ 0x0015, "Raspberry Pi Model A+ rev 1.1, 256 MiB, Embest", 256, 47, false, false },
};

static const struct expect new_style[] = {
	/* QEMU raspi0: 1 (512) 2 (Embest) 0 (2835) 0x09 (Zero) 2 */
	{ 0x00920092, "Raspberry Pi Zero rev 1.2, 512 MiB, Embest", 512, 47, true, false },
	/* QEMU raspi1ap: 1 (512) 0 (Sony UK) 0 (2835) 0x02 (A+) 1 */
	{ 0x00900021, "Raspberry Pi Model A+ rev 1.1, 512 MiB, Sony UK", 512, 47, false, false },
	/* Synthetic type 0 and 1 (never sold with new codes): 1 0 0 0x00/0x01 0 */
	{ 0x00900000, "Raspberry Pi Model A rev 1.0, 512 MiB, Sony UK", 512, 16, true, false },
	{ 0x00900010, "Raspberry Pi Model B rev 1.0, 512 MiB, Sony UK", 512, 16, true, false },
	{ 0x00900032, "Raspberry Pi Model B+ rev 1.2, 512 MiB, Sony UK", 512, 47, false, false },
	{ 0x00900061, "Raspberry Pi Compute Module 1 rev 1.1, 512 MiB, Sony UK", 512, -1, false, false },
	{ 0x00900092, "Raspberry Pi Zero rev 1.2, 512 MiB, Sony UK", 512, 47, true, false },
	{ 0x00900093, "Raspberry Pi Zero rev 1.3, 512 MiB, Sony UK", 512, 47, true, false },
	{ 0x00920093, "Raspberry Pi Zero rev 1.3, 512 MiB, Embest", 512, 47, true, false },
	/* Zero W and Zero WH share 9000c1: 1 0 0 0x0C 1 */
	{ 0x009000C1, "Raspberry Pi Zero W rev 1.1, 512 MiB, Sony UK", 512, 47, true, true },
	/* Other SoCs: display only, no LED */
	{ 0x00A01041, "Raspberry Pi 2 Model B rev 1.1, 1024 MiB, Sony UK, BCM2836", 1024, -1, false, false },
	{ 0x00800050, "Raspberry Pi Alpha (prototype) rev 1.0, 256 MiB, Sony UK", 256, -1, false, false },
	{ 0x00A02082, "Raspberry Pi 3 Model B rev 1.2, 1024 MiB, Sony UK, BCM2837", 1024, -1, false, true },
	{ 0x00A020A0, "Raspberry Pi Compute Module 3 rev 1.0, 1024 MiB, Sony UK, BCM2837", 1024, -1, false, false },
	{ 0x00A020D3, "Raspberry Pi 3 Model B+ rev 1.3, 1024 MiB, Sony UK, BCM2837", 1024, -1, false, true },
	{ 0x009020E0, "Raspberry Pi 3 Model A+ rev 1.0, 512 MiB, Sony UK, BCM2837", 512, -1, false, true },
	{ 0x00A02100, "Raspberry Pi Compute Module 3+ rev 1.0, 1024 MiB, Sony UK, BCM2837", 1024, -1, false, false },
	{ 0x00C03111, "Raspberry Pi 4 Model B rev 1.1, 4096 MiB, Sony UK, BCM2711", 4096, -1, false, true },
	{ 0x00D03114, "Raspberry Pi 4 Model B rev 1.4, 8192 MiB, Sony UK, BCM2711", 8192, -1, false, true },
	{ 0x00902120, "Raspberry Pi Zero 2 W rev 1.0, 512 MiB, Sony UK, BCM2837", 512, -1, false, true },
	{ 0x00C03130, "Raspberry Pi 400 rev 1.0, 4096 MiB, Sony UK, BCM2711", 4096, -1, false, true },
	{ 0x00A03140, "Raspberry Pi Compute Module 4 rev 1.0, 1024 MiB, Sony UK, BCM2711", 1024, -1, false, false },
	{ 0x00A03150, "Raspberry Pi Compute Module 4S rev 1.0, 1024 MiB, Sony UK, BCM2711", 1024, -1, false, false },
	{ 0x00C04170, "Raspberry Pi 5 rev 1.0, 4096 MiB, Sony UK, BCM2712", 4096, -1, false, false },
	/* MMM = 6: 16 GB */
	{ 0x00E04171, "Raspberry Pi 5 rev 1.1, 16384 MiB, Sony UK, BCM2712", 16384, -1, false, false },
	{ 0x00D04180, "Raspberry Pi Compute Module 5 rev 1.0, 8192 MiB, Sony UK, BCM2712", 8192, -1, false, false },
	{ 0x00D04190, "Raspberry Pi 500 rev 1.0, 8192 MiB, Sony UK, BCM2712", 8192, -1, false, false },
	{ 0x00C041A0, "Raspberry Pi Compute Module 5 Lite rev 1.0, 4096 MiB, Sony UK, BCM2712", 4096, -1, false, false },
	/* Makers: CCCC = 1 Egoman, 3 Sony Japan, 4 Embest, 5 Stadium */
	{ 0x00A21041, "Raspberry Pi 2 Model B rev 1.1, 1024 MiB, Embest, BCM2836", 1024, -1, false, false },
	{ 0x00A32082, "Raspberry Pi 3 Model B rev 1.2, 1024 MiB, Sony Japan, BCM2837", 1024, -1, false, true },
	{ 0x00A52082, "Raspberry Pi 3 Model B rev 1.2, 1024 MiB, Stadium, BCM2837", 1024, -1, false, true },
	{ 0x00A42082, "Raspberry Pi 3 Model B rev 1.2, 1024 MiB, Embest, BCM2837", 1024, -1, false, true },
	{ 0x00A11041, "Raspberry Pi 2 Model B rev 1.1, 1024 MiB, Egoman, BCM2836", 1024, -1, false, false },
	{ 0x00B03111, "Raspberry Pi 4 Model B rev 1.1, 2048 MiB, Sony UK, BCM2711", 2048, -1, false, true },
};

/* Decode e->rev and check every field and the description. */
static void check(const struct expect *e, uint32_t rev)
{
	struct board_info b;
	char buf[128];
	int n;

	board_decode(rev, &b);
	assert_true(b.known);
	assert_int_equal(b.revision, rev);
	assert_int_equal(b.mem_mib, e->mem_mib);
	assert_int_equal(b.led_pin, e->led_pin);
	assert_int_equal(b.led_active_low, e->led_active_low);
	assert_int_equal(b.has_bt_on_pl011, e->bt);
	n = board_describe(&b, buf, sizeof buf);
	assert_string_equal(buf, e->desc);
	assert_int_equal(n, (int)strlen(e->desc));
}

static void test_old_style_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof old_style / sizeof old_style[0]; i++)
		check(&old_style[i], old_style[i].rev);
}

/* Over-volted old-style boards report 0x100xxxx: bit 24 is masked. */
static void test_old_style_warranty_bit(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof old_style / sizeof old_style[0]; i++)
		check(&old_style[i], old_style[i].rev | 0x01000000u);
}

static void test_new_style_types(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof new_style / sizeof new_style[0]; i++)
		check(&new_style[i], new_style[i].rev);
}

/* N, O, Q (31:29) and W (25) do not change what the board is. */
static void test_new_style_flag_bits(void **state)
{
	(void)state;
	check(&new_style[0], 0x00920092u | 0xE2000000u);
	check(&new_style[9], 0x009000C1u | 0x02000000u);
}

static void test_qemu_codes(void **state)
{
	struct board_info b;

	(void)state;
	board_decode(0x00920092, &b);      /* raspi0 */
	assert_string_equal(b.model, "Raspberry Pi Zero");
	assert_string_equal(b.maker, "Embest");
	assert_string_equal(b.soc, "BCM2835");
	assert_int_equal(b.pcb_major, 1);
	assert_int_equal(b.pcb_minor, 2);
	board_decode(0x00900021, &b);      /* raspi1ap */
	assert_string_equal(b.model, "Raspberry Pi Model A+");
	assert_string_equal(b.maker, "Sony UK");
	assert_int_equal(b.pcb_minor, 1);
	assert_false(b.led_active_low);
}

static void check_unknown(uint32_t rev)
{
	struct board_info b;
	char buf[64], want[64];

	board_decode(rev, &b);
	assert_false(b.known);
	assert_int_equal(b.revision, rev);
	assert_string_equal(b.model, "unknown board");
	assert_int_equal(b.mem_mib, 0);
	assert_int_equal(b.led_pin, -1);
	assert_false(b.has_bt_on_pl011);
	snprintf(want, sizeof want, "unknown board (rev 0x%08x)", rev);
	board_describe(&b, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static void test_unknown_old_style(void **state)
{
	(void)state;
	check_unknown(0x0000);
	check_unknown(0x0001);
	check_unknown(0x000A);
	check_unknown(0x000B);
	check_unknown(0x000C);
	check_unknown(0x0016);
	check_unknown(0xFFFF);
	check_unknown(0x01000016);   /* warranty bit on an unknown code */
	check_unknown(0x00010002);   /* stray bit 16 */
	check_unknown(0x02000002);   /* bit 25 is not the old-style flag */
	check_unknown(0x80000010);
}

static void test_unknown_new_style(void **state)
{
	(void)state;
	check_unknown(0x009000F0);   /* type 0x0F: internal use only */
	check_unknown(0x00900160);   /* type 0x16: internal use only */
	check_unknown(0x00900070);   /* type 0x07: never assigned */
	check_unknown(0x009000B0);   /* type 0x0B */
	check_unknown(0x009001B0);   /* type 0x1B: past the table */
	check_unknown(0x00900FF0);   /* type 0xFF */
	check_unknown(0xFFFFFFFF);
}

/* A known type with memory, maker and processor codes out of the tables. */
static void test_known_type_unknown_fields(void **state)
{
	struct board_info b;
	char buf[128];

	(void)state;
	/* 1 | MMM 7 | CCCC 0xF | PPPP 0xF | type 0x09 | rev 2 */
	board_decode(0x00FFF092, &b);
	assert_true(b.known);
	assert_int_equal(b.mem_mib, 0);
	assert_string_equal(b.maker, "unknown");
	assert_string_equal(b.soc, "unknown");
	board_describe(&b, buf, sizeof buf);
	assert_string_equal(buf, "Raspberry Pi Zero rev 1.2, unknown memory, unknown, unknown");
}

static void test_describe_snprintf_rules(void **state)
{
	struct board_info b;
	char small[10];
	const char *full = "Raspberry Pi Zero rev 1.2, 512 MiB, Embest";

	(void)state;
	board_decode(0x00920092, &b);
	assert_int_equal(board_describe(&b, small, sizeof small), (int)strlen(full));
	assert_string_equal(small, "Raspberry");               /* 9 chars + NUL */
	assert_int_equal(board_describe(&b, NULL, 0), (int)strlen(full));
	assert_int_equal(board_describe(NULL, small, sizeof small), -EINVAL);
	assert_int_equal(board_describe(&b, NULL, 5), -EINVAL);
}

/* Whatever the code, decoding fills every pointer and never crashes. */
static void test_never_crashes(void **state)
{
	struct board_info b;
	char buf[96];
	uint32_t x = 12345;

	(void)state;
	for (int i = 0; i < 200000; i++) {
		x = x * 1664525u + 1013904223u;               /* LCG */
		board_decode(x, &b);
		assert_non_null(b.model);
		assert_non_null(b.maker);
		assert_non_null(b.soc);
		assert_true(b.led_pin >= -1 && b.led_pin < 54);
		assert_true(board_describe(&b, buf, sizeof buf) > 0);
	}
}

/* ---- console choice (board_pick_console) -------------------------------------
 * GPFSEL codes (BCM2835 manual Table 6-2): input 000 = 0, ALT0 100 = 4,
 * ALT5 010 = 2, output 001 = 1. */

struct pick {
	uint32_t rev;            /* 0: no board (NULL) */
	int fsel14, fsel15;
	enum board_uart want;
};

static const struct pick picks[] = {
	/* Pins untouched (enable_uart=0, QEMU): the board's primary UART */
	{ 0x00920092, GPIO_IN,   GPIO_IN,   BOARD_UART_PL011 },   /* Zero (QEMU raspi0) */
	{ 0x00900093, GPIO_IN,   GPIO_IN,   BOARD_UART_PL011 },   /* Zero 1.3 */
	{ 0x00900021, GPIO_IN,   GPIO_IN,   BOARD_UART_PL011 },   /* A+ (QEMU raspi1ap) */
	{ 0x00900032, GPIO_IN,   GPIO_IN,   BOARD_UART_PL011 },   /* B+ */
	{ 0x00000010, GPIO_IN,   GPIO_IN,   BOARD_UART_PL011 },   /* old-style B+ */
	{ 0x009000C1, GPIO_IN,   GPIO_IN,   BOARD_UART_MINI },    /* Zero W: PL011 is BT */
	/* enable_uart=1: the firmware's own routing wins */
	{ 0x009000C1, GPIO_ALT5, GPIO_ALT5, BOARD_UART_MINI },    /* Zero W default */
	{ 0x009000C1, GPIO_ALT0, GPIO_ALT0, BOARD_UART_PL011 },   /* Zero W, disable-bt */
	{ 0x00900093, GPIO_ALT0, GPIO_ALT0, BOARD_UART_PL011 },   /* Zero */
	{ 0x00900032, GPIO_ALT0, GPIO_ALT0, BOARD_UART_PL011 },   /* B+ */
	{ 0x00900093, GPIO_ALT5, GPIO_ALT5, BOARD_UART_MINI },    /* Zero, mini UART chosen */
	/* Half set up or something else on the pins: the board decides */
	{ 0x009000C1, GPIO_ALT0, GPIO_IN,   BOARD_UART_MINI },
	{ 0x00900093, GPIO_ALT5, GPIO_ALT0, BOARD_UART_PL011 },
	{ 0x00900093, GPIO_OUT,  GPIO_OUT,  BOARD_UART_PL011 },
	{ 0x009000C1, -22,       -22,       BOARD_UART_MINI },    /* pins unreadable */
	/* Unknown board (the mailbox failed): PL011 unless the pins say more */
	{ 0,          GPIO_IN,   GPIO_IN,   BOARD_UART_PL011 },
	{ 0,          GPIO_ALT5, GPIO_ALT5, BOARD_UART_MINI },
	{ 0x12345678, GPIO_IN,   GPIO_IN,   BOARD_UART_PL011 },
};

static void test_pick_console(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof picks / sizeof picks[0]; i++) {
		const struct pick *p = &picks[i];
		struct board_info b;
		struct board_console c = { BOARD_UART_PL011, NULL };

		board_decode(p->rev, &b);
		board_pick_console(p->rev ? &b : NULL, p->fsel14, p->fsel15, &c);
		if (c.uart != p->want)
			fail_msg("pick %zu: rev %08x pins %d/%d gave %d, want %d", i,
				 (unsigned)p->rev, p->fsel14, p->fsel15, c.uart, p->want);
		assert_non_null(c.why);
		assert_true(strlen(c.why) > 0);
	}
}

/* The four BCM2835 boards pagoda targets: ACT LED pin and polarity, and
 * whether the PL011 is free (drivers/board.c cites the sources). */
static void test_target_boards(void **state)
{
	static const struct { uint32_t rev; int pin; bool low; bool bt; } t[] = {
		{ 0x00900093, 47, true,  false },    /* Zero 1.3 */
		{ 0x009000C1, 47, true,  true  },    /* Zero W / WH */
		{ 0x00900021, 47, false, false },    /* A+ 1.1 */
		{ 0x00900032, 47, false, false },    /* B+ 1.2 */
	};
	struct board_info b;

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		board_decode(t[i].rev, &b);
		assert_true(b.known);
		assert_int_equal(b.led_pin, t[i].pin);
		assert_int_equal(b.led_active_low, t[i].low);
		assert_int_equal(b.has_bt_on_pl011, t[i].bt);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_old_style_table),
		cmocka_unit_test(test_old_style_warranty_bit),
		cmocka_unit_test(test_new_style_types),
		cmocka_unit_test(test_new_style_flag_bits),
		cmocka_unit_test(test_qemu_codes),
		cmocka_unit_test(test_unknown_old_style),
		cmocka_unit_test(test_unknown_new_style),
		cmocka_unit_test(test_known_type_unknown_fields),
		cmocka_unit_test(test_describe_snprintf_rules),
		cmocka_unit_test(test_never_crashes),
		cmocka_unit_test(test_pick_console),
		cmocka_unit_test(test_target_boards),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
