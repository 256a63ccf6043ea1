/*
 * malloc-stress - fills the heap until malloc says no, then checks it.
 *
 *   malloc-stress
 *
 * 1. Allocates blocks of 1 KiB to 32 KiB (the size follows from the
 *    block's index) and fills each with a pattern derived from its index,
 *    until malloc returns NULL.  That happens when SYS_sbrk refuses to
 *    move the break past the heap limit, 0x020EF000 (user/pagoda.h):
 *    newlib's malloc gets (void *)-1 with errno ENOMEM and returns NULL.
 *    Nothing else happens: the process is not killed, and the kernel
 *    prints nothing.
 * 2. Checks every block's pattern, so that no block overlaps another and
 *    no page of the heap was lost or shared.
 * 3. Frees every block in a scrambled order (a fixed shuffle).
 * 4. Allocates the same sequence again until NULL, and checks that the
 *    break did not move: the memory freed in 3 was reused.
 *
 * Prints `malloc-stress: N blocks, K KiB before out of memory`, then
 * `malloc-stress: all patterns intact`, then what the second round got.
 * Exits 0; 1 if a pattern is corrupt or the memory was not reused.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pagoda.h"

#define MAX_BLOCKS  1024   /* more than the heap can hold at 1 KiB each */
#define MIN_SIZE    1024u
#define SIZE_SPAN   (31u * 1024u)   /* so sizes run from 1 KiB to 32 KiB */

static uint32_t *block[MAX_BLOCKS];
static size_t block_size[MAX_BLOCKS];
static unsigned order[MAX_BLOCKS];

/* The size of block i: 1 KiB..32 KiB, spread by a multiplicative step,
 * a multiple of 4 bytes. */
static size_t size_for(unsigned i)
{
	return MIN_SIZE + ((i * 5227u) % SIZE_SPAN & ~3u);
}

/* The word at index w of block i: differs between blocks and along a block. */
static uint32_t pattern(unsigned i, size_t w)
{
	return (i * 0x9E3779B1u) ^ ((uint32_t)w * 0x01000193u) ^ 0xA5A5A5A5u;
}

/* Allocate block after block into block[], until malloc fails.  Returns
 * how many were allocated; adds their bytes to *bytes. */
static unsigned fill_heap(size_t *bytes)
{
	unsigned n;

	*bytes = 0;
	for (n = 0; n < MAX_BLOCKS; n++) {
		size_t sz = size_for(n);
		uint32_t *b = malloc(sz);

		if (!b)
			break;
		for (size_t w = 0; w < sz / 4; w++)
			b[w] = pattern(n, w);
		block[n] = b;
		block_size[n] = sz;
		*bytes += sz;
	}
	return n;
}

/* Check blocks 0..n-1.  Returns how many are corrupt, reporting each. */
static unsigned check_blocks(unsigned n)
{
	unsigned bad = 0;

	for (unsigned i = 0; i < n; i++) {
		for (size_t w = 0; w < block_size[i] / 4; w++) {
			if (block[i][w] != pattern(i, w)) {
				printf("malloc-stress: block %u at %p word %u: %08lx, "
				       "expected %08lx\n", i, (void *)block[i],
				       (unsigned)w, (unsigned long)block[i][w],
				       (unsigned long)pattern(i, w));
				bad++;
				break;
			}
		}
	}
	return bad;
}

/* Free blocks 0..n-1 in an order shuffled by a fixed LCG (Fisher-Yates). */
static void free_scrambled(unsigned n)
{
	uint32_t seed = 12345;

	for (unsigned i = 0; i < n; i++)
		order[i] = i;
	for (unsigned i = n; i > 1; i--) {
		unsigned j, t;

		seed = seed * 1103515245u + 12345u;
		j = (seed >> 8) % i;
		t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
	for (unsigned i = 0; i < n; i++) {
		free(block[order[i]]);
		block[order[i]] = NULL;
	}
}

int main(void)
{
	size_t bytes, bytes2;
	unsigned n, n2, bad;
	void *brk1, *brk2;
	int err;

	/* stdout's buffer comes from malloc too: get it before the heap is full */
	printf("malloc-stress: filling the heap (limit 0x%08x) with 1-32 KiB blocks\n",
	       PAGODA_HEAP_LIMIT);
	errno = 0;
	n = fill_heap(&bytes);
	err = errno;
	brk1 = sbrk(0);
	printf("malloc-stress: %u blocks, %u KiB before out of memory\n",
	       n, (unsigned)(bytes / 1024));
	printf("malloc-stress: malloc(%u) returned NULL, errno %d (%s), break 0x%08lx\n",
	       (unsigned)size_for(n), err, err == ENOMEM ? "ENOMEM" : "?",
	       (unsigned long)(uintptr_t)brk1);

	bad = check_blocks(n);
	if (bad) {
		printf("malloc-stress: %u of %u blocks corrupt\n", bad, n);
		return 1;
	}
	printf("malloc-stress: all patterns intact\n");

	free_scrambled(n);
	n2 = fill_heap(&bytes2);
	brk2 = sbrk(0);
	bad = check_blocks(n2);
	printf("malloc-stress: freed all in scrambled order, then %u blocks, %u KiB "
	       "again, break %s\n", n2, (unsigned)(bytes2 / 1024),
	       brk2 == brk1 ? "unchanged" : "moved");
	if (bad || n2 < n || brk2 != brk1) {
		printf("malloc-stress: FAILED: freed memory was not reused\n");
		return 1;
	}
	return 0;
}
