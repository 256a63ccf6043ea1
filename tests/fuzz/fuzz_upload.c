/*
 * tests/fuzz/fuzz_upload.c - the upload frame receiver (kernel/upload.c)
 * and CRC-32 (kernel/crc32.c).
 *
 * Input:
 *   flags (1)         bit 0: build a frame (below) rather than feed the
 *                     rest as it is; bit 1: set no sink
 *   max_size (4)      for upload_init (0 and > UPLOAD_MAX mean UPLOAD_MAX)
 *   sink_fail (2)     the sink refuses the byte at this data offset
 *                     (>= 0x8000: never)
 *   timeout_at (2)    upload_timeout() after feeding byte timeout_at
 *                     (>= 0x8000: never)
 *   raw: the stream, the rest of the input.
 *   built: noise_len (1, % 65), name_len (1, % 31 + 1), corrupt (1: bit 7
 *          flips bit (corrupt & 7) of the frame byte at corrupt_pos
 *          % frame length), corrupt_pos (2), noise bytes ('P' becomes
 *          'Q', so the noise never starts the magic), name bytes (mapped
 *          onto [A-Za-z0-9_-]), then the data: the rest (one zero byte if
 *          none).  The frame's CRCs are computed here.
 *
 * Oracles:
 *  - a reference receiver over the whole stream at once, written from the
 *    frame specification in kernel/upload.h with its own bitwise CRC-32,
 *    gives the status after every byte; upload_feed must return exactly it
 *    (final statuses stick, a timeout turns an unfinished upload into
 *    UP_ERR_TIMEOUT), and the name, size, header readiness and sink error
 *    it reports must match;
 *  - the sink is called only after the header CRC passed, with offsets
 *    0, 1, 2... below the size; UP_DONE only with the header CRC and the
 *    data CRC (of what the sink received) both right;
 *  - a frame built here arrives (UP_DONE on its last byte, the data intact)
 *    unless the sink, the size limit or a timeout stop it; with one bit
 *    flipped anywhere in the frame it never arrives (CRC-32 catches every
 *    single-bit error), unless it holds another magic after its own, the
 *    start of another frame;
 *  - crc32() equals the bitwise reference, in one go and in two pieces.
 */
#include "tests/fuzz/fuzz.h"

#include "kernel/crc32.h"
#include "kernel/errno.h"
#include "kernel/upload.h"

#define NEVER     0x8000u
#define SINK_ERR  (-ENOMEM)

/* CRC-32/ISO-HDLC, one bit at a time: the textbook definition. */
static uint32_t ref_crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & -(c & 1u));
	}
	return ~c;
}

