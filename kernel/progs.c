/*
 * kernel/progs.c - looking programs up in the store.
 */
#include "kernel/progs.h"
#include "kernel/string.h"

const struct prog *prog_find(const char *name)
{
	for (unsigned i = 0; i < builtin_nprogs; i++)
		if (strcmp(builtin_progs[i].name, name) == 0)
			return &builtin_progs[i];
	return 0;
}

const struct prog *prog_at(unsigned i)
{
	return i < builtin_nprogs ? &builtin_progs[i] : 0;
}
