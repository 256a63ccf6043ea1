/*
 * kernel/progs.h - the program store: ELF files the kernel can start.
 *
 * Built-in programs are packed into the kernel image at build time by
 * tools/mkprogs (build/progs.S); uploaded ones live in kernel/store.c.
 */
#ifndef KERNEL_PROGS_H
#define KERNEL_PROGS_H

#include <stdint.h>

struct prog {
	const char *name;
	const uint8_t *data;
	uint32_t size;
};

extern const struct prog builtin_progs[];
extern const unsigned builtin_nprogs;

/* The program called name, or NULL. */
const struct prog *prog_find(const char *name);
/* The i-th program (0-based), or NULL past the end: for listings. */
const struct prog *prog_at(unsigned i);
/* Was p built into the image (rather than uploaded)? */
#include <stdbool.h>
bool prog_builtin(const struct prog *p);
/* A running process pages its program in from the image on demand, so it
 * holds the image: an uploaded program cannot be removed while held. */
void prog_hold(const struct prog *p);
void prog_release(const struct prog *p);

#endif
