/*
 * drivers/timecmp.h - wrap-safe comparison of 32-bit time stamps.
 *
 * The system timer's low word (CLO, BCM2835 ARM Peripherals 12.1 p. 172)
 * counts microseconds and wraps every 2^32 us, about 71.6 minutes.  Two
 * stamps are compared through their difference taken as a signed number,
 * the same trick as Linux's time_after() in <linux/jiffies.h>:
 *
 *     a - b (mod 2^32) in [0, 2^31)      ->  a is at or after b
 *     a - b (mod 2^32) in [2^31, 2^32)   ->  a is before b
 *
 * This is right as long as the two stamps are less than 2^31 us (about
 * 35.8 minutes) apart.  Never compare stamps with == or <: a busy wait
 * that tests equality misses its deadline whenever it is not sampled in
 * exactly that microsecond, and < breaks at the wrap.
 *
 * Pure: no hardware.  The host unit test tests/host/test_timecmp.c uses it.
 */
#ifndef DRIVERS_TIMECMP_H
#define DRIVERS_TIMECMP_H

#include <stdbool.h>
#include <stdint.h>

/* True if stamp a is at or after stamp b (a - b < 2^31, mod 2^32). */
static inline bool time_after_eq(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) >= 0;
}

/* True if stamp a is strictly before stamp b. */
static inline bool time_before(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

/* True if stamp a is strictly after stamp b. */
static inline bool time_after(uint32_t a, uint32_t b)
{
	return (int32_t)(b - a) < 0;
}

#endif
