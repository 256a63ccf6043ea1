/*
 * kernel/shell_cmds.c - the shell's command table.  Add a row here and the
 * handler in the file of its subsystem; `help` prints from this table.
 */
#include "kernel/shell.h"
#include "kernel/args.h"

int cmd_help(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_uptime(int argc, char **argv);
int cmd_echo(int argc, char **argv);
int cmd_reboot(int argc, char **argv);
int cmd_halt(int argc, char **argv);
int cmd_walk(int argc, char **argv);
int cmd_vm(int argc, char **argv);
int cmd_domains(int argc, char **argv);
int cmd_peek(int argc, char **argv);
int cmd_poke(int argc, char **argv);
int cmd_fault(int argc, char **argv);
int cmd_led(int argc, char **argv);
int cmd_irq(int argc, char **argv);
int cmd_gpio(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_ps(int argc, char **argv);
int cmd_kill(int argc, char **argv);
int cmd_ls(int argc, char **argv);
int cmd_mem(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_rm(int argc, char **argv);
int cmd_selftest(int argc, char **argv);

const struct shell_cmd shell_cmds[] = {
	/* name      usage        help                                    min max  handler */
	{ "help",   "[CMD]",     "list commands, or describe one",        0, 1,  cmd_help },
	{ "info",   "",          "build, CPU, board and kernel layout",   0, 0,  cmd_info },
	{ "uptime", "",          "time since power-on (system timer)",    0, 0,  cmd_uptime },
	{ "echo",   "[ARGS...]", "print the arguments",                   0, ARGS_MAX - 1, cmd_echo },
	{ "reboot", "",          "reset the board through the watchdog",  0, 0,  cmd_reboot },
	{ "halt",   "[CODE]",    "stop; under QEMU exit with CODE (0-255)", 0, 1, cmd_halt },
	{ "walk",   "VA [PID]",  "the MMU's table walk for VA (as PID sees it)", 1, 2, cmd_walk },
	{ "vm",     "[PID]",     "kernel address space, or every page of PID's window", 0, 1, cmd_vm },
	{ "domains", "",         "the DACR decoded for all 16 domains",   0, 0,  cmd_domains },
	{ "peek",   "ADDR",      "read a word (faults are reported, not fatal)", 1, 1, cmd_peek },
	{ "poke",   "ADDR VALUE", "write a word (faults are reported, not fatal)", 2, 2, cmd_poke },
	{ "led",    "on|off|toggle|blink N", "the ACT LED (blinks in the background)", 1, 2, cmd_led },
	{ "irq",    "",          "interrupt counts per line",             0, 0,  cmd_irq },
	{ "gpio",   "PIN [MODE]", "show or set a pin: in out alt0-5 high low pull up|down|off", 1, 3, cmd_gpio },
	{ "run",    "[-io] NAME [ARGS...] [&]", "start a program (& = background)", 1, ARGS_MAX - 1, cmd_run },
	{ "ps",     "",          "list processes",                         0, 0,  cmd_ps },
	{ "kill",   "PID",       "kill a process",                         1, 1,  cmd_kill },
	{ "ls",     "",          "programs in the store",                  0, 0,  cmd_ls },
	{ "load",   "NAME",      "receive a program over the console (tools/upload)", 1, 1, cmd_load },
	{ "rm",     "NAME",      "remove an uploaded program",             1, 1,  cmd_rm },
	{ "mem",    "",          "frame allocator and page-table memory",  0, 0,  cmd_mem },
	{ "fault",  "KIND [read|write]", "provoke a real fault (help: fault list)", 1, 2, cmd_fault },
	{ "selftest", "",        "cache, alias, code and copy-on-write checks for real hardware", 0, 0, cmd_selftest },
};

const unsigned shell_ncmds = sizeof(shell_cmds) / sizeof(shell_cmds[0]);
