/*
 * kernel/upload.h - receiving a program over a serial line: the protocol
 * and its byte-at-a-time receiver.
 *
 * This comment is the specification of the frame; tools/upload is the
 * sender.  All integers are little-endian.
 *
 *   offset       size      field
 *   0            4         magic        "PGDA" (0x50 0x47 0x44 0x41)
 *   4            1         version      UPLOAD_VERSION (1)
 *   5            1         name_len     1 .. UPLOAD_NAME_MAX (31)
 *   6            name_len  name         characters [A-Za-z0-9_-], no NUL
 *   6+L          4         size         1 .. UPLOAD_MAX (512 KiB) data bytes
 *   10+L         4         crc32        CRC-32 of the data
 *   14+L         4         header_crc   CRC-32 of bytes 0 .. 13+L
 *                                       (magic up to and including crc32)
 *   18+L         size      data         the program (an ELF)
 *
 *   CRC-32 is IEEE 802.3 / zlib.crc32 (kernel/crc32.h).
 *   A header is 19 .. 49 bytes long; L = name_len.
 *
 * The header has a CRC of its own so that a corrupted size is caught at
 * once, rather than after waiting for megabytes that will never come.
 *
 * Before the magic the receiver skips up to UPLOAD_SKIP_MAX (64) bytes of
 * anything (line noise, the rest of the "load NAME\r\n" the user typed);
 * the 65th byte that cannot begin the magic is UP_ERR_MAGIC.
 *
 * Receiver.  A pure state machine: no hardware, no allocation, no clock.
 * The caller feeds it one received byte at a time; data bytes go straight
 * to a sink callback, in order, offsets 0 .. size-1, so the receiver never
 * holds the program itself.  Checks are made as early as possible: the
 * version, name_len, each name character and the size as soon as their
 * bytes arrive, the header CRC before the first data byte is accepted, the
 * data CRC after the last one.
 *
 * The sink sees the data before its CRC has been checked: on any result
 * but UP_DONE the caller must throw away what the sink stored.
 *
 *   upload_init --> noise --> magic --> header --> data --> UP_DONE
 *                     |          |          |         |
 *                     +----------+----------+---------+--> UP_ERR_*
 *
 * UP_DONE and every error are final: further upload_feed() calls return
 * the same status and change nothing, until upload_init() starts over.
 *
 * Time is the caller's business: if no byte arrives for too long it calls
 * upload_timeout().  Tested on the host by tests/host/test_upload.c.
 */
#ifndef KERNEL_UPLOAD_H
#define KERNEL_UPLOAD_H

#include <stdint.h>

#define UPLOAD_MAGIC      "PGDA"
#define UPLOAD_VERSION    1u
#define UPLOAD_NAME_MAX   31u                 /* name_len upper bound */
#define UPLOAD_MAX        (512u * 1024u)     /* size upper bound */
#define UPLOAD_SKIP_MAX   64u                 /* noise bytes before magic */

/* upload_feed() results.  Negative values are errors. */
enum upload_status {
	UP_MORE           = 0,   /* frame incomplete: feed more bytes */
	UP_DONE           = 1,   /* whole frame received, both CRCs good */
	UP_ERR_MAGIC      = -1,  /* no "PGDA" within the first 68 bytes */
	UP_ERR_VERSION    = -2,  /* version byte is not UPLOAD_VERSION */
	UP_ERR_NAME       = -3,  /* name_len 0 or > 31, or a bad character */
	UP_ERR_SIZE       = -4,  /* size 0 or > the receiver's limit */
	UP_ERR_HEADER_CRC = -5,  /* header_crc does not match the header */
	UP_ERR_CRC        = -6,  /* crc32 does not match the data */
	UP_ERR_TIMEOUT    = -7,  /* upload_timeout() was called */
	UP_ERR_SINK       = -8,  /* the sink refused a byte */
};

/* Where data bytes go: store byte at offset (0 .. size-1, each once, in
 * order).  Return 0, or a negative error code (-ENOMEM, ...) to stop the
 * upload with UP_ERR_SINK; upload_sink_error() keeps the code. */
typedef int (*upload_sink_fn)(void *ctx, uint32_t offset, uint8_t byte);

/* Receiver state.  Fields are private to kernel/upload.c; use the
 * functions below. */
struct upload {
	int status;                        /* enum upload_status */
	uint8_t state;                     /* field being received */
	uint8_t name_len;
	uint8_t header_ok;                 /* header CRC checked and good */
	uint32_t pos;                      /* bytes into the current field */
	uint32_t skipped;                  /* noise bytes before the magic */
	uint32_t max_size;                 /* limit for the size field */
	char name[UPLOAD_NAME_MAX + 1];    /* NUL-terminated */
	uint32_t size;                     /* header fields, as received */
	uint32_t data_crc;
	uint32_t header_crc;
	uint32_t crc;                      /* running CRC of header or data */
	uint32_t received;                 /* data bytes delivered so far */
	upload_sink_fn sink;               /* NULL until upload_set_sink */
	void *sink_ctx;
	int sink_err;                      /* the sink's error, or 0 */
};

/* Start receiving a new frame: forget everything, the sink included.
 * Frames whose size exceeds max_size are refused with UP_ERR_SIZE; a
 * max_size of 0 or above UPLOAD_MAX means UPLOAD_MAX.  Then call
 * upload_set_sink(). */
void upload_init(struct upload *u, uint32_t max_size);

/* Set the data sink and its context, after upload_init() and before the
 * first data byte.  A frame reaching its data with no sink set ends in
 * UP_ERR_SINK, with upload_sink_error() -EINVAL. */
void upload_set_sink(struct upload *u, upload_sink_fn sink, void *ctx);

/* Receive one byte.  Returns UP_MORE, UP_DONE or an UP_ERR_* (negative).
 * After UP_DONE or an error, returns that status again and ignores byte. */
int upload_feed(struct upload *u, uint8_t byte);

/* The caller's clock ran out: an upload still in progress becomes
 * UP_ERR_TIMEOUT.  A finished one (UP_DONE or an error) is left as is. */
void upload_timeout(struct upload *u);

/* The current status: what the last upload_feed() returned, or
 * UP_ERR_TIMEOUT after upload_timeout(). */
int upload_status(const struct upload *u);

/* True once the header has passed its CRC: from then on upload_name()
 * and upload_size() are valid, and stay so whatever happens to the data. */
int upload_header_ready(const struct upload *u);

/* The frame's name ("" until the header is ready). */
const char *upload_name(const struct upload *u);

/* The frame's data size (0 until the header is ready). */
uint32_t upload_size(const struct upload *u);

/* Data bytes accepted by the sink so far: progress, 0 .. size. */
uint32_t upload_received(const struct upload *u);

/* The negative code the sink returned, if the status is UP_ERR_SINK;
 * otherwise 0. */
int upload_sink_error(const struct upload *u);

/* A short message for a status, e.g. "header CRC mismatch (corrupted
 * header)".  Never NULL, also for values outside enum upload_status. */
const char *upload_strerror(int status);

#endif
