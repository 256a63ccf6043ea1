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
#include <string.h>

extern char __bss_start[], __bss_end[];   /* user/user.ld */
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
 * Zero bss (the kernel maps it zeroed, but this program must not depend on
 * how the file describes it), run constructors, then main(), and hand its
 * result to exit(), which runs atexit handlers and destructors, flushes
 * stdio and ends in _exit().  Runs before anything touches bss.
 */
__attribute__((section(".text.start"))) void _start(int argc, char **argv)
{
	memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
	atexit(__libc_fini_array);
	__libc_init_array();
	exit(main(argc, argv, environ));
}
