/*
 * user/prog/fuzz/gen.c - the fuzzer's random numbers and argument classes.
 *
 * Every argument comes from a class whose effect the model knows exactly:
 * gen_ptr() says whether the kernel can do the whole access, bad_ptr()
 * gives pointers it can read nothing from (or only 'x' bytes just below
 * the window's end, written by main.c's prepare()), gen_name() and
 * gen_argv() say what exec and spawn must answer for them
 * (kernel/syscall.c copy_args).
 */
#include <string.h>
#include "fuzz.h"

extern char __text_end[], _end[];

static uint32_t rng;

void seed_rng(uint32_t seed)
{
	rng = seed * 2654435761u ^ 0x9E3779B9u;   /* Knuth's multiplicative hash */
	if (!rng)
		rng = 1;
}

uint32_t rnd(void)
{
	uint32_t x = rng;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng = x;
}

static const uint32_t outside[] = {
	0, 0x00008000, 0x00020000, 0x00100000, 0x01000000, 0x02100000,
	0x10000000, 0x20000000, 0x20200000, 0x20201000, 0x30000000, 0x7E200000,
	0xC0000000, 0xC0001000, 0xFFFF0000, 0xFFFFFFFF,
};

/* One class at random; the contract is in fuzz.h. */
struct uptr gen_ptr(uint32_t size, int writable)
{
	uint32_t fresh = page_up((uint32_t)brk) - page_up((uint32_t)brk0);
	uint32_t hole = page_up((uint32_t)brk), k;

	switch (below(10)) {
	case 0:                                        /* outside the window */
		return (struct uptr){ outside[below(sizeof outside / sizeof outside[0])] + below(8), 0 };
	case 1:                                        /* any 32-bit value outside it */
		k = rnd();
		return (struct uptr){ k - WIN_START < 0x100000u ? hole : k, 0 };
	case 2:                                        /* the heap above the break */
		if (hole >= PAGODA_HEAP_LIMIT)
			return (struct uptr){ PAGODA_HEAP_LIMIT + below(PAGE), 0 };
		return (struct uptr){ hole + below(PAGODA_HEAP_LIMIT - hole), 0 };
	case 3:                                        /* the guard page */
		return (struct uptr){ PAGODA_HEAP_LIMIT + below(PAGE), 0 };
	case 4:                                        /* straddling the window's end */
		return (struct uptr){ WIN_END - (size > 1 ? 1 + below(size - 1) : 0), 0 };
	case 5:                                        /* straddling its start */
		return (struct uptr){ WIN_START - 1 - below(size), 0 };
	case 6:                                        /* our read-only text */
		k = WIN_START + below((uint32_t)(__text_end - (char *)WIN_START));
		return (struct uptr){ k, !writable && k + size <= page_up((uint32_t)brk) };
	case 7:                                        /* running off the grown heap */
		if (fresh && size > 1)
			return (struct uptr){ hole - 1 - below(size - 1), 0 };
		/* fall through */
	case 8:                                        /* grown heap pages */
		if (fresh >= size)
			return (struct uptr){ hole - size - below(fresh - size + 1), 1 };
		/* fall through */
	default:                                       /* the scratch buffer */
		if (size > sizeof scratch)
			return (struct uptr){ 0x00008000, 0 };
		return (struct uptr){ (uint32_t)(uintptr_t)scratch + below(sizeof scratch - size + 1), 1 };
	}
}

/* A pointer the kernel can read nothing from, except at most maxk bytes
 * of 'x' just below the window's end (prepare() wrote them): *k is how
 * many.  No program is named there, and no string ends there. */
