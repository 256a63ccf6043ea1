/*
 * kernel/cmd_board.c - shell commands for the board: led, irq, gpio, and
 * the board half of `info`.
 */
#include <stdbool.h>
#include <stdint.h>
#include "kernel/shell.h"
#include "kernel/kprintf.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/console.h"
#include "kernel/platform.h"
#include "kernel/tick.h"
#include "drivers/gpio.h"
#include "drivers/intc.h"
#include "drivers/led.h"
#include "drivers/mailbox.h"
#include "drivers/systimer.h"
#include "paging/tlb.h"
#include "boot/cpu.h"

/* ---- led ------------------------------------------------------------------ */

#define BLINK_PERIOD_TICKS ((HZ + 3) / 4)   /* toggle every 250 ms */

static volatile unsigned blink_toggles;     /* toggles still to do */

/* Tick job: one toggle per period while a blink is in progress. */
static void blink_step(void)
{
	if (blink_toggles) {
		led_toggle();
		blink_toggles--;
	}
}

void led_blink_init(void)
{
	tick_every(BLINK_PERIOD_TICKS, blink_step);
}

int cmd_led(int argc, char **argv)
{
	const char *op = argv[1];
	int err = 0;

	if (led_pin() < 0) {
		kprintf("led: this board has no ACT LED pagoda knows of\n");
		return -EINVAL;
	}
	if (strcmp(op, "blink") == 0) {
		unsigned n;
		if (argc != 3) {
			kprintf("usage: led blink N\n");
			return -EINVAL;
		}
		if (shell_arg_u32(argv[2], &n) < 0)
			return -EINVAL;
		if (n == 0 || n > 1000) {
			kprintf("error: blink count must be 1-1000\n");
			return -EINVAL;
		}
		uint32_t s = cpu_irq_save();
		blink_toggles = 2 * n;               /* on and off per blink */
		cpu_irq_restore(s);
		kprintf("led: blinking %u times in the background\n", n);
		return 0;
	}
	if (argc != 2) {
		kprintf("usage: led on|off|toggle|blink N\n");
		return -EINVAL;
	}
	blink_toggles = 0;
	if (strcmp(op, "on") == 0)
		err = led_set(true);
	else if (strcmp(op, "off") == 0)
		err = led_set(false);
	else if (strcmp(op, "toggle") == 0)
		err = led_toggle();
	else {
		kprintf("usage: led on|off|toggle|blink N\n");
		return -EINVAL;
	}
	if (err < 0)     /* led_toggle returns the new state, >= 0 */
		return err;
	kprintf("led: %s (GPIO %d, %s)\n", led_state() ? "on" : "off", led_pin(),
		platform.board.led_active_low ? "active-low" : "active-high");
	return 0;
}

/* ---- irq ------------------------------------------------------------------ */

int cmd_irq(int argc, char **argv)
{
	(void)argc; (void)argv;
	kprintf("IRQ  source                 enabled  count       handler\n");
	for (unsigned irq = 0; irq < intc_nr_irqs(); irq++) {
		const char *src = intc_source(irq), *name = intc_name(irq);
		int en = intc_enabled(irq);
		uint64_t n = intc_count(irq);

		if (en <= 0 && n == 0 && !name)
			continue;
		kprintf("%3u  %-22s %-8s %-11llu %s\n", irq, src ? src : "-",
			en > 0 ? "yes" : "no", n, name ? name : "-");
	}
	kprintf("spurious: %llu\n", intc_spurious());
	return 0;
}

/* ---- gpio ----------------------------------------------------------------- */

static const struct { const char *name; enum gpio_func f; } funcs[] = {
	{ "in", GPIO_IN }, { "out", GPIO_OUT },
	{ "alt0", GPIO_ALT0 }, { "alt1", GPIO_ALT1 }, { "alt2", GPIO_ALT2 },
	{ "alt3", GPIO_ALT3 }, { "alt4", GPIO_ALT4 }, { "alt5", GPIO_ALT5 },
};

static const struct { const char *name; enum gpio_pull p; } pulls[] = {
	{ "up", GPIO_PULL_UP }, { "down", GPIO_PULL_DOWN }, { "off", GPIO_PULL_OFF },
};

