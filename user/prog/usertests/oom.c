/*
 * usertests/oom.c - running out of memory, on purpose.
 *
 * With 445 MiB of frames under QEMU's raspi0, memory runs out only when
 * hundreds of processes fill their heaps.  Two tests do that:
 *
 *   oom_hogs       hogs touch page after page until the first fault that
 *                  finds no frame: that hog alone is killed
 *                  (WAIT_CAUSE_OOM), or fork says -ENOMEM first;
 *   fork_at_enomem hogs stop a few frames above the kernel's reserve
 *                  (kernel/mem.c, 64 frames), then fork and spawn must
 *                  fail with -ENOMEM, cleanly, at whatever step their
 *                  frames run out.
 *
 * Either way the kernel keeps its reserve, and every frame comes back
 * when the hogs are gone, which the runner counts.  A process whose pages
 * are shared with children needs a frame for its next write to one of
 * them (copy-on-write); with none left it would be the one killed, so
 * fork_at_enomem does its forking in assembly that touches no memory.
 */
#include <stdint.h>
#include "ut.h"

#define RESERVE   64        /* MEM_RESERVE_FRAMES (kernel/mem.c) */
#define FLOOR     (RESERVE + 8)

/* Out of memory: hogs fill their heaps (about 230 pages each) until the
 * frames run out.  Then either a hog's page fault finds no frame and the
 * hog alone is killed (WAIT_CAUSE_OOM), or fork itself says -ENOMEM;
 * the kernel keeps its reserve either way, and everything comes back
 * when the hogs are gone.  This process writes its own pages before the
 * hogs start, so that it never needs a frame while memory is short. */
#define MAX_HOGS 1000

static int hog_pids[MAX_HOGS];

static void hog(void)
{
	long b = sc(SYS_sbrk, 0, 0, 0);
	long room = (long)PAGODA_HEAP_LIMIT - b;

	if (sc(SYS_sbrk, room, 0, 0) != b)
		ut_exit(1);
	for (long a = (b + PAGE - 1) & ~(long)(PAGE - 1); a < (long)PAGODA_HEAP_LIMIT; a += PAGE)
		*(volatile uint32_t *)a = (uint32_t)a;
	for (;;)
		sc(SYS_sleep_ms, 1000, 0, 0);
}

__attribute__((noinline)) static void touch_stack(void)
{
	volatile char pad[8 * 1024];

	for (unsigned i = 0; i < sizeof pad; i += 256)
		pad[i] = 0;
}

static void t_oom_hogs(const struct utest *t)
{
	struct pagoda_memstat m0, m;
	int n = 0, oom = 0, enomem = 0, st;

	(void)t;
	touch_stack();
	for (int i = 0; i < MAX_HOGS; i++)
		hog_pids[i] = 0;
	UT_EQ(sc(SYS_memstat, (long)&m0, 0, 0), 0);
	UT_EQ(sc(SYS_memstat, (long)&m, 0, 0), 0);
	while (n < MAX_HOGS && m.oom_kills == m0.oom_kills) {
		long pid = sc(SYS_fork, 0, 0, 0);
		if (pid == 0)
			hog();
		if (pid == -ENOMEM || pid == -EAGAIN) {
			enomem = 1;
			break;
		}
		UT_CHECK(pid > 0);
		hog_pids[n++] = (int)pid;
		sc(SYS_sleep_ms, 5, 0, 0);           /* let it fill */
		UT_EQ(sc(SYS_memstat, (long)&m, 0, 0), 0);
	}
	ut_say("  oom_hogs: %d hogs, %u frames free, %u out-of-memory kills, fork %s\n",
	       n, m.frames_free, m.oom_kills - m0.oom_kills, enomem ? "refused" : "fine");
	UT_CHECK(oom || enomem || m.oom_kills > m0.oom_kills);
	for (int i = 0; i < n; i++)
		sc(SYS_kill, hog_pids[i], 0, 0);     /* -ESRCH for those already dead */
	while (sc(SYS_wait, -1, (long)&st, 0) > 0) {
		UT_CHECK(PAGODA_KILLED(st));
		if (PAGODA_CAUSE(st) == WAIT_CAUSE_OOM)
			oom++;
		else
			UT_EQ(PAGODA_CAUSE(st), WAIT_CAUSE_KILL);
	}
	UT_EQ(oom, (int)(m.oom_kills - m0.oom_kills));
}

/* A hog that touches pages only while more than FLOOR frames are free,
 * then sleeps until killed. */
