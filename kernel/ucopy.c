/*
 * kernel/ucopy.c - checked copies to and from the current process.
 */
#include "kernel/ucopy.h"
#include "kernel/uaccess.h"
#include "kernel/guard.h"
#include "kernel/errno.h"
#include "kernel/window.h"

volatile int ucopy_active;

int copy_from_user(void *dst, uint32_t usrc, uint32_t n)
{
	int err;

	if (!urange_ok(usrc, n, WIN_BASE, WIN_TOP))
		return -EFAULT;
	ucopy_active = 1;
	err = guarded_copy_from_user(dst, usrc, n);
	ucopy_active = 0;
	return err;
}

int copy_to_user(uint32_t udst, const void *src, uint32_t n)
{
	int err;

	if (!urange_ok(udst, n, WIN_BASE, WIN_TOP))
		return -EFAULT;
	ucopy_active = 1;
	err = guarded_copy_to_user(udst, src, n);
	ucopy_active = 0;
	return err;
}

int copy_str_from_user(char *dst, uint32_t usrc, uint32_t max)
{
	for (uint32_t i = 0; i < max; i++) {
		int err = copy_from_user(&dst[i], usrc + i, 1);
		if (err)
			return err;
		if (dst[i] == 0)
			return (int)i;
	}
	dst[max - 1] = 0;
	return -E2BIG;
}

int user_probe_write(uint32_t udst, uint32_t n)
{
	uint8_t b;
	int err;

	if (!urange_ok(udst, n, WIN_BASE, WIN_TOP))
		return -EFAULT;
	/* one byte per page, read and written back with user rights */
	for (uint32_t a = udst; n && a - udst < n; a = (a & ~0xFFFu) + 0x1000u) {
		if ((err = copy_from_user(&b, a, 1)) < 0 || (err = copy_to_user(a, &b, 1)) < 0)
			return err;
		if (a >= ((udst + n - 1) & ~0xFFFu))
			break;
	}
	return 0;
}
