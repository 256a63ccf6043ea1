/*
 * kernel/crc32.h - CRC-32 as in IEEE 802.3, zlib and PNG.
 *
 * Reference: IEEE Std 802.3-2018, 3.2.9 (frame check sequence); the same
 * parameters as zlib's crc32() and Python's zlib.crc32():
 *
 *     width 32, polynomial 0x04C11DB7 (0xEDB88320 bit-reversed),
 *     reflected input and output, initial value 0xFFFFFFFF,
 *     final XOR 0xFFFFFFFF.            check: crc32("123456789") = 0xCBF43926
 *
 * The running value passed between calls is the finished CRC of the bytes
 * so far, as with zlib, so one-shot and incremental use agree:
 *
 *     crc32_update(crc32(a, na), b, nb) == crc32(a then b, na + nb)
 *     crc32_update(0, p, n)             == crc32(p, n)
 *
 * Pure: no hardware, no state.  Tested on the host by tests/host/test_crc32.c.
 */
#ifndef KERNEL_CRC32_H
#define KERNEL_CRC32_H

#include <stdint.h>

/* Extend crc, the CRC-32 of some earlier bytes (0 for none), over the n
 * bytes at p.  Returns the CRC-32 of the earlier bytes followed by these.
 * p may be NULL when n is 0. */
uint32_t crc32_update(uint32_t crc, const void *p, uint32_t n);

/* The CRC-32 of the n bytes at p. */
uint32_t crc32(const void *p, uint32_t n);

#endif
