/*
 * counter - counts from 1 to COUNT, one line every 100 ms.
 *
 *   counter [COUNT]      COUNT defaults to 5
 *
 * Run several at once to watch the scheduler interleave them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "pagoda.h"

#define DEFAULT_COUNT 5
#define PERIOD_MS     100

/* COUNT from argv[1], or DEFAULT_COUNT; -1 if argv[1] is not a count. */
static long parse_count(int argc, char **argv)
{
	char *end;
	long n;

	if (argc < 2)
		return DEFAULT_COUNT;
	n = strtol(argv[1], &end, 10);
	if (end == argv[1] || *end != '\0' || n < 0)
		return -1;
	return n;
}

int main(int argc, char **argv)
{
	long count = parse_count(argc, argv);
	int pid = (int)getpid();

	if (count < 0) {
		fprintf(stderr, "usage: counter [COUNT]\n");
		return 2;
	}
	for (long i = 1; i <= count; i++) {
		printf("counter pid %d: %ld\n", pid, i);
		if (i < count)
			pagoda_sleep_ms(PERIOD_MS);
	}
	return 0;
}
