/*
 * drivers/mmio.h - peripheral register access.
 *
 * BCM2835 ARM Peripherals (Broadcom, 2012), section 1.2.3 "ARM physical
 * addresses": peripherals sit at physical 0x20000000-0x20FFFFFF.  The manual
 * lists them at their VideoCore *bus* addresses 0x7Exxxxxx; bus address
 * 0x7Exxxxxx is physical 0x20xxxxxx.  pagoda maps the peripherals 1:1, so
 * the physical address is also the kernel virtual address.
 *
 * Section 1.3 "Peripheral access precautions for correct memory ordering":
 * a read from one peripheral may return data out of order with respect to a
 * read from another peripheral.  Drivers call mmio_barrier() (a DSB) when
 * they move from one peripheral to another.
 */
#ifndef DRIVERS_MMIO_H
#define DRIVERS_MMIO_H

#include <stdint.h>
#include "boot/cp15.h"

#define PERIPH_BASE  0x20000000u   /* physical = kernel virtual */
#define PERIPH_SIZE  0x01000000u   /* 16 MiB of peripheral space */

static inline uint32_t mmio_read(uint32_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}

static inline void mmio_write(uint32_t addr, uint32_t val)
{
	*(volatile uint32_t *)(uintptr_t)addr = val;
}

/* Data synchronisation barrier (ARM1176 TRM 3.2.22, c7 c10 4).  Required
 * between accesses to different peripherals (BCM2835 ARM Peripherals 1.3). */
static inline void mmio_barrier(void)
{
	cp15_dsb();
}

#endif
