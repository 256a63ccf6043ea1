/*
 * drivers/pl011.c - PL011 UART driver.  See drivers/pl011.h for sources.
 */
#include "drivers/pl011.h"
#include "drivers/mmio.h"
#include "drivers/gpio.h"
#include "drivers/systimer.h"
#include "drivers/timecmp.h"

#define UART0_BASE   (PERIPH_BASE + 0x201000u)

/* Registers, BCM2835 ARM Peripherals 13.4 (p. 177) / PL011 TRM 3.2 */
#define UART_DR      (UART0_BASE + 0x00)   /* data */
#define UART_RSRECR  (UART0_BASE + 0x04)   /* receive status / error clear */
#define UART_FR      (UART0_BASE + 0x18)   /* flags */
#define UART_IBRD    (UART0_BASE + 0x24)   /* integer baud divisor */
#define UART_FBRD    (UART0_BASE + 0x28)   /* fractional baud divisor */
#define UART_LCRH    (UART0_BASE + 0x2C)   /* line control */
#define UART_CR      (UART0_BASE + 0x30)   /* control */
#define UART_IFLS    (UART0_BASE + 0x34)   /* FIFO interrupt level select */
#define UART_IMSC    (UART0_BASE + 0x38)   /* interrupt mask set/clear */
#define UART_MIS     (UART0_BASE + 0x40)   /* masked interrupt status */
#define UART_ICR     (UART0_BASE + 0x44)   /* interrupt clear */

/* DR bits, p. 179: bits 11:8 are error flags for the received byte */
#define DR_OE        (1u << 11)   /* overrun */
#define DR_BE        (1u << 10)   /* break */
#define DR_PE        (1u << 9)    /* parity */
#define DR_FE        (1u << 8)    /* framing */
#define DR_ERRORS    (DR_OE | DR_BE | DR_PE | DR_FE)

/* FR bits, p. 181 */
#define FR_TXFF      (1u << 5)    /* transmit FIFO full */
#define FR_RXFE      (1u << 4)    /* receive FIFO empty */
#define FR_BUSY      (1u << 3)    /* transmitting */

/* LCRH bits, p. 184 */
#define LCRH_WLEN_8  (3u << 5)    /* 8 data bits */
#define LCRH_FEN     (1u << 4)    /* FIFOs enabled */

/* CR bits, p. 185 */
#define CR_RXE       (1u << 9)    /* receive enable */
#define CR_TXE       (1u << 8)    /* transmit enable */
#define CR_UARTEN    (1u << 0)    /* UART enable */

/* IMSC / MIS / ICR bits, pp. 188-190 */
#define INT_OE       (1u << 10)   /* overrun */
#define INT_BE       (1u << 9)
#define INT_PE       (1u << 8)
#define INT_FE       (1u << 7)
#define INT_RT       (1u << 6)    /* receive timeout */
#define INT_RX       (1u << 4)    /* receive FIFO level */
#define INT_ALL      0x7FFu

/* IFLS, p. 187: RX interrupt at 1/8 full (4 of 32 bytes) */
#define IFLS_RX_1_8  (0u << 3)

/* The firmware may leave bytes of its own in the TX FIFO (uart_2ndstage, a
 * loader's last words): 32 of them take 33 ms at 9600 baud. */
#define DRAIN_TIMEOUT_US  50000u

static uint32_t err_count;

/*
 * PL011 TRM (DDI 0183G) 3.3.8, UARTCR: to reprogram, 1. disable the UART,
 * 2. wait for the end of the current character, 3. flush the transmit FIFO
 * by clearing UARTLCR_H.FEN, 4. reprogram, 5. enable.  FR.BUSY (3.3.3)
 * stays set while the TX FIFO holds data "regardless of whether the UART
 * is enabled", so waiting for it *after* disabling would hang for ever on
 * a FIFO the firmware left full; pagoda lets the FIFO drain while the UART
 * is still enabled, with a time limit, then disables and flushes.  QEMU
 * never sets BUSY.  IBRD and FBRD take effect on the UARTLCR_H write that
 * follows them (3.3.6, 3.3.7), hence that order below.
 */
void pl011_init(uint32_t uart_clk_hz, uint32_t baud)
{
	/* PL011 TRM 3.3.6: divisor = clk / (16 * baud), with 6 fraction bits:
	 * div64 = 64 * clk / (16 * baud) = 4 * clk / baud, rounded. */
	uint32_t div64 = (uint32_t)(((uint64_t)uart_clk_hz * 4 + baud / 2) / baud);
	uint32_t deadline = systimer_now32() + DRAIN_TIMEOUT_US;

	while ((mmio_read(UART_FR) & FR_BUSY) &&
	       !time_after_eq(systimer_now32(), deadline))
		;                                     /* 2: let queued bytes go */
	mmio_write(UART_CR, 0);                       /* 1: disable */
	mmio_write(UART_LCRH, 0);                     /* 3: FEN = 0 flushes the FIFOs */
	gpio_set_function(14, GPIO_ALT0);             /* TXD0, BCM 6.2 table p. 102 */
	gpio_set_function(15, GPIO_ALT0);             /* RXD0 */
	gpio_pull(14, GPIO_PULL_OFF);
	gpio_pull(15, GPIO_PULL_OFF);
	mmio_write(UART_ICR, INT_ALL);                /* 4: clear pending interrupts */
	mmio_write(UART_IBRD, div64 >> 6);
	mmio_write(UART_FBRD, div64 & 63);
	mmio_write(UART_LCRH, LCRH_WLEN_8 | LCRH_FEN); /* 8N1, FIFOs on */
	mmio_write(UART_IFLS, IFLS_RX_1_8);
	mmio_write(UART_IMSC, 0);                     /* interrupts masked */
	mmio_write(UART_CR, CR_UARTEN | CR_TXE | CR_RXE);
}

void pl011_putc(char c)
{
	while (mmio_read(UART_FR) & FR_TXFF)
		;                                     /* wait for FIFO room */
	mmio_write(UART_DR, (uint8_t)c);
}

int pl011_getc_nonblock(void)
{
	uint32_t dr;

	if (mmio_read(UART_FR) & FR_RXFE)
		return -1;
	dr = mmio_read(UART_DR);
	if (dr & DR_ERRORS) {
		err_count++;
		mmio_write(UART_RSRECR, 0);           /* clear the error flags */
	}
	return (int)(dr & 0xFF);
}

void pl011_enable_rx_irq(bool on)
{
	mmio_write(UART_IMSC, on ? (INT_RX | INT_RT | INT_OE) : 0);
}

unsigned pl011_rx_drain(void (*put)(uint8_t byte), unsigned max)
{
	unsigned n = 0;
	int c;

	/* Clear only the timeout and overrun interrupts, and before draining.
	 * RX is not cleared by ICR: it falls by itself as the FIFO is read
	 * below its trigger level (PL011 TRM 3.4.1), and stays raised for any
	 * bytes we leave behind when the ring is full, so unmasking it later
	 * interrupts at once.  Writing RX to ICR could erase the interrupt of
	 * a byte that arrived meanwhile; QEMU's PL011 raises RX only when its
	 * FIFO goes from empty to non-empty, so input would stall for good. */
	mmio_write(UART_ICR, INT_RT | INT_OE);
	while (n < max && (c = pl011_getc_nonblock()) >= 0) {
		put((uint8_t)c);
		n++;
	}
	return n;
}

uint32_t pl011_errors(void)
{
	return err_count;
}
