/*
 * kernel/progs.c - looking programs up in the store.
 */
#include "kernel/progs.h"
#include "kernel/string.h"
#include "kernel/store.h"

const struct prog *prog_find(const char *name)
{
	for (unsigned i = 0; i < builtin_nprogs; i++)
		if (strcmp(builtin_progs[i].name, name) == 0)
			return &builtin_progs[i];
	return store_find(name);
}

bool prog_builtin(const struct prog *p)
{
	return p >= builtin_progs && p < builtin_progs + builtin_nprogs;
}

void prog_hold(const struct prog *p)
{
	if (!prog_builtin(p))
		store_hold(p);
}

void prog_release(const struct prog *p)
{
	if (!prog_builtin(p))
		store_release(p);
}

const struct prog *prog_at(unsigned i)
{
	return i < builtin_nprogs ? &builtin_progs[i] : store_at(i - builtin_nprogs);
}
