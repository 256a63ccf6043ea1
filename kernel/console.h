/*
 * kernel/console.h - the serial console, on the PL011 or the mini UART.
 *
 * The UART: `make CONSOLE=mini` (CONSOLE_MINI) or `CONSOLE=pl011`
 * (CONSOLE_PL011) forces one; with neither defined (CONSOLE=auto)
 * console_init() picks it at boot from the board and the pins the firmware
 * set up (drivers/board.h, board_pick_console): the mini UART on a Zero W
 * unless the firmware gave GPIO 14/15 to the PL011.  Output
 * is polled.  Input is polled until console_enable_irq(); after that the
 * UART's receive interrupt fills a ring buffer, so typing during long
 * output loses nothing, and an overflowing ring is counted, not fatal.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

/* Set the UART up: uart_clk for the PL011, core_clk for the mini UART. */
void console_init(uint32_t uart_clk, uint32_t core_clk);
void console_putc(char c);
void console_write(const char *s, unsigned n);
/* Blocking read of one byte (sleeps until input once IRQs are on).
 * Returns -EINTR instead if the calling process has been killed. */
int console_getc(void);
/* Like console_getc, but gives up after `us` microseconds with -ETIMEDOUT.
 * Needs the scheduler (process context). */
int console_getc_timeout(uint32_t us);
/* One byte if available, else -1. */
int console_trygetc(void);
/* Switch input to the receive interrupt and ring buffer. */
void console_enable_irq(void);
/* Called from the receive interrupt for every Ctrl-C (0x03), before the
 * byte is queued; the process code uses it to kill the foreground job.
 * Returns true if it consumed the byte. */
extern bool (*console_intr_hook)(void);
/* Switch to polled, interrupt-free operation for panics. */
void console_panic_mode(void);
const char *console_name(void);
/* Why that UART: the build option, or the board rule that chose it. */
const char *console_choice(void);
/* True if console_init() put the console on the mini UART (then nothing
 * else may use it: kernel/uploadd.c). */
bool console_uses_mini_uart(void);
/* Bytes lost because the ring was full, and UART receive errors. */
uint32_t console_overflows(void);
uint32_t console_rx_errors(void);
uint32_t console_rx_bytes(void);

#endif
