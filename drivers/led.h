/*
 * drivers/led.h - the board's ACT (activity) LED.
 *
 * Which GPIO drives it, and whether it lights on a low or a high level,
 * depends on the board (drivers/board.c has the table and its sources):
 * GPIO 16 active low on the Model A/B, GPIO 47 active high on the A+/B+,
 * GPIO 47 active low on the Zero / Zero W; the Compute Module has none.
 * This driver hides the polarity: led_set(true) always means "lit".
 */
#ifndef DRIVERS_LED_H
#define DRIVERS_LED_H

#include <stdbool.h>
#include "drivers/board.h"

/* Take the LED pin and polarity from *b, make the pin an output and turn
 * the LED off.  A board without an LED (led_pin < 0), or b NULL, leaves
 * the driver with no LED: the calls below then return -EINVAL. */
void led_init(const struct board_info *b);

/* Light (on) or darken the LED.  Returns 0, or -EINVAL if there is none. */
int led_set(bool on);

/* Invert the LED.  Returns the new state (1 lit, 0 dark) or -EINVAL. */
int led_toggle(void);

/* The state last set (false if there is no LED). */
bool led_state(void);

/* The LED's GPIO pin, or -1 if there is none. */
int led_pin(void);

#endif
