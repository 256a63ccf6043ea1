/*
 * kernel/proc.c - creating, ending, waiting for and killing processes.
 */
#include "kernel/proc.h"
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/fmt.h"
#include "kernel/frame.h"
#include "kernel/kobj.h"
#include "kernel/kprintf.h"
#include "kernel/kstack.h"
#include "kernel/progs.h"
#include "kernel/string.h"
#include "kernel/syscall_nr.h"
#include "kernel/window.h"
#include "paging/domains.h"
#include "boot/cpu.h"
#include "boot/cp15.h"

void proc_trampoline(void);                     /* boot/switch.S */
void sched_wake_proc(struct proc *p);           /* kernel/sched.c */
void sched_drop_window(struct proc *p);
void sched_switch_away(void);

static struct kcache proc_cache = KCACHE_INIT("proc", sizeof(struct proc));
static struct proc *all;                        /* every process, newest first */
static unsigned nprocs;
static int next_pid = 3;                        /* 0 idle, 1 reaper, 2 shell */
struct proc *reaper;

/* Initial kernel-stack contents for swtch's pop {r4-r11, pc}. */
struct switch_frame {
	uint32_t r4, r5, r6, r7, r8, r9, r10, r11, pc;
};

static void link_proc(struct proc *p)
{
	uint32_t s = cpu_irq_save();
	p->all_prev = 0;
	p->all_next = all;
	if (all)
		all->all_prev = p;
	all = p;
	nprocs++;
	cpu_irq_restore(s);
}

static void unlink_proc(struct proc *p)
{
	uint32_t s = cpu_irq_save();
	if (p->all_prev)
		p->all_prev->all_next = p->all_next;
	else
		all = p->all_next;
	if (p->all_next)
		p->all_next->all_prev = p->all_prev;
	nprocs--;
	cpu_irq_restore(s);
}

const struct kcache *proc_kcache(void) { return &proc_cache; }
struct proc *proc_first(void) { return all; }
struct proc *proc_next(const struct proc *p) { return p->all_next; }
unsigned proc_count(void) { return nprocs; }

struct proc *proc_find(int pid)
{
	for (struct proc *p = all; p; p = p->all_next)
		if (p->pid == pid)
			return p;
	return 0;
}

static struct proc *proc_alloc(const char *name, int pid)
{
	struct proc *p = kobj_alloc(&proc_cache);

	if (!p)
		return 0;
	p->kstack = kstack_alloc();
	if (!p->kstack) {
		kobj_free(&proc_cache, p);
		return 0;
	}
	p->pid = pid;
	p->state = P_EMBRYO;
	p->dacr = DACR_DEFAULT;
	ksnprintf(p->name, sizeof p->name, "%s", name);
	return p;
}

static void proc_free(struct proc *p)
{
	window_destroy(p);
	kstack_free(p->kstack);
	kobj_free(&proc_cache, p);
}

/* Lay out a new kernel stack: [switch_frame][trapframe]<- top.  The first
 * swtch into it pops the switch frame and lands in proc_trampoline, which
 * calls fn(arg). */
static void prepare_stack(struct proc *p, void (*fn)(void *), void *arg)
{
	uint32_t top = p->kstack + KSTACK_SIZE;
	struct switch_frame *sf;

	p->tf = (struct trapframe *)(top - sizeof(struct trapframe));
	sf = (struct switch_frame *)((uint32_t)(uintptr_t)p->tf - sizeof *sf);
	memset(sf, 0, sizeof *sf);
	sf->r4 = (uint32_t)(uintptr_t)arg;
	sf->r5 = (uint32_t)(uintptr_t)fn;
	sf->pc = (uint32_t)(uintptr_t)proc_trampoline;
	p->ksp = (uint32_t)(uintptr_t)sf;
}

/* ---- kernel threads ------------------------------------------------------ */

struct kthread_start { void (*fn)(void *); void *arg; };

static void kthread_entry(void *pv)
{
	struct proc *p = pv;
	struct kthread_start *ks = (struct kthread_start *)p->tf;   /* stashed in the frame */
	void (*fn)(void *) = ks->fn;
	void *arg = ks->arg;

	cpu_irq_enable();
	fn(arg);
	panic("kthread_entry: kernel thread %s returned", p->name);
}

static struct proc *kthread_make(const char *name, int pid, void (*fn)(void *), void *arg)
{
	struct proc *p = proc_alloc(name, pid);
	struct kthread_start *ks;

