/*
 * kernel/ring.c - single-producer single-consumer byte ring.  See
 * kernel/ring.h for the index scheme.
 *
 * Ordering: producer and consumer run on the same core (an IRQ handler and
 * the thread it interrupts), so the only reordering to prevent is the
 * compiler's.  __atomic_signal_fence() is a compiler-only barrier: the
 * byte is stored before head moves, and read before tail moves.
 */
#include <stddef.h>
#include "kernel/ring.h"
#include "kernel/errno.h"

int ring_init(struct ring *r, uint8_t *buf, uint32_t size)
{
	if (r == NULL || buf == NULL || size == 0 || size > RING_SIZE_MAX ||
	    (size & (size - 1)) != 0)
		return -EINVAL;
	r->buf = buf;
	r->size = size;
	r->head = 0;
	r->tail = 0;
	r->dropped = 0;
	return 0;
}

uint32_t ring_count(const struct ring *r)
{
	return r->head - r->tail;
}

uint32_t ring_space(const struct ring *r)
{
	return r->size - ring_count(r);
}

bool ring_put(struct ring *r, uint8_t c)
{
	uint32_t head = r->head;

	if (head - r->tail >= r->size) {
		r->dropped++;
		return false;
	}
	r->buf[head & (r->size - 1)] = c;
	__atomic_signal_fence(__ATOMIC_RELEASE);   /* byte before head */
	r->head = head + 1;
	return true;
}

bool ring_get(struct ring *r, uint8_t *c)
{
	uint32_t tail = r->tail;

	if (r->head == tail)
		return false;
	__atomic_signal_fence(__ATOMIC_ACQUIRE);   /* head before the byte */
	*c = r->buf[tail & (r->size - 1)];
	__atomic_signal_fence(__ATOMIC_RELEASE);   /* byte before tail */
	r->tail = tail + 1;
	return true;
}
