/*
 * drivers/mini_uart.h - the AUX mini UART (UART1).
 *
 * Reference: BCM2835 ARM Peripherals (Broadcom, 2012), chapter 2
 * "Auxiliaries: UART1 & SPI1, SPI2", pp. 8-19, and its errata (eLinux
 * "BCM2835 datasheet errata").  AUX block at bus 0x7E215000 = physical
 * 0x20215000 (bus 0x7Exxxxxx is physical 0x20xxxxxx, 1.2.3).
 *
 * Its interrupt is GPU IRQ 29, "aux_int" (7.5 p. 113), shared with the two
 * AUX SPI masters.  Its pins are GPIO 14 (TXD1) and 15 (RXD1) in ALT5
 * (6.2 p. 102).  Its baud clock is the VideoCore core clock, so the rate
 * moves if the core clock does (pin core_freq in config.txt on a real Pi).
 *
 * On the Zero W the PL011 is wired to Bluetooth and the mini UART is the
 * header's serial port.  In QEMU the mini UART is the *second* -serial
 * (the first is the PL011); QEMU ignores the baud rate and line settings.
 */
#ifndef DRIVERS_MINI_UART_H
#define DRIVERS_MINI_UART_H

#include <stdbool.h>
#include <stdint.h>

#define MINI_UART_IRQ  29u

/* Enable the mini UART at `baud` (8N1, no flow control) from a core clock
 * of core_clock_hz, route GPIO 14/15 to it with pulls off, and enable the
 * receiver and transmitter; interrupts stay off.  Returns 0, or -EINVAL if
 * either argument is 0 or the divisor does not fit the 16-bit register. */
int mini_uart_init(uint32_t core_clock_hz, uint32_t baud);

/* Send one byte, waiting while the 8-byte transmit FIFO is full. */
void mini_uart_putc(char c);

/* A received byte (0..255), or -1 if the receive FIFO is empty. */
int mini_uart_getc_nonblock(void);

/* True if at least one received byte is waiting. */
bool mini_uart_rx_ready(void);

/* Raise GPU IRQ 29 while received data waits (on) or never (off).  The
 * line stays high until the FIFO is emptied by reading it. */
void mini_uart_enable_rx_irq(bool on);

/* The IRQ handler's body: move every received byte into put().  Emptying
 * the FIFO clears the interrupt.  Returns the number of bytes moved. */
unsigned mini_uart_rx_drain(void (*put)(uint8_t byte), unsigned max);

#endif
