/*
 * boot/trapframe.h - the register frame every exception saves.
 *
 * Shared by boot/vectors.S (which builds it) and C (which reads and edits
 * it).  The offsets are checked against the struct at compile time in
 * kernel/trap.c.  The frame lives on the SVC-mode stack:
 *
 *      high  +------------------+
 *       +68  | cpsr (SPSR)      |  stored by SRSDB
 *       +64  | pc (return addr) |  stored by SRSDB
 *       +60  | trapno           |  which vector (TRAP_*)
 *       +56  | lr  of the interrupted mode
 *       +52  | sp  of the interrupted mode
 *       +48  | r12              |
 *            |  ...             |
 *        +0  | r0               |  <- sp when trap() is called
 *      low   +------------------+
 *
 * pc is the address of the faulting instruction for aborts and undefined
 * instructions, and the address to resume at for SVC and IRQ.
 */
#ifndef BOOT_TRAPFRAME_H
#define BOOT_TRAPFRAME_H

#define TF_R0      0
#define TF_SP     52
#define TF_LR     56
#define TF_TRAPNO 60
#define TF_PC     64
#define TF_CPSR   68
#define TF_SIZE   72

/* Vector numbers, in vector-table order (ARM ARM A2.6). */
#define TRAP_RESET     0
#define TRAP_UND       1
#define TRAP_SVC       2
#define TRAP_PABT      3
#define TRAP_DABT      4
#define TRAP_RESERVED  5
#define TRAP_IRQ       6
#define TRAP_FIQ       7
#define TRAP_COUNT     8

/* CPSR mode field, ARM ARM A2.5.7 (bits 4:0). */
#define MODE_USR  0x10
#define MODE_FIQ  0x11
#define MODE_IRQ  0x12
#define MODE_SVC  0x13
#define MODE_ABT  0x17
#define MODE_UND  0x1B
#define MODE_SYS  0x1F
#define MODE_MASK 0x1F

/* CPSR mask bits, ARM ARM A2.5 */
#define PSR_F     (1u << 6)   /* FIQ disabled */
#define PSR_I     (1u << 7)   /* IRQ disabled */
#define PSR_A     (1u << 8)   /* imprecise abort disabled */
#define PSR_T     (1u << 5)   /* Thumb state */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct trapframe {
	uint32_t r[13];    /* r0-r12 */
	uint32_t sp;       /* banked sp of the interrupted mode */
	uint32_t lr;       /* banked lr of the interrupted mode */
	uint32_t trapno;   /* TRAP_* */
	uint32_t pc;       /* see above */
	uint32_t cpsr;     /* the interrupted mode's CPSR */
};
#endif

#endif
