/*
 * drivers/led.c - ACT LED on a GPIO pin.  See drivers/led.h.
 */
#include <stddef.h>
#include "drivers/led.h"
#include "drivers/gpio.h"
#include "kernel/errno.h"

static int pin = -1;          /* -1: no LED */
static bool active_low;
static bool lit;

void led_init(const struct board_info *b)
{
	pin = -1;
	lit = false;
	if (b == NULL || b->led_pin < 0 || (unsigned)b->led_pin >= GPIO_NPINS)
		return;
	pin = b->led_pin;
	active_low = b->led_active_low;
	/* Level first, then drive it: a set/clear on an input pin takes effect
	 * when it becomes an output (BCM2835 manual 6.1, GPSETn p. 95). */
	led_set(false);
	gpio_set_function((unsigned)pin, GPIO_OUT);
}

int led_set(bool on)
{
	if (pin < 0)
		return -EINVAL;
	/* lit <=> pin level == !active_low */
	if (on != active_low)
		gpio_set((unsigned)pin);
	else
		gpio_clear((unsigned)pin);
	lit = on;
	return 0;
}

int led_toggle(void)
{
	int err = led_set(!lit);

	return err < 0 ? err : (int)lit;
}

bool led_state(void)
{
	return lit;
}

int led_pin(void)
{
	return pin;
}
