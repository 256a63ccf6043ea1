/*
 * drivers/intc.c - interrupt controller driver and IRQ dispatch.  See
 * drivers/intc.h for the numbering and sources.
 */
#include <stdbool.h>
#include <stddef.h>
#include "drivers/intc.h"
#include "drivers/mmio.h"
#include "kernel/errno.h"

/* BCM2835 ARM Peripherals 7.5, register table p. 112 (base 0x7E00B000,
 * registers from offset 0x200) */
#define IC_BASE       (PERIPH_BASE + 0x00B200u)
#define IC_PEND_BASIC (IC_BASE + 0x00)   /* IRQ basic pending, p. 113 */
#define IC_PEND1      (IC_BASE + 0x04)   /* IRQ pending 1 (GPU 0..31), p. 115 */
#define IC_PEND2      (IC_BASE + 0x08)   /* IRQ pending 2 (GPU 32..63), p. 115 */
#define IC_FIQ_CTRL   (IC_BASE + 0x0C)   /* FIQ control, p. 116 */
#define IC_EN1        (IC_BASE + 0x10)   /* enable IRQs 1, p. 116 */
#define IC_EN2        (IC_BASE + 0x14)   /* enable IRQs 2, p. 116 */
#define IC_EN_BASIC   (IC_BASE + 0x18)   /* enable basic IRQs, p. 117 */
#define IC_DIS1       (IC_BASE + 0x1C)   /* disable IRQs 1, p. 117 */
#define IC_DIS2       (IC_BASE + 0x20)   /* disable IRQs 2, p. 117 */
#define IC_DIS_BASIC  (IC_BASE + 0x24)   /* disable basic IRQs, p. 118 */

/*
 * Basic pending register, pp. 113-114:
 *   bits 0..7    the eight ARM interrupts (lines 64..71)
 *   bit 8 / 9    "something else is pending in pending 1 / pending 2"
 *   bits 10..20  copies ("shortcuts") of GPU IRQs 7, 9, 10, 18, 19, 53,
 *                54, 55, 56, 57, 62, which then do NOT set bit 8 / 9
 *                (p. 115: pending 1 sets bit 8 for all bits except 7, 9,
 *                10, 18, 19)
 * Because a shortcut line does not raise bit 8/9, testing bits 8/9 alone
 * would miss exactly those lines.  dispatch therefore always reads pending
 * 1 and 2 in full and uses only bits 0..7 of the basic register.  In QEMU,
 * bit 8 simply mirrors "pending 1 is non-zero".
 */
#define IC_BASIC_ARM_MASK   0xFFu        /* bits 0..7 */
#define IC_BASIC_PEND1_ANY  (1u << 8)
#define IC_BASIC_PEND2_ANY  (1u << 9)
#define IC_BASIC_SHORTCUTS  (0x7FFu << 10)  /* bits 10..20 */

/* FIQ control, p. 116: bit 7 enables FIQ, bits 6:0 select its source */
#define IC_FIQ_ENABLE       (1u << 7)

/* Enable and disable registers: write 1 to act on a line, 0 is ignored
 * (p. 116-118), so no read-modify-write of the hardware is needed. */
#define IC_ALL_LINES        0xFFFFFFFFu

/* The three banks in pagoda's numbering order */
enum { BANK1, BANK2, BANK_BASIC, NBANKS };

static const struct {
	uint32_t pend, en, dis, valid;
	unsigned first;                  /* pagoda number of bit 0 */
} banks[NBANKS] = {
	[BANK1]      = { IC_PEND1, IC_EN1, IC_DIS1, IC_ALL_LINES, 0 },
	[BANK2]      = { IC_PEND2, IC_EN2, IC_DIS2, IC_ALL_LINES, 32 },
	[BANK_BASIC] = { IC_PEND_BASIC, IC_EN_BASIC, IC_DIS_BASIC,
			 IC_BASIC_ARM_MASK, INTC_NR_GPU },
};

/*
 * Hardware names, from the GPU IRQ table (7.5 p. 113) and the basic
 * pending register (p. 114).  Lines 0..3 are the system timer compares
 * (Linux bcm2835.dtsi; the manual's table leaves them out).
 */
static const char *const source_names[INTC_NR_IRQS] = {
	[0] = "systimer C0", [1] = "systimer C1",
	[2] = "systimer C2", [3] = "systimer C3",
	[29] = "aux (mini UART)",
	[43] = "i2c_spi_slv", [45] = "pwa0", [46] = "pwa1", [48] = "smi",
	[49] = "gpio_int[0]", [50] = "gpio_int[1]",
	[51] = "gpio_int[2]", [52] = "gpio_int[3]",
	[53] = "i2c", [54] = "spi", [55] = "pcm", [57] = "uart (PL011)",
	[64] = "ARM timer", [65] = "ARM mailbox",
	[66] = "ARM doorbell 0", [67] = "ARM doorbell 1",
	[68] = "GPU0 halted", [69] = "GPU1 halted",
	[70] = "illegal access type 1", [71] = "illegal access type 0",
};

