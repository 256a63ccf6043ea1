/*
 * tests/fuzz/fuzz.h - what every fuzz target shares: the libFuzzer entry
 * point, an invariant check that stops the run, and a reader that takes
 * typed values off the front of the fuzzer's input.
 *
 * A target is tests/fuzz/fuzz_NAME.c.  It is built twice (mk/fuzz.mk):
 * with clang -fsanitize=fuzzer for `make fuzz`, and with gcc and
 * tests/fuzz/replay.c as its main() for `make fuzz-replay`, which runs the
 * committed corpus once.  Both builds use AddressSanitizer and
 * UndefinedBehaviorSanitizer, so an invariant failure, a memory error and
 * undefined behaviour all end the process with a report.
 */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The one function a target defines: run one input, return 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant of the code under test: if it does not hold, say which one
 * and abort, which libFuzzer records as a crash (and the replay as a
 * failure). */
#define FUZZ_CHECK(cond, ...)                                              \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: invariant broken: %s\n  ", \
				__FILE__, __LINE__, #cond);                \
			fprintf(stderr, __VA_ARGS__);                      \
			fputc('\n', stderr);                               \
			abort();                                           \
		}                                                          \
	} while (0)

/* The unread rest of an input.  Reading past the end yields zeros, so a
 * short input is still a valid input. */
struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t fuzz_u8(struct fuzz_in *in)
{
	uint8_t v = 0;

	if (in->n) {
		v = *in->p++;
		in->n--;
	}
	return v;
}

static inline uint16_t fuzz_u16(struct fuzz_in *in)
{
	uint16_t lo = fuzz_u8(in);

	return (uint16_t)(lo | (uint16_t)fuzz_u8(in) << 8);
}

/* Little-endian, as the ELF headers and the upload frame are. */
static inline uint32_t fuzz_u32(struct fuzz_in *in)
{
	uint32_t lo = fuzz_u16(in);

	return lo | (uint32_t)fuzz_u16(in) << 16;
}

/* Up to max bytes (fewer if the input runs out); *len gets the count. */
static inline const uint8_t *fuzz_bytes(struct fuzz_in *in, size_t max, size_t *len)
{
	const uint8_t *p = in->p;

	*len = max < in->n ? max : in->n;
	in->p += *len;
	in->n -= *len;
	return p;
}

/* Fill buf[0, n) with a byte no formatter writes, to see what it touched. */
#define FUZZ_CANARY 0xA5

/*
 * Check an snprintf-style result: fn wrote into buf[0, n) and returned r.
 * The whole output (written with a large buffer) is full[0, r).  Holds if
 * r >= 0, nothing at or past buf[n] changed, and for n > 0 buf holds the
 * first min(r, n - 1) characters of full followed by a NUL.
 */
static inline void fuzz_check_snprintf(const char *what, const char *buf, size_t cap,
				       size_t n, int r, const char *full, int full_r)
{
	size_t want;

	FUZZ_CHECK(r >= 0 && r == full_r, "%s: returned %d, full length %d", what, r, full_r);
	FUZZ_CHECK(strlen(full) == (size_t)full_r, "%s: full output \"%s\" is not %d long",
		   what, full, full_r);
	static char canary[4096];

	if (canary[0] == 0)
		memset(canary, FUZZ_CANARY, sizeof canary);
	/* memcmp, not a loop: the fuzzer's coverage hooks would see every byte */
	FUZZ_CHECK(cap <= sizeof canary, "%s: buffer of %zu", what, cap);
	FUZZ_CHECK(n >= cap || memcmp(buf + n, canary, cap - n) == 0,
		   "%s: wrote past buf[%zu]", what, n);
	if (n == 0)
		return;
	want = (size_t)r < n - 1 ? (size_t)r : n - 1;
	FUZZ_CHECK(buf[want] == '\0' && memcmp(buf, full, want) == 0,
		   "%s: n = %zu gave \"%.*s\", want the first %zu of \"%s\"",
		   what, n, (int)want, buf, want, full);
}

#endif
