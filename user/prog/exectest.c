/*
 * exectest - exec, its errors, and its argument limits.
 *
 *   exectest                 run every check, then exec "args" for real
 *   exectest NAME ARGS...    exec NAME with ARGS (and report any error)
 *
 * Each failing exec must return -1 with the right errno and leave the
 * caller running with its memory intact:
 *   - an unknown name: ENOENT;
 *   - a program that is not a valid ELF, ENOEXEC (if the store has one
 *     called "bad-elf": a test kernel embeds it; uploads are checked);
 *   - too many arguments, or arguments too long: E2BIG;
 *   - a bad pointer for the name or argv: EFAULT.
 * Then it execs "args one two three", which prints its arguments; the
 * exit code is args's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pagoda.h"

static int failures;
static const char *marker = "still here";

static void expect(int r, int err, const char *what)
{
	int ok = r == -1 && errno == err && strcmp(marker, "still here") == 0;
	printf("exectest: %-44s %s (errno %d)\n", what, ok ? "OK" : "FAILED", errno);
	if (!ok)
		failures++;
}

int main(int argc, char **argv)
{
	static char *many[64];
	static char long_arg[3000];
	char *one[] = { "x", 0 };

	if (argc > 1) {
		execv(argv[1], &argv[1]);
		printf("exectest: exec %s failed: errno %d\n", argv[1], errno);
		return 1;
	}
	errno = 0;
	expect(execv("no-such-program", one), ENOENT, "unknown name refused");
	for (int i = 0; i < 63; i++)
		many[i] = "arg";
	expect(execv("args", many), E2BIG, "63 arguments refused");
	memset(long_arg, 'a', sizeof long_arg - 1);
	one[0] = long_arg;
	expect(execv("args", one), E2BIG, "a 3000-byte argument refused");
	/* through volatiles, so the compiler does not judge these itself */
	const char *volatile bad_name = (const char *)0x10;
	char **volatile bad_argv = (char **)0xC0000000;
	expect(execv(bad_name, many), EFAULT, "name at a bad address refused");
	expect(execv("args", bad_argv), EFAULT, "argv in the kernel refused");
	/* only kernels built with a broken ELF called bad-elf have one */
	errno = 0;
	if (execv("bad-elf", many + 62) == -1 && errno == ENOENT)
		printf("exectest: %-44s skipped (no bad-elf in the store)\n", "a bad ELF refused");
	else
		expect(-1, ENOEXEC, "a bad ELF refused");
	if (failures) {
		printf("exectest: FAIL (%d checks)\n", failures);
		return 1;
	}
	printf("exectest: errors PASS; exec args now\n");
	char *argv2[] = { "args", "one", "two", "three", 0 };
	execv("args", argv2);
	printf("exectest: FAIL exec args: errno %d\n", errno);
	return 1;
}
