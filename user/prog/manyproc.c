/*
 * manyproc - many processes at once, each with a whole 1 MiB window.
 *
 *   manyproc [N]          N sleeping children (default 1000)
 *   manyproc N touch      the same, but each child writes its whole
 *                         array: memory runs out
 *
 * The program reserves nearly its whole window: an 880 KiB bss array,
 * besides its text, data, heap and stack.  It forks N children that each
 * do nothing but sleep, so each child reserves about 1 MiB and costs only
 * its kernel stack, its second-level table and the few pages it writes
 * (copy-on-write copies of its stack).  1000 of them reserve about
 * 1000 MiB, more than the machine's RAM: only demand paging and
 * copy-on-write make that possible.
 *
 * Then the parent checks the kernel's process count, prints the count and
 * the free frames, kills every child with kill(), waits for each, and
 * checks that the free-frame count is back exactly where it was before
 * the first fork.  Prints "manyproc: PASS" and exits 0, or
 * "manyproc: FAIL ..." and exits 1.
 *
 * With "touch" each child first writes one byte to every page of its
 * array (220 zero-fill faults), then sleeps.  1000 children want 220000
 * frames, about twice the RAM: the children whose fault finds no frame
 * are killed "out of memory", and the rest sleep.  The parent gives them
 * two seconds, then reports how many the kernel killed for memory (the
 * wait status says WAIT_CAUSE_OOM), kills the rest, and checks every frame
 * came back.  The parent must not need a frame itself while memory is
 * short, or it would be killed too: before it sleeps it writes every page
 * it will write later (own_pages), and it kills with the raw call, which
 * sets no errno.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pagoda.h"

#define MAX_CHILDREN 4000
#define PAGE 4096

static char big[880 * 1024];           /* reserved; touched only with "touch" */
static int pids[MAX_CHILDREN];
static char outbuf[256];               /* stdout's buffer, in bss, not malloc'ed */

/* After the last fork, every page the parent still writes is shared with
 * the children, read-only: write each now, while frames are plenty, so
 * that each is its own copy before the children use up memory.  Those
 * are a few pages of stack below this frame (printf's), stdout's buffer
 * and errno's data page. */
static void own_pages(void)
{
	volatile char stack[3 * PAGE];

	for (unsigned i = 0; i < sizeof stack; i += 256)
		stack[i] = 0;
	memset(outbuf, 0, sizeof outbuf);    /* empty: every line ends in \n */
	errno = 0;
}

/* A child: sleep until killed, after writing its array if asked. */
static void child(int touch)
{
	if (touch)
		for (unsigned off = 0; off < sizeof big; off += PAGE)
			big[off] = 1;
	for (;;)
		pagoda_sleep_ms(3600 * 1000);
}

/* Kill and reap children pids[0..n).  Returns how many ended killed;
 * *oom (if not NULL) gets how many of them the kernel killed for memory. */
static int kill_all(int n, int *oom)
{
	int killed = 0, status;

	for (int i = 0; i < n; i++)
		pagoda_syscall6(SYS_kill, pids[i], 0, 0, 0, 0, 0);   /* a zombie: -ESRCH */
	if (oom)
		*oom = 0;
	for (int i = 0; i < n; i++) {
		if (pagoda_wait(pids[i], &status) != pids[i] || !PAGODA_KILLED(status))
			continue;
		killed++;
		if (oom && PAGODA_CAUSE(status) == WAIT_CAUSE_OOM)
			(*oom)++;
	}
	return killed;
}

int main(int argc, char **argv)
{
	struct pagoda_memstat before, during, after;
	int n = argc > 1 ? atoi(argv[1]) : 1000;
	int touch = argc > 2 && strcmp(argv[2], "touch") == 0;
	int made, killed, oom = 0;

	if (n < 1 || n > MAX_CHILDREN || (argc > 2 && !touch) || argc > 3) {
		printf("usage: manyproc [N [touch]]   (N from 1 to %d, default 1000)\n",
		       MAX_CHILDREN);
		return 2;
	}
	setvbuf(stdout, outbuf, _IOLBF, sizeof outbuf);
	printf("manyproc: %d children, array of %u KiB at %p %s\n", n,
	       (unsigned)sizeof big / 1024, (void *)big,
	       touch ? "written by each" : "left untouched");
	memset(pids, 0, sizeof pids);         /* its pages are ours before counting */
	pids[0] = fork();                     /* a warm-up: kernel caches settle */
	if (pids[0] == 0)
		child(0);
	kill_all(1, 0);
	own_pages();                          /* its stack pages count from here */
	pagoda_memstat(&before);

	for (made = 0; made < n; made++) {
		int pid = fork();
		if (pid == 0)
			child(touch);
		if (pid < 0) {
			printf("manyproc: FAIL fork %d of %d refused\n", made + 1, n);
			kill_all(made, 0);
			return 1;
		}
		pids[made] = pid;
	}
	if (touch) {
		own_pages();
		printf("manyproc: forked; the children write, memory runs out\n");
		pagoda_sleep_ms(2000);
	}
	pagoda_memstat(&during);
	printf("manyproc: %d children, %u processes in all, each reserving %u KiB\n",
	       made, during.procs, during.reserved_pages * 4);
	printf("manyproc: free frames %u before, %u with them (%u KiB each)\n",
	       before.frames_free, during.frames_free,
	       (before.frames_free - during.frames_free) * 4 / (unsigned)n);
	if (during.procs < before.procs + (unsigned)n) {
		printf("manyproc: FAIL the kernel counts %u processes, want at least %u\n",
		       during.procs, before.procs + n);
		kill_all(made, 0);
		return 1;
	}

	killed = kill_all(made, &oom);
	pagoda_memstat(&after);
	if (touch)
		printf("manyproc: %d killed out of memory (%u out-of-memory kills counted)\n",
		       oom, after.oom_kills - before.oom_kills);
	printf("manyproc: %d killed and reaped; free frames %u, %u processes\n",
	       killed, after.frames_free, after.procs);
	if (killed != n || after.frames_free != before.frames_free ||
	    after.procs != before.procs) {
		printf("manyproc: FAIL frames %u before, %u after; processes %u before, %u after\n",
		       before.frames_free, after.frames_free, before.procs, after.procs);
		return 1;
	}
	printf("manyproc: PASS\n");
	return 0;
}