	if (!p)
		return 0;
	p->kthread = true;
	prepare_stack(p, kthread_entry, p);
	ks = (struct kthread_start *)p->tf;
	ks->fn = fn;
	ks->arg = arg;
	link_proc(p);
	return p;
}

struct proc *kthread_create(const char *name, void (*fn)(void *), void *arg)
{
	struct proc *p = kthread_make(name, next_pid++, fn, arg);
	if (p)
		sched_make_runnable(p);
	return p;
}

static void idle_loop(void *arg)
{
	(void)arg;
	for (;;) {
		cpu_irq_disable();
		if (need_resched)
			sched_yield();
		else
			cp15_wait_for_interrupt();   /* wakes on any IRQ, masked or not */
		cpu_irq_enable();
	}
}

static void reaper_loop(void *arg)
{
	char why[80];
	int status;

	(void)arg;
	for (;;) {
		int pid = proc_wait(-1, &status, why, sizeof why);
		if (pid > 0)
			kprintf("\n[%d] %s\n", pid, why);
		else {
			uint32_t s = cpu_irq_save();
			sched_sleep(current, 0);      /* until a child is given to us */
			cpu_irq_restore(s);
		}
	}
}

/* The boot context (kmain, on the boot stack) becomes the shell thread,
 * pid 2; the idle thread is pid 0 and the reaper pid 1. */
void proc_init(void)
{
	static struct proc shell;
	struct proc *idle;

	shell.pid = 2;
	shell.kthread = true;
	shell.dacr = DACR_DEFAULT;
	ksnprintf(shell.name, sizeof shell.name, "shell");
	link_proc(&shell);
	idle = kthread_make("idle", 0, idle_loop, 0);
	reaper = kthread_make("reaper", 1, reaper_loop, 0);
	if (!idle || !reaper)
		panic("proc_init: cannot create the kernel threads");
	sched_init(idle, &shell);
	sched_make_runnable(reaper);
}

/* ---- user processes -------------------------------------------------------- */

static const char *elf_error;

const char *proc_spawn_error(void)
{
	return elf_error;
}

/* Copy one ELF segment into fresh pages of p's window. */
static int load_segment(struct proc *p, const struct prog *prog, const struct elf_seg *s)
{
	enum win_rights r = s->x ? WIN_RX : (s->w ? WIN_RW : WIN_RO);
	uint32_t start = s->vaddr & ~0xFFFu, end = (s->vaddr + s->memsz + 0xFFFu) & ~0xFFFu;

	for (uint32_t va = start; va < end; va += 0x1000) {
		char *kva = window_map_new(p, va, r);
		uint32_t lo, hi;

		if (!kva)
			return -ENOMEM;
		/* the part of the file that lands in this page */
		lo = va > s->vaddr ? va : s->vaddr;
		hi = s->vaddr + s->filesz;
		if (hi > va + 0x1000)
			hi = va + 0x1000;
		if (lo < hi)
			memcpy(kva + (lo - va), prog->data + s->offset + (lo - s->vaddr), hi - lo);
		if (s->x)
			window_sync_code(kva, 0x1000);
	}
	return 0;
}

/* Copy argv to the top of the stack: strings, then the pointer array.
 * Returns the user address of argv, or a negative error. */
static int push_args(struct proc *p, int argc, char *const argv[], uint32_t *uargv)
{
	char *top = window_kva(p, WIN_TOP - 1) + 1;      /* kernel view of the top page */
	uint32_t used = 0, ptrs[16 + 1];

	if (argc > 16)
		return -E2BIG;
	for (int i = argc - 1; i >= 0; i--) {
		uint32_t n = strlen(argv[i]) + 1;
		if (used + n + (uint32_t)(argc + 1) * 4 + 8 > WIN_ARGS_MAX)
			return -E2BIG;
		used += n;
		memcpy(top - used, argv[i], n);
		ptrs[i] = WIN_TOP - used;
	}
	ptrs[argc] = 0;
	used = (used + (uint32_t)(argc + 1) * 4 + 7) & ~7u;
	memcpy(top - used, ptrs, (uint32_t)(argc + 1) * 4);
	*uargv = WIN_TOP - used;
	return 0;
}

static void user_start(void *arg)
{
	(void)arg;    /* nothing to do: the trampoline drops into the frame */
}

