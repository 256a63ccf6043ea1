/*
 * bad-wtext - writes over its own code.  The text segment is mapped
 * read-only for user mode (PF_R|PF_X), so the store must take a data abort
 * (permission fault) and the kernel must kill this process.  The value
 * written is the word already there, so a kernel that wrongly allows the
 * store still leaves the code intact.
 */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	volatile uintptr_t addr = (uintptr_t)main;   /* hidden from the optimiser */
	volatile uint32_t *word = (volatile uint32_t *)addr;
	uint32_t v = *word;   /* reading text is allowed */

	printf("bad-wtext: writing its own text at 0x%08x (main), "
	       "expect to be killed\n", (unsigned)addr);
	*word = v;
	printf("bad-wtext: FAILED: wrote 0x%08x and was not killed\n",
	       (unsigned)addr);
	return 1;
}
