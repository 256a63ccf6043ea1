/*
 * guess - the number-guessing game, on the console's line input.
 *
 *   guess [SEED]
 *
 * Picks a number from 1 to 100 with a small LCG seeded by SEED, or by the
 * uptime in microseconds if there is no SEED (the same SEED always picks
 * the same number, which is what the system tests use):
 *
 *   x = SEED * 1103515245 + 12345   (mod 2^32)
 *   secret = (x >> 16) % 100 + 1
 *
 * Then reads one guess per line with fgets(stdin) and answers `too low`,
 * `too high`, `not a number`, or `correct in N tries` (and exits 0).
 * End of file (Ctrl-D on an empty line) ends the prompt's line, prints
 * `bye` and exits 0.
 * Exits 2 with a usage message if SEED is not a number.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pagoda.h"

#define LOWEST   1
#define HIGHEST  100

/* The secret number for `seed` (formula above). */
static long pick(uint32_t seed)
{
	uint32_t x = seed * 1103515245u + 12345u;

	return (long)((x >> 16) % (HIGHEST - LOWEST + 1)) + LOWEST;
}

/* The number on `line` (surrounding spaces and the newline allowed) in
 * *out.  Returns 0, or -1 if the line holds anything else. */
static int parse_guess(const char *line, long *out)
{
	char *end;

	*out = strtol(line, &end, 10);
	if (end == line)
		return -1;
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	return *end == '\0' ? 0 : -1;
}

int main(int argc, char **argv)
{
	char line[80];
	uint32_t seed;
	long secret, g;
	int tries = 0;

	if (argc > 2) {
		fprintf(stderr, "usage: guess [SEED]\n");
		return 2;
	}
	if (argc == 2) {
		char *end;

		seed = (uint32_t)strtoul(argv[1], &end, 0);
		if (end == argv[1] || *end != '\0') {
			fprintf(stderr, "usage: guess [SEED]\n");
			return 2;
		}
	} else {
		seed = (uint32_t)pagoda_uptime_us();
	}
	secret = pick(seed);

	printf("guess: I picked a number from %d to %d (Ctrl-D gives up)\n",
	       LOWEST, HIGHEST);
	for (;;) {
		/* stdout is line-buffered: reading stdin flushes the prompt */
		printf("guess> ");
		if (!fgets(line, sizeof line, stdin)) {
			printf("\nbye\n");   /* Ctrl-D is not echoed: end the prompt's line */
			return 0;
		}
		if (parse_guess(line, &g) < 0) {
			printf("not a number\n");
			continue;
		}
		tries++;
		if (g < secret) {
			printf("too low\n");
		} else if (g > secret) {
			printf("too high\n");
		} else {
			printf("correct in %d tries\n", tries);
			return 0;
		}
	}
}
