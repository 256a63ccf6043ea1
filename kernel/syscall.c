/*
 * kernel/syscall.c - the system call table (ABI in kernel/syscall_nr.h).
 *
 * The number comes in r7 and is bounds-checked before the table is
 * indexed (boot/vectors.S vec_svc, the fast path; svc_handle() below for
 * the rest); arguments are r0-r3; the result goes back in r0.  Calls that
 * may take long (SYSF_IRQ) run with IRQs enabled, so a long write does not
 * starve the console or the tick; none is preempted (pagoda's kernel
 * blocks, it is never pre-empted), and on the way out the scheduler may
 * switch.
 */
#include "kernel/errno.h"
#include "kernel/kprintf.h"
#include "kernel/console.h"
#include "kernel/proc.h"
#include "kernel/syscall_nr.h"
#include "kernel/trap.h"
#include "kernel/tty.h"
#include "kernel/ucopy.h"
#include "kernel/uaccess.h"
#include "kernel/window.h"
#include "kernel/vma.h"
#include "kernel/vm.h"
#include "kernel/frame.h"
#include "kernel/fmt.h"
#include "drivers/systimer.h"
#include "boot/cpu.h"

#include "kernel/syscall_table.h"

#define IO_CHUNK 256u

static int sys_exit(uint32_t status, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a1; (void)a2; (void)a3;
	proc_exit((int)(status & 0xFF));
}

static int sys_getpid(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a0; (void)a1; (void)a2; (void)a3;
	return current->pid;
}

static int sys_getppid(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a0; (void)a1; (void)a2; (void)a3;
	return current->ppid;
}

static int sys_write(uint32_t fd, uint32_t ubuf, uint32_t n, uint32_t a3)
{
	char buf[IO_CHUNK];
	uint32_t done = 0;

	(void)a3;
	if (fd != 1 && fd != 2)
		return -EBADF;
	if ((int32_t)n < 0)
		return -EINVAL;
	while (done < n) {
		uint32_t k = n - done < IO_CHUNK ? n - done : IO_CHUNK;
		int err = copy_from_user(buf, ubuf + done, k);
		if (err)
			return done ? (int)done : err;
		for (uint32_t i = 0; i < k; i++) {
			if (buf[i] == '\n')
				console_putc('\r');
			console_putc(buf[i]);
		}
		done += k;
	}
	return (int)done;
}

static int sys_read(uint32_t fd, uint32_t ubuf, uint32_t n, uint32_t a3)
{
	char buf[IO_CHUNK];
	int k;

	(void)a3;
	if (fd != 0)
		return -EBADF;
	if ((int32_t)n < 0)
		return -EINVAL;
	if (n == 0)
		return 0;
	if (user_probe_write(ubuf, n < IO_CHUNK ? n : IO_CHUNK) < 0)
		return -EFAULT;         /* before blocking: don't swallow a line */
	k = tty_read(buf, n < IO_CHUNK ? n : IO_CHUNK);
	if (k > 0 && copy_to_user(ubuf, buf, (uint32_t)k) < 0)
		return -EFAULT;
	return k;
}

static int sys_yield(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a0; (void)a1; (void)a2; (void)a3;
	sched_yield();
	return 0;
}

static int sys_sleep_ms(uint32_t ms, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a1; (void)a2; (void)a3;
	uint32_t s = cpu_irq_save();
	if (ms && !current->killed)
		sched_sleep(0, systimer_now() + (uint64_t)ms * 1000u);
	cpu_irq_restore(s);
	return current->killed ? -EINTR : 0;
}

static int sys_uptime_us(uint32_t uout, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a1; (void)a2; (void)a3;
	uint64_t now = systimer_now();
	return copy_to_user(uout, &now, sizeof now);
}

/* Move the break by delta.  Only the heap region's end moves: pages
 * arrive zero-filled on first touch (kernel/vm.c), and pages above a
 * lowered break are unmapped and freed.  Returns the old break, or
 * -ENOMEM beyond [brk_base, WIN_HEAP_LIMIT]. */
