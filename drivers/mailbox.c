/*
 * drivers/mailbox.c - mailbox property channel.  See drivers/mailbox.h for
 * the message format and sources.
 */
#include <stdbool.h>
#include <stddef.h>
#include "drivers/mailbox.h"
#include "drivers/mmio.h"
#include "drivers/systimer.h"
#include "boot/cp15.h"
#include "kernel/errno.h"

/* [MB] register offsets: mailbox 0 at +0x00, mailbox 1 at +0x20 */
#define MBOX_BASE      (PERIPH_BASE + 0x00B880u)
#define MBOX0_READ     (MBOX_BASE + 0x00)   /* VC -> ARM: pop a word */
#define MBOX0_STATUS   (MBOX_BASE + 0x18)
#define MBOX1_WRITE    (MBOX_BASE + 0x20)   /* ARM -> VC: push a word */
#define MBOX1_STATUS   (MBOX_BASE + 0x38)   /* FULL of the box written to;
					     * Linux bcm2835-mailbox.c also
					     * tests MAIL1_STA before a send */
#define MBOX_STATUS_FULL   (1u << 31)
#define MBOX_STATUS_EMPTY  (1u << 30)

/* A mailbox word: data in bits 31:4, channel in bits 3:0 */
#define MBOX_CHAN_MASK     0xFu
#define MBOX_CHAN_PROP     8u               /* property tags, ARM -> VC */

/* [PROP] codes */
#define PROP_REQUEST       0x00000000u
#define PROP_RESP_OK       0x80000000u
#define PROP_TAG_RESP      (1u << 31)       /* tag answered ... */
#define PROP_TAG_LEN_MASK  0x7FFFFFFFu      /* ... with this many bytes */
#define PROP_END_TAG       0u

/* Message words before the value buffer, and the end tag after it */
#define MSG_HDR_WORDS      5u
#define MSG_WORDS          (MSG_HDR_WORDS + MBOX_MAX_VALUE_WORDS + 1u)

/*
 * Cache coherence.  The VideoCore reads and writes the message in SDRAM
 * (through its L2, see below); it never looks into the ARM's L1 data
 * cache.  pagoda's message buffer is ordinary kernel .bss: before
 * mmu_init() the MMU is off and every data access is Strongly Ordered and
 * uncached (ARM1176 TRM, "Behavior with MMU disabled", pp. 6-9 and 6-10;
 * cache operations still execute), afterwards it is Normal write-back
 * (kmap.c).  The same code is right in both cases:
 *   1. before the mailbox write: clean and invalidate each line of the
 *      buffer (c7, c14, 1), then DSB.  The request is in memory, and no
 *      copy of the buffer is left in the L1 while the VideoCore owns it;
 *   2. the mailbox write itself comes after that DSB (mmio_write);
 *   3. after the reply word has been read (mmio_read: DSB after the
 *      read): invalidate each line again (c7, c6, 1), then DSB, so the ARM
 *      reads what the VideoCore wrote, not a line that an access in
 *      between could have brought back.  This is Linux's rule for a
 *      bidirectional DMA buffer on ARMv6 (cache-v6.S: v6_dma_map_area
 *      cleans, v6_dma_unmap_area invalidates).
 * The buffer is aligned to, and a whole number of, 32-byte lines (TRM
 * 3.2.3, Cache Type Register: 8-word lines; paging/maint.c cache_probe()
 * checks that at boot), so invalidating it cannot discard a neighbour's
 * data.  That also satisfies the 16-byte alignment the mailbox needs (the
 * low 4 bits carry the channel).
 */
#define DCACHE_LINE        32u
#define MSG_BYTES          ((MSG_WORDS * 4u + DCACHE_LINE - 1) & ~(DCACHE_LINE - 1))

/*
 * Addresses the VideoCore sees.  The GPU reaches SDRAM through four bus
 * aliases (BCM2835 ARM Peripherals 1.2.1, address map figure p. 5):
 * 0x40000000 is the L2-coherent alias, 0xC0000000 the direct uncached one
 * (the manual's 1.2.4 quotes 0xC0000000 for DMA).  On the BCM2835 the
 * firmware puts the ARM's own accesses through the VideoCore L2 unless
 * config.txt says disable_l2cache=1, so a cleaned ARM line may still sit
 * in that L2: the VC must read through the L2 alias, or it can read stale
 * SDRAM.  That is what Linux does on the Pi 1: upstream bcm2835.dtsi
 * gives dma-ranges = <0x40000000 0x00000000 0x20000000>, and the old
 * mach-bcm2708 used bus offset 0x40000000 unless built with
 * CONFIG_BCM2708_NOL2CACHE (then 0xC0000000).
 *
 * So pagoda requires disable_l2cache to stay 0 (the BCM2835 default;
 * config.txt sets it explicitly).  With disable_l2cache=1 the ARM
 * bypasses the L2 while the VC would read through it, and this must
 * become 0xC0000000.  QEMU accepts either alias.
 */
#define VC_BUS_L2_ALIAS    0x40000000u

static uint32_t msg[MSG_BYTES / 4] __attribute__((aligned(DCACHE_LINE)));
static volatile bool busy;

/* The ARM physical address of a kernel object.  pagoda maps kernel RAM
 * 1:1 (virtual = physical). */
static uint32_t kernel_pa(const void *p)
{
	return (uint32_t)(uintptr_t)p;
}

/* Step 1: the request goes to memory and leaves the L1. */
static void dcache_flush_msg(void)
{
	for (uint32_t a = (uint32_t)(uintptr_t)msg; a < (uint32_t)(uintptr_t)msg + MSG_BYTES;
	     a += DCACHE_LINE)
		cp15_dcache_clean_inval_mva(a);
	cp15_dsb();                          /* done before the VC is told */
}

