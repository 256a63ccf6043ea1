/*
 * args - shows the arguments a program receives.
 *
 *   args [WORDS...]
 *
 * Prints `args: argc = N`, then one line `argv[i] = "..."` per argument,
 * argv[0] (the program's name) included.  The shell splits a command line
 * at spaces and has no quoting, so each word arrives as one argument.
 * Exits 0.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("args: argc = %d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	return 0;
}
