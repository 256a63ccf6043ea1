/*
 * tests/host/test_fmt.c - host tests for kernel/fmt.c (kvformat, ksnprintf).
 *
 * Each case formats into a buffer and checks the exact text and the return
 * value.  Expected strings follow C99 printf for the subset fmt.h promises;
 * the deliberate differences (unknown conversions copied through, %p's
 * fixed form) are spelled out where they are tested.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kernel/fmt.h"
#include "kernel/string.h"

/* Format into a 256-byte buffer, check the text and the returned length. */
#define CHECK(expect, ...) do {                                         \
	char buf_[256];                                                 \
	int n_ = ksnprintf(buf_, sizeof(buf_), __VA_ARGS__);            \
	assert_string_equal(buf_, expect);                              \
	assert_int_equal(n_, (int)strlen(expect));                      \
} while (0)

/* The format strings below are deliberately unusual for printf. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
#pragma GCC diagnostic ignored "-Wformat-overflow"

static void test_plain_text(void **state)
{
	(void)state;
	CHECK("", "");
	CHECK("hello, world", "hello, world");
	CHECK("100%", "100%%");
	CHECK("%%", "%%%%");
}

static void test_decimal(void **state)
{
	(void)state;
	CHECK("0", "%d", 0);
	CHECK("42", "%d", 42);
	CHECK("-42", "%d", -42);
	CHECK("7", "%i", 7);
	CHECK("-7", "%i", -7);
	CHECK("2147483647", "%d", INT_MAX);
	CHECK("-2147483648", "%d", INT_MIN);
	CHECK("a1b-2c", "a%db%dc", 1, -2);
}

static void test_unsigned(void **state)
{
	(void)state;
	CHECK("0", "%u", 0u);
	CHECK("4294967295", "%u", UINT_MAX);
	CHECK("4294967295", "%u", -1);
	CHECK("123456789", "%u", 123456789u);
}

static void test_hex(void **state)
{
	(void)state;
	CHECK("0", "%x", 0u);
	CHECK("deadbeef", "%x", 0xdeadbeefu);
	CHECK("DEADBEEF", "%X", 0xdeadbeefu);
	CHECK("ffffffff", "%x", UINT_MAX);
	CHECK("ab", "%x", 0xabu);
	CHECK("1F", "%X", 0x1fu);
}

static void test_long(void **state)
{
	(void)state;
	/* 'l' is long: 32 bits on the target, 64 on the host; use values
	 * that fit in 32 bits so the expectation is the same on both. */
	CHECK("-2147483648", "%ld", (long)INT_MIN);
	CHECK("4294967295", "%lu", (unsigned long)UINT_MAX);
	CHECK("cafe", "%lx", 0xcafeul);
	CHECK("-5", "%li", -5l);
}

