/*
 * stackgrow - recursion until the stack limit.
 *
 *   stackgrow
 *
 * Each call takes a 1 KiB frame and writes it, so the stack grows a page
 * every four calls, each page arriving zero-filled on first touch.  The
 * stack may grow to 64 KiB (0x020F0000-0x02100000); the page below is a
 * guard, and touching it kills the process with the report "stack
 * overflow".  Prints the depth every 8 calls.  Never exits normally.
 */
#include <stdio.h>
#include <string.h>

static volatile int limit = 1 << 30;   /* never reached: the guard is */

static int recurse(int depth)
{
	volatile char frame[1024];

	if (depth > limit)
		return 0;
	memset((char *)frame, depth & 0xFF, sizeof frame);
	if (depth % 8 == 0)
		printf("stackgrow: depth %d, frame at %p\n", depth, (void *)frame);
	return recurse(depth + 1) + frame[depth % sizeof frame];
}

int main(void)
{
	return recurse(1);
}
