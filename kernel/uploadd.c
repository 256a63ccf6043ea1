/*
 * kernel/uploadd.c - the upload listener on the second UART (QEMU only).
 *
 * `make run` wires QEMU's second serial port, the mini UART, to the unix
 * socket build/upload.sock.  This kernel thread takes upload frames there
 * (tools/upload --no-command build/upload.sock prog.elf) without a `load`
 * command and without touching the interactive terminal, answers on the
 * same port, and notes the result on the console.
 *
 * It runs only under pagoda's QEMU (the semihosting boot tag), with the
 * PL011 as the console: on a board the mini UART shares GPIO14/15 with
 * the console, so there is no second port to listen on.
 */
#include <stdbool.h>
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/kprintf.h"
#include "kernel/load.h"
#include "kernel/platform.h"
#include "kernel/proc.h"
#include "kernel/ring.h"
#include "kernel/semihost.h"
#include "drivers/intc.h"
#include "drivers/mini_uart.h"
#include "drivers/systimer.h"
#include "boot/cpu.h"

#define AUX_RING 4096u

static uint8_t aux_buf[AUX_RING];
static struct ring aux;
static volatile bool throttled;

static void aux_put(uint8_t c)
{
	ring_put(&aux, c);
}

/* Receive interrupt: take what the ring holds, mask when it is full (the
 * FIFO then holds QEMU back), and wake the listener. */
static void aux_irq(unsigned irq, void *arg)
{
	(void)irq; (void)arg;
	mini_uart_rx_drain(aux_put, ring_space(&aux));
	if (ring_space(&aux) == 0) {
		throttled = true;
		mini_uart_enable_rx_irq(false);
	}
	sched_wakeup(&aux);
}

/* Next byte, or -ETIMEDOUT after us microseconds (us = 0: wait forever). */
static int aux_getc(uint32_t us)
{
	uint64_t deadline = us ? systimer_now() + us : 0;

	for (;;) {
		uint32_t s = cpu_irq_save();
		uint8_t c;

		if (ring_get(&aux, &c)) {
			if (throttled && ring_space(&aux) >= AUX_RING / 2) {
				throttled = false;
				mini_uart_enable_rx_irq(true);
			}
			cpu_irq_restore(s);
			return c;
		}
		if (deadline && systimer_now() >= deadline) {
			cpu_irq_restore(s);
			return -ETIMEDOUT;
		}
		sched_sleep(&aux, deadline);
		cpu_irq_restore(s);
	}
}

static void aux_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			mini_uart_putc('\r');
		mini_uart_putc(*s);
	}
}

static void uploadd(void *arg)
{
	char msg[96];

	(void)arg;
	for (;;) {
		load_receive(aux_getc, 0, 0, msg, sizeof msg);
		aux_puts(msg);
		aux_puts("\n");
		kprintf("\n[upload port] %s\n", msg);
	}
}

void uploadd_init(void)
{
	if (console_uses_mini_uart())
		return;        /* the mini UART is the console itself */
	if (!semihost_available())
		return;        /* a real board: GPIO14/15 belong to the console */
	ring_init(&aux, aux_buf, sizeof aux_buf);
	if (mini_uart_init(platform.clk_core, 115200) < 0)
		return;
	intc_register(MINI_UART_IRQ, aux_irq, 0, "upload port rx");
	mini_uart_enable_rx_irq(true);
	intc_enable(MINI_UART_IRQ);
	kthread_create("uploadd", uploadd, 0);
}
