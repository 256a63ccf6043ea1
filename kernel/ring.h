/*
 * kernel/ring.h - byte ring buffer for one producer and one consumer.
 *
 * Made for the UART receive path: the IRQ handler is the only producer
 * (ring_put), the thread that reads the console is the only consumer
 * (ring_get).  No lock is needed on one core because each index has one
 * writer: head is written only by the producer, tail only by the consumer.
 *
 * head and tail are free-running counters, never reduced modulo size:
 *
 *     count = head - tail        (unsigned, so right across the 2^32 wrap)
 *     slot  = index & (size - 1) (size is a power of two)
 *
 *       tail                 head
 *        v                    v
 *   ... [ c0 | c1 | c2 | c3 ] [ free ... ]      count = 4
 *
 * A full ring drops the new byte and counts it in `dropped`: the producer
 * is an interrupt handler and cannot wait.
 *
 * Pure: no hardware.  Tested on the host by tests/host/test_ring.c.
 */
#ifndef KERNEL_RING_H
#define KERNEL_RING_H

#include <stdbool.h>
#include <stdint.h>

#define RING_SIZE_MAX  0x80000000u   /* count must fit below 2^32 */

struct ring {
	volatile uint32_t head;   /* next slot to fill; producer writes */
	volatile uint32_t tail;   /* next slot to empty; consumer writes */
	uint32_t size;            /* power of two, 1 .. RING_SIZE_MAX */
	uint8_t *buf;             /* size bytes, owned by the caller */
	uint32_t dropped;         /* bytes lost to a full ring; producer writes */
};

/* Set up r over buf[size], empty, with no drops.  Returns 0, or -EINVAL if
 * r or buf is NULL or size is not a power of two in 1 .. RING_SIZE_MAX. */
int ring_init(struct ring *r, uint8_t *buf, uint32_t size);

/* Producer: append c.  Returns false (and counts a drop) if full. */
bool ring_put(struct ring *r, uint8_t c);

/* Consumer: take the oldest byte into *c.  Returns false if empty. */
bool ring_get(struct ring *r, uint8_t *c);

/* Bytes waiting, and free slots; count + space == size.  Either side may
 * call them.  The other side can only make the answer safer meanwhile: a
 * consumer's count and a producer's space can only grow. */
uint32_t ring_count(const struct ring *r);
uint32_t ring_space(const struct ring *r);

#endif
