/*
 * paging/pt_walk.c - a software table walk that reports what the MMU would
 * do with one access: the translation, or the fault status it would write.
 *
 * The order of checks is the ARMv6 fault checking sequence ([TRM] ARM DDI
 * 0301H 6.9 "MMU fault checking"; [ARM] DDI 0100I B4, "Fault checking
 * sequence"):
 *
 *   L1 entry fault/reserved ............... section translation fault  0x05
 *   L1 page table -> L2 entry fault ....... page translation fault     0x07
 *   DACR field of the domain:
 *     00 no access, 10 reserved ........... section/page domain fault  0x09/0x0B
 *     11 manager .......................... allowed, nothing else checked
 *     01 client: XN on a fetch, or AP
 *        forbids the access ............... section/page permission    0x0D/0x0F
 *
 * Two details where implementations are worth comparing:
 *  - For a page, the architecture reads the L2 entry before it checks the
 *    domain, so an unmapped page in a no-access domain is a page
 *    translation fault.  QEMU 7.2 checks the domain right after the L1
 *    entry and reports a page domain fault (0x0B) there instead.
 *  - A manager domain skips the XN check too (an XN violation is a
 *    permission fault, and managers get none); QEMU agrees.
 * The SCTLR.S/R bits are assumed 0 and the access flag (SCTLR.AFE) off.
 */
#include "paging/pt.h"

#include <stdarg.h>

#include "kernel/fmt.h"
#include "kernel/string.h"
#include "paging/domains.h"
#include "paging/fault.h"
#include "paging/maint.h"

/* Would a client's access be allowed by permission ap? */
static bool ap_allows(enum ap ap, enum pt_access acc, bool user)
{
	if (acc == PT_WRITE)
		return user ? ap_user_writable(ap) : ap_kernel_writable(ap);
	/* reads and instruction fetches both need read permission */
	return user ? ap_user_readable(ap) : ap_kernel_readable(ap);
}

/* The 5-bit status for the leaf in w (level 1 or 2), or 0 if allowed. */
static unsigned check_access(const struct pt_walk *w, uint32_t dacr)
{
	bool section = w->level == 1;

	switch ((dacr >> (2u * w->domain)) & 3u) {   /* [TRM] 3.2.16 */
	case DACR_MANAGER:
		return 0;
	case DACR_CLIENT:
		if ((w->acc == PT_EXEC && w->xn) || !ap_allows(w->ap, w->acc, w->user))
			return section ? FS_PERMISSION_SECTION : FS_PERMISSION_PAGE;
		return 0;
	default:   /* no access, reserved */
		return section ? FS_DOMAIN_SECTION : FS_DOMAIN_PAGE;
	}
}

/* Turn a 5-bit status into the FSR value the CPU would write. */
static uint32_t fsr_for(unsigned status, const struct pt_walk *w)
{
	uint32_t fsr = (status & FSR_STATUS_MASK) | ((status & 0x10u) ? FSR_S : 0);

	if (w->acc == PT_EXEC)
		return fsr;   /* IFSR: no WnR, no domain */
	if (w->acc == PT_WRITE)
		fsr |= FSR_WNR;
	if (fault_info(status)->domain_valid)
		fsr |= (uint32_t)w->domain << FSR_DOMAIN_SHIFT;
	return fsr;
}

/* Finish: record the outcome, copy out, return the FSR (0 = success). */
static int finish(struct pt_walk *w, unsigned status, struct pt_walk *out)
{
	w->fsr = status ? fsr_for(status, w) : 0;
	if (out)
		*out = *w;
	return (int)w->fsr;
}

/* The leaf's attributes: from the section, or from the page (the domain
 * always comes from L1). */
static void leaf_from_l1(struct pt_walk *w, l1e_t e)
{
	uint32_t size = l1e_kind(e) == L1_SUPERSECTION ? SUPERSECTION_SIZE : SECTION_SIZE;

	w->pa = l1e_pa(e) | (w->va & (size - 1));
	w->ap = l1e_ap(e);
	w->mem = l1e_memtype(e);
	w->xn = l1e_xn(e);
	w->ng = l1e_ng(e);
	w->shared = l1e_shared(e);
}

