/*
 * primes - the primes below N, by the sieve of Eratosthenes.
 *
 *   primes [N]       N from 2 to PRIMES_MAX, default 100
 *
 * The sieve is one byte per number, taken from the heap with malloc, so a
 * large N shows the heap growing (and, past what the window holds, malloc
 * failing cleanly).  Prints the primes ten to a line, separated by single
 * spaces, then `K primes below N`.
 *
 * Exits 0; 1 if the sieve does not fit in memory; 2 with a usage message
 * on stderr if N is not a number in range.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_N   100
#define PRIMES_MAX  800000L   /* the sieve must fit below the heap limit */
#define PER_LINE    10

/* N from argv[1], or DEFAULT_N; -1 if argv[1] is not a number in range. */
static long parse_n(int argc, char **argv)
{
	char *end;
	long n;

	if (argc < 2)
		return DEFAULT_N;
	if (argc > 2)
		return -1;
	n = strtol(argv[1], &end, 10);
	if (end == argv[1] || *end != '\0' || n < 2 || n > PRIMES_MAX)
		return -1;
	return n;
}

/* Mark the composites below n in sieve[0..n): sieve[k] is 1 for k prime. */
static void sieve_fill(unsigned char *sieve, long n)
{
	memset(sieve, 1, (size_t)n);
	sieve[0] = sieve[1] = 0;
	for (long p = 2; p * p < n; p++) {
		if (!sieve[p])
			continue;
		for (long k = p * p; k < n; k += p)
			sieve[k] = 0;
	}
}

/* Print the primes in sieve[0..n), PER_LINE to a line.  Returns how many. */
static long print_primes(const unsigned char *sieve, long n)
{
	long count = 0;

	for (long k = 2; k < n; k++) {
		if (!sieve[k])
			continue;
		printf(count % PER_LINE ? " %ld" : "%ld", k);
		if (++count % PER_LINE == 0)
			putchar('\n');
	}
	if (count % PER_LINE)
		putchar('\n');
	return count;
}

int main(int argc, char **argv)
{
	long n = parse_n(argc, argv);
	unsigned char *sieve;

	if (n < 0) {
		fprintf(stderr, "usage: primes [N]   (N from 2 to %ld, default %d)\n",
			PRIMES_MAX, DEFAULT_N);
		return 2;
	}
	sieve = malloc((size_t)n);
	if (!sieve) {
		fprintf(stderr, "primes: no memory for a sieve of %ld bytes\n", n);
		return 1;
	}
	sieve_fill(sieve, n);
	printf("%ld primes below %ld\n", print_primes(sieve, n), n);
	free(sieve);
	return 0;
}
