/*
 * bad-periph - reads a GPIO register at its physical address.  The
 * peripherals at 0x20000000 are the kernel's alone (even a process with
 * the io right reaches the GPIO only through PAGODA_GPIO_VA), so the load
 * must take a data abort and the kernel must kill this process.
 */
#include <stdint.h>
#include <stdio.h>

/* BCM2835 ARM Peripherals 6.1: GPLEV0, bus 0x7E200034 = physical 0x20200034 */
#define GPLEV0 0x20200034u

int main(void)
{
	volatile uintptr_t addr = GPLEV0;   /* hidden from the optimiser */
	uint32_t v;

	printf("bad-periph: reading GPLEV0 at 0x%08x without the io right, "
	       "expect to be killed\n", (unsigned)addr);
	v = *(volatile uint32_t *)addr;
	printf("bad-periph: FAILED: read 0x%08lx and was not killed\n",
	       (unsigned long)v);
	return 1;
}