static void leaf_from_l2(struct pt_walk *w, l2e_t e)
{
	uint32_t size = l2e_kind(e) == L2_LARGE ? LARGE_PAGE_SIZE : SMALL_PAGE_SIZE;

	w->pa = l2e_pa(e) | (w->va & (size - 1));
	w->ap = l2e_ap(e);
	w->mem = l2e_memtype(e);
	w->xn = l2e_xn(e);
	w->ng = l2e_ng(e);
	w->shared = l2e_shared(e);
}

int pt_translate(const l1_table_t *l1, uint32_t va, enum pt_access acc,
		 bool user, uint32_t dacr, struct pt_walk *out)
{
	struct pt_walk w;
	uint32_t i1 = L1_INDEX(va), i2 = L2_INDEX(va);
	l1e_t e1 = l1->e[i1];
	const l2_table_t *t;
	l2e_t e2;

	memset(&w, 0, sizeof w);
	w.va = va;
	w.acc = acc;
	w.user = user;
	w.ttbr = pt_kva_to_pa(l1);
	w.l1 = (struct pt_step){ w.ttbr + i1 * 4u, i1, e1.raw };
	w.level = 1;
	w.ap = AP_COUNT;
	w.mem = -1;
	w.domain = l1e_domain(e1);

	switch (l1e_kind(e1)) {
	case L1_SECTION:
	case L1_SUPERSECTION:
		leaf_from_l1(&w, e1);
		return finish(&w, check_access(&w, dacr), out);
	case L1_PAGETABLE:
		break;
	default:   /* fault, reserved */
		return finish(&w, FS_TRANSLATION_SECTION, out);
	}

	w.has_l2 = true;
	w.level = 2;
	w.l2_table_pa = l1e_pa(e1);
	t = pt_pa_to_kva(w.l2_table_pa);
	e2 = t->e[i2];
	w.l2 = (struct pt_step){ w.l2_table_pa + i2 * 4u, i2, e2.raw };
	if (l2e_kind(e2) == L2_FAULT)
		return finish(&w, FS_TRANSLATION_PAGE, out);
	leaf_from_l2(&w, e2);
	return finish(&w, check_access(&w, dacr), out);
}

/* ---- description ------------------------------------------------------------- */

/* snprintf-append at offset len of buf[n]; returns the new total length. */
static int appendf(char *buf, size_t n, int len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int appendf(char *buf, size_t n, int len, const char *fmt, ...)
{
	size_t off = (size_t)len;
	va_list ap;
	int r;

	va_start(ap, fmt);
	if (off < n)
		r = kvsnprintf(buf + off, n - off, fmt, ap);
	else
		r = kvsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	return len + r;
}

int pt_walk_describe(const struct pt_walk *w, char *buf, size_t n)
{
	char what[96];
	int len = 0;

	len = appendf(buf, n, len, "TTBR0 = 0x%08x\n", (unsigned)w->ttbr);
	l1e_describe(l1e_from_raw(w->l1.raw), what, sizeof what);
	len = appendf(buf, n, len, "L1[0x%03x] @0x%08x = 0x%08x  %s\n",
		      (unsigned)w->l1.index, (unsigned)w->l1.addr_pa,
		      (unsigned)w->l1.raw, what);
	if (w->has_l2) {
		l2e_describe(l2e_from_raw(w->l2.raw), what, sizeof what);
		len = appendf(buf, n, len, "L2[0x%02x] @0x%08x = 0x%08x  %s\n",
			      (unsigned)w->l2.index, (unsigned)w->l2.addr_pa,
			      (unsigned)w->l2.raw, what);
	}
	if (w->fsr == 0)
		return appendf(buf, n, len, "PA = 0x%08x", (unsigned)w->pa);
	return appendf(buf, n, len, "fault: %s (%s 0x%03X)",
		       fault_info(FSR_STATUS5(w->fsr))->name,
		       w->acc == PT_EXEC ? "IFSR" : "FSR", (unsigned)w->fsr);
}
