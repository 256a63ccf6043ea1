/*
 * kernel/cmd_store.c - shell commands for the program store: load, rm.
 *
 * `load NAME` receives one upload frame on the console, as tools/upload
 * sends it (kernel/load.c does the work).
 */
#include "kernel/shell.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/kprintf.h"
#include "kernel/progs.h"
#include "kernel/store.h"
#include "kernel/string.h"
#include "kernel/upload.h"
#include "kernel/load.h"

#define FIRST_BYTE_US   10000000u   /* 10 s to start sending */

int cmd_load(int argc, char **argv)
{
	char msg[96];
	int err;

	(void)argc;
	if (prog_find(argv[1])) {
		kprintf("load: error: a program called '%s' exists (rm it first)\n", argv[1]);
		return -EEXIST;
	}
	kprintf("load: ready for %s (max %u KiB)\n", argv[1], UPLOAD_MAX / 1024);
	err = load_receive(console_getc_timeout, argv[1], FIRST_BYTE_US, msg, sizeof msg);
	kprintf("%s\n", msg);
	return err;
}

int cmd_rm(int argc, char **argv)
{
	int err = store_remove(argv[1]);

	(void)argc;
	if (err == -ENOENT)
		kprintf("rm: no program '%s'\n", argv[1]);
	else if (err == -EPERM)
		kprintf("rm: '%s' is built into the kernel image\n", argv[1]);
	else if (err == -EBUSY)
		kprintf("rm: '%s' is in use by a running process\n", argv[1]);
	else
		kprintf("rm: removed %s\n", argv[1]);
	return err;
}
