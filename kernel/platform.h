/*
 * kernel/platform.h - what the firmware tells us about the board, asked
 * once at boot through the mailbox (drivers/mailbox.c).
 */
#ifndef KERNEL_PLATFORM_H
#define KERNEL_PLATFORM_H

#include <stdint.h>
#include "drivers/board.h"

struct platform {
	uint32_t revision;
	uint64_t serial;
	uint32_t firmware;
	uint32_t arm_base, arm_size;     /* bytes */
	uint32_t vc_base, vc_size;
	uint32_t clk_arm, clk_core, clk_uart, clk_emmc;   /* Hz */
	int failures;                    /* mailbox calls that failed */
	struct board_info board;
};

extern struct platform platform;

/* Ask the mailbox for everything above; anything that fails keeps a safe
 * default and is counted in platform.failures.  MMU may be off or on. */
void platform_probe(void);

#endif
