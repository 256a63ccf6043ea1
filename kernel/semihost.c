/*
 * kernel/semihost.c - semihosting detection and exit.
 *
 * ARM semihosting spec (ARM DUI 0471): operation SYS_EXIT_EXTENDED (0x20)
 * takes a block {reason, subcode}; with reason ADP_Stopped_ApplicationExit
 * (0x20026) QEMU exits with status `subcode` (QEMU-FACTS.md).
 */
#include "kernel/semihost.h"

#define SYS_EXIT_EXTENDED            0x20u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

uint32_t semihost_call(uint32_t op, const void *param);   /* boot/semihost.S */

static bool available;

void semihost_detect(void)
{
	volatile uint32_t *tag = (volatile uint32_t *)SEMIHOST_TAG_ADDR;

	available = tag[0] == SEMIHOST_TAG_MAGIC && tag[1] == ~SEMIHOST_TAG_MAGIC;
}

bool semihost_available(void)
{
	return available;
}

void semihost_exit(uint32_t code)
{
	static uint32_t block[2];

	if (!available)
		return;
	block[0] = ADP_STOPPED_APPLICATION_EXIT;
	block[1] = code;
	semihost_call(SYS_EXIT_EXTENDED, block);
}