static uint32_t get_le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static bool name_char(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* ---- the reference receiver ------------------------------------------------- */

struct ref {
	size_t end;          /* index of the byte that ends the upload; SIZE_MAX: none */
	int status;          /* the status it ends with */
	size_t hdr_end;      /* index of the last header byte if the CRC passed, else SIZE_MAX */
	char name[UPLOAD_NAME_MAX + 1];
	uint32_t size, dcrc;
	size_t data;         /* index of the first data byte */
};

static void ref_end(struct ref *r, size_t i, int status)
{
	r->end = i;
	r->status = status;
}

/* Where the magic ends (index of 'A') or SIZE_MAX; on too much noise,
 * r ends with UP_ERR_MAGIC at the byte that made it too much. */
static size_t ref_magic(const uint8_t *s, size_t n, struct ref *r)
{
	for (size_t i = 0; i < n; i++) {
		size_t pending = 0;

		if (i >= 3 && memcmp(s + i - 3, UPLOAD_MAGIC, 4) == 0)
			return i;
		/* the longest proper prefix of the magic that ends here */
		for (size_t k = 3; k >= 1; k--) {
			if (k <= i + 1 && memcmp(s + i + 1 - k, UPLOAD_MAGIC, k) == 0) {
				pending = k;
				break;
			}
		}
		if (i + 1 - pending > UPLOAD_SKIP_MAX) {
			ref_end(r, i, UP_ERR_MAGIC);
			return SIZE_MAX;
		}
	}
	return SIZE_MAX;
}

static struct ref ref_receive(const uint8_t *s, size_t n, uint32_t max, bool sink_set,
			      uint32_t sink_fail)
{
	struct ref r = { .end = SIZE_MAX, .status = UP_MORE, .hdr_end = SIZE_MAX };
	size_t m = ref_magic(s, n, &r), p, q;
	uint8_t len;

	if (m == SIZE_MAX)
		return r;
	p = m + 1;                           /* version */
	if (p >= n)
		return r;
	if (s[p] != UPLOAD_VERSION) {
		ref_end(&r, p, UP_ERR_VERSION);
		return r;
	}
	if (p + 1 >= n)
		return r;
	len = s[p + 1];
	if (len == 0 || len > UPLOAD_NAME_MAX) {
		ref_end(&r, p + 1, UP_ERR_NAME);
		return r;
	}
	for (size_t k = 0; k < len; k++) {
		if (p + 2 + k >= n)
			return r;
		if (!name_char(s[p + 2 + k])) {
			ref_end(&r, p + 2 + k, UP_ERR_NAME);
			return r;
		}
	}
	q = p + 2 + len;                     /* size, crc32, header_crc */
	if (q + 3 >= n)
		return r;
	r.size = get_le32(s + q);
	if (r.size == 0 || r.size > max) {
		ref_end(&r, q + 3, UP_ERR_SIZE);
		return r;
	}
	if (q + 11 >= n)
		return r;
	r.dcrc = get_le32(s + q + 4);
	if (get_le32(s + q + 8) != ref_crc32(s + m - 3, q + 8 - (m - 3))) {
		ref_end(&r, q + 11, UP_ERR_HEADER_CRC);
		return r;
	}
	r.hdr_end = q + 11;
	memcpy(r.name, s + p + 2, len);
	r.data = q + 12;
	for (uint32_t k = 0; k < r.size; k++) {
		if (r.data + k >= n)
			return r;
		if (!sink_set || k == sink_fail) {
			ref_end(&r, r.data + k, UP_ERR_SINK);
			return r;
		}
	}
	ref_end(&r, r.data + r.size - 1,
		ref_crc32(s + r.data, r.size) == r.dcrc ? UP_DONE : UP_ERR_CRC);
	return r;
}

/* ---- the receiver under test ---------------------------------------------------- */

struct sink {
	struct upload *u;
	uint8_t *got;        /* room for every byte of the stream */
	uint32_t count, fail_at;
};

static int sink(void *ctx, uint32_t offset, uint8_t byte)
{
	struct sink *k = ctx;

	FUZZ_CHECK(upload_header_ready(k->u), "sink called before the header CRC passed");
	FUZZ_CHECK(offset == k->count && offset < upload_size(k->u),
		   "sink offset %u, expected %u (size %u)", offset, k->count, upload_size(k->u));
	if (offset == k->fail_at)
		return SINK_ERR;
	k->got[k->count++] = byte;
	return 0;
}

/* After the last byte: what the receiver reports about the frame agrees
 * with the reference r and with what the sink k took.  st is the final
 * status; header says whether the header CRC passed before it ended. */
static void check_end(const uint8_t *s, const struct ref *r, const struct upload *u,
		      const struct sink *k, int st, bool header, bool sink_set)
{
	FUZZ_CHECK(upload_status(u) == st, "upload_status %d, last feed %d", upload_status(u), st);
	FUZZ_CHECK(strcmp(upload_strerror(st), "unknown upload status") != 0, "no text for %d", st);
	if (header)
		FUZZ_CHECK(upload_header_ready(u) && strcmp(upload_name(u), r->name) == 0 &&
			   upload_size(u) == r->size, "header: ready %d name \"%s\" size %u, "
			   "want \"%s\" %u", upload_header_ready(u), upload_name(u),
			   upload_size(u), r->name, r->size);
	else
		FUZZ_CHECK(!upload_header_ready(u) && upload_name(u)[0] == '\0' &&
			   upload_size(u) == 0, "header ready too early");
	FUZZ_CHECK(upload_received(u) == k->count, "received %u, the sink took %u",
		   upload_received(u), k->count);
	if (k->count > 0)
		FUZZ_CHECK(memcmp(k->got, s + r->data, k->count) == 0, "the sink got other bytes");
	FUZZ_CHECK(upload_sink_error(u) == (st != UP_ERR_SINK ? 0 : sink_set ? SINK_ERR : -EINVAL),
		   "sink error %d with status %d", upload_sink_error(u), st);
	if (st == UP_DONE) {
		size_t hdr = r->data - 18 - strlen(r->name);   /* where the magic starts */

		FUZZ_CHECK(k->count == r->size && ref_crc32(k->got, k->count) == r->dcrc,
			   "UP_DONE with %u of %u bytes, CRC 0x%08x, frame says 0x%08x",
			   k->count, r->size, ref_crc32(k->got, k->count), r->dcrc);
		FUZZ_CHECK(get_le32(s + r->data - 4) == ref_crc32(s + hdr, 14 + strlen(r->name)),
			   "UP_DONE with a bad header CRC");
	}
}

/* Feed s[0, n) byte by byte, calling upload_timeout() after byte
 * timeout_at, and compare every status with the reference.  Returns the
 * final status. */
static int check_stream(const uint8_t *s, size_t n, uint32_t max_in, bool sink_set,
			uint32_t sink_fail, uint32_t timeout_at)
{
	uint32_t max = max_in == 0 || max_in > UPLOAD_MAX ? UPLOAD_MAX : max_in;
	struct ref r = ref_receive(s, n, max, sink_set, sink_fail);
	struct upload u;
	struct sink k = { &u, malloc(n + 1), 0, sink_fail };
	size_t last = n;   /* index of the last byte that counted */
	int st = UP_MORE, want = UP_MORE;

	if (!k.got)
		abort();
	upload_init(&u, max_in);
	if (sink_set)
		upload_set_sink(&u, sink, &k);
	for (size_t i = 0; i < n; i++) {
		if (last == n)
			want = i < r.end ? UP_MORE : r.status;
		st = upload_feed(&u, s[i]);
		FUZZ_CHECK(st == want, "byte %zu (0x%02x): status %d (%s), want %d (%s)", i, s[i],
			   st, upload_strerror(st), want, upload_strerror(want));
		if (i == timeout_at) {
			upload_timeout(&u);
			if (want == UP_MORE) {
				last = i;
				want = UP_ERR_TIMEOUT;
			}
			st = upload_status(&u);
			FUZZ_CHECK(st == want, "after the timeout: status %d, want %d", st, want);
		}
	}
	check_end(s, &r, &u, &k, st, r.hdr_end < n && (last == n || r.hdr_end <= last), sink_set);
	free(k.got);
	return st;
}

/* ---- building a frame ------------------------------------------------------------- */

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static bool holds_magic(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++)
		if (memcmp(p + i, UPLOAD_MAGIC, 4) == 0)
			return true;
	return false;
}

