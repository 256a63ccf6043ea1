/*
 * kernel/cmd_sys.c - shell commands about the system: help, info, uptime,
 * echo, reboot, halt.
 */
#include <stdint.h>
#include "kernel/shell.h"
#include "kernel/kprintf.h"
#include "kernel/layout.h"
#include "kernel/semihost.h"
#include "kernel/errno.h"
#include "kernel/info.h"
#include "drivers/systimer.h"
#include "drivers/watchdog.h"
#include "boot/cp15.h"
#include "boot/cpu.h"

int cmd_help(int argc, char **argv)
{
	if (argc == 2) {
		const struct shell_cmd *c = shell_find(shell_cmds, shell_ncmds, argv[1]);
		if (!c) {
			kprintf("unknown command '%s' (try 'help')\n", argv[1]);
			return -ENOENT;
		}
		kprintf("  %s %s\n      %s\n", c->name, c->usage, c->help);
		return 0;
	}
	for (unsigned i = 0; i < shell_ncmds; i++) {
		const struct shell_cmd *c = &shell_cmds[i];
		kprintf("  %-8s %-22s %s\n", c->name, c->usage, c->help);
	}
	return 0;
}

int cmd_echo(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		kprintf("%s%s", argv[i], i + 1 < argc ? " " : "");
	kprintf("\n");
	return 0;
}

int cmd_uptime(int argc, char **argv)
{
	(void)argc; (void)argv;
	uint64_t us = systimer_now();
	kprintf("uptime: %llu.%06llu s\n", us / 1000000, us % 1000000);
	return 0;
}

int cmd_info(int argc, char **argv)
{
	(void)argc; (void)argv;
	info_print();
	return 0;
}

int cmd_reboot(int argc, char **argv)
{
	(void)argc; (void)argv;
	kprintf("rebooting...\n");
	watchdog_reboot();
	return 0;
}

int cmd_halt(int argc, char **argv)
{
	unsigned code = 0;

	if (argc == 2 && shell_arg_u32(argv[1], &code) < 0)
		return -EINVAL;
	if (code > 255) {
		kprintf("error: exit code %u out of range (0-255)\n", code);
		return -EINVAL;
	}
	if (semihost_available()) {
		kprintf("halting (exit code %u)\n", code);
		semihost_exit(code);
	}
	kprintf("halt: no semihosting (not under pagoda's QEMU); CPU stopped\n");
	halt_forever();
	return 0;
}
