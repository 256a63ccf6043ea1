/*
 * kernel/cmd_store.c - shell commands for the program store: load, rm.
 *
 * `load NAME` receives one upload frame (kernel/upload.h) on the console,
 * as tools/upload sends it, stores it in a slot (kernel/store.h) and
 * publishes it only if the frame's CRCs and the ELF checks pass.  After a
 * failure the rest of the transfer is swallowed until the line has been
 * quiet for a moment, so binary garbage never reaches the shell.
 */
#include "kernel/shell.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/kprintf.h"
#include "kernel/progs.h"
#include "kernel/store.h"
#include "kernel/string.h"
#include "kernel/upload.h"

#define FIRST_BYTE_US   10000000u   /* 10 s to start sending */
#define NEXT_BYTE_US     5000000u   /* 5 s of silence ends a transfer */
#define QUIET_US          300000u   /* after an error: swallow until quiet */

struct load_ctx {
	const char *name;
	int slot;                        /* -1 until the header is in */
	int err;                         /* why the sink refused */
};

static int load_sink(void *arg, uint32_t offset, uint8_t byte);

static struct upload up;             /* large-ish: keep it off the stack */
static const struct upload *cur;

static int load_sink(void *arg, uint32_t offset, uint8_t byte)
{
	struct load_ctx *c = arg;

	if (c->slot < 0) {
		if (strcmp(upload_name(cur), c->name) != 0)
			return c->err = -EINVAL;
		c->slot = store_open(c->name, upload_size(cur));
		if (c->slot < 0)
			return c->err = c->slot;
	}
	return c->err = store_put(c->slot, offset, byte);
}

static void swallow_rest(void)
{
	while (console_getc_timeout(QUIET_US) >= 0)
		;
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

int cmd_load(int argc, char **argv)
{
	struct load_ctx c = { .name = argv[1], .slot = -1 };
	const char *why;
	int st = UP_MORE;

	(void)argc;
	if (prog_find(argv[1])) {
		kprintf("load: error: a program called '%s' exists (rm it first)\n", argv[1]);
		return -EEXIST;
	}
	upload_init(&up, UPLOAD_MAX);
	upload_set_sink(&up, load_sink, &c);
	cur = &up;
	kprintf("load: ready for %s (max %u KiB)\n", argv[1], UPLOAD_MAX / 1024);
	for (uint32_t wait = FIRST_BYTE_US; st == UP_MORE; wait = NEXT_BYTE_US) {
		int b = console_getc_timeout(wait);
		if (b < 0) {
			upload_timeout(&up);
			st = upload_status(&up);
			break;
		}
		st = upload_feed(&up, (uint8_t)b);
	}
	if (st == UP_DONE) {
		if (c.slot < 0)      /* cannot happen: size >= 1 reached the sink */
			st = UP_ERR_SINK;
		else if (store_commit(c.slot, &why) < 0) {
			kprintf("load: error: %s: not a program pagoda can run: %s\n",
				argv[1], why);
			return -ENOEXEC;
		} else {
			kprintf("load: ok %s %u bytes\n", argv[1], upload_size(&up));
			return 0;
		}
	}
	if (c.slot >= 0)
		store_abort(c.slot);
	swallow_rest();
	if (st == UP_ERR_SINK)
		kprintf("load: error: %s\n", sink_reason(c.err));
	else
		kprintf("load: error: %s; nothing stored\n", upload_strerror(st));
	return -EIO;
}

int cmd_rm(int argc, char **argv)
{
	int err = store_remove(argv[1]);

	(void)argc;
	if (err == -ENOENT)
		kprintf("rm: no program '%s'\n", argv[1]);
	else if (err == -EPERM)
		kprintf("rm: '%s' is built into the kernel image\n", argv[1]);
	else
		kprintf("rm: removed %s\n", argv[1]);
	return err;
}
