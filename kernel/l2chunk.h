/*
 * kernel/l2chunk.h - second-level tables, four to a frame.
 *
 * A second-level table is 1 KiB (256 entries) and must be 1 KiB aligned,
 * so a 4 KiB frame holds four.  Free chunks sit on a doubly linked list
 * threaded through the chunks themselves; the frame's reference count
 * (kernel/frame.c) is reused as the number of its chunks in use, and a
 * frame whose four chunks are all free goes back to the frame allocator.
 */
#ifndef KERNEL_L2CHUNK_H
#define KERNEL_L2CHUNK_H

#include "paging/desc.h"

/* A zeroed table, or NULL when memory is exhausted. */
l2_table_t *l2chunk_alloc(void);
void l2chunk_free(l2_table_t *t);
/* Tables in use. */
unsigned l2chunk_in_use(void);

#endif
