/*
 * drivers/mini_uart.c - AUX mini UART driver.  See drivers/mini_uart.h
 * for sources.
 */
#include "drivers/mini_uart.h"
#include "drivers/mmio.h"
#include "drivers/gpio.h"
#include "drivers/systimer.h"
#include "drivers/timecmp.h"
#include "kernel/errno.h"

/* BCM2835 ARM Peripherals 2.1, register table p. 8 */
#define AUX_BASE        (PERIPH_BASE + 0x215000u)
#define AUX_ENABLES     (AUX_BASE + 0x04)   /* p. 9 */
#define AUX_MU_IO       (AUX_BASE + 0x40)   /* data, p. 11 */
#define AUX_MU_IER      (AUX_BASE + 0x44)   /* interrupt enable, p. 12 */
#define AUX_MU_IIR      (AUX_BASE + 0x48)   /* interrupt id / FIFO clear, p. 13 */
#define AUX_MU_LCR      (AUX_BASE + 0x4C)   /* line control, p. 14 */
#define AUX_MU_MCR      (AUX_BASE + 0x50)   /* modem control, p. 14 */
#define AUX_MU_LSR      (AUX_BASE + 0x54)   /* line status, p. 15 */
#define AUX_MU_CNTL     (AUX_BASE + 0x60)   /* extra control, p. 17 */
#define AUX_MU_BAUD     (AUX_BASE + 0x68)   /* baud divisor, p. 19 */

/* AUX_ENABLES, p. 9: bit 0 mini UART (bits 1, 2 are SPI1, SPI2).  While
 * the bit is clear the mini UART's registers cannot be accessed. */
#define AUX_EN_MINI_UART   (1u << 0)

/* AUX_MU_IER, p. 12.  The manual's table swaps the two enables: as in a
 * 16550 (and Linux's 8250_bcm2835aux driver, errata p. 12), bit 0 enables
 * the receive interrupt and bit 1 the transmit one. */
#define MU_IER_RX          (1u << 0)
#define MU_IER_TX          (1u << 1)

/* AUX_MU_IIR writes, p. 13: clear the receive / transmit FIFO */
#define MU_IIR_CLEAR_RX    (1u << 1)
#define MU_IIR_CLEAR_TX    (1u << 2)

/* AUX_MU_LCR, p. 14: data size.  The manual gives bit 0 alone (1 = 8
 * bits); per the errata 8-bit mode needs bits 1:0 = 11, i.e. value 3. */
#define MU_LCR_8BIT        (3u << 0)

/* AUX_MU_LSR, p. 15 */
#define MU_LSR_DATA_READY  (1u << 0)        /* receive FIFO holds >= 1 byte */
#define MU_LSR_TX_EMPTY    (1u << 5)        /* transmit FIFO can take a byte */
#define MU_LSR_TX_IDLE     (1u << 6)        /* FIFO empty and last bit sent */

/* AUX_MU_CNTL, p. 17 */
#define MU_CNTL_RX_EN      (1u << 0)
#define MU_CNTL_TX_EN      (1u << 1)

/* AUX_MU_BAUD, p. 19: 16 bits.  2.2.1 p. 11: baud = clock / (8 * (reg + 1)) */
#define MU_BAUD_MAX        0xFFFFu

/* The firmware may have left bytes of its own in the 8-byte TX FIFO: at
 * most 9 characters, under 10 ms at 9600 baud. */
#define DRAIN_TIMEOUT_US   20000u

#define MU_TXD_PIN         14u              /* TXD1, ALT5, p. 102 */
#define MU_RXD_PIN         15u              /* RXD1, ALT5 */

int mini_uart_init(uint32_t core_clock_hz, uint32_t baud)
{
	uint32_t div8, reg;

	if (core_clock_hz == 0 || baud == 0 || baud > core_clock_hz / 8)
		return -EINVAL;
	/* reg = clock / (8 * baud) - 1, the quotient rounded to nearest */
	div8 = baud * 8;                       /* <= core_clock_hz: no overflow */
	reg = core_clock_hz / div8;
	if (core_clock_hz % div8 >= div8 / 2)
		reg++;
	if (reg - 1 > MU_BAUD_MAX)
		return -EINVAL;
	reg -= 1;

	/* If the firmware already runs the mini UART (a Zero W's primary UART
	 * with enable_uart=1), let what it queued go out before the divisor
	 * changes under it; with AUX_ENABLES bit 0 clear its registers cannot
	 * be read, and there is nothing queued. */
	if (mmio_read(AUX_ENABLES) & AUX_EN_MINI_UART) {
		uint32_t deadline = systimer_now32() + DRAIN_TIMEOUT_US;

		while (!(mmio_read(AUX_MU_LSR) & MU_LSR_TX_IDLE) &&
		       !time_after_eq(systimer_now32(), deadline))
			;
	}
	mmio_write(AUX_ENABLES, mmio_read(AUX_ENABLES) | AUX_EN_MINI_UART);
	mmio_write(AUX_MU_CNTL, 0);                       /* RX, TX off */
	mmio_write(AUX_MU_IER, 0);                        /* no interrupts */
	mmio_write(AUX_MU_LCR, MU_LCR_8BIT);              /* 8N1 */
	mmio_write(AUX_MU_MCR, 0);                        /* RTS unused */
	mmio_write(AUX_MU_IIR, MU_IIR_CLEAR_RX | MU_IIR_CLEAR_TX);
	mmio_write(AUX_MU_BAUD, reg);

	/* AUX -> GPIO -> AUX: mmio.h fences each access (BCM2835 1.3) */
	gpio_set_function(MU_TXD_PIN, GPIO_ALT5);
	gpio_set_function(MU_RXD_PIN, GPIO_ALT5);
	gpio_pull(MU_TXD_PIN, GPIO_PULL_OFF);
	gpio_pull(MU_RXD_PIN, GPIO_PULL_OFF);

	mmio_write(AUX_MU_CNTL, MU_CNTL_RX_EN | MU_CNTL_TX_EN);
	return 0;
}

void mini_uart_putc(char c)
{
	while (!(mmio_read(AUX_MU_LSR) & MU_LSR_TX_EMPTY))
		;                                         /* FIFO full */
	mmio_write(AUX_MU_IO, (uint8_t)c);
}

bool mini_uart_rx_ready(void)
{
	return (mmio_read(AUX_MU_LSR) & MU_LSR_DATA_READY) != 0;
}

int mini_uart_getc_nonblock(void)
{
	if (!mini_uart_rx_ready())
		return -1;
	return (int)(mmio_read(AUX_MU_IO) & 0xFF);
}

void mini_uart_enable_rx_irq(bool on)
{
	mmio_write(AUX_MU_IER, on ? MU_IER_RX : 0);
}

unsigned mini_uart_rx_drain(void (*put)(uint8_t byte), unsigned max)
{
	unsigned n = 0;
	int c;

	while (n < max && (c = mini_uart_getc_nonblock()) >= 0) {
		put((uint8_t)c);
		n++;
	}
	return n;
}
