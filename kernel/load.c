/*
 * kernel/load.c - one upload frame (kernel/upload.h) into a store slot.
 *
 * The frame is checked as it arrives (header CRC before any data, data
 * CRC at the end); the slot is published only if the ELF checks pass too.
 * After a failure the rest of the transfer is swallowed until the line has
 * been quiet for a moment, so binary garbage never reaches the shell.
 */
#include "kernel/load.h"
#include "kernel/errno.h"
#include "kernel/fmt.h"
#include "kernel/progs.h"
#include "kernel/store.h"
#include "kernel/string.h"
#include "kernel/upload.h"

#define NEXT_BYTE_US 5000000u   /* 5 s of silence ends a transfer */
#define QUIET_US      300000u   /* after an error: swallow until quiet */

struct load_ctx {
	const struct upload *up;
	const char *name;               /* required name, or NULL */
	int slot;                       /* -1 until the first data byte */
	int err;                        /* why the sink refused */
};

static int load_sink(void *arg, uint32_t offset, uint8_t byte)
{
	struct load_ctx *c = arg;

	if (c->slot < 0) {
		const char *n = upload_name(c->up);
		if (c->name && strcmp(n, c->name) != 0)
			return c->err = -EINVAL;
		c->slot = store_open(n, upload_size(c->up));
		if (c->slot < 0)
			return c->err = c->slot;
	}
	return c->err = store_put(c->slot, offset, byte);
}

static const char *sink_reason(int err)
{
	switch (err) {
	case -EINVAL: return "the frame names another program";
	case -EEXIST: return "a program of that name exists (rm it first)";
	case -ENOSPC: return "the store is full";
	case -ENOMEM: return "out of memory";
	default:      return "store error";
	}
}

int load_receive(load_getc_fn getc, const char *name, uint32_t first_us,
		 char *msg, unsigned msglen)
{
	static struct upload up;        /* one transfer at a time per caller */
	struct load_ctx c = { .up = &up, .name = name, .slot = -1 };
	const char *why;
	int st = UP_MORE;

	upload_init(&up, UPLOAD_MAX);
	upload_set_sink(&up, load_sink, &c);
	for (uint32_t wait = first_us; st == UP_MORE; wait = NEXT_BYTE_US) {
		int b = getc(wait);
		if (b < 0) {
			upload_timeout(&up);
			st = upload_status(&up);
			break;
		}
		st = upload_feed(&up, (uint8_t)b);
	}
	if (st == UP_DONE && c.slot >= 0) {
		const char *n = upload_name(&up);
		if (store_commit(c.slot, &why) < 0) {
			ksnprintf(msg, msglen, "load: error: %s: not a program pagoda can run: %s",
				  n, why);
			return -ENOEXEC;
		}
		ksnprintf(msg, msglen, "load: ok %s %u bytes", n, upload_size(&up));
		return 0;
	}
	if (c.slot >= 0)
		store_abort(c.slot);
	while (getc(QUIET_US) >= 0)
		;                       /* swallow the rest of the transfer */
	if (st == UP_ERR_SINK || st == UP_DONE)
		ksnprintf(msg, msglen, "load: error: %s", sink_reason(c.err));
	else
		ksnprintf(msg, msglen, "load: error: %s; nothing stored", upload_strerror(st));
	return -EIO;
}
