/*
 * bad-kjump - branches into the kernel's text.  Kernel pages give user
 * mode no access, execution included, so the instruction fetch must take a
 * prefetch abort and the kernel must kill this process.
 */
#include <stdint.h>
#include <stdio.h>

#define KERNEL_TEXT 0x00008000u   /* link.ld: the kernel's entry point */

int main(void)
{
	volatile uintptr_t addr = KERNEL_TEXT;   /* hidden from the optimiser */
	void (*fn)(void) = (void (*)(void))addr;

	printf("bad-kjump: jumping to kernel text at 0x%08x, expect to be killed\n",
	       (unsigned)addr);
	fn();
	printf("bad-kjump: FAILED: came back and was not killed\n");
	return 1;
}
