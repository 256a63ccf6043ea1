/*
 * kernel/args.h - splitting a shell line into words, and parsing numbers.
 *
 * Pure functions (no hardware, no allocation); tested on the host.  Errors
 * are negative codes from kernel/errno.h.
 */
#ifndef KERNEL_ARGS_H
#define KERNEL_ARGS_H

#include <stdint.h>

#define ARGS_MAX 128   /* most words a shell command line may have */

/*
 * Split line in place into words separated by runs of spaces and tabs:
 * each separator that ends a word is overwritten with a NUL and argv[i]
 * points at the i-th word.  Returns the number of words (0 for a blank
 * line), or -E2BIG if there are more than max (line and argv[0..max-1] are
 * then partly written).  argv is not NULL-terminated.
 */
int args_split(char *line, char *argv[], int max);

/*
 * Parse an unsigned 32-bit number: decimal digits, or 0x / 0X and hex
 * digits.  No sign, no spaces.  Returns 0 and sets *out, or -EINVAL for an
 * empty string, a bare "0x", any other character, or a value above
 * 0xFFFFFFFF; *out is untouched on error.
 */
int parse_u32(const char *s, uint32_t *out);

/*
 * Parse a signed 32-bit number: an optional '-' followed by what
 * parse_u32() accepts, in INT32_MIN..INT32_MAX.  Returns 0 and sets *out,
 * or -EINVAL (out of range included); *out is untouched on error.
 */
int parse_i32(const char *s, int32_t *out);

#endif
