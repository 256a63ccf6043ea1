/*
 * tests/host/test_upload.c - host tests for kernel/upload.c, the upload
 * frame receiver.
 *
 * Frames are built here from the layout in kernel/upload.h (offsets for a
 * name of L characters: magic 0, version 4, name_len 5, name 6, size 6+L,
 * crc32 10+L, header_crc 14+L, data 18+L) and fed one byte at a time.
 * Random data and positions come from a fixed-seed xorshift, so every run
 * checks the same cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <limits.h>
#include <cmocka.h>

#include "kernel/upload.h"
#include "kernel/crc32.h"
#include "kernel/errno.h"

#define HDR_LEN(L)   (18u + (L))

static uint32_t rng = 0x2545F491u;

static uint32_t rnd(void)                  /* xorshift32 */
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void fill_random(uint8_t *p, uint32_t n)
{
	while (n-- > 0)
		*p++ = (uint8_t)rnd();
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Write a frame to out: the given header fields (name_len bytes of name),
 * a correct header_crc, then ndata bytes of data.  Returns its length. */
static uint32_t frame(uint8_t *out, uint8_t version, uint8_t name_len,
		      const char *name, uint32_t size, uint32_t data_crc,
		      const uint8_t *data, uint32_t ndata)
{
	uint32_t n = 0;

	memcpy(out, "PGDA", 4);
	out[4] = version;
	out[5] = name_len;
	memcpy(out + 6, name, name_len);
	n = 6u + name_len;
	put_le32(out + n, size);
	put_le32(out + n + 4, data_crc);
	put_le32(out + n + 8, crc32(out, n + 8));
	n += 12;
	if (ndata > 0)
		memcpy(out + n, data, ndata);
	return n + ndata;
}

/* A correct frame for data[0..size). */
static uint32_t good_frame(uint8_t *out, const char *name,
			   const uint8_t *data, uint32_t size)
{
	return frame(out, 1, (uint8_t)strlen(name), name, size,
		     crc32(data, size), data, size);
}

/* ---- the sink: records what it is given ---------------------------------- */

static struct capture {
	uint8_t buf[UPLOAD_MAX];
	uint32_t calls;
	uint32_t fail_at;                  /* offset to refuse, or UINT32_MAX */
	int fail_with;
} cap;

static int capture_sink(void *ctx, uint32_t offset, uint8_t byte)
{
	struct capture *c = ctx;

	assert_int_equal(offset, c->calls);    /* in order, each once */
	assert_true(offset < UPLOAD_MAX);
	if (offset == c->fail_at)
		return c->fail_with;
	c->buf[offset] = byte;
	c->calls++;
	return 0;
}

static void start(struct upload *u, uint32_t max_size)
{
	cap.calls = 0;
	cap.fail_at = UINT32_MAX;
	upload_init(u, max_size);
	upload_set_sink(u, capture_sink, &cap);
}

/* Feed buf[0..n).  Returns the last status (UP_MORE for n == 0) and
 * stores in *first_end the index of the first byte that ended the frame
 * (n if none did).  A status once final must stay the same. */
static int feed(struct upload *u, const uint8_t *buf, uint32_t n,
		uint32_t *first_end)
{
	int st = UP_MORE, end_st = UP_MORE;
	uint32_t end = n;

	for (uint32_t i = 0; i < n; i++) {
		st = upload_feed(u, buf[i]);
		if (end == n && st != UP_MORE) {
			end = i;
			end_st = st;
		}
		if (end < n)
			assert_int_equal(st, end_st);
	}
	if (first_end != NULL)
		*first_end = end;
	return st;
}

static uint8_t data[UPLOAD_MAX];
static uint8_t buf[UPLOAD_MAX + 256];

/* ---- good frames --------------------------------------------------------- */

static void test_valid_frame(void **state)
{
	struct upload u;
	uint32_t n, end;

	(void)state;
	fill_random(data, 1000);
	n = good_frame(buf, "hello-2_x", data, 1000);
	assert_int_equal(n, HDR_LEN(9) + 1000);
	start(&u, UPLOAD_MAX);
	assert_false(upload_header_ready(&u));
	assert_string_equal(upload_name(&u), "");
	assert_int_equal(upload_size(&u), 0);

	/* the header is ready exactly after its last byte */
	assert_int_equal(feed(&u, buf, HDR_LEN(9) - 1, NULL), UP_MORE);
	assert_false(upload_header_ready(&u));
	assert_int_equal(upload_feed(&u, buf[HDR_LEN(9) - 1]), UP_MORE);
	assert_true(upload_header_ready(&u));
	assert_string_equal(upload_name(&u), "hello-2_x");
	assert_int_equal(upload_size(&u), 1000);
	assert_int_equal(cap.calls, 0);

	assert_int_equal(feed(&u, buf + HDR_LEN(9), 1000, &end), UP_DONE);
	assert_int_equal(end, 999);                /* on the last byte */
	assert_int_equal(cap.calls, 1000);
	assert_memory_equal(cap.buf, data, 1000);
	assert_int_equal(upload_received(&u), 1000);
	assert_int_equal(upload_status(&u), UP_DONE);
	assert_int_equal(upload_sink_error(&u), 0);
}

/* One data byte, a 31-character name; and the largest frame. */
static void test_limits_accepted(void **state)
{
	static const char name31[] = "abcdefghijklmnopqrstuvwxyz01234";
	struct upload u;
	uint32_t n;

	(void)state;
	data[0] = 0x7F;
	n = good_frame(buf, name31, data, 1);
	start(&u, UPLOAD_MAX);
	assert_int_equal(feed(&u, buf, n, NULL), UP_DONE);
	assert_string_equal(upload_name(&u), name31);
	assert_int_equal(cap.buf[0], 0x7F);

	fill_random(data, UPLOAD_MAX);
	n = good_frame(buf, "big", data, UPLOAD_MAX);
	start(&u, 0);                              /* 0 means UPLOAD_MAX */
	assert_int_equal(feed(&u, buf, n, NULL), UP_DONE);
	assert_int_equal(upload_size(&u), UPLOAD_MAX);
	assert_memory_equal(cap.buf, data, UPLOAD_MAX);
}

/* The receiver's own limit: size == max_size passes, one more does not. */
static void test_receiver_max_size(void **state)
{
	struct upload u;
	uint32_t n;

	(void)state;
	fill_random(data, 101);
	n = good_frame(buf, "p", data, 100);
	start(&u, 100);
	assert_int_equal(feed(&u, buf, n, NULL), UP_DONE);
	n = good_frame(buf, "p", data, 101);
	start(&u, 100);
	assert_int_equal(feed(&u, buf, n, NULL), UP_ERR_SIZE);
	assert_int_equal(cap.calls, 0);
}

/* ---- noise before the magic ---------------------------------------------- */

/* Feed noise then a good frame; return the final status. */
static int noise_then_frame(const uint8_t *noise, uint32_t nn)
{
	struct upload u;
	uint32_t n;

	memcpy(buf, noise, nn);
	fill_random(data, 50);
	n = good_frame(buf + nn, "foo", data, 50);
	start(&u, UPLOAD_MAX);
	return feed(&u, buf, nn + n, NULL);
}

static void test_noise_skipped(void **state)
{
	static const uint8_t echo[] = "load foo\r\n";
	uint8_t noise[65];

	(void)state;
	assert_int_equal(noise_then_frame(echo, sizeof(echo) - 1), UP_DONE);
	assert_memory_equal(cap.buf, data, 50);
	/* partial magics in the noise: the match must restart correctly */
	assert_int_equal(noise_then_frame((const uint8_t *)"PPGPGDPGD", 9),
			 UP_DONE);
	assert_int_equal(noise_then_frame((const uint8_t *)"PGD", 3), UP_DONE);
	memset(noise, 'x', sizeof(noise));
	assert_int_equal(noise_then_frame(noise, 64), UP_DONE);
	noise[63] = 'P';                           /* 64 noise bytes still */
	assert_int_equal(noise_then_frame(noise, 64), UP_DONE);
}

static void test_too_much_noise(void **state)
{
	uint8_t noise[65];
	struct upload u;
	uint32_t end;

	(void)state;
	memset(noise, '\n', sizeof(noise));
	assert_int_equal(noise_then_frame(noise, 65), UP_ERR_MAGIC);
	start(&u, UPLOAD_MAX);
	assert_int_equal(feed(&u, noise, 65, &end), UP_ERR_MAGIC);
	assert_int_equal(end, 64);                 /* at the 65th byte */

	/* a partial magic turned noise counts too: 62 + "PGD" + 'x' */
	memset(noise, 'x', sizeof(noise));
	memcpy(noise + 61, "PGD", 3);
	assert_int_equal(noise_then_frame(noise, 65), UP_ERR_MAGIC);
}

/* ---- bad header fields --------------------------------------------------- */

static int feed_frame(uint8_t version, uint8_t name_len, const char *name,
		      uint32_t size)
{
	struct upload u;
	uint32_t n;
	int st;

	fill_random(data, 64);
	n = frame(buf, version, name_len, name, size, crc32(data, 64),
		  data, 64);
	start(&u, UPLOAD_MAX);
	st = feed(&u, buf, n, NULL);
	assert_false(upload_header_ready(&u));
	assert_int_equal(cap.calls, 0);
	return st;
}

static void test_bad_version(void **state)
{
	(void)state;
	assert_int_equal(feed_frame(0, 3, "abc", 64), UP_ERR_VERSION);
	assert_int_equal(feed_frame(2, 3, "abc", 64), UP_ERR_VERSION);
	assert_int_equal(feed_frame(0xFF, 3, "abc", 64), UP_ERR_VERSION);
}

static void test_bad_name(void **state)
{
	static const char name32[] = "abcdefghijklmnopqrstuvwxyz012345";
	static char name255[255];
	static const char *const bad[] = {
		"a.b", "a b", "a/b", "ab\r", "\0ab", "a\x80" "b", "\xff" "ab",
	};

	(void)state;
	assert_int_equal(feed_frame(1, 0, "", 64), UP_ERR_NAME);
	assert_int_equal(feed_frame(1, 32, name32, 64), UP_ERR_NAME);
	memset(name255, 'a', sizeof(name255));
	assert_int_equal(feed_frame(1, 255, name255, 64), UP_ERR_NAME);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(feed_frame(1, 3, bad[i], 64), UP_ERR_NAME);
}

static void test_bad_size(void **state)
{
	(void)state;
	assert_int_equal(feed_frame(1, 3, "abc", 0), UP_ERR_SIZE);
	assert_int_equal(feed_frame(1, 3, "abc", UPLOAD_MAX + 1), UP_ERR_SIZE);
	assert_int_equal(feed_frame(1, 3, "abc", 0xFFFFFFFFu), UP_ERR_SIZE);
}

static void test_header_crc_flipped(void **state)
{
	struct upload u;
	uint32_t n, end;

	(void)state;
	fill_random(data, 64);
	n = good_frame(buf, "abc", data, 64);
	buf[HDR_LEN(3) - 1] ^= 0x80;               /* header_crc's top bit */
	start(&u, UPLOAD_MAX);
	assert_int_equal(feed(&u, buf, n, &end), UP_ERR_HEADER_CRC);
	assert_int_equal(end, HDR_LEN(3) - 1);     /* before any data */
	assert_false(upload_header_ready(&u));
	assert_string_equal(upload_name(&u), "");
	assert_int_equal(cap.calls, 0);
}

/* Any one bit wrong anywhere in the header is an error, found before a
 * single data byte reaches the sink.  200 data bytes follow, so that a
 * broken magic leaves more than 64 bytes of noise. */
static void test_every_header_bit_flip(void **state)
{
	uint32_t hdr = HDR_LEN(5), n;

	(void)state;
	fill_random(data, 200);
	n = good_frame(buf, "flip1", data, 200);
	for (uint32_t bit = 0; bit < hdr * 8; bit++) {
		struct upload u;
		uint32_t end;
		int st;

		buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		start(&u, UPLOAD_MAX);
		st = feed(&u, buf, n, &end);
		buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		if (st >= 0)
			fail_msg("bit %u of the header: status %d", bit, st);
		assert_int_equal(cap.calls, 0);
		assert_false(upload_header_ready(&u));
	}
}

/* ---- bad data ------------------------------------------------------------ */

static void test_data_bit_flips(void **state)
{
	uint32_t hdr = HDR_LEN(4), n;

	(void)state;
	fill_random(data, 4096);
	n = good_frame(buf, "data", data, 4096);
	for (int i = 0; i < 100; i++) {
		uint32_t at = hdr + rnd() % 4096, end;
		uint8_t mask = (uint8_t)(1u << (rnd() % 8));
		struct upload u;

		buf[at] ^= mask;
		start(&u, UPLOAD_MAX);
		assert_int_equal(feed(&u, buf, n, &end), UP_ERR_CRC);
		assert_int_equal(end, n - 1);          /* known at the end */
		assert_true(upload_header_ready(&u));  /* header was fine */
		buf[at] ^= mask;
	}
}

/* The data's crc32 field itself wrong (consistent header). */
static void test_data_crc_field_wrong(void **state)
{
	struct upload u;
	uint32_t n;

	(void)state;
	fill_random(data, 10);
	n = frame(buf, 1, 1, "x", 10, crc32(data, 10) ^ 1, data, 10);
	start(&u, UPLOAD_MAX);
	assert_int_equal(feed(&u, buf, n, NULL), UP_ERR_CRC);
}

/* Every proper prefix of a good frame leaves the receiver waiting. */
static void test_truncation(void **state)
{
	uint32_t n;

	(void)state;
	fill_random(data, 300);
	n = good_frame(buf, "trunc", data, 300);
	for (uint32_t len = 0; len < n; len++) {
		struct upload u;

		start(&u, UPLOAD_MAX);
		assert_int_equal(feed(&u, buf, len, NULL), UP_MORE);
		assert_int_equal(upload_header_ready(&u), len >= HDR_LEN(5));
	}
}

/* ---- sink, timeout, stickiness ------------------------------------------- */

static void test_sink_error(void **state)
{
	struct upload u;
	uint32_t n, end;

	(void)state;
	fill_random(data, 100);
	n = good_frame(buf, "s", data, 100);
	start(&u, UPLOAD_MAX);
	cap.fail_at = 10;
	cap.fail_with = -ENOSPC;
	assert_int_equal(feed(&u, buf, n, &end), UP_ERR_SINK);
	assert_int_equal(end, HDR_LEN(1) + 10);
	assert_int_equal(cap.calls, 10);           /* not called again */
	assert_int_equal(upload_sink_error(&u), -ENOSPC);
	assert_int_equal(upload_received(&u), 10);
	assert_true(upload_header_ready(&u));

	/* no sink at all */
	upload_init(&u, UPLOAD_MAX);
	assert_int_equal(feed(&u, buf, n, &end), UP_ERR_SINK);
	assert_int_equal(end, HDR_LEN(1));
	assert_int_equal(upload_sink_error(&u), -EINVAL);
}

static void test_timeout(void **state)
{
	struct upload u;
	uint32_t n;

	(void)state;
	fill_random(data, 100);
	n = good_frame(buf, "t", data, 100);

	start(&u, UPLOAD_MAX);                     /* nothing received */
	upload_timeout(&u);
	assert_int_equal(upload_status(&u), UP_ERR_TIMEOUT);
	assert_int_equal(upload_feed(&u, buf[0]), UP_ERR_TIMEOUT);

	start(&u, UPLOAD_MAX);                     /* inside the header */
	assert_int_equal(feed(&u, buf, 8, NULL), UP_MORE);
	upload_timeout(&u);
	assert_int_equal(feed(&u, buf + 8, n - 8, NULL), UP_ERR_TIMEOUT);
	assert_false(upload_header_ready(&u));

	start(&u, UPLOAD_MAX);                     /* inside the data */
	assert_int_equal(feed(&u, buf, n - 1, NULL), UP_MORE);
	upload_timeout(&u);
	assert_int_equal(upload_feed(&u, buf[n - 1]), UP_ERR_TIMEOUT);
	assert_true(upload_header_ready(&u));
	assert_int_equal(cap.calls, 99);

	start(&u, UPLOAD_MAX);                     /* too late: done is done */
	assert_int_equal(feed(&u, buf, n, NULL), UP_DONE);
	upload_timeout(&u);
	assert_int_equal(upload_status(&u), UP_DONE);

	start(&u, UPLOAD_MAX);                     /* and an error stays */
	assert_int_equal(upload_feed(&u, 'P'), UP_MORE);
	assert_int_equal(upload_feed(&u, 'G'), UP_MORE);
	assert_int_equal(upload_feed(&u, 'D'), UP_MORE);
	assert_int_equal(upload_feed(&u, 'A'), UP_MORE);
	assert_int_equal(upload_feed(&u, 7), UP_ERR_VERSION);
	upload_timeout(&u);
	assert_int_equal(upload_status(&u), UP_ERR_VERSION);
}

/* After DONE or an error, feeding changes nothing; upload_init restarts. */
static void test_final_status_sticks(void **state)
{
	struct upload u;
	uint32_t n;

	(void)state;
	fill_random(data, 40);
	n = good_frame(buf, "again", data, 40);
	start(&u, UPLOAD_MAX);
	assert_int_equal(feed(&u, buf, n, NULL), UP_DONE);
	assert_int_equal(feed(&u, buf, n, NULL), UP_DONE);  /* a second frame */
	for (int b = 0; b < 256; b++)
		assert_int_equal(upload_feed(&u, (uint8_t)b), UP_DONE);
	assert_int_equal(cap.calls, 40);
	assert_int_equal(upload_size(&u), 40);

	start(&u, UPLOAD_MAX);
	buf[4] = 9;                                /* version */
	assert_int_equal(feed(&u, buf, n, NULL), UP_ERR_VERSION);
	buf[4] = 1;
	assert_int_equal(feed(&u, buf, n, NULL), UP_ERR_VERSION);
	assert_int_equal(upload_status(&u), UP_ERR_VERSION);

	start(&u, UPLOAD_MAX);                     /* fresh start works */
	assert_int_equal(feed(&u, buf, n, NULL), UP_DONE);
	assert_memory_equal(cap.buf, data, 40);
}

static void test_strerror(void **state)
{
	static const int all[] = {
		UP_MORE, UP_DONE, UP_ERR_MAGIC, UP_ERR_VERSION, UP_ERR_NAME,
		UP_ERR_SIZE, UP_ERR_HEADER_CRC, UP_ERR_CRC, UP_ERR_TIMEOUT,
		UP_ERR_SINK,
	};
	const unsigned n = sizeof(all) / sizeof(all[0]);

	(void)state;
	assert_string_equal(upload_strerror(UP_ERR_MAGIC),
			    "bad magic (not a pagoda upload)");
	assert_string_equal(upload_strerror(UP_ERR_HEADER_CRC),
			    "header CRC mismatch (corrupted header)");
	assert_string_equal(upload_strerror(UP_ERR_CRC),
			    "data CRC mismatch (corrupted data)");
	assert_string_equal(upload_strerror(UP_ERR_SIZE),
			    "size 0 or over the 512 KiB limit");
	assert_string_equal(upload_strerror(UP_ERR_TIMEOUT), "timed out");
	for (unsigned i = 0; i < n; i++) {      /* all present and distinct */
		const char *m = upload_strerror(all[i]);

		assert_non_null(m);
		assert_string_not_equal(m, "unknown upload status");
		for (unsigned j = 0; j < i; j++)
			assert_string_not_equal(m, upload_strerror(all[j]));
	}
	assert_string_equal(upload_strerror(2), "unknown upload status");
	assert_string_equal(upload_strerror(-9), "unknown upload status");
	assert_string_equal(upload_strerror(INT_MIN), "unknown upload status");
	assert_string_equal(upload_strerror(INT_MAX), "unknown upload status");
}

/* 10,000 random streams of four kinds, each deeper into the frame than
 * the last: pure noise; magic then noise; a plausible header with a
 * random header_crc; a correct header over random data and data crc.
 * None may crash (ASan, UBSan) or report DONE. */
static void test_random_streams(void **state)
{
	static uint8_t s[600];
	unsigned reached[4] = { 0 };             /* deep errors seen, by kind */

	(void)state;
	for (int i = 0; i < 10000; i++) {
		uint32_t len = rnd() % sizeof(s), kind = (uint32_t)i % 4;
		uint8_t L = (uint8_t)(1 + rnd() % UPLOAD_NAME_MAX);
		struct upload u;
		int st;

		fill_random(s, sizeof(s));
		if (kind >= 1)
			memcpy(s, "PGDA", 4);
		if (kind >= 2) {
			char name[UPLOAD_NAME_MAX];

			memset(name, 'n', sizeof(name));
			frame(s, 1, L, name, 1 + rnd() % 256, rnd(), NULL, 0);
			if (kind == 2)
				put_le32(s + 14 + L, rnd());
			len = HDR_LEN(L) + rnd() % 300;
		}
		start(&u, UPLOAD_MAX);
		st = feed(&u, s, len, NULL);
		assert_int_not_equal(st, UP_DONE);
		assert_true(st <= UP_MORE && st >= UP_ERR_SINK);
		if (kind == 2 && st == UP_ERR_HEADER_CRC)
			reached[2]++;
		if (kind == 3 && st == UP_ERR_CRC)
			reached[3]++;
	}
	assert_int_equal(reached[2], 2500);      /* the deep paths were run */
	assert_true(reached[3] > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_frame),
		cmocka_unit_test(test_limits_accepted),
		cmocka_unit_test(test_receiver_max_size),
		cmocka_unit_test(test_noise_skipped),
		cmocka_unit_test(test_too_much_noise),
		cmocka_unit_test(test_bad_version),
		cmocka_unit_test(test_bad_name),
		cmocka_unit_test(test_bad_size),
		cmocka_unit_test(test_header_crc_flipped),
		cmocka_unit_test(test_every_header_bit_flip),
		cmocka_unit_test(test_data_bit_flips),
		cmocka_unit_test(test_data_crc_field_wrong),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_sink_error),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_final_status_sticks),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_random_streams),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