static void check_built(struct fuzz_in *in, uint32_t max_in, bool sink_set,
			uint32_t sink_fail, uint32_t timeout_at)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
	size_t noise = fuzz_u8(in) % (UPLOAD_SKIP_MAX + 1);
	size_t nlen = fuzz_u8(in) % UPLOAD_NAME_MAX + 1;
	uint8_t corrupt = fuzz_u8(in);
	uint16_t corrupt_pos = fuzz_u16(in);
	const uint8_t *noise_in = fuzz_bytes(in, noise, &noise);
	size_t have_name, dlen, flen, total;
	const uint8_t *name_in = fuzz_bytes(in, nlen, &have_name);
	const uint8_t *data = fuzz_bytes(in, in->n, &dlen);
	uint32_t max = max_in == 0 || max_in > UPLOAD_MAX ? UPLOAD_MAX : max_in;
	uint8_t *s, *f;
	int st;

	flen = 18 + nlen + (dlen ? dlen : 1);
	total = noise + flen;
	s = malloc(total);   /* exact size: ASan sees any overrun */
	if (!s)
		abort();
	for (size_t i = 0; i < noise; i++)
		s[i] = noise_in[i] == 'P' ? 'Q' : noise_in[i];
	f = s + noise;
	memcpy(f, UPLOAD_MAGIC, 4);
	f[4] = UPLOAD_VERSION;
	f[5] = (uint8_t)nlen;
	for (size_t i = 0; i < nlen; i++)
		f[6 + i] = (uint8_t)set[(i < have_name ? name_in[i] : 0) % 64];
	if (dlen)
		memcpy(f + 18 + nlen, data, dlen);
	else
		f[18 + nlen] = 0;
	dlen = flen - 18 - nlen;
	put_le32(f + 6 + nlen, (uint32_t)dlen);
	put_le32(f + 10 + nlen, ref_crc32(f + 18 + nlen, dlen));
	put_le32(f + 14 + nlen, ref_crc32(f, 14 + nlen));
	if (corrupt & 0x80)
		f[corrupt_pos % flen] ^= (uint8_t)(1u << (corrupt & 7));

	st = check_stream(s, total, max_in, sink_set, sink_fail, timeout_at);
	if (corrupt & 0x80)
		FUZZ_CHECK(st != UP_DONE || holds_magic(f + 4, flen - 4),
			   "a frame with bit %d of byte %zu flipped arrived", corrupt & 7,
			   (size_t)(corrupt_pos % flen));
	else if (sink_set && dlen <= max && sink_fail >= dlen && timeout_at >= total - 1)
		FUZZ_CHECK(st == UP_DONE, "a good frame (%zu noise bytes, name %zu, data %zu) "
			   "ended with %d (%s)", noise, nlen, dlen, st, upload_strerror(st));
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint8_t flags = fuzz_u8(&in);
	uint32_t max_in = fuzz_u32(&in);
	uint32_t sink_fail = fuzz_u16(&in), timeout_at = fuzz_u16(&in);
	size_t split = size ? data[0] % (size + 1) : 0;

	FUZZ_CHECK(crc32(data, (uint32_t)size) == ref_crc32(data, size), "crc32 of %zu bytes", size);
	FUZZ_CHECK(crc32_update(crc32(data, (uint32_t)split), data + split, (uint32_t)(size - split)) ==
		   crc32(data, (uint32_t)size), "crc32 split at %zu of %zu", split, size);
	FUZZ_CHECK(upload_strerror((int)max_in) != NULL, "upload_strerror(%d) is NULL", (int)max_in);
	if (sink_fail >= NEVER)
		sink_fail = UINT32_MAX;
	if (timeout_at >= NEVER)
		timeout_at = UINT32_MAX;
	if (flags & 1)
		check_built(&in, max_in, !(flags & 2), sink_fail, timeout_at);
	else
		check_stream(in.p, in.n, max_in, !(flags & 2), sink_fail, timeout_at);
	return 0;
}
