/*
 * clock - reads the time three times, 100 ms apart.
 *
 *   clock
 *
 * gettimeofday() counts from boot on pagoda (no real-time clock; see
 * user/syscalls.c), in microseconds from the BCM2835 system timer.  Prints
 * `clock: S.UUUUUU s` three times with a usleep(100000) between, then
 * checks that each reading is at least 100 ms after the one before (the
 * kernel's sleep never ends early).  Exits 0 if so, 1 if not.
 */
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>

#define READINGS   3
#define PERIOD_US  100000

/* Microseconds since boot, through newlib's gettimeofday().  Printed in
 * two parts: newlib-nano's printf has no %lld. */
static unsigned long long now_us(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	printf("clock: %lu.%06lu s\n", (unsigned long)tv.tv_sec,
	       (unsigned long)tv.tv_usec);
	return (unsigned long long)tv.tv_sec * 1000000u + (unsigned long)tv.tv_usec;
}

int main(void)
{
	unsigned long long t[READINGS];
	int ok = 1;

	for (int i = 0; i < READINGS; i++) {
		if (i > 0)
			usleep(PERIOD_US);
		t[i] = now_us();
	}
	for (int i = 1; i < READINGS; i++) {
		if (t[i] < t[i - 1] + PERIOD_US) {
			printf("clock: FAILED: reading %d is only %ld us after reading %d\n",
			       i + 1, (long)(t[i] - t[i - 1]), i);
			ok = 0;
		}
	}
	if (ok)
		printf("clock: time advances, at least %d ms per step\n",
		       PERIOD_US / 1000);
	return ok ? 0 : 1;
}
