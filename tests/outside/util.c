/*
 * tests/outside/util.c - the word list and the hash of the "outside"
 * test program (see util.h).  Plain ISO C.
 */
#include <stdlib.h>
#include <string.h>
#include "util.h"

int words_add(struct words *ws, const char *s)
{
	size_t len = strlen(s);
	char *copy;

	if (ws->n == ws->cap) {
		size_t cap = ws->cap ? 2 * ws->cap : 4;
		char **w = malloc(cap * sizeof *w);

		if (!w)
			return -1;
		if (ws->n)
			memcpy(w, ws->w, ws->n * sizeof *w);   /* realloc by hand */
		free(ws->w);
		ws->w = w;
		ws->cap = cap;
	}
	copy = malloc(len + 1);
	if (!copy)
		return -1;
	strcpy(copy, s);
	ws->w[ws->n++] = copy;
	return 0;
}

/* qsort's comparison: the elements are char pointers. */
static int cmp_words(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void words_sort(struct words *ws)
{
	qsort(ws->w, ws->n, sizeof *ws->w, cmp_words);
}

size_t words_uniq(struct words *ws)
{
	size_t out = 0, gone = 0;

	for (size_t i = 0; i < ws->n; i++) {
		if (out > 0 && strcmp(ws->w[out - 1], ws->w[i]) == 0) {
			free(ws->w[i]);
			gone++;
		} else {
			ws->w[out++] = ws->w[i];
		}
	}
	ws->n = out;
	return gone;
}

void words_free(struct words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->w);
	ws->w = NULL;
	ws->n = ws->cap = 0;
}

unsigned long fnv1a(unsigned long h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h = (h * 16777619u) & 0xFFFFFFFFu;
	}
	return h;
}
