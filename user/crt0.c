/*
 * user/crt0.c - where every pagoda user program starts.
 *
 * The kernel enters _start (the ELF entry point) in USR mode with IRQs on:
 *
 *   r0 = argc, r1 = argv        argv[] and its strings at the top of the stack
 *   sp = 8-byte aligned, below them, as the AAPCS wants at a public call
 *   lr = meaningless            _start never returns
 *
 * So _start is an ordinary C function of (argc, argv); no assembly needed.
 */
#include <stdlib.h>


extern char **environ;                    /* newlib's, empty on pagoda */

int main(int argc, char **argv, char **envp);
void __libc_init_array(void);
void __libc_fini_array(void);
void _init(void);
void _fini(void);
void _start(int argc, char **argv) __attribute__((noreturn));

/* newlib's __libc_init_array() and __libc_fini_array() call these hooks,
 * which on other systems come from crti.o/crtn.o.  Constructors live in
 * .init_array instead, so the hooks are empty. */
void _init(void)
{
}

void _fini(void)
{
}

/*
 * Run constructors, then main(), and hand its result to exit(), which runs
 * atexit handlers and destructors, flushes stdio and ends in _exit().
 *
 * bss is not cleared here: it is the part of the data segment beyond the
 * file bytes (p_memsz > p_filesz, user/user.ld keeps it NOBITS), which the
 * ELF format defines as zero and pagoda fills with zeroed pages on first
 * touch.  Clearing it would touch every page of a large array and defeat
 * demand paging (user program `lazy` shows the difference).
 */
__attribute__((section(".text.start"))) void _start(int argc, char **argv)
{
	atexit(__libc_fini_array);
	__libc_init_array();
	exit(main(argc, argv, environ));
}
