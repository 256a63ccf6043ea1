/*
 * tests/host/test_lineedit.c - host tests for kernel/lineedit.c.
 *
 * A fixture collects everything the editor echoes, so each test checks the
 * exact bytes a terminal would receive as well as the returned events and
 * the line itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "kernel/lineedit.h"
#include "kernel/string.h"

#define ECHO_CAP 40000

struct fixture {
	struct lineedit le;
	char echo[ECHO_CAP + 1];
	unsigned echo_len;
};

/* le_echo_fn: append to the fixture's echo buffer. */
static void collect_echo(const char *s, unsigned n, void *arg)
{
	struct fixture *f = arg;

	assert_true(f->echo_len + n <= ECHO_CAP);
	memcpy(f->echo + f->echo_len, s, n);
	f->echo_len += n;
	f->echo[f->echo_len] = '\0';
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	le_init(&f->le);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

/* Feed one byte. */
static enum le_event feed(struct fixture *f, unsigned char c)
{
	return le_feed(&f->le, c, collect_echo, f);
}

/* Feed n bytes, all of which must return LE_NONE. */
static void feed_none(struct fixture *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assert_int_equal(feed(f, (unsigned char)s[i]), LE_NONE);
}

/* Feed a NUL-terminated string of bytes that must all return LE_NONE. */
static void type(struct fixture *f, const char *s)
{
	feed_none(f, s, strlen(s));
}

/* Forget what was echoed so far. */
static void echo_reset(struct fixture *f)
{
	f->echo_len = 0;
	f->echo[0] = '\0';
}

static void assert_line(struct fixture *f, const char *expect)
{
	assert_int_equal(f->le.len, strlen(expect));
	assert_string_equal(f->le.buf, expect);
}

static void test_simple_line(void **state)
{
	struct fixture *f = *state;

	type(f, "help");
	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_line(f, "help");
	assert_string_equal(f->echo, "help\r\n");
}

static void test_printable_range(void **state)
{
	struct fixture *f = *state;
	char all[0x7F - 0x20 + 1];

	for (int c = 0x20; c <= 0x7E; c++)
		all[c - 0x20] = (char)c;
	all[sizeof(all) - 1] = '\0';
	type(f, all);
	assert_int_equal(feed(f, '\n'), LE_LINE);
	assert_line(f, all);
	assert_int_equal(f->echo_len, 95 + 2);
	assert_memory_equal(f->echo, all, 95);
}

static void test_empty_line(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_line(f, "");
	assert_string_equal(f->echo, "\r\n");
}

static void test_backspace(void **state)
{
	struct fixture *f = *state;

	type(f, "abc\b");
	assert_string_equal(f->echo, "abc\b \b");
	type(f, "\x7f" "d");
	assert_string_equal(f->echo, "abc\b \b\b \bd");
	assert_int_equal(feed(f, '\n'), LE_LINE);
	assert_line(f, "ad");
}

static void test_backspace_past_start(void **state)
{
	struct fixture *f = *state;

	/* At the start of the line: no effect and no echo. */
	type(f, "\b\x7f\b");
	assert_int_equal(f->echo_len, 0);
	type(f, "ab\b\b\b\x7f\bx");
	assert_string_equal(f->echo, "ab\b \b\b \bx");
	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_line(f, "x");
}

static void test_ctrl_u(void **state)
{
	struct fixture *f = *state;

	type(f, "abc\x15");
	assert_string_equal(f->echo, "abc\b \b\b \b\b \b");
	assert_int_equal(f->le.len, 0);
	/* Ctrl-U on an empty line echoes nothing. */
	echo_reset(f);
	type(f, "\x15");
	assert_int_equal(f->echo_len, 0);
	type(f, "ok");
	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_line(f, "ok");
	assert_string_equal(f->echo, "ok\r\n");
}

static void test_ctrl_c_mid_line(void **state)
{
	struct fixture *f = *state;

	type(f, "rm -rf");
	assert_int_equal(feed(f, 0x03), LE_CANCEL);
	assert_string_equal(f->echo, "rm -rf^C\r\n");
	assert_int_equal(f->le.len, 0);
	/* The next line starts empty. */
	echo_reset(f);
	type(f, "ls");
	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_line(f, "ls");
	assert_string_equal(f->echo, "ls\r\n");
}

static void test_ctrl_c_empty(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, 0x03), LE_CANCEL);
	assert_string_equal(f->echo, "^C\r\n");
}

static void test_ignored_bytes(void **state)
{
	struct fixture *f = *state;
	static const unsigned char junk[] = {
		0x00, 0x01, 0x02, 0x04, 0x07, 0x09, 0x0B, 0x0C, 0x0E, 0x1B,
		0x1F, 0x80, 0x9B, 0xA0, 0xC3, 0xE9, 0xFF,
	};

	type(f, "a");
	for (size_t i = 0; i < sizeof(junk); i++)
		assert_int_equal(feed(f, junk[i]), LE_NONE);
	type(f, "b");
	assert_string_equal(f->echo, "ab");
	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_line(f, "ab");
}