static void test_long_long(void **state)
{
	(void)state;
	CHECK("0", "%lld", 0ll);
	CHECK("9223372036854775807", "%lld", LLONG_MAX);
	CHECK("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK("-9223372036854775808", "%lli", LLONG_MIN);
	CHECK("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	CHECK("ffffffffffffffff", "%llx", (unsigned long long)UINT64_MAX);
	CHECK("FFFFFFFFFFFFFFFF", "%llX", (unsigned long long)UINT64_MAX);
	CHECK("100000000", "%llx", 0x100000000ull);
	CHECK("4294967296", "%llu", 4294967296ull);
	CHECK("-4294967296", "%lld", -4294967296ll);
	CHECK("1234567890123456789", "%llu", 1234567890123456789ull);
	/* A 64-bit argument followed by a 32-bit one: alignment kept. */
	CHECK("1 2 3", "%d %lld %d", 1, 2ll, 3);
}

static void test_width(void **state)
{
	(void)state;
	CHECK("   42", "%5d", 42);
	CHECK("  -42", "%5d", -42);
	CHECK("42", "%1d", 42);          /* width smaller than the text */
	CHECK("12345", "%5d", 12345);
	CHECK("      ffff", "%10x", 0xffffu);
	CHECK("   hi", "%5s", "hi");
	CHECK("    x", "%5c", 'x');
	CHECK("  0x00001000", "%12p", (void *)0x1000);
	CHECK("                    18446744073709551615", "%40llu",
	      (unsigned long long)UINT64_MAX);
}

static void test_left_justify(void **state)
{
	(void)state;
	CHECK("42   |", "%-5d|", 42);
	CHECK("-42  |", "%-5d|", -42);
	CHECK("hi   |", "%-5s|", "hi");
	CHECK("x    |", "%-5c|", 'x');
	CHECK("ab   |", "%-5x|", 0xabu);
	CHECK("0x00000010  |", "%-12p|", (void *)0x10);
	/* '-' wins over '0', in either order. */
	CHECK("42   |", "%-05d|", 42);
	CHECK("42   |", "%0-5d|", 42);
}

static void test_zero_pad(void **state)
{
	(void)state;
	CHECK("00042", "%05d", 42);
	CHECK("-0042", "%05d", -42);       /* zeros go after the sign */
	CHECK("-2147483648", "%05d", INT_MIN);
	CHECK("000000ff", "%08x", 0xffu);
	CHECK("000000FF", "%08X", 0xffu);
	CHECK("00000", "%05u", 0u);
	CHECK("0x0000001234", "%012p", (void *)0x1234); /* zeros after 0x */
	CHECK("-00000000000000000001", "%021lld", -1ll);
	/* Strings and characters are padded with spaces, never zeros. */
	CHECK("   hi", "%05s", "hi");
	CHECK("    c", "%05c", 'c');
}

static void test_string_and_char(void **state)
{
	(void)state;
	CHECK("abc", "%s", "abc");
	CHECK("", "%s", "");
	CHECK("(null)", "%s", (char *)NULL);
	CHECK("  (null)", "%8s", (char *)NULL);
	CHECK("A", "%c", 'A');
	CHECK("a b", "%c%c%c", 'a', ' ', 'b');
	CHECK("[x]", "[%s]", "x");
}

static void test_pointer(void **state)
{
	(void)state;
	CHECK("0x00000000", "%p", (void *)0);
	CHECK("0x00001000", "%p", (void *)0x1000);
	CHECK("0xdeadbeef", "%p", (void *)(uintptr_t)0xdeadbeefu);
	CHECK("0x20200000", "%p", (void *)0x20200000);
}

static void test_unknown_conversion(void **state)
{
	(void)state;
	/* Unknown conversions are copied through and consume no argument. */
	CHECK("%q", "%q");
	CHECK("%y 5", "%y %d", 5);
	CHECK("%5q", "%5q");
	CHECK("%-08k", "%-08k");
	CHECK("%lq", "%lq");
	CHECK("%llk 9", "%llk %d", 9);
	CHECK("%hd 3", "%hd %d", 3);
	CHECK("%.3s x", "%.3s %s", "x");
}

static void test_trailing_percent(void **state)
{
	(void)state;
	CHECK("%", "%");
	CHECK("50%", "50%");
	CHECK("7%", "%d%", 7);
	/* The format ends inside a spec: the spec is copied through. */
	CHECK("%5", "%5");
	CHECK("%-", "%-");
	CHECK("%ll", "%ll");
}

static void test_snprintf_truncation(void **state)
{
	char buf[8];

	(void)state;
	/* n = 0: nothing written, not even the NUL; returns the full length. */
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(ksnprintf(buf, 0, "hello"), 5);
	assert_int_equal(buf[0], 'Z');
	assert_int_equal(ksnprintf(NULL, 0, "%d", 12345), 5);

	/* n = 1: only the NUL. */
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(ksnprintf(buf, 1, "hello"), 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'Z');

	/* Truncated in the middle. */
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(ksnprintf(buf, 4, "%s-%d", "ab", 123), 6);
	assert_string_equal(buf, "ab-");
	assert_int_equal(buf[4], 'Z');

	/* Exactly the length: last character dropped for the NUL. */
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(ksnprintf(buf, 5, "hello"), 5);
	assert_string_equal(buf, "hell");

	/* Exactly the length plus the NUL: fits. */
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(ksnprintf(buf, 6, "hello"), 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(buf[6], 'Z');

	/* Empty output into a buffer: just the NUL. */
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(ksnprintf(buf, sizeof(buf), ""), 0);
	assert_int_equal(buf[0], '\0');

	/* Padding counts towards the returned length. */
	assert_int_equal(ksnprintf(buf, sizeof(buf), "%20d", 1), 20);
	assert_string_equal(buf, "       ");
}

/* kvformat's sink: append to a fixed buffer. */
struct collect {
	char text[64];
	int n;
};

static void collect_out(char c, void *arg)
{
	struct collect *col = arg;

	assert_true(col->n < (int)sizeof(col->text) - 1);
	col->text[col->n++] = c;
	col->text[col->n] = '\0';
}

static int collect(struct collect *col, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvformat(collect_out, col, fmt, ap);
	va_end(ap);
	return n;
}

static void test_kvformat_sink(void **state)
{
	struct collect col = { .n = 0 };

	(void)state;
	assert_int_equal(collect(&col, "x=%d %s", -3, "ok"), 7);
	assert_string_equal(col.text, "x=-3 ok");
	assert_int_equal(col.n, 7);
}

static void test_width_clamped(void **state)
{
	char buf[4];

	(void)state;
	/* An absurd width is clamped to 1024 instead of overflowing. */
	assert_int_equal(ksnprintf(buf, sizeof(buf), "%99999999999d", 1), 1024);
	assert_string_equal(buf, "   ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_unsigned),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_long_long),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_left_justify),
		cmocka_unit_test(test_zero_pad),
		cmocka_unit_test(test_string_and_char),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_unknown_conversion),
		cmocka_unit_test(test_trailing_percent),
		cmocka_unit_test(test_snprintf_truncation),
		cmocka_unit_test(test_kvformat_sink),
		cmocka_unit_test(test_width_clamped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
