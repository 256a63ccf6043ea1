/*
 * kernel/guard.h - guarded kernel accesses (implemented in boot/guarded.S).
 *
 * Each returns 0, or -EFAULT if the access faulted.  A fault inside one of
 * them is reported by the abort handler and does not panic the kernel.
 * The *_user forms check the page tables with user-mode rights (LDRT/STRT),
 * so a user pointer into kernel memory is refused by the MMU itself.
 */
#ifndef KERNEL_GUARD_H
#define KERNEL_GUARD_H

#include <stdint.h>

int guarded_read32(uint32_t addr, uint32_t *out);
int guarded_write32(uint32_t addr, uint32_t val);
int guarded_exec(uint32_t addr);
int guarded_read32_user(uint32_t addr, uint32_t *out);
int guarded_write32_user(uint32_t addr, uint32_t val);
int guarded_copy_from_user(void *dst, uint32_t usrc, uint32_t n);
int guarded_copy_to_user(uint32_t udst, const void *src, uint32_t n);

/* For the abort handler. */
extern volatile uint32_t guard_exec_sp;
void guarded_exec_fixup(void);

/* Fixup address for a faulting kernel pc, or 0 if pc is not guarded. */
uint32_t extable_fixup(uint32_t pc);

#endif
