/*
 * hello - the smallest pagoda program: greets through newlib's printf and
 * exits 0.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	printf("hello from pagoda pid %d\n", (int)getpid());
	return 0;
}
