/*
 * paging/ranges.h - a table's mappings as merged ranges (for `vm`).
 */
#ifndef PAGING_RANGES_H
#define PAGING_RANGES_H

#include <stdbool.h>
#include <stdint.h>
#include "paging/desc.h"

struct pt_range {
	uint32_t va, pa, size;
	int level;              /* 1: sections, 2: pages */
	enum ap ap;
	int mem;                /* enum memtype or -1 */
	unsigned domain;
	bool xn, ng, shared;
};

typedef void (*pt_range_fn)(const struct pt_range *r, void *arg);

/* Call fn once per maximal run of consecutive mappings in [lo, hi] that
 * have the same kind and attributes and contiguous physical addresses.
 * Returns the number of ranges reported. */
unsigned pt_ranges(const l1_table_t *l1, uint32_t lo, uint32_t hi,
		   pt_range_fn fn, void *arg);

#endif
