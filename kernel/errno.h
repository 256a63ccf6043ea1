/*
 * kernel/errno.h - error codes returned (negated) by kernel functions.
 *
 * Convention (house style): a function returns 0 or a positive value on
 * success and -Exxx on failure.  The numbers follow newlib's <sys/errno.h>
 * so that user space sees the same values through the syscall layer.
 */
#ifndef KERNEL_ERRNO_H
#define KERNEL_ERRNO_H

#define EPERM    1   /* operation not permitted */
#define ENOENT   2   /* no such program or entry */
#define ESRCH    3   /* no such process */
#define EINTR    4   /* interrupted */
#define EIO      5   /* I/O error */
#define E2BIG    7   /* argument list too long */
#define ENOEXEC  8   /* bad executable */
#define EBADF    9   /* bad file descriptor */
#define ECHILD  10   /* no child processes */
#define EAGAIN  11   /* try again */
#define ENOMEM  12   /* out of memory */
#define EACCES  13   /* permission denied */
#define EFAULT  14   /* bad address */
#define EBUSY   16   /* resource busy */
#define EEXIST  17   /* already exists (e.g. a mapping) */
#define EINVAL  22   /* invalid argument */
#define ENOSPC  28   /* no space left */
#define ESPIPE  29   /* illegal seek */
#define ERANGE  34   /* out of range */
#define ENOSYS  88   /* function not implemented (newlib value) */
#define ETIMEDOUT 116 /* timed out (newlib value) */

#endif
