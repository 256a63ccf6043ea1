/*
 * drivers/gpio.c - GPIO driver.  See drivers/gpio.h for sources.
 */
#include <stdint.h>
#include "drivers/gpio.h"
#include "drivers/mmio.h"
#include "drivers/systimer.h"
#include "kernel/errno.h"

/* BCM2835 ARM Peripherals 6.1, register table pp. 90-91 */
#define GPIO_BASE      (PERIPH_BASE + 0x200000u)
#define GPFSEL(n)      (GPIO_BASE + 0x00 + 4u * (n))  /* 0..5, pp. 91-94 */
#define GPSET(n)       (GPIO_BASE + 0x1C + 4u * (n))  /* 0..1, p. 95 */
#define GPCLR(n)       (GPIO_BASE + 0x28 + 4u * (n))  /* 0..1, p. 95 */
#define GPLEV(n)       (GPIO_BASE + 0x34 + 4u * (n))  /* 0..1, p. 96 */
#define GPPUD          (GPIO_BASE + 0x94)             /* p. 100 */
#define GPPUDCLK(n)    (GPIO_BASE + 0x98 + 4u * (n))  /* 0..1, p. 101 */

/* GPFSELn: ten pins per word, three bits each (FSELx at bits 3x+2..3x) */
#define FSEL_PINS_PER_REG  10u
#define FSEL_BITS          3u
#define FSEL_MASK          7u

/* GPSET/GPCLR/GPLEV/GPPUDCLK: one bit per pin, 32 pins per word */
#define BANK(pin)  ((pin) / 32u)
#define BIT(pin)   (1u << ((pin) % 32u))

/* p. 101: "wait 150 cycles - this provides the required set-up time for
 * the control signal" (of the 250 MHz core clock, 0.6 us).  1 us of the
 * system timer is at least 250 such cycles. */
#define PUD_SETUP_US  1u

static const char *const func_names[] = {
	[GPIO_IN] = "in",     [GPIO_OUT] = "out",
	[GPIO_ALT0] = "alt0", [GPIO_ALT1] = "alt1", [GPIO_ALT2] = "alt2",
	[GPIO_ALT3] = "alt3", [GPIO_ALT4] = "alt4", [GPIO_ALT5] = "alt5",
};

int gpio_set_function(unsigned pin, enum gpio_func f)
{
	uint32_t reg, shift, v;

	if (pin >= GPIO_NPINS || (unsigned)f > FSEL_MASK)
		return -EINVAL;
	reg = GPFSEL(pin / FSEL_PINS_PER_REG);
	shift = (pin % FSEL_PINS_PER_REG) * FSEL_BITS;
	v = mmio_read(reg);
	v &= ~(FSEL_MASK << shift);
	v |= (uint32_t)f << shift;
	mmio_write(reg, v);
	return 0;
}

int gpio_get_function(unsigned pin)
{
	uint32_t shift;

	if (pin >= GPIO_NPINS)
		return -EINVAL;
	shift = (pin % FSEL_PINS_PER_REG) * FSEL_BITS;
	return (int)((mmio_read(GPFSEL(pin / FSEL_PINS_PER_REG)) >> shift) & FSEL_MASK);
}

int gpio_set(unsigned pin)
{
	if (pin >= GPIO_NPINS)
		return -EINVAL;
	mmio_write(GPSET(BANK(pin)), BIT(pin));   /* 0 bits: no effect, p. 95 */
	return 0;
}

int gpio_clear(unsigned pin)
{
	if (pin >= GPIO_NPINS)
		return -EINVAL;
	mmio_write(GPCLR(BANK(pin)), BIT(pin));
	return 0;
}

int gpio_level(unsigned pin)
{
	if (pin >= GPIO_NPINS)
		return -EINVAL;
	return (mmio_read(GPLEV(BANK(pin))) & BIT(pin)) ? 1 : 0;
}

/* Busy-wait the GPPUD set-up time on the system timer: a switch of
 * peripheral each way, fenced by mmio_read()/mmio_write() (BCM2835 manual
 * 1.3, drivers/mmio.h). */
static void pud_wait(void)
{
	systimer_delay_us(PUD_SETUP_US);
}

int gpio_pull(unsigned pin, enum gpio_pull p)
{
	if (pin >= GPIO_NPINS || (unsigned)p > GPIO_PULL_UP)
		return -EINVAL;
	mmio_write(GPPUD, (uint32_t)p);              /* 1. the control signal */
	pud_wait();                                  /* 2. set-up time */
	mmio_write(GPPUDCLK(BANK(pin)), BIT(pin));   /* 3. clock it into the pin */
	pud_wait();                                  /* 4. hold time */
	mmio_write(GPPUD, GPIO_PULL_OFF);            /* 5. remove the signal */
	mmio_write(GPPUDCLK(BANK(pin)), 0);          /* 6. remove the clock */
	return 0;
}

const char *gpio_func_name(enum gpio_func f)
{
	if ((unsigned)f >= sizeof func_names / sizeof func_names[0])
		return "?";
	return func_names[f];
}