static void test_line_endings(void **state)
{
	struct fixture *f = *state;
	int lines = 0;
	/* CR, LF, CRLF, CR CR (two lines), LF LF (two lines), LF CR (two). */
	static const char input[] = "a\rb\nc\r\nd\r\re\n\nf\n\r";
	static const char *expect[] = { "a", "b", "c", "d", "", "e", "", "f", "" };

	for (size_t i = 0; i < sizeof(input) - 1; i++) {
		enum le_event ev = feed(f, (unsigned char)input[i]);

		if (ev == LE_LINE) {
			assert_true(lines < 9);
			assert_line(f, expect[lines]);
			lines++;
		} else {
			assert_int_equal(ev, LE_NONE);
		}
	}
	assert_int_equal(lines, 9);
	assert_string_equal(f->echo, "a\r\nb\r\nc\r\nd\r\n\r\ne\r\n\r\nf\r\n\r\n");
}

static void test_crlf_swallows_one_lf(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_int_equal(feed(f, '\n'), LE_NONE);   /* swallowed, no echo */
	assert_string_equal(f->echo, "\r\n");
	assert_int_equal(feed(f, '\n'), LE_LINE);   /* a real empty line */
	assert_string_equal(f->echo, "\r\n\r\n");
	/* A byte between CR and LF means the LF is a line of its own. */
	assert_int_equal(feed(f, '\r'), LE_LINE);
	type(f, "x");
	assert_int_equal(feed(f, '\n'), LE_LINE);
	assert_line(f, "x");
	/* So does an ignored byte. */
	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_int_equal(feed(f, 0x80), LE_NONE);
	assert_int_equal(feed(f, '\n'), LE_LINE);
}

static void test_line_kept_until_next_feed(void **state)
{
	struct fixture *f = *state;

	type(f, "abc");
	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_line(f, "abc");
	/* The next byte starts a fresh line without le_init. */
	type(f, "d");
	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_line(f, "d");
	/* le_init between lines is harmless. */
	le_init(&f->le);
	type(f, "e");
	assert_int_equal(feed(f, '\n'), LE_LINE);
	assert_line(f, "e");
}

static void test_exactly_max(void **state)
{
	struct fixture *f = *state;
	char line[LINE_MAX + 1];

	memset(line, 'm', LINE_MAX);
	line[LINE_MAX] = '\0';
	type(f, line);
	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_line(f, line);
	assert_int_equal(f->echo_len, LINE_MAX + 2);
}

/* Feed n copies of 'x' then CR; expect LE_TOO_LONG and 255 echoed x's. */
static void check_too_long(struct fixture *f, size_t n)
{
	char *s = malloc(n);

	assert_non_null(s);
	memset(s, 'x', n);
	feed_none(f, s, n);
	assert_int_equal(f->echo_len, LINE_MAX);   /* echo stopped at 255 */
	assert_int_equal(feed(f, '\r'), LE_TOO_LONG);
	assert_int_equal(f->echo_len, LINE_MAX + 2);
	assert_memory_equal(f->echo, s, LINE_MAX);
	assert_string_equal(f->echo + LINE_MAX, "\r\n");
	free(s);

	/* The editor recovers: the next line is normal. */
	echo_reset(f);
	assert_int_equal(feed(f, '\n'), LE_NONE);   /* LF of a CRLF */
	type(f, "ok");
	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_line(f, "ok");
	assert_string_equal(f->echo, "ok\r\n");
}

static void test_256_chars(void **state)
{
	check_too_long(*state, LINE_MAX + 1);
}

static void test_300_chars(void **state)
{
	check_too_long(*state, 300);
}

static void test_10000_chars(void **state)
{
	check_too_long(*state, 10000);
}

static void test_too_long_ignores_backspace(void **state)
{
	struct fixture *f = *state;
	char s[300];

	memset(s, 'y', sizeof(s));
	feed_none(f, s, sizeof(s));
	echo_reset(f);
	type(f, "\b\x7f\b");
	assert_int_equal(f->echo_len, 0);
	assert_int_equal(feed(f, '\n'), LE_TOO_LONG);
}

static void test_too_long_ctrl_c(void **state)
{
	struct fixture *f = *state;
	char s[300];

	memset(s, 'y', sizeof(s));
	feed_none(f, s, sizeof(s));
	echo_reset(f);
	assert_int_equal(feed(f, 0x03), LE_CANCEL);
	assert_string_equal(f->echo, "^C\r\n");
	type(f, "z");
	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_line(f, "z");
}

static void test_too_long_ctrl_u(void **state)
{
	struct fixture *f = *state;
	char s[300];

	memset(s, 'y', sizeof(s));
	feed_none(f, s, sizeof(s));
	echo_reset(f);
	type(f, "\x15");
	assert_int_equal(f->echo_len, 3 * LINE_MAX);  /* 255 x "\b \b" */
	for (unsigned i = 0; i < LINE_MAX; i++)
		assert_memory_equal(f->echo + 3 * i, "\b \b", 3);
	type(f, "q");
	assert_int_equal(feed(f, '\r'), LE_LINE);
	assert_line(f, "q");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_simple_line),
		T(test_printable_range),
		T(test_empty_line),
		T(test_backspace),
		T(test_backspace_past_start),
		T(test_ctrl_u),
		T(test_ctrl_c_mid_line),
		T(test_ctrl_c_empty),
		T(test_ignored_bytes),
		T(test_line_endings),
		T(test_crlf_swallows_one_lf),
		T(test_line_kept_until_next_feed),
		T(test_exactly_max),
		T(test_256_chars),
		T(test_300_chars),
		T(test_10000_chars),
		T(test_too_long_ignores_backspace),
		T(test_too_long_ctrl_c),
		T(test_too_long_ctrl_u),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
