/*
 * boot/semihost.S - the one semihosting call site.
 *
 * ARM semihosting (ARM DUI 0471, "Semihosting operations"): in ARM state,
 * SVC 0x123456 with the operation in r0 and its parameter in r1.  QEMU run
 * with -semihosting-config enable=on handles it; on real hardware it would
 * be an ordinary SVC into our own vector, so the kernel only calls this
 * after kernel/semihost.c has seen QEMU's boot tag.
 *
 *   uint32_t semihost_call(uint32_t op, const void *param);
 */
	.section .text
	.arm
	.global	semihost_call
semihost_call:
	push	{r4, lr}                @ SVC from SVC mode would overwrite lr_svc
	svc	0x123456                @ trap to the debugger (QEMU)
	pop	{r4, pc}                @ r0 = the result
