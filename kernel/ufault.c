/*
 * kernel/ufault.c - a fault in user mode kills only that process.
 *
 * The report is the kernel's full abort report (kernel/abort.c), prefixed
 * with the pid and name; the walk it prints goes through the window, so
 * it shows the process's own second-level descriptor.
 */
#include "kernel/abort.h"
#include "kernel/proc.h"
#include "kernel/fmt.h"
#include "kernel/kprintf.h"
#include "kernel/syscall_nr.h"
#include "paging/domains.h"

static bool user_fault(struct trapframe *tf, const struct abort_info *a)
{
	char why[80];
	const char *rw = a->prefetch ? "exec" : a->rep.write ? "write" : "read";
	struct proc *p = current;

	(void)tf;
	if (!p || p->kthread)
		return false;
	p->faults++;
	kprintf("pid %d (%s): ", p->pid, p->name);
	abort_report(a);
	if (a->rep.domain >= 0 && domain_name((unsigned)a->rep.domain) &&
	    a->rep.info->cls == FC_DOMAIN)
		ksnprintf(why, sizeof why, "%s (%s) at 0x%08x (%s)", a->rep.info->name,
			  domain_name((unsigned)a->rep.domain), a->far, rw);
	else
		ksnprintf(why, sizeof why, "%s at 0x%08x (%s)", a->rep.info->name, a->far, rw);
	proc_fault_exit(WAIT_CAUSE_FAULT, why);
}

void ufault_init(void)
{
	abort_user_hook = user_fault;
}