/* Step 3: forget anything the L1 holds of the buffer. */
static void dcache_inval_msg(void)
{
	for (uint32_t a = (uint32_t)(uintptr_t)msg; a < (uint32_t)(uintptr_t)msg + MSG_BYTES;
	     a += DCACHE_LINE)
		cp15_dcache_inval_mva(a);
	cp15_dsb();                          /* invalidated before msg is read */
}

/* Wait until (status & bit) is clear, for at most MBOX_TIMEOUT_US.  The
 * loop alternates between the mailbox and the system timer; mmio_read()
 * fences each access (BCM2835 manual 1.3), so no extra barrier is due. */
static int wait_clear(uint32_t status, uint32_t bit)
{
	uint32_t deadline = systimer_now32() + MBOX_TIMEOUT_US;

	for (;;) {
		if (!(mmio_read(status) & bit))
			return 0;
		if (time_after_eq(systimer_now32(), deadline))
			break;
	}
	return (mmio_read(status) & bit) ? -ETIMEDOUT : 0;   /* last look */
}

/* Post msg on the property channel and wait for the reply to come back.
 * Only one request is ever in flight, so any word on channel 8 is ours;
 * words for other channels are popped and dropped. */
static int exchange(void)
{
	uint32_t word = (kernel_pa(msg) | VC_BUS_L2_ALIAS) | MBOX_CHAN_PROP;
	int err;

	dcache_flush_msg();                     /* 1 */
	err = wait_clear(MBOX1_STATUS, MBOX_STATUS_FULL);
	if (err)
		return err;
	mmio_write(MBOX1_WRITE, word);          /* 2 */
	for (;;) {
		err = wait_clear(MBOX0_STATUS, MBOX_STATUS_EMPTY);
		if (err)
			return err;
		if ((mmio_read(MBOX0_READ) & MBOX_CHAN_MASK) == MBOX_CHAN_PROP)
			break;
	}
	dcache_inval_msg();                     /* 3 */
	return 0;
}

int mbox_property(uint32_t tag, uint32_t *words, unsigned nreq, unsigned nresp)
{
	unsigned nval = nreq > nresp ? nreq : nresp;
	uint32_t len;
	int err;

	if (nval > MBOX_MAX_VALUE_WORDS || (nval && words == NULL))
		return -EINVAL;
	if (busy)
		return -EBUSY;
	busy = true;

	msg[0] = (MSG_HDR_WORDS + nval + 1) * 4;   /* total size, bytes */
	msg[1] = PROP_REQUEST;
	msg[2] = tag;
	msg[3] = nval * 4;                        /* value buffer size */
	msg[4] = PROP_REQUEST;                    /* tag request code */
	for (unsigned i = 0; i < nval; i++)
		msg[MSG_HDR_WORDS + i] = i < nreq ? words[i] : 0;
	msg[MSG_HDR_WORDS + nval] = PROP_END_TAG;

	err = exchange();
	if (!err && (msg[1] != PROP_RESP_OK || !(msg[4] & PROP_TAG_RESP)))
		err = -EIO;
	if (!err) {
		len = msg[4] & PROP_TAG_LEN_MASK;     /* bytes the VC wrote */
		for (unsigned i = 0; i < nresp; i++)
			words[i] = 4 * i < len ? msg[MSG_HDR_WORDS + i] : 0;
	}
	busy = false;
	return err;
}

int mbox_get_firmware_revision(uint32_t *rev)
{
	if (rev == NULL)
		return -EINVAL;
	return mbox_property(MBOX_TAG_FIRMWARE_REV, rev, 0, 1);
}

int mbox_get_board_revision(uint32_t *rev)
{
	if (rev == NULL)
		return -EINVAL;
	return mbox_property(MBOX_TAG_BOARD_REV, rev, 0, 1);
}

int mbox_get_board_serial(uint64_t *serial)
{
	uint32_t w[2];
	int err;

	if (serial == NULL)
		return -EINVAL;
	err = mbox_property(MBOX_TAG_BOARD_SERIAL, w, 0, 2);
	if (!err)
		*serial = (uint64_t)w[1] << 32 | w[0];   /* low word first */
	return err;
}

/* The two memory tags answer (base, size) in bytes. */
static int get_range(uint32_t tag, uint32_t *base, uint32_t *size)
{
	uint32_t w[2];
	int err;

	if (base == NULL || size == NULL)
		return -EINVAL;
	err = mbox_property(tag, w, 0, 2);
	if (!err) {
		*base = w[0];
		*size = w[1];
	}
	return err;
}

int mbox_get_arm_memory(uint32_t *base, uint32_t *size)
{
	return get_range(MBOX_TAG_ARM_MEMORY, base, size);
}

int mbox_get_vc_memory(uint32_t *base, uint32_t *size)
{
	return get_range(MBOX_TAG_VC_MEMORY, base, size);
}

/* Request (id), response (id, value): the clock and temperature tags.
 * A rate of 0 means "no such clock" ([PROP]) and is reported as -EIO. */
static int get_by_id(uint32_t tag, uint32_t id, uint32_t *value)
{
	uint32_t w[2] = { id, 0 };
	int err;

	if (value == NULL)
		return -EINVAL;
	err = mbox_property(tag, w, 1, 2);
	if (!err && (w[0] != id || (tag == MBOX_TAG_CLOCK_RATE && w[1] == 0)))
		err = -EIO;
	if (!err)
		*value = w[1];
	return err;
}

int mbox_get_clock_rate(uint32_t clock_id, uint32_t *hz)
{
	return get_by_id(MBOX_TAG_CLOCK_RATE, clock_id, hz);
}

int mbox_get_temperature(uint32_t *millideg)
{
	return get_by_id(MBOX_TAG_TEMPERATURE, 0, millideg);
}
