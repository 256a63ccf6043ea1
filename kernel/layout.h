/*
 * kernel/layout.h - symbols exported by link.ld (see its memory map).
 * Use the address of each symbol: (uint32_t)__text_start.
 */
#ifndef KERNEL_LAYOUT_H
#define KERNEL_LAYOUT_H

extern char __image_start[], __image_end[];
extern char __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[];
extern char __data_start[], __data_end[];
extern char __bss_start[], __bss_end[];
extern char __stacks_start[], __stacks_end[];
extern char __guard_svc[], __stack_svc_bottom[], __stack_svc_top[];
extern char __guard_irq[], __stack_irq_bottom[], __stack_irq_top[];
extern char __guard_abt[], __stack_abt_bottom[], __stack_abt_top[];
extern char __guard_und[], __stack_und_bottom[], __stack_und_top[];
extern char __guard_fiq[], __stack_fiq_bottom[], __stack_fiq_top[];
extern char __guard_sys[], __stack_sys_bottom[], __stack_sys_top[];
extern char vectors[];

#define SYM(s) ((uint32_t)(uintptr_t)(s))

#endif
