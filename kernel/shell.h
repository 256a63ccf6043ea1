/*
 * kernel/shell.h - the serial shell.
 *
 * Commands are rows of one table (kernel/shell_cmds.c): a later capability
 * adds a row and its handler, nothing else.  The handler gets argv[0] =
 * the command name and argc already checked against min_args..max_args.
 * It returns 0, or a negative error after printing what went wrong.
 */
#ifndef KERNEL_SHELL_H
#define KERNEL_SHELL_H

struct shell_cmd {
	const char *name;
	const char *usage;      /* arguments, e.g. "VA [PID]" */
	const char *help;       /* one line */
	int min_args, max_args; /* not counting the name */
	int (*fn)(int argc, char **argv);
};

extern const struct shell_cmd shell_cmds[];
extern const unsigned shell_ncmds;

/* Split `line` in place and run it against `table`.  Prints usage and
 * unknown-command errors itself.  Returns the handler's result, 0 for an
 * empty line, or a negative error. */
int shell_execute(const struct shell_cmd *table, unsigned n, char *line);
const struct shell_cmd *shell_find(const struct shell_cmd *table, unsigned n,
				   const char *name);
void shell_print_usage(const struct shell_cmd *c);

/* Parse a number argument, printing "error: bad number 'x'" if it is not
 * one.  Returns 0 or -EINVAL. */
int shell_arg_u32(const char *s, unsigned *out);

/* The interactive loop: prompt, edit, execute.  Never returns. */
void shell_run(void) __attribute__((noreturn));

#define SHELL_PROMPT "pagoda> "

/* System timer reading (us since reset) when the first prompt was printed.
 * Under QEMU -icount shift=0 one us is 1000 guest instructions. */
extern unsigned long long shell_first_prompt_us;

#endif
