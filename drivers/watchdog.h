/*
 * drivers/watchdog.h - reboot through the BCM2835 power-management
 * watchdog.
 *
 * The PM block (bus 0x7E100000 = physical 0x20100000; bus 0x7Exxxxxx is
 * physical 0x20xxxxxx) is not described in the BCM2835 ARM Peripherals
 * manual.  The register layout here is the one Linux's watchdog driver
 * drivers/watchdog/bcm2835_wdt.c uses (facts only):
 *
 *   0x1C PM_RSTC  reset control; bits 5:4 WRCFG, 0x20 = full reset
 *   0x20 PM_RSTS  reset status; the boot partition in bits 0,2,4,..,10
 *   0x24 PM_WDOG  watchdog count, bits 19:0, 65536 ticks per second
 *
 * Every write carries the password 0x5A in bits 31:24, or is ignored.
 *
 * QEMU 7.2 resets as soon as RSTC is written (the count is not modelled);
 * with -no-reboot, QEMU then exits with status 0.
 */
#ifndef DRIVERS_WATCHDOG_H
#define DRIVERS_WATCHDOG_H

/* Reset the whole chip: arm the watchdog with a few ticks, select a full
 * reset, and wait (WFI) for it.  Never returns.  Boot partition 0 is
 * selected so the firmware boots the SD card's kernel as usual. */
void watchdog_reboot(void) __attribute__((noreturn));

#endif