struct irq_line {
	intc_handler_fn fn;
	void *arg;
	const char *name;
	uint64_t count;
};

static struct irq_line lines[INTC_NR_IRQS];
static uint32_t enabled[NBANKS];     /* pagoda's copy of the enable bits */
static uint64_t spurious;
static intc_report_fn report_hook;

/* Split a line number into bank and bit.  Returns false if out of range. */
static bool locate(unsigned irq, unsigned *bank, uint32_t *bit)
{
	if (irq >= INTC_NR_IRQS)
		return false;
	if (irq < 32)
		*bank = BANK1;
	else if (irq < INTC_NR_GPU)
		*bank = BANK2;
	else
		*bank = BANK_BASIC;
	*bit = 1u << (irq - banks[*bank].first);
	return true;
}

void intc_set_report_hook(intc_report_fn fn)
{
	report_hook = fn;
}

void intc_init(void)
{
	for (unsigned b = 0; b < NBANKS; b++) {
		mmio_write(banks[b].dis, banks[b].valid);
		enabled[b] = 0;
	}
	mmio_write(IC_FIQ_CTRL, 0);          /* FIQ off (bit 7 clear) */
	for (unsigned i = 0; i < INTC_NR_IRQS; i++)
		lines[i] = (struct irq_line){ 0 };
	spurious = 0;
}

int intc_register(unsigned irq, intc_handler_fn fn, void *arg, const char *name)
{
	if (irq >= INTC_NR_IRQS || fn == NULL)
		return -EINVAL;
	if (lines[irq].fn)
		return -EBUSY;
	lines[irq].arg = arg;
	lines[irq].name = name;
	lines[irq].fn = fn;
	return 0;
}

int intc_enable(unsigned irq)
{
	unsigned b;
	uint32_t bit;

	if (!locate(irq, &b, &bit))
		return -EINVAL;
	enabled[b] |= bit;
	mmio_write(banks[b].en, bit);
	return 0;
}

int intc_disable(unsigned irq)
{
	unsigned b;
	uint32_t bit;

	if (!locate(irq, &b, &bit))
		return -EINVAL;
	mmio_write(banks[b].dis, bit);
	enabled[b] &= ~bit;
	return 0;
}

/* Run one pending line's handler, or report and mask a line that has
 * none (it would otherwise interrupt again at once, forever). */
static void handle(unsigned irq)
{
	struct irq_line *l = &lines[irq];

	l->count++;
	if (l->fn) {
		l->fn(irq, l->arg);
	} else {
		intc_disable(irq);
		if (report_hook)
			report_hook("intc: IRQ %u (%s) pending with no handler; "
				    "disabled\n", irq,
				    source_names[irq] ? source_names[irq] : "?");
	}
	mmio_barrier();        /* the handler's device -> the next (BCM 1.3) */
}

void intc_dispatch(void)
{
	uint32_t pend[NBANKS];
	bool any = false;

	mmio_barrier();        /* interrupted code's peripheral -> intc (1.3) */
	for (unsigned b = 0; b < NBANKS; b++)
		pend[b] = mmio_read(banks[b].pend) & banks[b].valid;
	mmio_barrier();        /* intc -> the handlers' peripherals */

	/* Pending 1/2 "hold ALL interrupts ... from the GPU side" (p. 115),
	 * enabled or not; QEMU shows level AND enable.  Masking with pagoda's
	 * enable copy gives the same answer on both. */
	for (unsigned b = 0; b < NBANKS; b++) {
		uint32_t p = pend[b] & enabled[b];

		while (p) {
			unsigned bit = (unsigned)__builtin_ctz(p);

			p &= p - 1;
			any = true;
			handle(banks[b].first + bit);
		}
	}
	if (!any)
		spurious++;
}

unsigned intc_nr_irqs(void)
{
	return INTC_NR_IRQS;
}

uint64_t intc_count(unsigned irq)
{
	return irq < INTC_NR_IRQS ? lines[irq].count : 0;
}

const char *intc_name(unsigned irq)
{
	return irq < INTC_NR_IRQS ? lines[irq].name : NULL;
}

const char *intc_source(unsigned irq)
{
	return irq < INTC_NR_IRQS ? source_names[irq] : NULL;
}

int intc_enabled(unsigned irq)
{
	unsigned b;
	uint32_t bit;

	if (!locate(irq, &b, &bit))
		return -EINVAL;
	return (enabled[b] & bit) != 0;
}

uint64_t intc_spurious(void)
{
	return spurious;
}
