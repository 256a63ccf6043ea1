/*
 * tests/fuzz/fuzz_lineedit.c - the shell's line editor (kernel/lineedit.c)
 * fed an arbitrary byte stream, and every line it completes split into
 * words (kernel/args.c) as the shell does.
 *
 * Input: the bytes, as typed.
 *
 * Oracles:
 *  - a model of the behaviour table in kernel/lineedit.h, written again
 *    here, predicts each event, the line and the exact echo;
 *  - a model terminal that applies the echo (printable characters, and
 *    "\b \b" erasing one) shows exactly the line buffer while the line is
 *    not over-long: what the user sees is what the shell will run;
 *  - len <= LINE_MAX always; a completed line is NUL-terminated at len and
 *    holds only printable ASCII;
 *  - splitting a completed line never needs more than ARGS_MAX words (so
 *    the shell's -E2BIG path is unreachable from the keyboard).
 */
#include "tests/fuzz/fuzz.h"

#include "kernel/args.h"
#include "kernel/lineedit.h"

/* What the echo function has been handed for one byte. */
struct echo_log {
	char text[4 * (LINE_MAX + 1)];
	size_t len;
};

static void echo(const char *s, unsigned n, void *arg)
{
	struct echo_log *log = arg;

	FUZZ_CHECK(log->len + n <= sizeof log->text, "echo overflow: %zu + %u", log->len, n);
	memcpy(log->text + log->len, s, n);
	log->len += n;
}

/* The model editor: the table of kernel/lineedit.h. */
struct model {
	char line[LINE_MAX + 1];
	size_t len;
	bool too_long, last_cr, done;
};

/* Feed c to the model; returns the event and appends the echo to want. */
static enum le_event model_feed(struct model *m, uint8_t c, struct echo_log *want)
{
	bool after_cr = m->last_cr;

	m->last_cr = false;
	if (m->done) {
		m->len = 0;
		m->too_long = false;
		m->done = false;
	}
	if (c == '\n' && after_cr)
		return LE_NONE;
	if (c == '\r' || c == '\n') {
		m->last_cr = c == '\r';
		echo("\r\n", 2, want);
		m->done = true;
		return m->too_long ? LE_TOO_LONG : LE_LINE;
	}
	if (c == 0x03) {
		echo("^C\r\n", 4, want);
		m->len = 0;
		m->too_long = false;
		return LE_CANCEL;
	}
	if (c == 0x15) {
		for (size_t i = 0; i < m->len; i++)
			echo("\b \b", 3, want);
		m->len = 0;
		m->too_long = false;
		return LE_NONE;
	}
	if (c == 0x08 || c == 0x7F) {
		if (m->len > 0 && !m->too_long) {
			m->len--;
			echo("\b \b", 3, want);
		}
		return LE_NONE;
	}
	if (c < 0x20 || c > 0x7E)
		return LE_NONE;
	if (m->len == LINE_MAX) {
		m->too_long = true;
		return LE_NONE;
	}
	m->line[m->len++] = (char)c;
	echo((const char *)&c, 1, want);
	return LE_NONE;
}

/* The model terminal: the current screen line.  One echo log holds what
 * one byte echoed, so "^C\r\n" there is Ctrl-C, never a typed '^'. */
struct screen {
	char text[LINE_MAX + 1];
	size_t len;
};

static void screen_apply(struct screen *s, const struct echo_log *log)
{
	for (size_t i = 0; i < log->len; i++) {
		char c = log->text[i];

		if (c == '\b' && i + 2 < log->len && log->text[i + 1] == ' ' &&
		    log->text[i + 2] == '\b') {
			FUZZ_CHECK(s->len > 0, "erased past the start of the screen line");
			s->len--;
			i += 2;
		} else if (c == '^' && log->len - i >= 4 && memcmp(log->text + i, "^C\r\n", 4) == 0) {
			s->len = 0;   /* Ctrl-C: a new screen line */
			i += 3;
		} else if (c == '\r' || c == '\n') {
			s->len = 0;
		} else if (s->len < LINE_MAX) {
			s->text[s->len++] = c;
		} else {
			FUZZ_CHECK(0, "echoed a character past LINE_MAX");
		}
	}
}

static void check_line(const struct lineedit *le)
{
	char copy[LINE_MAX + 1], *argv[ARGS_MAX];
	int argc;

	FUZZ_CHECK(le->buf[le->len] == '\0' && strlen(le->buf) == le->len,
		   "line not terminated at len %u", le->len);
	for (unsigned i = 0; i < le->len; i++)
		FUZZ_CHECK(le->buf[i] >= 0x20 && le->buf[i] <= 0x7E, "byte 0x%02x in the line",
			   (uint8_t)le->buf[i]);
	memcpy(copy, le->buf, le->len + 1);
	argc = args_split(copy, argv, ARGS_MAX);
	FUZZ_CHECK(argc >= 0 && argc <= ARGS_MAX, "a typed line split into %d words", argc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lineedit le;
	struct model m = { .len = 0 };
	struct screen scr = { .len = 0 };

	le_init(&le);
	for (size_t i = 0; i < size; i++) {
		struct echo_log got = { .len = 0 }, want = { .len = 0 };
		enum le_event ev = le_feed(&le, data[i], echo, &got);
		enum le_event mev = model_feed(&m, data[i], &want);

		FUZZ_CHECK(ev == mev, "byte %zu (0x%02x): event %d, model %d", i, data[i], ev, mev);
		FUZZ_CHECK(got.len == want.len && memcmp(got.text, want.text, got.len) == 0,
			   "byte %zu (0x%02x): echo \"%.*s\", model \"%.*s\"", i, data[i],
			   (int)got.len, got.text, (int)want.len, want.text);
		FUZZ_CHECK(le.len <= LINE_MAX, "len %u", le.len);
		FUZZ_CHECK(le.len == m.len && memcmp(le.buf, m.line, m.len) == 0,
			   "byte %zu: line \"%.*s\", model \"%.*s\"", i, (int)le.len, le.buf,
			   (int)m.len, m.line);
		screen_apply(&scr, &got);
		if (ev == LE_LINE)
			check_line(&le);
		else if (ev == LE_NONE && !m.too_long)
			FUZZ_CHECK(scr.len == le.len && memcmp(scr.text, le.buf, le.len) == 0,
				   "byte %zu: screen \"%.*s\", line \"%.*s\"", i, (int)scr.len,
				   scr.text, (int)le.len, le.buf);
	}
	return 0;
}