static int sys_sbrk(uint32_t delta, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct proc *p = current;
	struct vma *heap = vma_of_kind(&p->vm, VMA_HEAP);
	int64_t nb = (int64_t)p->brk + (int32_t)delta;
	uint32_t old = p->brk, newtop;

	(void)a1; (void)a2; (void)a3;
	if (!heap || nb < p->brk_base || nb > WIN_HEAP_LIMIT)
		return -ENOMEM;
	newtop = ((uint32_t)nb + 0xFFFu) & ~0xFFFu;
	if (newtop < heap->end)
		window_unmap(p, newtop, heap->end - newtop);
	heap->end = newtop;
	p->brk = (uint32_t)nb;
	return (int)old;
}

static int sys_kill(uint32_t pid, uint32_t a1, uint32_t a2, uint32_t a3)
{
	char why[40];

	(void)a1; (void)a2; (void)a3;
	ksnprintf(why, sizeof why, "killed by pid %d", current->pid);
	return proc_kill((int)pid, WAIT_CAUSE_KILL, why);
}

static int sys_wait(uint32_t pid, uint32_t ustatus, uint32_t a2, uint32_t a3)
{
	int status, r;

	(void)a2; (void)a3;
	if ((int32_t)pid == 0 || (int32_t)pid < -1)
		return -EINVAL;
	/* check before waiting: a status lost after the child is freed
	 * could not be given back */
	if (ustatus && user_probe_write(ustatus, 4) < 0)
		return -EFAULT;
	r = proc_wait((int32_t)pid, &status, 0, 0);
	if (r > 0 && ustatus && copy_to_user(ustatus, &status, 4) < 0)
		return -EFAULT;
	return r;
}

/* A program name and argv from user memory, copied into `a` (one call at
 * a time: the kernel is not pre-empted, and these copies never sleep).
 * Limits: WIN_ARGS_COUNT arguments and WIN_ARGS_MAX bytes of strings,
 * -E2BIG beyond.  With no argv (NULL or empty) argv[0] is the name. */
struct uargs {
	char name[32];
	char buf[WIN_ARGS_MAX];
	char *argv[WIN_ARGS_COUNT];
	int argc;
};

static int copy_args(struct uargs *a, uint32_t uname, uint32_t uargv)
{
	uint32_t used = 0;
	int err;

	err = copy_str_from_user(a->name, uname, sizeof a->name);
	if (err < 0)
		return err == -E2BIG ? -ENOENT : err;   /* no program has so long a name */
	for (a->argc = 0; uargv; a->argc++) {
		uint32_t ptr;
		if ((err = copy_from_user(&ptr, uargv + 4u * (uint32_t)a->argc, 4)) < 0)
			return err;
		if (!ptr)
			break;
		if (a->argc == WIN_ARGS_COUNT || used >= sizeof a->buf)
			return -E2BIG;
		if ((err = copy_str_from_user(a->buf + used, ptr, sizeof a->buf - used)) < 0)
			return err;
		a->argv[a->argc] = a->buf + used;
		used += (uint32_t)err + 1;
	}
	if (a->argc == 0) {
		a->argv[0] = a->name;
		a->argc = 1;
	}
	return 0;
}

static struct uargs uargs;

static int sys_memstat(uint32_t uout, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct pagoda_memstat m;
	struct frame_stats fs;

	(void)a1; (void)a2; (void)a3;
	frame_stats(&fs);
	m = (struct pagoda_memstat){
		.frames_total = fs.total, .frames_free = fs.free, .frames_shared = fs.shared,
		.frames_user = fs.by_use[FRAME_USER],
		.zero_fills = vm_stats.zero_fills, .file_loads = vm_stats.file_loads,
		.cow_copies = vm_stats.cow_copies, .cow_reuses = vm_stats.cow_reuses,
		.oom_kills = vm_stats.oom_kills, .forks = vm_stats.forks,
		.procs = proc_count(), .resident = current->resident,
		.reserved_pages = vma_reserved(&current->vm) / 0x1000u,
	};
	return copy_to_user(uout, &m, sizeof m);
}