static void gpio_show(unsigned pin)
{
	int f = gpio_get_function(pin);
	kprintf("gpio %u: %s, level %d\n", pin, gpio_func_name((enum gpio_func)f),
		gpio_level(pin));
}

int cmd_gpio(int argc, char **argv)
{
	unsigned pin;
	const char *op;

	if (shell_arg_u32(argv[1], &pin) < 0)
		return -EINVAL;
	if (pin >= GPIO_NPINS) {
		kprintf("error: gpio pin %u out of range (0-%u)\n", pin, GPIO_NPINS - 1);
		return -EINVAL;
	}
	if (argc == 2) {
		gpio_show(pin);
		return 0;
	}
	op = argv[2];
	if (strcmp(op, "pull") == 0) {
		for (unsigned i = 0; argc == 4 && i < sizeof pulls / sizeof pulls[0]; i++) {
			if (strcmp(argv[3], pulls[i].name) == 0) {
				gpio_pull(pin, pulls[i].p);
				kprintf("gpio %u: pull %s\n", pin, pulls[i].name);
				return 0;
			}
		}
		kprintf("error: gpio pull takes up, down or off\n");
		return -EINVAL;
	}
	if (argc != 3) {
		kprintf("usage: gpio PIN [in|out|alt0..alt5|high|low|pull up|down|off]\n");
		return -EINVAL;
	}
	if (strcmp(op, "high") == 0 || strcmp(op, "low") == 0) {
		if (op[0] == 'h')
			gpio_set(pin);
		else
			gpio_clear(pin);
		if (gpio_get_function(pin) != GPIO_OUT)
			kprintf("note: gpio %u is not an output; the level applies once it is\n", pin);
		gpio_show(pin);
		return 0;
	}
	for (unsigned i = 0; i < sizeof funcs / sizeof funcs[0]; i++) {
		if (strcmp(op, funcs[i].name) == 0) {
			gpio_set_function(pin, funcs[i].f);
			gpio_show(pin);
			return 0;
		}
	}
	kprintf("error: unknown gpio mode '%s' (in, out, alt0-alt5, high, low, pull)\n", op);
	return -EINVAL;
}

/* ---- info: the board half ------------------------------------------------- */

void info_print_board(void)
{
	const struct platform *p = &platform;
	char board[96];
	uint32_t mdeg;

	board_describe(&p->board, board, sizeof board);
	kprintf("board: %s (revision 0x%08x)\n", board, p->revision);
	kprintf("serial: %016llx  firmware: 0x%x\n", p->serial, p->firmware);
	kprintf("memory: ARM %u MiB at 0x%08x, VideoCore %u MiB at 0x%08x\n",
		p->arm_size >> 20, p->arm_base, p->vc_size >> 20, p->vc_base);
	kprintf("clocks: ARM %u MHz, core %u MHz, UART %u Hz, EMMC %u MHz\n",
		p->clk_arm / 1000000, p->clk_core / 1000000, p->clk_uart,
		p->clk_emmc / 1000000);
	if (mbox_get_temperature(&mdeg) == 0)
		kprintf("temperature: %u.%03u C\n", mdeg / 1000, mdeg % 1000);
	else
		kprintf("temperature: unavailable\n");
	kprintf("tick: %u Hz, %llu ticks, %llu lost\n", systimer_hz(),
		systimer_ticks(), systimer_lost_ticks());
	kprintf("console: %s, %u bytes in, %u overflowed, %u UART errors\n",
		console_name(), console_rx_bytes(), console_overflows(),
		console_rx_errors());
	kprintf("console choice: %s\n", console_choice());
	kprintf("caches: CTR 0x%08x, D %u KiB, %s\n", cache_type(),
		cache_dsize_bytes() / 1024, cache_aliases() ?
		"P bit set: would need page colouring (pagoda assumes none)" :
		"no page colouring needed");
	if (led_pin() >= 0)
		kprintf("ACT LED: GPIO %d, %s\n", led_pin(),
			p->board.led_active_low ? "active-low" : "active-high");
}