uint32_t bad_ptr(uint32_t maxk, uint32_t *k)
{
	uint32_t hole = page_up((uint32_t)brk);

	*k = 0;
	switch (below(5)) {
	case 0:
		hole = outside[below(sizeof outside / sizeof outside[0])] + below(8);
		return hole ? hole : 4;                /* never NULL: that means "none" */
	case 1:
		if (hole < PAGODA_HEAP_LIMIT)
			return hole + below(PAGODA_HEAP_LIMIT - hole);
		/* fall through */
	case 2:
		return PAGODA_HEAP_LIMIT + below(PAGE);
	case 3:
		*k = below((maxk < xtop ? maxk : xtop) + 1);
		return WIN_END - *k;
	default:
		return WIN_START - 1 - below(64);
	}
}

uint32_t gen_len(void)
{
	static const uint32_t lens[] = {
		0, 1, 2, 4, 8, 255, 256, 257, PAGE, PAGE + 1, 0x100000, 0x7FFFFFFF,
		0x80000000u, 0xFFFFFFFFu, 0xFFFFFF00u,
	};

	return one_in(4) ? below(600) : lens[below(sizeof lens / sizeof lens[0])];
}

long gen_fd(void)
{
	static const long fds[] = { -1, 0, 1, 2, 3, 4, 255, 0x7FFFFFFF, (long)0x80000000u, -2 };

	return fds[below(sizeof fds / sizeof fds[0])];
}

/* A pid no process has: pids are never reused, and these are far off. */
long no_pid(void)
{
	return 0x40000000 + (long)below(0x3FFFFFFF);
}

/* A name for exec or spawn that no program has, or a bad pointer; *want
 * is the answer the name alone forces: -EFAULT, -ENOENT at once (a name
 * of 32 characters or more is not copied further), or 0 (argv decides,
 * then the name is not found). */
uint32_t gen_name(long *want)
{
	static const char *const names[] = {
		"", "no-such-program", "hello ", "HELLO", "./hello",
		"a-name-of-thirty-one-letters-xx", "a-name-of-thirty-two-letters-xxx",
		"a-name-far-too-long-for-the-kernel-to-copy-it-all",
	};
	uint32_t k;

	if (one_in(2)) {
		const char *n = names[below(sizeof names / sizeof names[0])];
		*want = strlen(n) > 31 ? -ENOENT : 0;
		return (uint32_t)(uintptr_t)n;
	}
	*want = -EFAULT;
	return bad_ptr(31, &k);
}

/* An argv array in argvbuf, and what copy_args (kernel/syscall.c) makes
 * of it: 0 if it copies (then the name decides), -E2BIG or -EFAULT.  Its
 * rules: the array's words are read one by one up to the NULL; before
 * each string, the 33rd argument or 2048 bytes used is -E2BIG; a string
 * must end within the bytes left (-E2BIG) and be readable (-EFAULT). */
uint32_t gen_argv(long *want)
{
	static const uint32_t lens[] = { 0, 1, 5, 63, 64, 500, 1000, 2000, 2042, 2047, 2048, 3000 };
	uint32_t n = one_in(2) ? below(6) : below(40), used = 0, k;

	*want = 0;
	if (one_in(6))
		return 0;                              /* NULL: argv = { name } */
	if (one_in(6)) {
		*want = -EFAULT;                       /* the array itself unreadable */
		return bad_ptr(3, &k);
	}
	for (uint32_t i = 0; i < n; i++) {
		uint32_t len = lens[below(sizeof lens / sizeof lens[0])];

		if (*want == 0 && (i == 32 || used >= 2048))
			*want = -E2BIG;
		if (one_in(20)) {
			argvbuf[i] = bad_ptr(31, &k);
			if (*want == 0)
				*want = k >= 2048 - used ? -E2BIG : -EFAULT;
			continue;
		}
		argvbuf[i] = (uint32_t)(uintptr_t)&strs[sizeof strs - 1 - len];
		if (*want == 0 && len + 1 > 2048 - used)
			*want = -E2BIG;
		used += len + 1;
	}
	argvbuf[n] = 0;
	return (uint32_t)(uintptr_t)argvbuf;
}
