/*
 * kernel/shell.c - the serial shell: line editing, dispatch, help.
 */
#include <stdint.h>
#include "kernel/shell.h"
#include "kernel/args.h"
#include "kernel/errno.h"
#include "kernel/kprintf.h"
#include "kernel/lineedit.h"
#include "kernel/string.h"
#ifndef HOST_TEST
#include "kernel/console.h"
#include "drivers/systimer.h"
#endif

const struct shell_cmd *shell_find(const struct shell_cmd *table, unsigned n,
				   const char *name)
{
	for (unsigned i = 0; i < n; i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	return 0;
}

void shell_print_usage(const struct shell_cmd *c)
{
	kprintf("usage: %s%s%s\n", c->name, c->usage[0] ? " " : "", c->usage);
}

int shell_arg_u32(const char *s, unsigned *out)
{
	uint32_t v;

	if (parse_u32(s, &v) < 0) {
		kprintf("error: bad number '%s'\n", s);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

int shell_execute(const struct shell_cmd *table, unsigned n, char *line)
{
	char *argv[ARGS_MAX + 1];
	const struct shell_cmd *c;
	int argc = args_split(line, argv, ARGS_MAX);

	if (argc < 0) {
		kprintf("error: too many arguments (max %d)\n", ARGS_MAX);
		return argc;
	}
	if (argc == 0)
		return 0;
	argv[argc] = 0;
	c = shell_find(table, n, argv[0]);
	if (!c) {
		kprintf("unknown command '%s' (try 'help')\n", argv[0]);
		return -ENOENT;
	}
	if (argc - 1 < c->min_args || argc - 1 > c->max_args) {
		shell_print_usage(c);
		return -EINVAL;
	}
	return c->fn(argc, argv);
}

#ifndef HOST_TEST
static void echo_out(const char *s, unsigned n, void *arg)
{
	(void)arg;
	console_write(s, n);
}

unsigned long long shell_first_prompt_us;

void shell_run(void)
{
	static struct lineedit le;

	le_init(&le);
	kputs(SHELL_PROMPT);
	shell_first_prompt_us = systimer_now();
	for (;;) {
		switch (le_feed(&le, (unsigned char)console_getc(), echo_out, 0)) {
		case LE_LINE:
			shell_execute(shell_cmds, shell_ncmds, le.buf);
			break;
		case LE_TOO_LONG:
			kprintf("error: line too long (max %d)\n", LINE_MAX);
			break;
		case LE_CANCEL:
			break;
		case LE_NONE:
			continue;
		}
		/* no le_init() here: the editor resets itself on the next byte
		 * and must remember a CR so that the LF of a CRLF is swallowed */
		kputs(SHELL_PROMPT);
	}
}
#endif
