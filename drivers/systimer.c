/*
 * drivers/systimer.c - System Timer driver.  See drivers/systimer.h for
 * the register map and its sources.
 */
#include "drivers/systimer.h"
#include "drivers/mmio.h"
#include "kernel/errno.h"

/* BCM2835 ARM Peripherals 12.1, register table p. 172 */
#define ST_BASE  (PERIPH_BASE + 0x003000u)
#define ST_CS    (ST_BASE + 0x00)          /* control/status, p. 173 */
#define ST_CLO   (ST_BASE + 0x04)          /* counter low word, p. 173 */
#define ST_CHI   (ST_BASE + 0x08)          /* counter high word, p. 174 */
#define ST_C(n)  (ST_BASE + 0x0C + 4u * (n))  /* compare 0..3, p. 174 */

/* CS bits 3:0, p. 173: Mn is set by a match, write 1 to clear */
#define ST_CS_M(n)  (1u << (n))

/* Longest single busy-wait step: keep stamps < 2^31 apart (timecmp.h). */
#define DELAY_STEP_US  0x40000000u

#define TICK_HZ_MAX  100000u

static uint32_t tick_period;          /* us per tick; 0 = tick not started */
static uint32_t tick_next;            /* the deadline now in C1 */
static unsigned tick_hz;
static volatile uint64_t tick_count;  /* written only by the tick IRQ */
static volatile uint64_t tick_lost;

uint64_t systimer_now(void)
{
	uint32_t hi, lo;

	do {
		hi = mmio_read(ST_CHI);
		lo = mmio_read(ST_CLO);
	} while (mmio_read(ST_CHI) != hi);     /* CLO wrapped in between */
	return ((uint64_t)hi << 32) | lo;
}

uint32_t systimer_now32(void)
{
	return mmio_read(ST_CLO);
}

int systimer_set_compare(unsigned ch, uint32_t value)
{
	if (ch >= SYSTIMER_NCHAN)
		return -EINVAL;
	mmio_write(ST_C(ch), value);
	return 0;
}

int systimer_ack(unsigned ch)
{
	if (ch >= SYSTIMER_NCHAN)
		return -EINVAL;
	mmio_write(ST_CS, ST_CS_M(ch));        /* other bits written 0: untouched */
	return 0;
}

bool systimer_matched(unsigned ch)
{
	if (ch >= SYSTIMER_NCHAN)
		return false;
	return (mmio_read(ST_CS) & ST_CS_M(ch)) != 0;
}

void systimer_delay_us(uint32_t us)
{
	while (us) {
		uint32_t step = us < DELAY_STEP_US ? us : DELAY_STEP_US;
		/* +1: the first reading may be late in its microsecond */
		uint32_t end = systimer_now32() + step + 1;

		while (!time_after_eq(systimer_now32(), end))
			;
		us -= step;
	}
}

/* Read a 64-bit counter that the tick IRQ updates, without tearing: the two
 * word loads are not atomic on ARMv6, so retry until two reads agree. */
static uint64_t read_counter(const volatile uint64_t *p)
{
	uint64_t a, b;

	do {
		a = *p;
		b = *p;
	} while (a != b);
	return a;
}

int systimer_tick_init(unsigned hz)
{
	if (hz == 0 || hz > TICK_HZ_MAX)
		return -EINVAL;
	tick_period = SYSTIMER_HZ / hz;
	tick_hz = hz;
	tick_count = 0;
	tick_lost = 0;
	systimer_ack(SYSTIMER_TICK_CHAN);      /* drop any stale match */
	tick_next = systimer_now32() + tick_period;
	for (;;) {
		mmio_write(ST_C(SYSTIMER_TICK_CHAN), tick_next);
		if (time_before(systimer_now32(), tick_next))
			break;                 /* armed while still ahead */
		tick_next += tick_period;
	}
	return 0;
}

/*
 * Each pass counts the deadline in tick_next as elapsed and moves to the
 * next one.  A new deadline is written to C1 only while it is still in the
 * future; then CLO is read again, because a compare written after CLO has
 * already passed it never matches (it would wait a full 2^32 us wrap).  If
 * that race is lost, the match (if it latched at all) is cleared and the
 * deadline is counted like any other passed one.
 */
unsigned systimer_tick_irq(void)
{
	unsigned elapsed = 0;
	uint32_t now;

	systimer_ack(SYSTIMER_TICK_CHAN);
	if (tick_period == 0)
		return 0;
	now = systimer_now32();
	if (time_before(now, tick_next))
		return 0;                      /* stale match: nothing is due */
	for (;;) {
		elapsed++;
		tick_next += tick_period;
		if (time_before(now, tick_next)) {
			mmio_write(ST_C(SYSTIMER_TICK_CHAN), tick_next);
			now = systimer_now32();
			if (time_before(now, tick_next))
				break;         /* armed in time */
			systimer_ack(SYSTIMER_TICK_CHAN);
		}
	}
	tick_count += elapsed;
	tick_lost += elapsed - 1;
	return elapsed;
}

uint64_t systimer_ticks(void)
{
	return read_counter(&tick_count);
}

uint64_t systimer_lost_ticks(void)
{
	return read_counter(&tick_lost);
}

unsigned systimer_hz(void)
{
	return tick_hz;
}
