/*
 * kernel/store.h - programs uploaded at run time (`load`), beside the
 * built-in ones (kernel/progs.h).
 *
 * An upload lives in its own slot of kernel address space at STORE_AREA,
 * one 512 KiB slot per program, backed by frames mapped as bytes arrive,
 * so the ELF is contiguous for the loader without needing contiguous
 * physical memory.  A slot is committed only after the ELF checks pass;
 * anything else gives every frame back.
 */
#ifndef KERNEL_STORE_H
#define KERNEL_STORE_H

#include <stdint.h>
#include "kernel/progs.h"

#define STORE_AREA      0xD0000000u
#define STORE_SLOT_SIZE 0x00080000u   /* 512 KiB: the upload size limit */
#define STORE_SLOTS     32u

/* Open a slot for `size` bytes under `name`.  Returns a slot number, or
 * -EEXIST (the name is taken), -ENOSPC (no slot), -EINVAL (size). */
int store_open(const char *name, uint32_t size);
/* Write one byte at `offset`; maps frames as needed.  0 or -ENOMEM. */
int store_put(int slot, uint32_t offset, uint8_t byte);
/* Check the ELF and publish it.  0, or -ENOEXEC with *why set (the slot
 * is then released). */
int store_commit(int slot, const char **why);
/* Give a slot and its frames back. */
void store_abort(int slot);
/* Remove an uploaded program: 0, -ENOENT, or -EPERM for a built-in one. */
int store_remove(const char *name);
/* Count a running process's use of an uploaded program; store_remove()
 * refuses a program in use with -EBUSY. */
void store_hold(const struct prog *p);
void store_release(const struct prog *p);
/* Uploaded programs, for prog_find()/prog_at(). */
const struct prog *store_find(const char *name);
const struct prog *store_at(unsigned i);

#endif
