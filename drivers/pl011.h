/*
 * drivers/pl011.h - the PL011 UART (UART0), pagoda's default console.
 *
 * BCM2835 ARM Peripherals, chapter 13 "UART" (pp. 175-191), base
 * 0x7E201000 bus = 0x20201000 physical.  The register layout is ARM's
 * PrimeCell UART PL011 (ARM DDI 0183G, 3.2 "Summary of registers").
 * Its interrupt is GPU IRQ 57 (BCM2835 ARM Peripherals 7.5, p. 113).
 */
#ifndef DRIVERS_PL011_H
#define DRIVERS_PL011_H

#include <stdbool.h>
#include <stdint.h>

#define PL011_IRQ  57

/* Set up 8N1 at `baud`, with the divisor computed from `uart_clk_hz`, and
 * route GPIO14/15 to ALT0 (TXD0/RXD0).  Receive interrupts stay off. */
void pl011_init(uint32_t uart_clk_hz, uint32_t baud);
void pl011_putc(char c);
int pl011_getc_nonblock(void);          /* -1 if the FIFO is empty */
void pl011_enable_rx_irq(bool on);      /* RX and RX-timeout interrupts */
/* The IRQ handler's body: move up to max received bytes into put(), and
 * clear the interrupt.  Returns the number of bytes moved. */
unsigned pl011_rx_drain(void (*put)(uint8_t byte), unsigned max);
uint32_t pl011_errors(void);            /* framing/overrun errors seen */

#endif
