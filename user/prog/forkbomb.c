/*
 * forkbomb - fork forever, in every process.
 *
 *   forkbomb
 *
 * Each process forks in a loop; children do the same.  When the frames
 * run out fork() fails with ENOMEM (or EAGAIN) and the process tries
 * again.  pagoda must stay in control: the shell answers, `kill PID` of
 * the first process (the job) ends them all, and every frame comes back.
 * The first process prints how many of its forks failed every so often.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	int leader = getpid();
	unsigned ok = 0, failed = 0;

	printf("forkbomb: pid %d, forking forever\n", leader);
	for (;;) {
		if (fork() < 0)
			failed++;
		else
			ok++;
		if (getpid() == leader && (ok + failed) % 4096 == 0)
			printf("forkbomb: %u forks, %u refused\n", ok, failed);
	}
}
