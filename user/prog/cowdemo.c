/*
 * cowdemo - copy-on-write, step by step, for `vm PID` to watch.
 *
 *   run cowdemo &
 *
 * Run it in the background and follow what it prints: each step waits
 * for you (or a test) to look with `vm PID`, then to type the `kill` that
 * lets the next step go.  Nothing depends on timing.
 *
 *   0. The parent P forks three gates, G1, G2 and G3: children that only
 *      sleep.  They are forked before the demo's pages are touched, so
 *      they never share them.  Killing a gate is how you say "next step":
 *      P waits for G1, then G2, then G3.
 *   1. P writes its data page (a page-aligned array in .data: loaded from
 *      the program image on that first touch) and a heap page (from sbrk:
 *      zero-filled on first touch).  `vm P` shows both "private".
 *   2. `kill G1`: P forks the child C.  Both pages are now shared: `vm P`
 *      and `vm C` show them "cow (refs 2)", the same frames in both.
 *   3. `kill G2`: P writes both pages.  Its write faults, the frames are
 *      shared (refs 2), so P gets copies: in `vm P` the pages are
 *      "private" in new frames; in `vm C` they are still "cow", now with
 *      one reference: C is their sole owner.
 *   4. `kill G3`: P exits.  C, which polls its parent's pid, sees the
 *      values of step 1 (never P's later writes) and writes both pages.
 *      As sole owner it keeps the frames: the fault only makes each page
 *      writable, and `vm C` shows it "private" in the same frame.
 *   5. `kill C` ends the demo.
 *
 * The lines a test reads, in order:
 *   cowdemo: parent P, gates G1 G2 G3
 *   cowdemo: data page VA, heap page VA
 *   cowdemo: parent P forked child C ...
 *   cowdemo: parent P wrote its pages ...
 *   cowdemo: child C sees "..." and "..."
 *   cowdemo: child C wrote its pages ...
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "pagoda.h"

#define PAGE 4096

/* A page of its own in .data: the initial bytes come from the file. */
static char data_page[PAGE] __attribute__((aligned(PAGE))) = "data from the file";

/* Sleep until killed. */
static void sleep_forever(void)
{
	for (;;)
		pagoda_sleep_ms(3600 * 1000);
}

/* A child that sleeps until killed; its death is the parent's signal. */
static int gate(void)
{
	int pid = fork();

	if (pid == 0)
		sleep_forever();
	return pid;
}

static void pass(int g)
{
	int status;

	waitpid(g, &status, 0);
}

/* Step 4, in the child: wait for the parent to end, then write. */
static void child(int parent, char *heap)
{
	while (getppid() == parent)
		pagoda_sleep_ms(20);
	printf("cowdemo: child %d sees \"%s\" and \"%s\"\n", getpid(), data_page, heap);
	strcpy(data_page, "the child's data");
	strcpy(heap, "the child's heap");
	printf("cowdemo: child %d wrote its pages: sole owner, made writable in place; "
	       "`vm %d`, then `kill %d` ends the demo\n", getpid(), getpid(), getpid());
	sleep_forever();
}

int main(void)
{
	int me = getpid(), g[3], c;
	char *heap;

	printf("cowdemo: parent %d\n", me);        /* stdout's buffer, before the gates */
	for (int i = 0; i < 3; i++)
		if ((g[i] = gate()) < 0) {
			printf("cowdemo: fork failed\n");
			return 1;
		}
	printf("cowdemo: parent %d, gates %d %d %d\n", me, g[0], g[1], g[2]);

	/* step 1: one page of each kind, touched */
	heap = sbrk(2 * PAGE);
	heap = (char *)(((uintptr_t)heap + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
	strcpy(data_page, "the parent's data");
	strcpy(heap, "the parent's heap");
	printf("cowdemo: data page %p, heap page %p\n", (void *)data_page, (void *)heap);
	printf("cowdemo: both pages written, private: `vm %d`; then `kill %d` forks\n",
	       me, g[0]);

	/* step 2 */
	pass(g[0]);
	c = fork();
	if (c == 0)
		child(me, heap);
	if (c < 0) {
		printf("cowdemo: fork failed\n");
		return 1;
	}
	printf("cowdemo: parent %d forked child %d: both pages shared copy-on-write: "
	       "`vm %d`, `vm %d`; then `kill %d`\n", me, c, me, c, g[1]);

	/* step 3 */
	pass(g[1]);
	strcpy(data_page, "the parent's data, written after the fork");
	strcpy(heap, "the parent's heap, written after the fork");
	printf("cowdemo: parent %d wrote its pages: copies of its own; `vm %d`, `vm %d`; "
	       "then `kill %d`\n", me, me, c, g[2]);

	/* step 4: the child takes over */
	pass(g[2]);
	return 0;
}
