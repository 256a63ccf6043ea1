/*
 * kernel/frame_env.c - where frames live in the kernel's address space.
 * RAM is mapped one-to-one (paging/kmap.h), so a frame's kernel virtual
 * address is its physical address.
 */
#include "kernel/frame.h"

void *frame_kva(uint32_t pa)
{
	return (void *)(uintptr_t)pa;
}

uint32_t frame_pa(const void *kva)
{
	return (uint32_t)(uintptr_t)kva;
}
