/*
 * drivers/board.h - which Raspberry Pi this is, from its revision code.
 *
 * Pure: no hardware access.  The code itself comes from the firmware, via
 * the mailbox tag "get board revision" (drivers/mailbox.h).
 *
 * Reference: Raspberry Pi documentation, "Raspberry Pi revision codes"
 * (raspberrypi/documentation, computers/raspberry-pi/revision-codes.adoc).
 *
 * Old-style codes (bit 23 clear) are a plain table, 0x0002 .. 0x0015.  A
 * board whose warranty bit was set by over-volting reports the code with
 * bit 24 set (0x1000002 for 0x0002); that bit is masked off.
 *
 * New-style codes (bit 23 set) are fields:
 *
 *   31 30 29  28-26  25  24  23  22-20  19-16  15-12  11-4   3-0
 *   N  O  Q   unused W   u   F   MMM    CCCC   PPPP   TTTTTTTT RRRR
 *
 *   N overvoltage disallowed   O OTP programming disallowed
 *   Q OTP reading disallowed   W warranty void     F 1 = new style
 *   MMM memory size  CCCC manufacturer  PPPP processor  T type  R revision
 *
 * The board's PCB revision is then "1.R".  The Zero WH reports the same
 * code as the Zero W (0x9000C1): the header is the only difference.
 *
 * QEMU 7.2 reports 0x00920092 for raspi0 (Zero rev 1.2, 512 MiB, Embest)
 * and 0x00900021 for raspi1ap (A+ rev 1.1, 512 MiB, Sony UK).
 */
#ifndef DRIVERS_BOARD_H
#define DRIVERS_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct board_info {
	uint32_t revision;       /* the code as given, all bits */
	const char *model;       /* "Raspberry Pi Zero"; "unknown board" */
	unsigned mem_mib;        /* 0 if unknown */
	const char *maker;       /* "Sony UK"; "unknown" */
	const char *soc;         /* "BCM2835"; "unknown" */
	uint8_t pcb_major;       /* PCB revision major.minor, e.g. 1.2 */
	uint8_t pcb_minor;
	int led_pin;             /* ACT LED GPIO, -1 if none pagoda can drive */
	bool led_active_low;     /* LED lights when the pin is low */
	bool known;              /* the model was recognised */
	bool has_bt_on_pl011;    /* PL011 wired to Bluetooth: console is the mini UART */
};

/*
 * Which UART is the console, when the build leaves it to the board
 * (kernel/console.c, CONSOLE=auto).  The Pi firmware routes its "primary
 * UART" to GPIO 14/15 when config.txt has enable_uart=1: the PL011 (ALT0)
 * on the Zero, A+ and B+, the mini UART (ALT5) on the Zero W, whose PL011
 * drives Bluetooth on GPIO 32/33 - unless dtoverlay=disable-bt (or
 * miniuart-bt) gives the PL011 back to GPIO 14/15, in which case the
 * firmware sets ALT0 there.  With enable_uart=0 it leaves both pins
 * inputs.  (Raspberry Pi documentation, "UART configuration": primary and
 * secondary UART per model; raspberrypi/firmware issue #553: the firmware
 * picks the primary UART from the serial0/serial1 aliases that those
 * overlays change, and sets it up; issue #1448: enable_uart=0 puts GPIO
 * 14/15 back to inputs.)
 *
 * The rule, in order:
 *   1. GPIO 14 and 15 both ALT0: the firmware chose the PL011;
 *   2. both ALT5: the firmware chose the mini UART;
 *   3. otherwise (inputs: enable_uart=0, QEMU, or a loader that set no
 *      pins): the board's own primary UART, the mini UART where the PL011
 *      goes to Bluetooth (has_bt_on_pl011), else the PL011.
 * So it must see the pins before anything in pagoda sets them.
 */
enum board_uart { BOARD_UART_PL011, BOARD_UART_MINI };

struct board_console {
	enum board_uart uart;
	const char *why;          /* one line, for `info` */
};

/* Apply the rule above.  fsel14 and fsel15 are the function-select codes
 * of GPIO 14 and 15 (enum gpio_func values, drivers/gpio.h) as found at
 * boot, or negative if unknown; b may be NULL (unknown board).  Never
 * fails. */
void board_pick_console(const struct board_info *b, int fsel14, int fsel15,
			struct board_console *out);

/* Decode `revision` into *out.  Never fails: an unrecognised code gives
 * model "unknown board", known = false, mem_mib 0, led_pin -1. */
void board_decode(uint32_t revision, struct board_info *out);

/* Write a one-line description into buf (size n, always NUL-terminated if
 * n > 0), e.g. "Raspberry Pi Zero rev 1.2, 512 MiB, Sony UK" or
 * "unknown board (rev 0x12345678)".  Returns the length the full text
 * has (as snprintf does), or -EINVAL if b or buf is NULL. */
int board_describe(const struct board_info *b, char *buf, size_t n);

#endif
