/*
 * tests/fuzz/fuzz_args.c - the shell's word splitter and number parsers
 * (kernel/args.c) on arbitrary lines.
 *
 * Input: max (1), then the line: the rest of the input, up to its first
 * NUL (a C string, as the shell passes it).  The line is split twice:
 * with max = ARGS_MAX, as the shell does, and with max = the first byte
 * % (ARGS_MAX + 2), to reach the -E2BIG edge.
 *
 * Oracles:
 *  - args_split: a plain reference split of a copy gives the count and
 *    the words; -E2BIG exactly when there are more than max words.  On
 *    success each argv[i] points into the line, at a non-empty word with
 *    no blank, NUL-terminated inside the line, the words in order and
 *    disjoint; bytes of the line outside the words and their terminators
 *    are unchanged.
 *  - parse_u32/parse_i32 on every word: the value (or the refusal)
 *    matches a reference that accumulates in 64 bits, and *out is left
 *    alone on refusal.
 */
#include "tests/fuzz/fuzz.h"

#include "kernel/args.h"
#include "kernel/errno.h"

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The reference split: start offset and length of each word, up to cap. */
static int ref_split(const char *s, size_t len, size_t start[], size_t wlen[], int cap)
{
	int count = 0;

	for (size_t i = 0; i < len;) {
		size_t j = i;

		if (blank(s[i])) {
			i++;
			continue;
		}
		while (j < len && !blank(s[j]))
			j++;
		if (count < cap) {
			start[count] = i;
			wlen[count] = j - i;
		}
		count++;
		i = j;
	}
	return count;
}

/* The reference number parser: 0 and *v, or -1.  neg_ok allows a '-'. */
static int ref_number(const char *s, bool neg_ok, int64_t *v)
{
	bool neg = false;
	unsigned base = 10;
	uint64_t mag = 0;

	if (neg_ok && *s == '-') {
		neg = true;
		s++;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (unsigned)(*s - 'A' + 10);
		else
			return -1;
		mag = mag * base + d;
		if (mag > 0xFFFFFFFFull)
			return -1;
	}
	*v = neg ? -(int64_t)mag : (int64_t)mag;
	if (neg_ok && (*v < INT32_MIN || *v > INT32_MAX))
		return -1;
	return 0;
}

static void check_numbers(const char *word)
{
	uint32_t u = 0xA5A5A5A5u;
	int32_t i = (int32_t)0xA5A5A5A5;
	int64_t want;
	int r;

	r = parse_u32(word, &u);
	if (ref_number(word, false, &want) == 0)
		FUZZ_CHECK(r == 0 && u == (uint64_t)want, "parse_u32(\"%s\"): %d, %u; want %lld",
			   word, r, u, (long long)want);
	else
		FUZZ_CHECK(r == -EINVAL && u == 0xA5A5A5A5u, "parse_u32(\"%s\"): %d, %u; want a refusal",
			   word, r, u);
	r = parse_i32(word, &i);
	if (ref_number(word, true, &want) == 0)
		FUZZ_CHECK(r == 0 && i == want, "parse_i32(\"%s\"): %d, %d; want %lld",
			   word, r, i, (long long)want);
	else
		FUZZ_CHECK(r == -EINVAL && i == (int32_t)0xA5A5A5A5, "parse_i32(\"%s\"): %d, %d; "
			   "want a refusal", word, r, i);
}

static void check_split(const char *orig, size_t len, int max)
{
	static size_t start[ARGS_MAX + 2], wlen[ARGS_MAX + 2];
	char *argv[ARGS_MAX + 2];
	char *line = malloc(len + 1);   /* exact size: ASan sees any overrun */
	int want, got;
	size_t end = 0;

	if (!line)
		abort();
	memcpy(line, orig, len + 1);
	want = ref_split(orig, len, start, wlen, ARGS_MAX + 2);
	got = args_split(line, argv, max);
	if (want > max) {
		FUZZ_CHECK(got == -E2BIG, "%d words, max %d: returned %d", want, max, got);
		free(line);
		return;
	}
	FUZZ_CHECK(got == want, "\"%s\": %d words, want %d", orig, got, want);
	for (int k = 0; k < got; k++) {
		FUZZ_CHECK(argv[k] == line + start[k], "word %d at offset %td, want %zu",
			   k, argv[k] - line, start[k]);
		FUZZ_CHECK(start[k] + wlen[k] <= len && line[start[k] + wlen[k]] == '\0' &&
			   memcmp(argv[k], orig + start[k], wlen[k]) == 0,
			   "word %d is not \"%.*s\"", k, (int)wlen[k], orig + start[k]);
		/* everything between the previous word's end and this word is as it was */
		FUZZ_CHECK(memcmp(line + end, orig + end, start[k] - end) == 0,
			   "bytes %zu..%zu changed", end, start[k]);
		end = start[k] + wlen[k] + 1;   /* the terminator may be new */
		if (end > len)
			end = len;
		check_numbers(argv[k]);
	}
	FUZZ_CHECK(memcmp(line + end, orig + end, len + 1 - end) == 0, "tail changed");
	free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	int max = fuzz_u8(&in) % (ARGS_MAX + 2);
	size_t len = strnlen((const char *)in.p, in.n);
	char *line = malloc(len + 1);
	uint32_t u;
	int32_t i;

	if (!line)
		abort();
	memcpy(line, in.p, len);
	line[len] = '\0';
	check_split(line, len, ARGS_MAX);
	check_split(line, len, max);
	free(line);
	FUZZ_CHECK(parse_u32(NULL, &u) == -EINVAL && parse_i32(NULL, &i) == -EINVAL,
		   "a NULL string was not refused");
	return 0;
}
