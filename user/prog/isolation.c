/*
 * isolation - shows that two processes see different memory at the same
 * virtual address.
 *
 *   isolation VALUE
 *
 * Writes VALUE to a global, sleeps 200 ms (so that a second instance,
 * started just after, writes its own value at the very same address in
 * the meantime), then reads the global back.  Every process has its own
 * window at 0x02000000 behind its own second-level table, so each must
 * read back exactly what it wrote.
 *
 * Prints `isolation pid P: wrote V at 0xADDR`, then
 * `isolation pid P: read back R at 0xADDR`; exits 0 if R == V, 1 if not,
 * 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "pagoda.h"

#define PAUSE_MS 200

volatile unsigned value;   /* in .bss: the same address in every instance */

/* VALUE from argv[1]; -1 if it is missing or not a number. */
static int parse_value(int argc, char **argv, unsigned *out)
{
	char *end;
	unsigned long v;

	if (argc != 2)
		return -1;
	v = strtoul(argv[1], &end, 0);
	if (end == argv[1] || *end != '\0')
		return -1;
	*out = (unsigned)v;
	return 0;
}

int main(int argc, char **argv)
{
	int pid = (int)getpid();
	unsigned v, r;

	if (parse_value(argc, argv, &v) < 0) {
		fprintf(stderr, "usage: isolation VALUE\n");
		return 2;
	}
	value = v;
	printf("isolation pid %d: wrote %u at 0x%08x\n", pid, v,
	       (unsigned)(uintptr_t)&value);
	pagoda_sleep_ms(PAUSE_MS);
	r = value;
	printf("isolation pid %d: read back %u at 0x%08x\n", pid, r,
	       (unsigned)(uintptr_t)&value);
	return r == v ? 0 : 1;
}
