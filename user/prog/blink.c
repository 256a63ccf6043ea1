/*
 * blink - blinks the ACT LED by writing the GPIO registers itself.
 *
 * Needs the io right (`run -io blink`, or SPAWN_IO): only then may this
 * process touch the GPIO page the kernel maps at PAGODA_GPIO_VA (see
 * user/pagoda.h).  Without the right the first access faults.  The kernel
 * has already made GPIO 47 (the ACT LED of the Pi Zero and Pi 1 A+/B+) an
 * output; this only sets and clears it, and leaves it as it found it.
 */
#include <stdint.h>
#include <stdio.h>
#include "pagoda.h"

/* BCM2835 ARM Peripherals 6.1, GPIO register offsets (GPSET1 at bus
 * 0x7E200020 = physical 0x20200020, ...).  Pin 47 is bit 47 - 32 = 15 of
 * each bank-1 register. */
#define GPIO_REG(off) ((volatile uint32_t *)(PAGODA_GPIO_VA + (off)))
#define GPSET1   GPIO_REG(0x20)   /* write 1: drive high */
#define GPCLR1   GPIO_REG(0x2C)   /* write 1: drive low */
#define GPLEV1   GPIO_REG(0x38)   /* pin levels */
#define LED_BIT  (1u << (47 - 32))

#define BLINKS   3
#define HALF_MS  200

static void led_level(int high)
{
	if (high)
		*GPSET1 = LED_BIT;
	else
		*GPCLR1 = LED_BIT;
}

int main(void)
{
	int start = (*GPLEV1 & LED_BIT) != 0;

	printf("blink: GPIO 47 is %s, toggling it %d times\n",
	       start ? "high" : "low", BLINKS);
	for (int i = 1; i <= BLINKS; i++) {
		led_level(!start);
		printf("blink: %d: GPIO 47 %s\n", i, start ? "low" : "high");
		pagoda_sleep_ms(HALF_MS);
		led_level(start);
		pagoda_sleep_ms(HALF_MS);
	}
	printf("blink: done\n");
	return 0;
}