int proc_spawn(const char *name, int argc, char *const argv[], bool io, struct proc *parent)
{
	const struct prog *prog = prog_find(name);
	struct elf_info info;
	struct proc *p;
	uint32_t uargv;
	int err;

	elf_error = 0;
	if (!prog)
		return -ENOENT;
	err = elf_check(prog->data, prog->size, WIN_BASE, WIN_HEAP_LIMIT, &info);
	if (err) {
		elf_error = elf_strerror(err);
		return -ENOEXEC;
	}
	p = proc_alloc(name, next_pid);
	if (!p)
		return -ENOMEM;
	err = window_create(p);
	for (unsigned i = 0; !err && i < info.nsegs; i++)
		err = load_segment(p, prog, &info.seg[i]);
	for (uint32_t va = WIN_STACK_BOTTOM; !err && va < WIN_TOP; va += 0x1000)
		if (!window_map_new(p, va, WIN_RW))
			err = -ENOMEM;
	if (!err)
		err = push_args(p, argc, argv, &uargv);
	if (err) {
		proc_free(p);
		return err;
	}
	next_pid++;
	p->brk = p->brk_base = (info.hi + 0xFFFu) & ~0xFFFu;
	p->io = io;
	p->dacr = io ? DACR_WITH_IO : DACR_DEFAULT;
	p->ppid = parent->pid;
	prepare_stack(p, user_start, 0);
	memset(p->tf, 0, sizeof *p->tf);
	p->tf->r[0] = (uint32_t)argc;
	p->tf->r[1] = uargv;
	p->tf->sp = uargv & ~7u;
	p->tf->pc = info.entry;
	p->tf->cpsr = MODE_USR | PSR_F;       /* user mode, IRQs on, FIQs off */
	((struct switch_frame *)(uintptr_t)p->ksp)->r4 = (uint32_t)(uintptr_t)p->tf;
	link_proc(p);
	sched_make_runnable(p);
	return p->pid;
}

/* ---- ending ------------------------------------------------------------------ */

void proc_exit(int status)
{
	struct proc *p = current, *parent;
	bool orphans = false;

	KASSERT(!p->kthread);
	cpu_irq_disable();
	sched_drop_window(p);
	window_destroy(p);
	for (struct proc *c = all; c; c = c->all_next) {
		if (c->ppid == p->pid) {
			c->ppid = reaper->pid;           /* re-parent orphans */
			orphans = orphans || c->state == P_ZOMBIE;
		}
	}
	if (!p->killed || !p->why[0]) {
		if (p->killed)
			ksnprintf(p->why, sizeof p->why, "%s: killed", p->name);
		else
			ksnprintf(p->why, sizeof p->why, "%s: exit %d", p->name, status & 0xFF);
	}
	p->status = status;
	p->state = P_ZOMBIE;
	parent = proc_find(p->ppid);
	if (parent)
		sched_wakeup(parent);
	if (orphans)
		sched_wakeup(reaper);
	sched_switch_away();             /* never runs again: state is ZOMBIE */
	panic("proc_exit: zombie %d ran", p->pid);
}

int proc_wait(int pid, int *status, char *why, unsigned whylen)
{
	for (;;) {
		uint32_t s = cpu_irq_save();
		bool have = false;

		for (struct proc *c = all; c; c = c->all_next) {
			if (c->ppid != current->pid || (pid > 0 && c->pid != pid))
				continue;
			have = true;
			if (c->state != P_ZOMBIE)
				continue;
			int cpid = c->pid;
			*status = c->status;
			if (why)
				ksnprintf(why, whylen, "%s", c->why);
			unlink_proc(c);
			cpu_irq_restore(s);
			proc_free(c);
			return cpid;
		}
		if (!have) {
			cpu_irq_restore(s);
			return pid > 0 && !proc_find(pid) ? -ESRCH : -ECHILD;
		}
		if (current->killed) {
			cpu_irq_restore(s);
			return -EINTR;
		}
		sched_sleep(current, 0);
		cpu_irq_restore(s);
	}
}

int proc_kill(int pid, int cause, const char *why)
{
	struct proc *p = proc_find(pid);

	if (pid <= 0)
		return -EINVAL;
	if (!p || p->state == P_ZOMBIE)
		return -ESRCH;
	if (p->kthread)
		return -EPERM;
	if (!p->killed) {
		p->killed = true;
		p->status = WAIT_KILLED | (cause << WAIT_CAUSE_SHIFT);
		ksnprintf(p->why, sizeof p->why, "%s: %s", p->name, why);
	}
	sched_wake_proc(p);
	return 0;
}

void proc_fault_exit(int cause, const char *why)
{
	struct proc *p = current;

	p->killed = true;
	p->status = WAIT_KILLED | (cause << WAIT_CAUSE_SHIFT);
	ksnprintf(p->why, sizeof p->why, "%s: killed: %s", p->name, why);
	proc_exit(p->status);
}
