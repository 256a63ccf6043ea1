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

/* Decode `revision` into *out.  Never fails: an unrecognised code gives
 * model "unknown board", known = false, mem_mib 0, led_pin -1. */
void board_decode(uint32_t revision, struct board_info *out);

/* Write a one-line description into buf (size n, always NUL-terminated if
 * n > 0), e.g. "Raspberry Pi Zero rev 1.2, 512 MiB, Sony UK" or
 * "unknown board (rev 0x12345678)".  Returns the length the full text
 * has (as snprintf does), or -EINVAL if b or buf is NULL. */
int board_describe(const struct board_info *b, char *buf, size_t n);

#endif
