/*
 * boot/cpu.h - CPSR access and interrupt masking (not CP15; see cp15.h).
 * ARM ARM DDI 0100I A4.1.16 (CPS), A4.1.38 (MRS).
 */
#ifndef BOOT_CPU_H
#define BOOT_CPU_H

#include <stdint.h>

#ifdef __arm__
static inline uint32_t cpu_read_cpsr(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, cpsr" : "=r"(v));
	return v;
}
static inline void cpu_irq_enable(void)  { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void cpu_irq_disable(void) { __asm__ volatile("cpsid i" ::: "memory"); }
/* Mask IRQs and return the previous CPSR, for irq_restore(). */
static inline uint32_t cpu_irq_save(void)
{
	uint32_t v = cpu_read_cpsr();
	__asm__ volatile("cpsid i" ::: "memory");
	return v;
}
static inline void cpu_irq_restore(uint32_t cpsr)
{
	if (!(cpsr & (1u << 7)))
		__asm__ volatile("cpsie i" ::: "memory");
}
/* Current stack pointer and frame pointer, for backtraces. */
static inline uint32_t cpu_read_sp(void)
{
	uint32_t v;
	__asm__ volatile("mov %0, sp" : "=r"(v));
	return v;
}
#else
static inline uint32_t cpu_read_cpsr(void) { return 0x13; }
static inline void cpu_irq_enable(void) { }
static inline void cpu_irq_disable(void) { }
static inline uint32_t cpu_irq_save(void) { return 0; }
static inline void cpu_irq_restore(uint32_t c) { (void)c; }
static inline uint32_t cpu_read_sp(void) { return 0; }
#endif

#endif
