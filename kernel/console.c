/*
 * kernel/console.c - the serial console over one of the two UARTs.
 *
 * Which UART: the build option CONSOLE=pl011 or CONSOLE=mini forces one
 * (config.h defines CONSOLE_PL011 or CONSOLE_MINI; the QEMU tests use
 * both).  CONSOLE=auto (neither defined) decides at boot with
 * board_pick_console() (drivers/board.h): the UART the firmware routed to
 * GPIO 14/15, else the board's primary UART from its revision code (the
 * mini UART on a Zero W, whose PL011 drives Bluetooth; the PL011 on the
 * Zero, A+ and B+, and under QEMU, which sets no pins).  console_init()
 * reads the pins before either UART driver touches them.
 */
#include "kernel/console.h"
#include "kernel/ring.h"
#include "kernel/proc.h"
#include "kernel/errno.h"
#include "kernel/platform.h"
#include "drivers/board.h"
#include "drivers/gpio.h"
#include "drivers/systimer.h"
#include "drivers/intc.h"
#include "drivers/pl011.h"
#include "drivers/mini_uart.h"
#include "boot/cpu.h"
#include "boot/cp15.h"

#define CONSOLE_BAUD  115200u
#define RX_RING_SIZE  4096u
#define CTRL_C        0x03

/* The two UARTs behind one set of operations. */
struct uart_ops {
	const char *name;
	unsigned irq;
	void (*putc)(char c);
	int (*getc_nonblock)(void);
	void (*enable_rx_irq)(bool on);
	unsigned (*rx_drain)(void (*put)(uint8_t), unsigned max);
};

static const struct uart_ops mini_ops = {
	"mini UART (AUX, GPIO14/15)", MINI_UART_IRQ, mini_uart_putc,
	mini_uart_getc_nonblock, mini_uart_enable_rx_irq, mini_uart_rx_drain,
};
static const struct uart_ops pl011_ops = {
	"PL011 UART0 (GPIO14/15)", PL011_IRQ, pl011_putc,
	pl011_getc_nonblock, pl011_enable_rx_irq, pl011_rx_drain,
};

#define TXD_PIN  14u              /* both UARTs' pins, BCM2835 manual p. 102 */
#define RXD_PIN  15u

/* Until console_init() decides, output (a panic before it) goes to the
 * UART the build prefers. */
#ifdef CONSOLE_MINI
static const struct uart_ops *uart = &mini_ops;
#else
static const struct uart_ops *uart = &pl011_ops;
#endif
static const char *choice = "not chosen yet";

static uint8_t rx_buf[RX_RING_SIZE];
static struct ring rx;
static volatile bool irq_mode;
static uint32_t rx_bytes;
bool (*console_intr_hook)(void);

/* The build option, or the board rule on the pins as the firmware left
 * them (platform_probe() has decoded the board by now). */
static struct board_console pick_uart(void)
{
	struct board_console c;

#if defined(CONSOLE_MINI)
	c = (struct board_console){ BOARD_UART_MINI, "build option CONSOLE=mini" };
#elif defined(CONSOLE_PL011)
	c = (struct board_console){ BOARD_UART_PL011, "build option CONSOLE=pl011" };
#else
	board_pick_console(&platform.board, gpio_get_function(TXD_PIN),
			   gpio_get_function(RXD_PIN), &c);
#endif
	return c;
}

void console_init(uint32_t uart_clk, uint32_t core_clk)
{
	struct board_console c = pick_uart();

	choice = c.why;
	if (c.uart == BOARD_UART_MINI) {
		uart = &mini_ops;
		mini_uart_init(core_clk, CONSOLE_BAUD);
	} else {
		uart = &pl011_ops;
		pl011_init(uart_clk, CONSOLE_BAUD);
	}
	ring_init(&rx, rx_buf, sizeof rx_buf);
}

void console_putc(char c)
{
	uart->putc(c);
}

void console_write(const char *s, unsigned n)
{
	while (n--)
		uart->putc(*s++);
}

/* Receive interrupt: queue every byte; Ctrl-C also goes to the hook. */
static void rx_put(uint8_t c)
{
	rx_bytes++;
	if (c == CTRL_C && console_intr_hook && console_intr_hook())
		return;
	ring_put(&rx, c);       /* counts the byte as dropped when full */
	if (current)
		sched_wakeup(&rx);
}

/* Receive flow control: take only what the ring can hold.  When it is
 * full, mask the receive interrupt and leave the rest in the UART: under
 * QEMU that holds the sender back (nothing is lost); on a board the UART's
 * FIFO overruns and counts it.  The reader unmasks once there is room. */
static volatile bool rx_throttled;

static void rx_irq(unsigned irq, void *arg)
{
	(void)irq; (void)arg;
	uart->rx_drain(rx_put, ring_space(&rx));
	if (ring_space(&rx) == 0) {
		rx_throttled = true;
		uart->enable_rx_irq(false);
	}
}

static void rx_unthrottle(void)
{
	if (rx_throttled && ring_space(&rx) >= RX_RING_SIZE / 2) {
		rx_throttled = false;
		uart->enable_rx_irq(true);
	}
}

void console_enable_irq(void)
{
	intc_register(uart->irq, rx_irq, 0, "console rx");
	irq_mode = true;
	uart->enable_rx_irq(true);
	intc_enable(uart->irq);
}

int console_trygetc(void)
{
	uint8_t c;

	if (!irq_mode) {
		int v = uart->getc_nonblock();
		if (v >= 0)
			rx_bytes++;
		return v;
	}
	if (!ring_get(&rx, &c))
		return -1;
	rx_unthrottle();
	return c;
}

int console_getc(void)
{
	for (;;) {
		uint32_t s = cpu_irq_save();
		int c = console_trygetc();

		if (c >= 0) {
			cpu_irq_restore(s);
			return c;
		}
		/* Checked and slept with IRQs masked, so a byte arriving in
		 * between is not missed: the scheduler's sleep is woken by the
		 * receive interrupt; before processes exist, WFI still wakes on
		 * a pending masked IRQ (ARM1176 TRM 10.2.1).  Polled mode spins. */
		if (irq_mode && current) {
			if (current->killed) {       /* a killed process stops waiting */
				cpu_irq_restore(s);
				return -EINTR;
			}
			sched_sleep(&rx, 0);
		}
		else if (irq_mode)
			cp15_wait_for_interrupt();
		cpu_irq_restore(s);
	}
}

int console_getc_timeout(uint32_t us)
{
	uint64_t deadline = systimer_now() + us;

	for (;;) {
		uint32_t s = cpu_irq_save();
		int c = console_trygetc();

		if (c >= 0 || systimer_now() >= deadline || (current && current->killed)) {
			cpu_irq_restore(s);
			return c >= 0 ? c : (current && current->killed) ? -EINTR : -ETIMEDOUT;
		}
		if (irq_mode && current)
			sched_sleep(&rx, deadline);      /* a byte or the deadline */
		cpu_irq_restore(s);
	}
}

void console_panic_mode(void)
{
	irq_mode = false;
}

const char *console_name(void)
{
	return uart->name;
}

const char *console_choice(void)
{
	return choice;
}

bool console_uses_mini_uart(void)
{
	return uart == &mini_ops;
}

uint32_t console_overflows(void)
{
	return rx.dropped;
}

uint32_t console_rx_errors(void)
{
	return uart == &pl011_ops ? pl011_errors() : 0;   /* the mini UART counts none */
}

uint32_t console_rx_bytes(void)
{
	return rx_bytes;
}
