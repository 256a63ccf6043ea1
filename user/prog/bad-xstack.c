/*
 * bad-xstack - runs code from its stack.  The stack is mapped
 * execute-never, so fetching from it must take a prefetch abort and the
 * kernel must kill this process.  The code is one `bx lr`, so a kernel
 * that wrongly allows it sees the call come back.
 */
#include <stdint.h>
#include <stdio.h>

/* ARM ARM (DDI 0406C) A8.8.27 BX, encoding A1: cond=1110 (always), Rm=lr */
#define INSN_BX_LR 0xe12fff1eu

int main(void)
{
	volatile uint32_t code[2] = { INSN_BX_LR, INSN_BX_LR };
	void (*fn)(void) = (void (*)(void))(uintptr_t)code;

	printf("bad-xstack: calling a 'bx lr' on the stack at 0x%08x, "
	       "expect to be killed\n", (unsigned)(uintptr_t)code);
	fn();
	printf("bad-xstack: FAILED: the stack code ran and returned\n");
	return 1;
}
