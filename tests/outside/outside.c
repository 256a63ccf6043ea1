/*
 * tests/outside/outside.c - an ordinary C program, built unchanged.
 *
 *   outside [WORDS...]
 *
 * Nothing in it is specific to pagoda: it builds the same with the host's
 * cc and with tools/pagoda-cc (tests/system/test_user.py does both and
 * compares the output), from two source files and a header.  It adds its
 * arguments to a fixed word list (malloc, strlen, strcpy, memcpy), sorts
 * the list (qsort, strcmp), drops duplicates, and prints a summary that
 * depends only on its arguments:
 *
 *   outside: N words from M arguments
 *   outside: sorted: WORD WORD ...
 *   outside: D duplicates, L letters, longest "WORD"
 *   outside: fnv1a 0xHHHHHHHH
 *
 * Exits 0, or 1 if memory runs out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

static const char *const builtin[] = {
	"pagoda", "kernel", "window", "sbrk", "newlib", "qsort", "arm",
};

int main(int argc, char **argv)
{
	struct words ws = { NULL, 0, 0 };
	size_t letters = 0, dups, longest = 0;
	unsigned long h = FNV_OFFSET;

	for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
		if (words_add(&ws, builtin[i]) < 0)
			goto nomem;
	for (int i = 1; i < argc; i++)
		if (words_add(&ws, argv[i]) < 0)
			goto nomem;
	printf("outside: %u words from %d arguments\n", (unsigned)ws.n, argc - 1);

	words_sort(&ws);
	dups = words_uniq(&ws);
	printf("outside: sorted:");
	for (size_t i = 0; i < ws.n; i++) {
		size_t len = strlen(ws.w[i]);

		printf(" %s", ws.w[i]);
		letters += len;
		if (len > strlen(ws.w[longest]))
			longest = i;
		h = fnv1a(h, ws.w[i], len + 1);   /* with the NUL, as a separator */
	}
	printf("\n");
	printf("outside: %u duplicates, %u letters, longest \"%s\"\n",
	       (unsigned)dups, (unsigned)letters, ws.w[longest]);
	printf("outside: fnv1a 0x%08lx\n", h);
	words_free(&ws);
	return 0;

nomem:
	fprintf(stderr, "outside: out of memory\n");
	words_free(&ws);
	return 1;
}
