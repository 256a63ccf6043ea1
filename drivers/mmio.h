/*
 * drivers/mmio.h - peripheral register access.
 *
 * BCM2835 ARM Peripherals (Broadcom, 2012), section 1.2.3 "ARM physical
 * addresses": peripherals sit at physical 0x20000000-0x20FFFFFF.  The manual
 * lists them at their VideoCore *bus* addresses 0x7Exxxxxx; bus address
 * 0x7Exxxxxx is physical 0x20xxxxxx.  pagoda maps the peripherals 1:1
 * (kmap.c: shared Device memory, TEX 000 C 0 B 1), so the physical address
 * is also the kernel virtual address.
 *
 * Section 1.3 "Peripheral access precautions for correct memory ordering":
 * the BCM2835's AXI system does not always return read data in order, and
 * the ARM has no logic to cope.  Accesses to one peripheral arrive and
 * return in order; only when the ARM moves from one peripheral to another
 * can data come back out of order.  The manual asks for "a memory write
 * barrier before the first write to a peripheral" and "a memory read
 * barrier after the last read of a peripheral", and, because interrupts
 * can come anywhere, for a read barrier at the start of an interrupt
 * routine that reads a peripheral and a write barrier at its end if it
 * writes one.
 *
 * pagoda meets that by construction, as Linux's readl()/writel() do on
 * ARMv6 (a barrier after every read, one before every write), and one step
 * further: mmio_read() is DSB, load, DSB, and mmio_write() is DSB, store.
 * Whatever peripheral came before (including one a user process with the
 * io right read just before it trapped into the kernel) and whatever
 * comes next, every earlier access has completed and the read's value has
 * returned.  No driver needs to know which peripheral the code before it
 * touched, and an IRQ that arrives between two accesses finds them fenced.
 *
 * The barrier is the DSB (c7, c10, 4; ARM1176 TRM 3.2.22, "Data
 * Synchronization Barrier") rather than the DMB (c7, c10, 5): the DSB also
 * waits for a write to complete, which the interrupt paths rely on (an
 * acknowledge must reach the device before IRQs are unmasked, or the line
 * is seen again).  It costs a few cycles per access; nothing in pagoda
 * moves enough device data for that to matter.
 *
 * mmio_barrier() is still there for the places that need one between a
 * write and the next instruction (intc dispatch, before and after each
 * handler), and for code that reads a peripheral without these functions.
 */
#ifndef DRIVERS_MMIO_H
#define DRIVERS_MMIO_H

#include <stdint.h>
#include "boot/cp15.h"

#define PERIPH_BASE  0x20000000u   /* physical = kernel virtual */
#define PERIPH_SIZE  0x01000000u   /* 16 MiB of peripheral space */

/* Data synchronisation barrier (ARM1176 TRM 3.2.22, c7 c10 4): every
 * earlier access has completed, every later one starts after it. */
static inline void mmio_barrier(void)
{
	cp15_dsb();
}

/* Read a register: every earlier access has completed before it, and its
 * value has arrived before any later access starts. */
static inline uint32_t mmio_read(uint32_t addr)
{
	uint32_t v;

	mmio_barrier();                 /* whatever came before is done */
	v = *(volatile uint32_t *)(uintptr_t)addr;
	mmio_barrier();                 /* read barrier after the read (1.3) */
	return v;
}

/* Write a register, after every earlier access has completed. */
static inline void mmio_write(uint32_t addr, uint32_t val)
{
	mmio_barrier();                 /* write barrier before the write (1.3) */
	*(volatile uint32_t *)(uintptr_t)addr = val;
}

#endif
