/*
 * spin - loops forever and never makes a system call after its greeting.
 * Only the timer interrupt takes the CPU back: a test of preemption, and
 * of killing a process (Ctrl-C or kill) that never enters the kernel.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	volatile unsigned long n = 0;   /* volatile: the loop must really run */

	printf("spin: pid %d looping forever, no system calls\n", (int)getpid());
	for (;;)
		n++;
}
