/*
 * bad-null - dereferences a null pointer.  Address 0 is outside the
 * process window (and holds nothing for user mode), so the load must take
 * a data abort and the kernel must kill this process.
 */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	volatile uintptr_t addr = 0;   /* hidden from the optimiser */
	uint32_t v;

	printf("bad-null: reading address 0x%08x, expect to be killed\n",
	       (unsigned)addr);
	v = *(volatile uint32_t *)addr;
	printf("bad-null: FAILED: read 0x%08lx and was not killed\n",
	       (unsigned long)v);
	return 1;
}
