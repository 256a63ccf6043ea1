/*
 * kernel/cmd_proc.c - shell commands for processes and memory:
 * run, ps, kill, ls, mem, and the PID forms of vm and walk.
 */
#include <stdbool.h>
#include <stdint.h>
#include "kernel/shell.h"
#include "kernel/kprintf.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/console.h"
#include "kernel/frame.h"
#include "kernel/kstack.h"
#include "kernel/kobj.h"
#include "kernel/l2chunk.h"
#include "kernel/proc.h"
#include "kernel/progs.h"
#include "kernel/syscall_nr.h"
#include "kernel/window.h"
#include "kernel/vm.h"
#include "paging/domains.h"
#include "paging/mmu.h"
#include "paging/pt.h"
#include "paging/tlb.h"
#include "paging/maint.h"
#include "drivers/systimer.h"
#include "boot/cp15.h"

static volatile int fg_pid;          /* the foreground process, 0 = none */

/* Ctrl-C from the receive interrupt: kill the foreground job (the
 * process and everything it forked) and swallow the byte. */
static bool ctrl_c(void)
{
	if (!fg_pid)
		return false;
	proc_kill_job(fg_pid, WAIT_CAUSE_KILL, "interrupted (Ctrl-C)");
	return true;
}

void proc_cmd_init(void)
{
	console_intr_hook = ctrl_c;
}

static void print_end(int pid, int status, const char *why)
{
	(void)status;
	kprintf("[%d] %s\n", pid, why);
}

int cmd_run(int argc, char **argv)
{
	bool io = false, bg = false;
	int first = 1, pid, status;
	char why[80];

	if (argc > 1 && strcmp(argv[1], "-io") == 0) {
		io = true;
		first = 2;
	}
	if (strcmp(argv[argc - 1], "&") == 0) {
		bg = true;
		argc--;
	}
	if (first >= argc) {
		kprintf("usage: run [-io] NAME [ARGS...] [&]\n");
		return -EINVAL;
	}
	pid = proc_spawn(argv[first], argc - first, &argv[first], io, bg ? reaper : current);
	if (pid == -ENOENT) {
		kprintf("run: no program '%s' (try 'ls')\n", argv[first]);
		return pid;
	}
	if (pid == -ENOEXEC) {
		kprintf("run: %s: bad ELF: %s\n", argv[first], proc_spawn_error());
		return pid;
	}
	if (pid == -E2BIG) {
		kprintf("run: arguments too long\n");
		return pid;
	}
	if (pid < 0) {
		kprintf("run: cannot start %s: out of memory\n", argv[first]);
		return pid;
	}
	if (bg) {
		proc_find(pid)->bg = true;
		kprintf("[%d] %s started in the background\n", pid, argv[first]);
		return 0;
	}
	fg_pid = pid;
	pid = proc_wait(pid, &status, why, sizeof why);
	fg_pid = 0;
	if (pid > 0)
		print_end(pid, status, why);
	return 0;
}

int cmd_kill(int argc, char **argv)
{
	unsigned pid;
	int err;

	(void)argc;
	if (shell_arg_u32(argv[1], &pid) < 0)
		return -EINVAL;
	err = proc_kill((int)pid, WAIT_CAUSE_KILL, "killed from the shell");
	/* the first process of a job takes the whole job with it: what it
	 * forked (a fork bomb, say) goes too */
	if (err == 0 && proc_find((int)pid)->job == (int)pid) {
		int n = proc_kill_job((int)pid, WAIT_CAUSE_KILL, "killed from the shell (job)");
		if (n > 0)
			kprintf("kill: job %u: %d more process%s\n", pid, n, n == 1 ? "" : "es");
	}
	if (err == -ESRCH)
		kprintf("kill: no process %u\n", pid);
	else if (err == -EPERM)
		kprintf("kill: %u is a kernel thread\n", pid);
	else if (err)
		kprintf("kill: bad pid %u\n", pid);
	return err;
}

static const char *const state_names[] = {
	[P_EMBRYO] = "new", [P_RUNNABLE] = "ready", [P_RUNNING] = "run",
	[P_SLEEPING] = "sleep", [P_ZOMBIE] = "zombie",
};

int cmd_ps(int argc, char **argv)
{
	(void)argc; (void)argv;
	kprintf("  PID  PPID STATE  NAME             RES(K) RSV(K)  FAULTS   CPU(ms) RIGHTS\n");
	for (struct proc *p = proc_first(); p; p = proc_next(p)) {
		kprintf("%5d %5d %-6s %-16s %6u %6u %7u %9llu %s\n", p->pid,
			p->kthread ? 0 : p->ppid, state_names[p->state], p->name,
			p->resident * 4, vma_reserved(&p->vm) / 1024, p->faults,
			p->cpu_ticks * 1000 / HZ,
			p->kthread ? "kernel" : p->io ? "user,io" : "user");
	}
	return 0;
}

int cmd_ls(int argc, char **argv)
{
	const struct prog *pr;

	(void)argc; (void)argv;
	for (unsigned i = 0; (pr = prog_at(i)); i++)
		kprintf("  %-16s %7u bytes%s\n", pr->name, pr->size,
			prog_builtin(pr) ? "" : "  (uploaded)");
	return 0;
}

