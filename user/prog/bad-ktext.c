/*
 * bad-ktext - reads the kernel's text from user mode.  Kernel pages give
 * user mode no access, so the load must take a data abort, and the kernel
 * must kill this process with a fault report and carry on.
 */
#include <stdint.h>
#include <stdio.h>

#define KERNEL_TEXT 0x00008000u   /* link.ld: the kernel's first page */

int main(void)
{
	volatile uintptr_t addr = KERNEL_TEXT;   /* hidden from the optimiser */
	uint32_t v;

	printf("bad-ktext: reading kernel text at 0x%08x, expect to be killed\n",
	       (unsigned)addr);
	v = *(volatile uint32_t *)addr;
	printf("bad-ktext: FAILED: read 0x%08lx and was not killed\n",
	       (unsigned long)v);
	return 1;
}
