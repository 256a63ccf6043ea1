/*
 * kernel/upload.c - the upload frame receiver.  The frame is specified in
 * kernel/upload.h.
 *
 * One handler per field, in a table indexed by the field being received;
 * each takes one byte and returns UP_MORE to go on, UP_DONE, or an error.
 * A handler that finishes its field moves u->state on and resets u->pos.
 */
#include <stddef.h>
#include "kernel/upload.h"
#include "kernel/crc32.h"
#include "kernel/errno.h"

/* Fields in frame order.  The header CRC covers everything from
 * ST_VERSION up to but excluding ST_HCRC (the magic is added in one go). */
enum up_state {
	ST_MAGIC,      /* skipping noise, matching "PGDA" */
	ST_VERSION,
	ST_NAMELEN,
	ST_NAME,
	ST_SIZE,
	ST_DCRC,       /* the data's crc32 field */
	ST_HCRC,       /* header_crc */
	ST_DATA,
	ST_NSTATES
};

static const char magic[4] = UPLOAD_MAGIC;

/* Noise and magic.  Inside a partial match, a wrong byte turns the matched
 * bytes into noise; it may itself start a new match.  That is all the
 * fallback needed, because no proper prefix of "PGDA" is also a suffix of
 * it.  u->skipped counts noise; the magic must start within
 * UPLOAD_SKIP_MAX bytes. */
static int st_magic(struct upload *u, uint8_t b)
{
	if (b == (uint8_t)magic[u->pos]) {
		if (++u->pos == sizeof(magic)) {
			u->crc = crc32(magic, sizeof(magic));
			u->state = ST_VERSION;
			u->pos = 0;
		}
		return UP_MORE;
	}
	u->skipped += u->pos;
	u->pos = 0;
	if (b == (uint8_t)magic[0])
		u->pos = 1;
	else
		u->skipped++;
	return u->skipped > UPLOAD_SKIP_MAX ? UP_ERR_MAGIC : UP_MORE;
}

static int st_version(struct upload *u, uint8_t b)
{
	if (b != UPLOAD_VERSION)
		return UP_ERR_VERSION;
	u->state = ST_NAMELEN;
	return UP_MORE;
}

static int st_namelen(struct upload *u, uint8_t b)
{
	if (b == 0 || b > UPLOAD_NAME_MAX)
		return UP_ERR_NAME;
	u->name_len = b;
	u->state = ST_NAME;
	return UP_MORE;
}

