/*
 * tests/outside/util.h - helpers of the "outside" test program: a second
 * source file and a header, to show a multi-file program built unchanged
 * by tools/pagoda-cc.  Nothing here knows about pagoda.
 */
#ifndef OUTSIDE_UTIL_H
#define OUTSIDE_UTIL_H

#include <stddef.h>

/* A word list: an array of malloc'ed strings. */
struct words {
	char **w;
	size_t n, cap;
};

/* Append a malloc'ed copy of s.  Returns 0, or -1 if malloc fails. */
int words_add(struct words *ws, const char *s);

/* Sort the list in strcmp order, with qsort. */
void words_sort(struct words *ws);

/* Remove adjacent duplicates of a sorted list.  Returns how many went. */
size_t words_uniq(struct words *ws);

/* Free every word and the array. */
void words_free(struct words *ws);

/* The 32-bit FNV-1a hash of n bytes at p, continuing from h
 * (start with FNV_OFFSET). */
#define FNV_OFFSET 2166136261u
unsigned long fnv1a(unsigned long h, const void *p, size_t n);

#endif
