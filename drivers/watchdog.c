/*
 * drivers/watchdog.c - PM watchdog reboot.  See drivers/watchdog.h for the
 * source of the register layout (Linux bcm2835_wdt.c).
 */
#include <stdint.h>
#include "drivers/watchdog.h"
#include "drivers/mmio.h"
#include "boot/cp15.h"

#define PM_BASE              (PERIPH_BASE + 0x100000u)
#define PM_RSTC              (PM_BASE + 0x1C)
#define PM_RSTS              (PM_BASE + 0x20)
#define PM_WDOG              (PM_BASE + 0x24)

#define PM_PASSWORD          0x5A000000u   /* bits 31:24 of every write */
#define PM_WDOG_TIME_MASK    0x000FFFFFu   /* bits 19:0: ticks, 65536 / s */
#define PM_RSTC_WRCFG_MASK   0x00000030u   /* bits 5:4: what the timeout does */
#define PM_RSTC_WRCFG_FULL   0x00000020u   /* ... a full reset */
#define PM_RSTS_PARTITION    0x00000555u   /* bits 0,2,4,6,8,10: boot partition */

/* About 150 us: long enough to leave the write below, short enough that
 * nothing else happens (Linux uses 10 ticks too). */
#define REBOOT_TICKS         10u

void watchdog_reboot(void)
{
	uint32_t rsts, rstc;

	mmio_barrier();                         /* from whatever came before */
	rsts = mmio_read(PM_RSTS) & ~PM_RSTS_PARTITION;
	mmio_write(PM_RSTS, PM_PASSWORD | rsts);   /* boot partition 0 */
	mmio_write(PM_WDOG, PM_PASSWORD | (REBOOT_TICKS & PM_WDOG_TIME_MASK));
	rstc = mmio_read(PM_RSTC) & ~PM_RSTC_WRCFG_MASK;
	mmio_write(PM_RSTC, PM_PASSWORD | rstc | PM_RSTC_WRCFG_FULL);
	for (;;)
		cp15_wait_for_interrupt();          /* until the reset hits */
}
