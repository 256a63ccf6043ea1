/*
 * nop - the smallest program that does anything: it exits 0 at once.
 *
 * bench execs it to measure exec (fork+exec+exit+wait minus
 * fork+exit+wait).  crt0 still runs (atexit registration, constructors);
 * _exit() then skips newlib's exit path (atexit handlers, stdio flush), so
 * what is measured is the kernel's exec and a minimal start-up.
 */
#include <unistd.h>

int main(void)
{
	_exit(0);
}
