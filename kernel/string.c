/*
 * kernel/string.c - memory and string primitives for the freestanding kernel.
 *
 * GCC recognises a byte-fill or byte-copy loop and may replace it with a
 * call to memset or memcpy, even under -ffreestanding, which inside memset
 * itself would recurse forever.  NO_LIBCALL turns that transformation off
 * for every function here.
 *
 * memcpy copies buffers of equal word alignment eight words at a time with
 * one LDM/STM pair per 32 bytes, and memset stores eight words with one
 * STM; page copies and zero-filled pages rely on this.
 */
#include <stdint.h>

#include "kernel/string.h"

#define NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))

/* A word that may alias any object, since callers pass buffers of any type. */
typedef uint32_t __attribute__((may_alias)) word_t;

/*
 * Copy 32 bytes from *sw to *dw and advance both pointers by 8 words.
 * Both must be word aligned.  On ARM this is one LDM and one STM of eight
 * registers (GCC does not merge the equivalent C loads into an LDM).
 */
static inline void copy_block32(word_t **dw, const word_t **sw)
{
#if defined(__arm__) && !defined(__thumb__)
	__asm__ volatile(
		"ldmia %[s]!, {r3-r10}\n\t"   /* load 8 words, sw += 32 */
		"stmia %[d]!, {r3-r10}"        /* store 8 words, dw += 32 */
		: [d] "+r"(*dw), [s] "+r"(*sw)
		:
		: "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "memory");
#else
	for (int i = 0; i < 8; i++)
		(*dw)[i] = (*sw)[i];
	*dw += 8;
	*sw += 8;
#endif
}

/* Copy `blocks` 32-byte blocks: an LDM and an STM each, two blocks per
 * turn of the loop (a page is 384 instructions). */
static inline void copy_blocks32(word_t **dw, const word_t **sw, size_t blocks)
{
#if defined(__arm__) && !defined(__thumb__)
	size_t pairs = blocks / 2;

	if (pairs)          /* two blocks per turn of the loop */
		__asm__ volatile(
			"1:\tldmia %[s]!, {r3-r10}\n\t"
			"stmia %[d]!, {r3-r10}\n\t"
			"ldmia %[s]!, {r3-r10}\n\t"
			"stmia %[d]!, {r3-r10}\n\t"
			"subs %[n], %[n], #1\n\t"
			"bne 1b"
			: [d] "+r"(*dw), [s] "+r"(*sw), [n] "+r"(pairs)
			:
			: "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "cc", "memory");
	if (blocks & 1)
		copy_block32(dw, sw);
#else
	for (; blocks; blocks--)
		copy_block32(dw, sw);
#endif
}

/*
 * Fill `blocks` 32-byte blocks from *dw with `word` and advance *dw: one
 * STM of eight registers per block, four per turn of the loop (a page is
 * about 200 instructions).
 */
static inline void fill_blocks32(word_t **dw, uint32_t word, size_t blocks)
{
#if defined(__arm__) && !defined(__thumb__)
	__asm__ volatile(
		"mov r3, %[w]\n\t" "mov r4, %[w]\n\t" "mov r5, %[w]\n\t"
		"mov r6, %[w]\n\t" "mov r7, %[w]\n\t" "mov r8, %[w]\n\t"
		"mov r9, %[w]\n\t" "mov r10, %[w]\n\t"
		"1:\ttst %[n], #3\n\t"        /* blocks beyond a multiple of 4 first */
		"beq 2f\n\t"
		"stmia %[d]!, {r3-r10}\n\t"
		"sub %[n], %[n], #1\n\t"
		"b 1b\n"
		"2:\tmovs %[n], %[n], lsr #2\n\t"  /* then four blocks per turn */
		"beq 3f\n"
		"4:\tstmia %[d]!, {r3-r10}\n\t"
		"stmia %[d]!, {r3-r10}\n\t"
		"stmia %[d]!, {r3-r10}\n\t"
		"stmia %[d]!, {r3-r10}\n\t"
		"subs %[n], %[n], #1\n\t"
		"bne 4b\n"
		"3:"
		: [d] "+r"(*dw), [n] "+r"(blocks)
		: [w] "r"(word)
		: "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "cc", "memory");
#else
	for (; blocks; blocks--, *dw += 8)
		for (int i = 0; i < 8; i++)
			(*dw)[i] = word;
#endif
}

/*
 * Copy n bytes from src to dst, lowest address first.  Safe when the
 * regions do not overlap, or when dst lies below src (each block is read
 * before the bytes it overwrites are needed).
 */
static NO_LIBCALL void copy_forward(unsigned char *d, const unsigned char *s,
				    size_t n)
{
	if ((((uintptr_t)d ^ (uintptr_t)s) & 3) == 0) {
		/* Same alignment: bytes up to a word boundary, then words. */
		while (n > 0 && ((uintptr_t)d & 3) != 0) {
			*d++ = *s++;
			n--;
		}
		word_t *dw = (word_t *)(void *)d;
		const word_t *sw = (const word_t *)(const void *)s;
		if (n >= 32) {
			copy_blocks32(&dw, &sw, n / 32);
			n %= 32;
		}
		for (; n >= 4; n -= 4)
			*dw++ = *sw++;
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}
	while (n-- > 0)
		*d++ = *s++;
}

/* Copy n bytes from src to dst; the regions must not overlap.  Returns dst. */
NO_LIBCALL void *memcpy(void *dst, const void *src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

/* Copy n bytes from src to dst; the regions may overlap.  Returns dst. */
NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((uintptr_t)d <= (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + n) {
		copy_forward(d, s, n);
	} else {
		/* dst overlaps the tail of src: copy highest address first. */
		while (n-- > 0)
			d[n] = s[n];
	}
	return dst;
}

/* Fill n bytes at dst with (unsigned char)c.  Returns dst. */
NO_LIBCALL void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint8_t byte = (uint8_t)c;

	while (n > 0 && ((uintptr_t)d & 3) != 0) {
		*d++ = byte;
		n--;
	}
	uint32_t word = byte * 0x01010101u;
	word_t *dw = (word_t *)(void *)d;
	if (n >= 32) {
		fill_blocks32(&dw, word, n / 32);
		n %= 32;
	}
	for (; n >= 16; n -= 16, dw += 4) {
		dw[0] = word; dw[1] = word; dw[2] = word; dw[3] = word;
	}
	for (; n >= 4; n -= 4)
		*dw++ = word;
	d = (unsigned char *)dw;
	while (n-- > 0)
		*d++ = byte;
	return dst;
}

/* Compare n bytes as unsigned chars: <0, 0 or >0 as a is below, equal to
 * or above b. */
NO_LIBCALL int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n > 0; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

/* Length of the NUL-terminated string s. */
NO_LIBCALL size_t strlen(const char *s)
{
	const char *p = s;

	while (*p != '\0')
		p++;
	return (size_t)(p - s);
}

/* Length of s, but at most max; reads no further than s[max - 1]. */
NO_LIBCALL size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\0')
		n++;
	return n;
}

/* Compare two strings as unsigned chars: <0, 0 or >0. */
NO_LIBCALL int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p != '\0' && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

/* As strcmp, but compares at most n characters. */
NO_LIBCALL int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n > 0; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
		if (*p == '\0')
			return 0;
	}
	return 0;
}

/* First occurrence of (char)c in s, or NULL.  c == '\0' finds the
 * terminator. */
NO_LIBCALL char *strchr(const char *s, int c)
{
	char ch = (char)c;

	for (;; s++) {
		if (*s == ch)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}
