/*
 * kernel/uaccess.c - user address range checks (see uaccess.h).
 */
#include "kernel/uaccess.h"

/*
 * Written as subtractions so nothing can wrap: once lo <= addr <= hi,
 * hi - addr is the room left, and the range fits when len is no larger.
 */
bool urange_ok(uint32_t addr, uint32_t len, uint32_t lo, uint32_t hi)
{
	return addr >= lo && addr <= hi && len <= hi - addr;
}
