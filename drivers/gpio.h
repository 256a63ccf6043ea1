/*
 * drivers/gpio.h - GPIO pins: function select, output, input level, pulls.
 *
 * Reference: BCM2835 ARM Peripherals (Broadcom, 2012), chapter 6 "General
 * Purpose I/O (GPIO)", pp. 89-104.  Registers at bus 0x7E200000 =
 * physical 0x20200000 (bus 0x7Exxxxxx is physical 0x20xxxxxx, 1.2.3).
 * Pins 0..53; anything else is -EINVAL.
 *
 * Not safe against concurrent callers: gpio_set_function() does a
 * read-modify-write of a shared GPFSEL word and gpio_pull() drives the one
 * global GPPUD sequencer.  pagoda calls them at init time, single core.
 * gpio_set(), gpio_clear() and gpio_level() touch only their own pin and
 * are safe anywhere, including IRQ handlers.
 */
#ifndef DRIVERS_GPIO_H
#define DRIVERS_GPIO_H

#define GPIO_NPINS 54u

/* Function select codes, 6.1 Table 6-2 (GPFSEL0, p. 92).  The values are
 * the 3-bit FSEL field itself; note that ALT4 and ALT5 are 011 and 010. */
enum gpio_func {
	GPIO_IN   = 0,   /* 000 */
	GPIO_OUT  = 1,   /* 001 */
	GPIO_ALT5 = 2,   /* 010 */
	GPIO_ALT4 = 3,   /* 011 */
	GPIO_ALT0 = 4,   /* 100 */
	GPIO_ALT1 = 5,   /* 101 */
	GPIO_ALT2 = 6,   /* 110 */
	GPIO_ALT3 = 7,   /* 111 */
};

/* GPPUD control codes, 6.1 GPPUD register (p. 101). */
enum gpio_pull {
	GPIO_PULL_OFF  = 0,   /* 00: disable pull-up/down */
	GPIO_PULL_DOWN = 1,   /* 01 */
	GPIO_PULL_UP   = 2,   /* 10 */
};

/* Select function f for pin.  Returns 0 or -EINVAL (bad pin or f). */
int gpio_set_function(unsigned pin, enum gpio_func f);

/* The pin's current function (an enum gpio_func value) or -EINVAL. */
int gpio_get_function(unsigned pin);

/* Drive an output pin high (GPSETn) / low (GPCLRn).  No effect on the
 * level until the pin is GPIO_OUT.  Return 0 or -EINVAL. */
int gpio_set(unsigned pin);
int gpio_clear(unsigned pin);

/* The pin's input level from GPLEVn: 0 or 1, or -EINVAL. */
int gpio_level(unsigned pin);

/* Set the pin's pull-up/down with the manual's sequence (p. 101): GPPUD,
 * wait, GPPUDCLKn, wait, clear GPPUD, clear GPPUDCLKn.  Busy-waits a few
 * microseconds.  Returns 0 or -EINVAL. */
int gpio_pull(unsigned pin, enum gpio_pull p);

/* "in", "out", "alt0" .. "alt5"; "?" for a value out of range. */
const char *gpio_func_name(enum gpio_func f);

#endif
