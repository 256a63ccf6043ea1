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
#include "kernel/vm.h"
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

/* A parent's lists of children: doubly linked through sib_next/sib_prev,
 * so that exit and wait are O(1) however many children there are. */
static void sib_push(struct proc **head, struct proc *p)
{
	p->sib_prev = 0;
	p->sib_next = *head;
	if (*head)
		(*head)->sib_prev = p;
	*head = p;
}

static void sib_del(struct proc **head, struct proc *p)
{
	if (p->sib_prev)
		p->sib_prev->sib_next = p->sib_next;
	else
		*head = p->sib_next;
	if (p->sib_next)
		p->sib_next->sib_prev = p->sib_prev;
	p->sib_next = p->sib_prev = 0;
}

/* Make p a live child of parent. */
static void adopt(struct proc *parent, struct proc *p)
{
	p->parent = parent;
	p->ppid = parent->pid;
	sib_push(&parent->children, p);
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
	for (unsigned i = 0; i < sizeof p->name - 1 && name[i]; i++)
		p->name[i] = name[i];           /* the rest is zero (kobj_alloc) */
	return p;
}

static void proc_free(struct proc *p)
{
	window_destroy(p);
	vm_release(p);
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
	bool bg;

	(void)arg;
	for (;;) {
		int pid = proc_wait_bg(-1, &status, why, sizeof why, &bg);
		if (pid > 0) {
			if (bg)        /* orphans of a job are reaped quietly */
				kprintf("\n[%d] %s\n", pid, why);
		} else {
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

/* Copy argv to the top of the stack: strings, then the pointer array.
 * Returns the user address of argv, or a negative error. */
static int push_args(struct proc *p, int argc, char *const argv[], uint32_t *uargv)
{
	char *top = window_kva(p, WIN_TOP - 1) + 1;      /* kernel view of the top page */
	uint32_t used = 0, ptrs[WIN_ARGS_COUNT + 1];

	if (argc > WIN_ARGS_COUNT)
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

/* First run of a user process, just before the trampoline drops into its
 * frame: a process killed before it ever ran (a fork bomb's newest
 * children) ends here rather than running user code. */
static void user_start(void *arg)
{
	(void)arg;
	if (current->killed)
		proc_exit(current->status);
}

/* Check program `name` for loading: 0 with *prog and *info, or -ENOENT /
 * -ENOEXEC (elf_error says why). */
static int find_image(const char *name, const struct prog **prog, struct elf_info *info)
{
	int err;

	elf_error = 0;
	*prog = prog_find(name);
	if (!*prog)
		return -ENOENT;
	err = elf_check((*prog)->data, (*prog)->size, WIN_BASE, WIN_HEAP_LIMIT, info);
	if (err) {
		elf_error = elf_strerror(err);
		return -ENOEXEC;
	}
	return 0;
}

/* Give p (with no window) a new window for prog: its regions, and the top
 * stack page holding argv, the only page mapped before the program runs;
 * the rest arrives on first touch (kernel/vm.c).  On failure the caller
 * frees what was made (window_destroy, vm_release). */
static int image_setup(struct proc *p, const struct prog *prog, const struct elf_info *info,
		       int argc, char *const argv[], uint32_t *uargv)
{
	int err = window_create(p);

	if (!err)
		err = vm_load(p, prog, info);
	if (!err && !window_map_new(p, WIN_TOP - 0x1000, WIN_RW))
		err = -ENOMEM;
	if (!err)
		err = push_args(p, argc, argv, uargv);
	return err;
}

/* A user frame that starts the program: r0 = argc, r1 = argv. */
static void start_frame(struct trapframe *tf, uint32_t entry, int argc, uint32_t uargv)
{
	memset(tf, 0, sizeof *tf);
	tf->r[0] = (uint32_t)argc;
	tf->r[1] = uargv;
	tf->sp = uargv & ~7u;
	tf->pc = entry;
	tf->cpsr = MODE_USR | PSR_F;       /* user mode, IRQs on, FIQs off */
}

/* Make p runnable, entering user mode through its frame. */
static void start_user(struct proc *p, struct proc *parent)
{
	((struct switch_frame *)(uintptr_t)p->ksp)->r4 = (uint32_t)(uintptr_t)p->tf;
	uint32_t s = cpu_irq_save();
	adopt(parent, p);
	cpu_irq_restore(s);
	link_proc(p);
	sched_make_runnable(p);
}

int proc_spawn(const char *name, int argc, char *const argv[], bool io, struct proc *parent)
{
	const struct prog *prog;
	struct elf_info info;
	struct proc *p;
	uint32_t uargv;
	int err;

	err = find_image(name, &prog, &info);
	if (err)
		return err;
	p = proc_alloc(name, next_pid);
	if (!p)
		return -ENOMEM;
	err = image_setup(p, prog, &info, argc, argv, &uargv);
	if (err) {
		proc_free(p);
		return err;
	}
	next_pid++;
	p->io = io;
	p->dacr = io ? DACR_WITH_IO : DACR_DEFAULT;
	p->job = parent->kthread ? p->pid : parent->job;
	prepare_stack(p, user_start, 0);
	start_frame(p->tf, info.entry, argc, uargv);
	start_user(p, parent);
	return p->pid;
}

int proc_fork(void)
{
	struct proc *p = current, *c;
	int err;

	KASSERT(!p->kthread && (p->tf->cpsr & MODE_MASK) == MODE_USR);
	if (p->killed)
		return -EINTR;      /* it ends on the way out: no more children */
	c = proc_alloc(p->name, next_pid);
	if (!c)
		return -ENOMEM;
	err = window_create(c);
	if (!err)
		err = vm_fork(p, c);
	if (err) {
		proc_free(c);
		return err;
	}
	next_pid++;
	c->io = p->io;
	c->dacr = p->dacr;
	c->job = p->job;
	prepare_stack(c, user_start, 0);
	*c->tf = *p->tf;
	c->tf->r[0] = 0;                   /* fork() returns 0 in the child */
	start_user(c, p);
	return c->pid;
}

void sched_switch_window(struct proc *p);

int proc_exec(const char *name, int argc, char *const argv[])
{
	struct proc *p = current;
	const struct prog *prog, *old_image = p->image;
	struct elf_info info;
	l2_table_t *old_l2 = p->l2;
	l1e_t old_l1e = p->win_l1e;          /* window_create() makes a new one */
	struct vm_map old_vm = p->vm;
	uint32_t old_res = p->resident, old_brk = p->brk, old_brk_base = p->brk_base;
	uint32_t uargv;
	int err;

	KASSERT(!p->kthread);
	err = find_image(name, &prog, &info);
	if (err)
		return err;
	/* build the new window beside the old one; the old stays live */
	p->l2 = 0;
	p->image = 0;
	p->resident = 0;
	err = image_setup(p, prog, &info, argc, argv, &uargv);
	if (err) {
		if (p->l2)
			window_free_table(p->l2, &p->vm);
		if (p->image)
			prog_release(p->image);
		p->l2 = old_l2;
		p->win_l1e = old_l1e;
		p->vm = old_vm;
		p->image = old_image;
		p->resident = old_res;
		p->brk = old_brk;
		p->brk_base = old_brk_base;
		return err;
	}
	/* commit: drop every TLB entry of the old ASID (asid_release), put
	 * the new table in the first-level entry with a fresh ASID, and only
	 * then free the old pages */
	asid_release(&p->asid);
	sched_switch_window(p);
	window_free_table(old_l2, &old_vm);
	prog_release(old_image);
	ksnprintf(p->name, sizeof p->name, "%s", name);
	start_frame(p->tf, info.entry, argc, uargv);
	return argc;
}


/* ---- ending ------------------------------------------------------------------ */

void proc_exit(int status)
{
	struct proc *p = current, *parent = p->parent, *c;
	bool orphans = p->zombies != 0;

	KASSERT(!p->kthread && parent);
	cpu_irq_disable();
	sched_drop_window(p);
	window_destroy(p);
	vm_release(p);
	/* re-parent the children, live and ended, to the reaper */
	while ((c = p->children)) {
		sib_del(&p->children, c);
		adopt(reaper, c);
	}
	while ((c = p->zombies)) {
		sib_del(&p->zombies, c);
		c->parent = reaper;
		c->ppid = reaper->pid;
		sib_push(&reaper->zombies, c);
	}
	if (p->killed && !p->why[0])
		ksnprintf(p->why, sizeof p->why, "%s: killed", p->name);
	/* a normal exit's "NAME: exit N" is written only if someone asks */
	p->status = status;
	p->state = P_ZOMBIE;
	sib_del(&parent->children, p);
	sib_push(&parent->zombies, p);
	sched_wakeup(parent);
	if (orphans)
		sched_wakeup(reaper);
	sched_switch_away();             /* never runs again: state is ZOMBIE */
	panic("proc_exit: zombie %d ran", p->pid);
}

int proc_wait(int pid, int *status, char *why, unsigned whylen)
{
	return proc_wait_bg(pid, status, why, whylen, 0);
}

static struct proc *find_child(struct proc *list, int pid)
{
	for (; list; list = list->sib_next)
		if (list->pid == pid)
			return list;
	return 0;
}

int proc_wait_bg(int pid, int *status, char *why, unsigned whylen, bool *bg)
{
	struct proc *me = current;

	for (;;) {
		uint32_t s = cpu_irq_save();
		struct proc *c = pid > 0 ? find_child(me->zombies, pid) : me->zombies;

		if (c) {
			int cpid = c->pid;
			*status = c->status;
			if (why && c->why[0])
				ksnprintf(why, whylen, "%s", c->why);
			else if (why)
				ksnprintf(why, whylen, "%s: exit %d", c->name, c->status & 0xFF);
			if (bg)
				*bg = c->bg;
			sib_del(&me->zombies, c);
			unlink_proc(c);
			cpu_irq_restore(s);
			proc_free(c);
			return cpid;
		}
		if (pid > 0 ? !find_child(me->children, pid) : !me->children) {
			cpu_irq_restore(s);
			return pid > 0 && !proc_find(pid) ? -ESRCH : -ECHILD;
		}
		if (me->killed) {
			cpu_irq_restore(s);
			return -EINTR;
		}
		sched_sleep(me, 0);
		cpu_irq_restore(s);
	}
}

static int kill_proc(struct proc *p, int cause, const char *why)
{
	if (!p || p->state == P_ZOMBIE)
		return -ESRCH;
	if (p->kthread)
		return -EPERM;
	if (p == current)
		need_resched = true;    /* act on it on the way out */
	if (!p->killed) {
		p->killed = true;
		p->status = WAIT_KILLED | (cause << WAIT_CAUSE_SHIFT);
		ksnprintf(p->why, sizeof p->why, "%s: %s", p->name, why);
	}
	sched_wake_proc(p);
	return 0;
}

int proc_kill_job(int job, int cause, const char *why)
{
	int n = 0;

	for (struct proc *p = all; p; p = p->all_next)
		if (!p->kthread && p->job == job && p->state != P_ZOMBIE && !p->killed &&
		    kill_proc(p, cause, why) == 0)
			n++;
	return n;
}

int proc_kill(int pid, int cause, const char *why)
{
	if (pid <= 0)
		return -EINVAL;
	return kill_proc(proc_find(pid), cause, why);
}

void proc_fault_exit(int cause, const char *why)
{
	struct proc *p = current;

	p->killed = true;
	p->status = WAIT_KILLED | (cause << WAIT_CAUSE_SHIFT);
	ksnprintf(p->why, sizeof p->why, "%s: killed: %s", p->name, why);
	proc_exit(p->status);
}
