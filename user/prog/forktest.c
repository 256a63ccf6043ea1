/*
 * forktest - copy-on-write fork, checked from both sides.
 *
 *   forktest [CYCLES]
 *
 * 1. Data, bss, heap and stack each hold a known value.  After fork()
 *    the child checks it sees every value as it was, the parent writes new
 *    values, and the child then writes its own and checks it still sees
 *    only its own writes; the parent checks, after the child has ended,
 *    that it sees only its own.  The child's exit code says which check
 *    failed (0: none).
 * 2. Right after fork the pages are shared: the machine's shared-frame
 *    count went up; after the child is reaped it is back where it was.
 * 3. CYCLES (default 100) fork/exit/wait cycles, then the free-frame
 *    count must equal the count before them, exactly.
 *
 * Prints one line per check, then "forktest: PASS" and exits 0, or
 * "forktest: FAIL ..." and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "pagoda.h"

static int data_word = 1111;                /* .data */
static char bss_page[4096];                 /* .bss: a page of its own */

static int failures;

static void check(int ok, const char *what)
{
	printf("forktest: %-52s %s\n", what, ok ? "OK" : "FAILED");
	if (!ok)
		failures++;
}

/* The child: its view before and after the parent and it write. */
static int child(volatile int *stack_word, char *heap)
{
	int code = 0;

	if (data_word != 1111 || bss_page[100] != 'b' || *stack_word != 3333 ||
	    strcmp(heap, "heap before fork") != 0)
		code |= 1;                  /* did not see the values of the fork */
	pagoda_sleep_ms(20);                /* the parent writes meanwhile */
	if (data_word != 1111 || bss_page[100] != 'b' || *stack_word != 3333 ||
	    strcmp(heap, "heap before fork") != 0)
		code |= 2;                  /* saw a write of the parent's */
	data_word = 2222;
	bss_page[100] = 'c';
	*stack_word = 4444;
	strcpy(heap, "child's heap");
	if (data_word != 2222 || bss_page[100] != 'c' || *stack_word != 4444 ||
	    strcmp(heap, "child's heap") != 0)
		code |= 4;                  /* lost its own write */
	return code;
}

int main(int argc, char **argv)
{
	volatile int stack_word = 3333;
	char *heap = malloc(64);
	struct pagoda_memstat before, shared, after;
	int cycles = argc > 1 ? atoi(argv[1]) : 100;
	int status, pid;

	strcpy(heap, "heap before fork");
	bss_page[100] = 'b';
	pagoda_memstat(&before);
	pid = fork();
	if (pid < 0) {
		printf("forktest: FAIL fork: %d\n", pid);
		return 1;
	}
	if (pid == 0)
		_exit(child(&stack_word, heap));
	pagoda_memstat(&shared);
	check(shared.frames_shared > before.frames_shared, "fork shares frames (shared count went up)");
	data_word = 5555;
	bss_page[100] = 'p';
	stack_word = 6666;
	strcpy(heap, "parent's heap");
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		printf("forktest: FAIL child did not exit normally\n");
		return 1;
	}
	check(!(WEXITSTATUS(status) & 1), "child sees the values at fork");
	check(!(WEXITSTATUS(status) & 2), "child does not see the parent's writes");
	check(!(WEXITSTATUS(status) & 4), "child sees its own writes");
	check(data_word == 5555 && bss_page[100] == 'p' && stack_word == 6666 &&
	      strcmp(heap, "parent's heap") == 0, "parent sees only its own writes");
	pagoda_memstat(&after);
	check(after.frames_shared == before.frames_shared, "shared count back after the child ends");

	/* a warm-up cycle, so that kernel caches hold what they keep */
	if ((pid = fork()) == 0)
		_exit(0);
	waitpid(pid, &status, 0);
	pagoda_memstat(&before);
	for (int i = 0; i < cycles; i++) {
		pid = fork();
		if (pid == 0) {
			stack_word = i;     /* a copy-on-write fault on the way */
			_exit(i & 0x7F);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || WEXITSTATUS(status) != (i & 0x7F)) {
			printf("forktest: FAIL cycle %d (pid %d)\n", i, pid);
			return 1;
		}
	}
	pagoda_memstat(&after);
	printf("forktest: %d cycles: free frames %u before, %u after\n", cycles,
	       before.frames_free, after.frames_free);
	check(after.frames_free == before.frames_free, "every frame back after the cycles");
	if (failures) {
		printf("forktest: FAIL (%d checks)\n", failures);
		return 1;
	}
	printf("forktest: PASS\n");
	return 0;
}