/* [A-Za-z0-9_-], the same rule as tools/mkprogs and tools/upload. */
static int name_char_ok(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static int st_name(struct upload *u, uint8_t b)
{
	if (!name_char_ok(b))
		return UP_ERR_NAME;
	u->name[u->pos++] = (char)b;
	if (u->pos == u->name_len) {
		u->name[u->pos] = '\0';
		u->state = ST_SIZE;
		u->pos = 0;
	}
	return UP_MORE;
}

/* Shift byte b into the little-endian word *v (zero at upload_init).
 * Returns true when the fourth byte is in, and resets u->pos. */
static int le32_byte(struct upload *u, uint32_t *v, uint8_t b)
{
	*v |= (uint32_t)b << (8 * u->pos);
	if (++u->pos < 4)
		return 0;
	u->pos = 0;
	return 1;
}

static int st_size(struct upload *u, uint8_t b)
{
	if (!le32_byte(u, &u->size, b))
		return UP_MORE;
	if (u->size == 0 || u->size > u->max_size)
		return UP_ERR_SIZE;
	u->state = ST_DCRC;
	return UP_MORE;
}

static int st_dcrc(struct upload *u, uint8_t b)
{
	if (le32_byte(u, &u->data_crc, b))
		u->state = ST_HCRC;
	return UP_MORE;
}

static int st_hcrc(struct upload *u, uint8_t b)
{
	if (!le32_byte(u, &u->header_crc, b))
		return UP_MORE;
	if (u->header_crc != u->crc)
		return UP_ERR_HEADER_CRC;
	u->header_ok = 1;
	u->crc = 0;                        /* now the data's running CRC */
	u->state = ST_DATA;
	return UP_MORE;
}

static int st_data(struct upload *u, uint8_t b)
{
	int err = u->sink != NULL ? u->sink(u->sink_ctx, u->received, b)
				  : -EINVAL;     /* no sink was set */

	if (err < 0) {
		u->sink_err = err;
		return UP_ERR_SINK;
	}
	u->crc = crc32_update(u->crc, &b, 1);
	if (++u->received < u->size)
		return UP_MORE;
	return u->crc == u->data_crc ? UP_DONE : UP_ERR_CRC;
}

static int (*const field_step[ST_NSTATES])(struct upload *, uint8_t) = {
	[ST_MAGIC]   = st_magic,
	[ST_VERSION] = st_version,
	[ST_NAMELEN] = st_namelen,
	[ST_NAME]    = st_name,
	[ST_SIZE]    = st_size,
	[ST_DCRC]    = st_dcrc,
	[ST_HCRC]    = st_hcrc,
	[ST_DATA]    = st_data,
};

void upload_init(struct upload *u, uint32_t max_size)
{
	if (max_size == 0 || max_size > UPLOAD_MAX)
		max_size = UPLOAD_MAX;
	*u = (struct upload){
		.status = UP_MORE,
		.state = ST_MAGIC,
		.max_size = max_size,
	};
}

void upload_set_sink(struct upload *u, upload_sink_fn sink, void *ctx)
{
	u->sink = sink;
	u->sink_ctx = ctx;
}

int upload_feed(struct upload *u, uint8_t byte)
{
	if (u->status != UP_MORE)
		return u->status;
	if (u->state > ST_MAGIC && u->state < ST_HCRC)
		u->crc = crc32_update(u->crc, &byte, 1);
	u->status = field_step[u->state](u, byte);
	return u->status;
}

void upload_timeout(struct upload *u)
{
	if (u->status == UP_MORE)
		u->status = UP_ERR_TIMEOUT;
}

int upload_status(const struct upload *u)
{
	return u->status;
}

int upload_header_ready(const struct upload *u)
{
	return u->header_ok;
}

const char *upload_name(const struct upload *u)
{
	return u->header_ok ? u->name : "";
}

uint32_t upload_size(const struct upload *u)
{
	return u->header_ok ? u->size : 0;
}

uint32_t upload_received(const struct upload *u)
{
	return u->received;
}

int upload_sink_error(const struct upload *u)
{
	return u->status == UP_ERR_SINK ? u->sink_err : 0;
}

/* Indexed by -status for errors; UP_MORE and UP_DONE come first. */
static const char *const error_text[] = {
	[-UP_ERR_MAGIC]      = "bad magic (not a pagoda upload)",
	[-UP_ERR_VERSION]    = "unsupported protocol version",
	[-UP_ERR_NAME]       = "bad name (1 to 31 of A-Z a-z 0-9 _ -)",
	[-UP_ERR_SIZE]       = "size 0 or over the 512 KiB limit",
	[-UP_ERR_HEADER_CRC] = "header CRC mismatch (corrupted header)",
	[-UP_ERR_CRC]        = "data CRC mismatch (corrupted data)",
	[-UP_ERR_TIMEOUT]    = "timed out",
	[-UP_ERR_SINK]       = "receiver could not store the data",
};

#define ERROR_TEXTS  ((int)(sizeof(error_text) / sizeof(error_text[0])))

const char *upload_strerror(int status)
{
	if (status == UP_MORE)
		return "in progress";
	if (status == UP_DONE)
		return "ok";
	if (status < 0 && status > -ERROR_TEXTS && error_text[-status] != NULL)
		return error_text[-status];
	return "unknown upload status";
}
