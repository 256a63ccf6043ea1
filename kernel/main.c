/*
 * kernel/main.c - kmain: from the startup stub to the shell.
 *
 * The order matters:
 *   1. semihosting tag    read before anything reuses low memory
 *   2. vectors            so any fault from here on is reported
 *   3. mailbox            board, memory size and clocks (MMU still off)
 *   4. console            the UART divisor needs the mailbox's clock
 *   5. MMU                kernel map sized by the mailbox's memory
 *   6. interrupts         controller, timer tick, console receive
 *   7. LED, shell
 */
#include "kernel/kprintf.h"
#include "kernel/console.h"
#include "kernel/platform.h"
#include "kernel/semihost.h"
#include "kernel/shell.h"
#include "kernel/trap.h"
#include "kernel/tick.h"
#include "kernel/mem.h"
#include "kernel/proc.h"
#include "paging/mmu.h"
#include "drivers/led.h"
#include "boot/cpu.h"
#include "build/buildid.h"

void kmain(void) __attribute__((noreturn));
void irq_init(void);                       /* kernel/irq.c */
void led_blink_init(void);                 /* kernel/cmd_board.c */
void ufault_init(void);                    /* kernel/ufault.c */
void proc_cmd_init(void);                  /* kernel/cmd_proc.c */
void uploadd_init(void);                   /* kernel/uploadd.c */

void kmain(void)
{
	semihost_detect();
	trap_init();
	platform_probe();
	console_init(platform.clk_uart, platform.clk_core);
	kprintf("\npagoda %s - paging on the ARM1176 (Raspberry Pi Zero / Pi 1)\n",
		PAGODA_VERSION);
	if (platform.failures)
		kprintf("warning: %d mailbox queries failed; using defaults\n",
			platform.failures);

	mmu_init(platform.arm_base + platform.arm_size);
	mem_init(platform.arm_base + platform.arm_size);
	proc_init();
	ufault_init();

	irq_init();
	tick_init();
	console_enable_irq();
	cpu_irq_enable();

	led_init(&platform.board);
	led_blink_init();
	proc_cmd_init();
	uploadd_init();
	kprintf("console: %s, 115200 8N1.  Type 'help'.\n", console_name());
	shell_run();
}
