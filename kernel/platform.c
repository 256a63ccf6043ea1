/*
 * kernel/platform.c - board facts from the mailbox, with safe defaults.
 *
 * Runs before mmu_init(), so the message buffer is reached uncached (see
 * drivers/mailbox.c for the cache rules), and before console_init(), which
 * takes from here the board (the UART choice and the ACT LED, through
 * board_decode) and the clocks: clock id 2 (UART) sets the PL011 divisor,
 * clock id 4 (core) the mini UART's.  It touches no GPIO, so console_init()
 * still sees GPIO 14/15 as the firmware left them.
 */
#include "kernel/platform.h"
#include "drivers/mailbox.h"

/* Defaults used when a mailbox call fails: the smallest Pi 1 memory split
 * (256 MiB board, 64 MiB GPU) and the documented default clocks. */
#define DEFAULT_ARM_SIZE   (192u << 20)
#define DEFAULT_UART_CLK   48000000u     /* config.txt init_uart_clock=48000000 */
#define DEFAULT_CORE_CLK   250000000u    /* BCM2835 core clock default */
#define DEFAULT_ARM_CLK    700000000u

struct platform platform;

static void check(int err)
{
	if (err)
		platform.failures++;
}

void platform_probe(void)
{
	struct platform *p = &platform;

	p->arm_size = DEFAULT_ARM_SIZE;
	p->clk_uart = DEFAULT_UART_CLK;
	p->clk_core = DEFAULT_CORE_CLK;
	p->clk_arm = DEFAULT_ARM_CLK;
	check(mbox_get_board_revision(&p->revision));
	check(mbox_get_board_serial(&p->serial));
	check(mbox_get_firmware_revision(&p->firmware));
	check(mbox_get_arm_memory(&p->arm_base, &p->arm_size));
	check(mbox_get_vc_memory(&p->vc_base, &p->vc_size));
	check(mbox_get_clock_rate(MBOX_CLOCK_ARM, &p->clk_arm));
	check(mbox_get_clock_rate(MBOX_CLOCK_CORE, &p->clk_core));
	check(mbox_get_clock_rate(MBOX_CLOCK_UART, &p->clk_uart));
	check(mbox_get_clock_rate(MBOX_CLOCK_EMMC, &p->clk_emmc));
	if (p->arm_base != 0 || p->arm_size < (16u << 20)) {
		/* pagoda's identity map assumes ARM RAM starts at 0 */
		p->arm_base = 0;
		p->arm_size = DEFAULT_ARM_SIZE;
		p->failures++;
	}
	if (p->clk_uart == 0)
		p->clk_uart = DEFAULT_UART_CLK;
	if (p->clk_core == 0)
		p->clk_core = DEFAULT_CORE_CLK;
	board_decode(p->revision, &p->board);
}
