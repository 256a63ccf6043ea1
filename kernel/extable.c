/*
 * kernel/extable.c - look up guarded instructions (boot/guarded.S).
 */
#include "kernel/guard.h"

struct ex_entry {
	uint32_t insn;    /* address of an instruction that may fault */
	uint32_t fixup;   /* where to resume if it does */
};

extern const struct ex_entry __ex_table_start[], __ex_table_end[];

/* Return the fixup for a faulting pc, or 0 if pc is not in the table.
 * The table is tiny (a handful of entries), so a linear scan is fine. */
uint32_t extable_fixup(uint32_t pc)
{
	for (const struct ex_entry *e = __ex_table_start; e < __ex_table_end; e++)
		if (e->insn == pc)
			return e->fixup;
	return 0;
}