static int sys_spawn(uint32_t uname, uint32_t uargv, uint32_t flags, uint32_t a3)
{
	int err;

	(void)a3;
	if (flags & ~SPAWN_IO)
		return -EINVAL;
	if ((flags & SPAWN_IO) && !current->io)
		return -EPERM;
	if ((err = copy_args(&uargs, uname, uargv)) < 0)
		return err;
	return proc_spawn(uargs.name, uargs.argc, uargs.argv, flags & SPAWN_IO, current);
}

static int sys_fork(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a0; (void)a1; (void)a2; (void)a3;
	return proc_fork();
}

/* On success the new program starts with r0 = argc (the value returned
 * here) and r1 = argv; on failure the caller goes on with the error. */
static int sys_exec(uint32_t uname, uint32_t uargv, uint32_t a2, uint32_t a3)
{
	int err;

	(void)a2; (void)a3;
	if ((err = copy_args(&uargs, uname, uargv)) < 0)
		return err;
	return proc_exec(uargs.name, uargs.argc, uargs.argv);
}

static int sys_nosys(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	(void)a0; (void)a1; (void)a2; (void)a3;
	return -ENOSYS;
}

/*
 * The table boot/vectors.S indexes (vec_svc) with the number in r7 after a
 * bounds check: { handler, CPSR control byte } pairs of 8 bytes, every
 * slot filled.  SYSCALL_IRQ_ON: the call may take long or block, so it
 * runs with IRQs enabled; the others are short and run with IRQs masked,
 * which is what keeps the fast path short (docs/performance.md).
 */
const struct syscall_entry syscall_table[SYS_COUNT] = {
	[0]             = { sys_nosys,     SYSCALL_IRQ_OFF },
	[SYS_exit]      = { sys_exit,      SYSCALL_IRQ_OFF },
	[SYS_getpid]    = { sys_getpid,    SYSCALL_IRQ_OFF },
	[SYS_getppid]   = { sys_getppid,   SYSCALL_IRQ_OFF },
	[SYS_write]     = { sys_write,     SYSCALL_IRQ_ON },
	[SYS_read]      = { sys_read,      SYSCALL_IRQ_ON },
	[SYS_yield]     = { sys_yield,     SYSCALL_IRQ_OFF },
	[SYS_sleep_ms]  = { sys_sleep_ms,  SYSCALL_IRQ_OFF },
	[SYS_uptime_us] = { sys_uptime_us, SYSCALL_IRQ_OFF },
	[SYS_sbrk]      = { sys_sbrk,      SYSCALL_IRQ_OFF },
	[SYS_kill]      = { sys_kill,      SYSCALL_IRQ_OFF },
	[SYS_wait]      = { sys_wait,      SYSCALL_IRQ_ON },
	[SYS_spawn]     = { sys_spawn,     SYSCALL_IRQ_ON },
	[SYS_fork]      = { sys_fork,      SYSCALL_IRQ_OFF },
	[SYS_exec]      = { sys_exec,      SYSCALL_IRQ_ON },
	[SYS_memstat]   = { sys_memstat,   SYSCALL_IRQ_OFF },
};

/* The slow path: vec_svc sends here what the fast path does not take, a
 * system call from a privileged mode (the kernel makes none) or a number
 * outside the table. */
void svc_handle(struct trapframe *tf)
{
	uint32_t n = tf->r[7];
	const struct syscall_entry *e;

	if ((tf->cpsr & MODE_MASK) != MODE_USR)
		trap_unexpected(tf);
	if (n >= SYS_COUNT) {
		tf->r[0] = (uint32_t)-ENOSYS;
		return;
	}
	e = &syscall_table[n];
	if (!(e->cpsr_c & PSR_I))
		cpu_irq_enable();
	tf->r[0] = (uint32_t)e->fn(tf->r[0], tf->r[1], tf->r[2], tf->r[3]);
	cpu_irq_disable();
}
