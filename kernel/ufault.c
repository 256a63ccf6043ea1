/*
 * kernel/ufault.c - faults in user mode, and in user copies.
 *
 * First the fault goes to kernel/vm.c: a page of a valid region that is
 * not there yet, or a copy-on-write page, is served and the access
 * retried.  Anything else kills only that process.  The report is the
 * kernel's full abort report (kernel/abort.c), prefixed with the pid and
 * name; the walk it prints goes through the window, so it shows the
 * process's own second-level descriptor.  Running out of memory and
 * overflowing the stack get reports of their own.
 */
#include "kernel/abort.h"
#include "kernel/proc.h"
#include "kernel/fmt.h"
#include "kernel/kprintf.h"
#include "kernel/syscall_nr.h"
#include "kernel/vm.h"
#include "paging/domains.h"

static enum vma_fault_kind kind_of(const struct abort_info *a)
{
	if (a->rep.info->cls == FC_TRANSLATION)
		return VF_TRANSLATION;
	return a->rep.info->cls == FC_PERMISSION ? VF_PERMISSION : VF_OTHER;
}

static bool user_fault(struct trapframe *tf, const struct abort_info *a)
{
	char why[80];
	const char *rw = a->prefetch ? "exec" : a->rep.write ? "write" : "read";
	struct proc *p = current;
	bool overflow;
	int cause;

	if (!p || p->kthread)
		return false;
	p->faults++;
	cause = vm_fault(p, a->far, kind_of(a), !a->prefetch && a->rep.write,
			 a->prefetch, tf->sp, &overflow);
	if (cause == 0)
		return true;
	if (cause == WAIT_CAUSE_OOM) {
		vm_stats.oom_kills++;
		kprintf("pid %d (%s): out of memory: no frame for the page at 0x%08x\n",
			p->pid, p->name, a->far);
		ksnprintf(why, sizeof why, "out of memory at 0x%08x (%s)", a->far, rw);
		proc_fault_exit(WAIT_CAUSE_OOM, why);
	}
	kprintf("pid %d (%s): ", p->pid, p->name);
	abort_report(a);
	if (overflow)
		ksnprintf(why, sizeof why, "stack overflow at 0x%08x (sp 0x%08x)", a->far, tf->sp);
	else if (a->rep.domain >= 0 && domain_name((unsigned)a->rep.domain) &&
		 a->rep.info->cls == FC_DOMAIN)
		ksnprintf(why, sizeof why, "%s (%s) at 0x%08x (%s)", a->rep.info->name,
			  domain_name((unsigned)a->rep.domain), a->far, rw);
	else
		ksnprintf(why, sizeof why, "%s at 0x%08x (%s)", a->rep.info->name, a->far, rw);
	proc_fault_exit(WAIT_CAUSE_FAULT, why);
}

/* The common case, before any decoding: a page translation or permission
 * fault that vm_fault() serves.  Anything it does not serve goes the
 * full way (user_fault), which decides again and reports. */
static bool user_fast(struct trapframe *tf, bool prefetch, uint32_t fsr, uint32_t far)
{
	struct proc *p = current;
	unsigned status = FSR_STATUS5(prefetch ? fsr & IFSR_VALID_MASK : fsr);
	enum vma_fault_kind kind;
	bool overflow;

	if (status == FS_TRANSLATION_PAGE)
		kind = VF_TRANSLATION;
	else if (status == FS_PERMISSION_PAGE)
		kind = VF_PERMISSION;
	else
		return false;
	if (!p || p->kthread)
		return false;
	if (vm_fault(p, far, kind, !prefetch && (fsr & FSR_WNR), prefetch, tf->sp, &overflow))
		return false;
	p->faults++;
	return true;
}

/* A system call's copy to or from the process faulted: serve the page the
 * same way, or let the copy fail with -EFAULT.  Out of memory here kills
 * the process when the call returns. */
static bool ucopy_fault(const struct abort_info *a)
{
	struct proc *p = current;
	char why[64];
	bool overflow;
	int cause;

	if (!p || p->kthread || !p->l2)
		return false;
	cause = vm_fault(p, a->far, kind_of(a), a->rep.write, false, p->tf->sp, &overflow);
	if (cause == 0)
		return true;
	if (cause == WAIT_CAUSE_OOM) {
		vm_stats.oom_kills++;
		ksnprintf(why, sizeof why, "out of memory at 0x%08x (system call)", a->far);
		proc_kill(p->pid, WAIT_CAUSE_OOM, why);
	}
	return false;
}

void ufault_init(void)
{
	abort_user_hook = user_fault;
	abort_user_fast = user_fast;
	abort_ucopy_hook = ucopy_fault;
}
