/*
 * drivers/mailbox.h - the VideoCore mailbox property interface (channel 8):
 * asking the GPU firmware about the board, memory split and clocks.
 *
 * The mailboxes are not in the BCM2835 ARM Peripherals manual.  Sources:
 *   [MB]   raspberrypi/firmware wiki, "Mailboxes" and "Accessing
 *          mailboxes": registers, channels, the read/write procedure.
 *   [PROP] raspberrypi/firmware wiki, "Mailbox property interface": the
 *          buffer format and the tags.
 * Base: bus 0x7E00B880 = physical 0x2000B880 (bus 0x7Exxxxxx is physical
 * 0x20xxxxxx).  Mailbox 0 carries VideoCore -> ARM, mailbox 1 ARM ->
 * VideoCore; the ARM reads only mailbox 0 and writes only mailbox 1.
 *
 * A property message (all words little-endian, 16-byte aligned):
 *
 *   word 0        total size in bytes
 *   word 1        0 = request; reply 0x80000000 = ok, 0x80000001 = error
 *   word 2        tag id
 *   word 3        value buffer size in bytes
 *   word 4        0 = request; reply: bit 31 set, bits 30:0 = value length
 *   word 5 ..     value buffer (request words, overwritten by the reply)
 *   next word     0 = end tag
 *
 * Only one request is in flight at a time: these functions use one static
 * buffer, busy-wait (each step times out after MBOX_TIMEOUT_US), and must
 * not be called from an IRQ handler.
 */
#ifndef DRIVERS_MAILBOX_H
#define DRIVERS_MAILBOX_H

#include <stdint.h>

#define MBOX_TIMEOUT_US  100000u         /* 100 ms per wait */

/* Property tags, [PROP] */
#define MBOX_TAG_FIRMWARE_REV  0x00000001u
#define MBOX_TAG_BOARD_MODEL   0x00010001u
#define MBOX_TAG_BOARD_REV     0x00010002u
#define MBOX_TAG_BOARD_SERIAL  0x00010004u
#define MBOX_TAG_ARM_MEMORY    0x00010005u
#define MBOX_TAG_VC_MEMORY     0x00010006u
#define MBOX_TAG_CLOCK_RATE    0x00030002u
#define MBOX_TAG_TEMPERATURE   0x00030006u

/* Clock ids for the clock tags, [PROP] "Clocks" */
#define MBOX_CLOCK_EMMC  1u
#define MBOX_CLOCK_UART  2u
#define MBOX_CLOCK_ARM   3u
#define MBOX_CLOCK_CORE  4u

/* Longest request/response value this driver carries, in words. */
#define MBOX_MAX_VALUE_WORDS  8u

/*
 * Send one tag: words[0 .. nreq-1] are the request values; on success
 * words[0 .. nresp-1] hold the response values (words must have room for
 * max(nreq, nresp) words; response words the firmware did not fill are
 * 0).  Returns 0; -EINVAL if words is NULL while a count is non-zero or a
 * count exceeds MBOX_MAX_VALUE_WORDS; -EBUSY if another request is in
 * flight; -ETIMEDOUT if the mailbox stayed full/empty for
 * MBOX_TIMEOUT_US; -EIO if the firmware answered with anything but
 * 0x80000000 or did not mark the tag as answered.
 */
int mbox_property(uint32_t tag, uint32_t *words, unsigned nreq, unsigned nresp);

/* The tag helpers: each returns what mbox_property() returns. */
int mbox_get_firmware_revision(uint32_t *rev);
int mbox_get_board_revision(uint32_t *rev);
int mbox_get_board_serial(uint64_t *serial);
int mbox_get_arm_memory(uint32_t *base, uint32_t *size);  /* bytes */
int mbox_get_vc_memory(uint32_t *base, uint32_t *size);
int mbox_get_clock_rate(uint32_t clock_id, uint32_t *hz);
int mbox_get_temperature(uint32_t *millideg);             /* SoC, id 0 */

#endif
