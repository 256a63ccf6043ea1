/*
 * bad-kdata - writes into the kernel's data from user mode.  0x00020000
 * lies in the kernel's data/bss (see build/kernel.map), which user mode may
 * neither read nor write: the store must take a data abort, and the kernel
 * must kill this process and carry on, its data intact.
 */
#include <stdint.h>
#include <stdio.h>

#define KERNEL_DATA 0x00020000u

int main(void)
{
	volatile uintptr_t addr = KERNEL_DATA;   /* hidden from the optimiser */

	printf("bad-kdata: writing kernel data at 0x%08x, expect to be killed\n",
	       (unsigned)addr);
	*(volatile uint32_t *)addr = 0xdeadbeef;
	printf("bad-kdata: FAILED: wrote 0x%08x and was not killed\n",
	       (unsigned)addr);
	return 1;
}