int cmd_mem(int argc, char **argv)
{
	struct frame_stats s;

	(void)argc; (void)argv;
	frame_stats(&s);
	kprintf("frames: %u total, %u free, %u used (%u KiB free)\n", s.total, s.free,
		s.used, s.free * 4);
	kprintf("  kernel %u, page tables %u, user %u, shared %u, reserve %u\n",
		s.by_use[FRAME_KERNEL], s.by_use[FRAME_PT], s.by_use[FRAME_USER],
		s.shared, s.reserve);
	kprintf("page tables: %u L2 tables from frames (windows, kernel stacks), %u boot pool tables\n",
		l2chunk_in_use(), pt_l2_tables_in_use());
	kprintf("processes: %u (%u on the run queue), kernel stacks %u\n", proc_count(),
		sched_runq_length(), kstack_in_use());
	kprintf("paging: %u frames shared, %u cow faults (%u copied, %u reused), "
		"%u demand faults (%u zero-fill, %u load), %u out-of-memory kills, %u forks\n",
		s.shared, vm_stats.cow_copies + vm_stats.cow_reuses, vm_stats.cow_copies,
		vm_stats.cow_reuses, vm_stats.zero_fills + vm_stats.file_loads,
		vm_stats.zero_fills, vm_stats.file_loads, vm_stats.oom_kills, vm_stats.forks);
	const struct kcache *kc = proc_kcache();
	kprintf("kernel objects: %s %u in use (peak %u), %u B each, %u frames\n",
		kc->name, kc->in_use, kc->peak, kc->size, kc->frames);
	return 0;
}

/* ---- vm PID and walk VA PID ---------------------------------------------------- */

static struct proc *user_proc(const char *arg)
{
	unsigned pid;
	struct proc *p;

	if (shell_arg_u32(arg, &pid) < 0)
		return 0;
	p = proc_find((int)pid);
	if (!p || p->kthread || !p->l2) {
		kprintf("error: no user process %u\n", pid);
		return 0;
	}
	return p;
}

static const char *const kind_names[] = {
	[VMA_SEGMENT] = "segment", [VMA_HEAP] = "heap", [VMA_STACK] = "stack",
};
static const char *const rights_names[] = {
	[VMA_RX] = "r-x", [VMA_RO] = "r--", [VMA_RW] = "rw-",
};

/* One line per mapped page, with its sharing state; pages still to come
 * (zero-fill or file-backed, pending) as one line per run. */
int cmd_vm_proc(struct proc *p)
{
	kprintf("pid %d (%s): window %08x-%08x, L2 table @%08x, ASID %u, DACR %08x\n",
		p->pid, p->name, WIN_BASE, WIN_TOP - 1, pt_kva_to_pa(p->l2), p->asid.asid,
		p->dacr);
	kprintf("regions:\n");
	for (unsigned i = 0; i < p->vm.n; i++) {
		const struct vma *v = &p->vm.v[i];
		kprintf("  %08x-%08x %s %-7s", v->start, v->end - 1, rights_names[v->rights],
			kind_names[v->kind]);
		if (v->kind == VMA_SEGMENT && v->file_len)
			kprintf(" file %08x-%08x", v->file_va, v->file_va + v->file_len - 1);
		kprintf("\n");
	}
	kprintf("VA        PA        rights   memory       dom XN nG state\n");
	for (unsigned i = 0; i < L2_ENTRIES;) {
		uint32_t va = WIN_BASE + i * 0x1000u;
		l2e_t e = p->l2->e[i];
		unsigned refs, j;
		enum vm_page_state st = vm_page_state(p, va, &refs);
		int mt = l2e_memtype(e);

		if (l2e_kind(e) != L2_FAULT) {
			kprintf("%08x  %08x  %-8s %-12s %2u  %s %s %s", va, l2e_pa(e),
				ap_name(l2e_ap(e)), mt >= 0 ? memtype_name((enum memtype)mt) : "?",
				DOM_USER, l2e_xn(e) ? "XN" : "- ", l2e_ng(e) ? "nG" : "- ",
				vm_page_state_name(st));
			if (refs > 1)
				kprintf(" (refs %u)", refs);
			kprintf("\n");
			i++;
			continue;
		}
		for (j = i + 1; j < L2_ENTRIES; j++) {
			unsigned r2;
			if (l2e_kind(p->l2->e[j]) != L2_FAULT ||
			    vm_page_state(p, WIN_BASE + j * 0x1000u, &r2) != st)
				break;
		}
		if (st != VP_NONE)
			kprintf("%08x-%08x %-40s %s (%u page%s)\n", va, WIN_BASE + j * 0x1000u - 1,
				"", vm_page_state_name(st), j - i, j - i == 1 ? "" : "s");
		i = j;
	}
	kprintf("%u pages resident of %u reserved, break %08x\n", p->resident,
		vma_reserved(&p->vm) / 0x1000u, p->brk);
	return 0;
}

int cmd_vm_pid(const char *arg)
{
	struct proc *p = user_proc(arg);
	return p ? cmd_vm_proc(p) : -EINVAL;
}

/* A first-level table as process p's hardware sees it: the kernel's, with
 * the window entry pointing at p's table. */
int cmd_walk_pid(uint32_t va, const char *arg, struct pt_walk *w)
{
	static l1_table_t view;
	struct proc *p = user_proc(arg);

	if (!p)
		return -EINVAL;
	memcpy(&view, kernel_l1(), sizeof view);
	l1_build(l1_domain(l1_pagetable(pt_kva_to_pa(p->l2)), DOM_USER),
		 &view.e[L1_INDEX(WIN_BASE)]);
	pt_translate(&view, va, PT_READ, true, p->dacr, w);
	/* show where the hardware reads the entry, not our scratch copy */
	w->ttbr = cp15_read_ttbr0() & ~0x3FFFu;
	w->l1.addr_pa = pt_kva_to_pa(kernel_l1()) + L1_INDEX(va) * 4u;
	kprintf("pid %d (%s), user read, ASID %u:\n", p->pid, p->name, p->asid.asid);
	return 0;
}