static void polite_hog(void)
{
	struct pagoda_memstat m;
	long b = sc(SYS_sbrk, 0, 0, 0);

	if (sc(SYS_sbrk, (long)PAGODA_HEAP_LIMIT - b, 0, 0) != b)
		ut_exit(1);
	for (long a = (b + PAGE - 1) & ~(long)(PAGE - 1); a < (long)PAGODA_HEAP_LIMIT; a += PAGE) {
		sc(SYS_memstat, (long)&m, 0, 0);
		if (m.frames_free <= FLOOR)
			break;
		*(volatile uint32_t *)a = (uint32_t)a;
	}
	for (;;)
		sc(SYS_sleep_ms, 1000, 0, 0);
}

/* enomem_probe(first, last, name, out): fork children that sleep until
 * killed, until fork fails (at most 4000); then spawn(name); then kill
 * pids first..the last child (and the spawned one), and wait for every
 * child.  Only then, its pages its own again, store out[0] = children
 * forked, out[1] = fork's error, out[2] = spawn's result.  Until then it
 * writes no memory: there may be no frame for a copy. */
void enomem_probe(int first, int last, const char *name, int32_t out[3]);

__asm__(
	".syntax unified\n"
	".text\n"
	".align 2\n"
	".arm\n"
	".global enomem_probe\n"
	"enomem_probe:\n"
	"	push {r4-r8, r10, r11, lr}\n"
	"	mov r8, r3\n"            /* out */
	"	mov r5, r0\n"            /* first pid to kill */
	"	mov r11, r1\n"           /* last pid to kill, so far */
	"	mov r6, r2\n"            /* name */
	"	mov r4, #0\n"            /* children forked */
	"1:	mov r7, #13\n"           /* SYS_fork */
	"	svc #0\n"
	"	cmp r0, #0\n"
	"	beq 5f\n"
	"	blt 2f\n"
	"	mov r11, r0\n"
	"	add r4, r4, #1\n"
	"	cmp r4, #4000\n"
	"	blt 1b\n"
	"	mov r0, #0\n"            /* never refused */
	"2:	mov r10, r0\n"           /* fork's error */
	"	mov r0, r6\n"
	"	mov r1, #0\n"
	"	mov r2, #0\n"
	"	mov r7, #12\n"           /* SYS_spawn(name, NULL, 0) */
	"	svc #0\n"
	"	mov r3, r0\n"
	"	cmp r3, r11\n"
	"	movgt r11, r3\n"         /* spawned after all: kill it too */
	"	mov r12, r5\n"
	"3:	mov r0, r12\n"
	"	mov r7, #10\n"           /* SYS_kill */
	"	svc #0\n"
	"	add r12, r12, #1\n"
	"	cmp r12, r11\n"
	"	ble 3b\n"
	"4:	mvn r0, #0\n"
	"	mov r1, #0\n"
	"	mov r7, #11\n"           /* SYS_wait(-1, NULL) */
	"	svc #0\n"
	"	cmp r0, #0\n"
	"	bgt 4b\n"
	"	str r4, [r8]\n"
	"	str r10, [r8, #4]\n"
	"	str r3, [r8, #8]\n"
	"	pop {r4-r8, r10, r11, pc}\n"
	"5:	mvn r0, #0\n"            /* a child: sleep for ever, exit if woken */
	"	mov r7, #7\n"            /* SYS_sleep_ms */
	"	svc #0\n"
	"	mov r0, #0\n"
	"	mov r7, #1\n"            /* SYS_exit */
	"	svc #0\n"
	".syntax divided\n");

static void t_fork_at_enomem(const struct utest *t)
{
	struct pagoda_memstat m;
	int32_t out[3] = { -1, -1, -1 };
	int first = 0, last = 0, n = 0;

	(void)t;
	touch_stack();
	UT_EQ(sc(SYS_memstat, (long)&m, 0, 0), 0);
	while (m.frames_free > FLOOR + 2 && n < MAX_HOGS) {
		long pid = sc(SYS_fork, 0, 0, 0);
		if (pid == 0)
			polite_hog();
		UT_CHECK(pid > 0);
		if (!first)
			first = (int)pid;
		last = (int)pid;
		n++;
		sc(SYS_sleep_ms, 5, 0, 0);
		UT_EQ(sc(SYS_memstat, (long)&m, 0, 0), 0);
	}
	enomem_probe(first, last, "hello", out);
	ut_say("  fork_at_enomem: %d hogs left %u frames free; %d forks, then %d; spawn %d\n",
	       n, m.frames_free, (int)out[0], (int)out[1], (int)out[2]);
	UT_CHECK(out[1] == -ENOMEM || out[1] == -EAGAIN);
	UT_EQ(out[2], -ENOMEM);
}

const struct utest oom_tests[] = {
	{ "oom_hogs",       t_oom_hogs,       UT_PASS, 0, 0, 60000 },
	{ "fork_at_enomem", t_fork_at_enomem, UT_PASS, 0, 0, 60000 },
	{ 0, 0, 0, 0, 0, 0 },
};
