/*
 * paging/kmap.c - the kernel map table and the one loop that maps it.
 */
#include "paging/kmap.h"
#include "paging/pt.h"
#include "paging/domains.h"
#include "kernel/kprintf.h"
#include "kernel/layout.h"

#define R(name, s, e, ap, mem, dom, xn, sec) \
	{ name, (uint32_t)(uintptr_t)(s), (uint32_t)(uintptr_t)(e), KMAP_IDENTITY, ap, mem, dom, xn, sec }

const struct kmap_region kmap[] = {
	R("text",      __text_start,       __text_end,       AP_KRO, MT_NORMAL_WBWA, DOM_KERNEL, false, false),
	R("rodata",    __rodata_start,     __rodata_end,     AP_KRO, MT_NORMAL_WBWA, DOM_KERNEL, true,  false),
	R("data+bss",  __data_start,       __bss_end,        AP_KRW, MT_NORMAL_WBWA, DOM_KERNEL, true,  false),
	R("svc stack", __stack_svc_bottom, __stack_svc_top,  AP_KRW, MT_NORMAL_WBWA, DOM_KERNEL, true,  false),
	R("irq stack", __stack_irq_bottom, __stack_irq_top,  AP_KRW, MT_NORMAL_WBWA, DOM_KERNEL, true,  false),
	R("abt stack", __stack_abt_bottom, __stack_abt_top,  AP_KRW, MT_NORMAL_WBWA, DOM_KERNEL, true,  false),
	R("und stack", __stack_und_bottom, __stack_und_top,  AP_KRW, MT_NORMAL_WBWA, DOM_KERNEL, true,  false),
	R("fiq stack", __stack_fiq_bottom, __stack_fiq_top,  AP_KRW, MT_NORMAL_WBWA, DOM_KERNEL, true,  false),
	R("sys stack", __stack_sys_bottom, __stack_sys_top,  AP_KRW, MT_NORMAL_WBWA, DOM_KERNEL, true,  false),
	R("ram",       __image_end,        WINDOW_BASE,      AP_KRW, MT_NORMAL_WBWA, DOM_KERNEL, true,  true),
	R("ram",       WINDOW_BASE + WINDOW_SIZE, KMAP_RAM_END, AP_KRW, MT_NORMAL_WBWA, DOM_KERNEL, true, true),
	R("devices",   0x20000000u,        0x21000000u,      AP_KRW, MT_DEVICE_SHARED, DOM_DEVICE, true, true),
	/* The user-reachable GPIO block, for processes holding the io right.
	 * It sits in its own MiB, at the bus address the BCM2835 manual uses
	 * (0x7E200000), because a first-level entry has ONE domain for its
	 * whole MiB: the kernel's own 0x202xxxxx MiB (which holds the UART)
	 * must stay in the device domain.  Domain io is no-access unless the
	 * running process has the right, so the table never changes. */
	{ "user gpio (io)", USER_GPIO_VA, USER_GPIO_VA + 0x1000u, 0x20200000u,
	  AP_KRW_URW, MT_DEVICE_SHARED, DOM_IO, true, false },
	{ "demo: domain",    DEMO_DOMAIN_VA, DEMO_DOMAIN_VA + 0x100000u, DEMO_PA,
	  AP_KRW, MT_NORMAL_WBWA, DOM_DEMO, true, true },
	{ "demo: ro section", DEMO_RO_SECTION_VA, DEMO_RO_SECTION_VA + 0x100000u, DEMO_PA,
	  AP_KRO, MT_NORMAL_WBWA, DOM_KERNEL, true, true },
	{ "demo: domain page", DEMO_DOMAIN_PAGE_VA, DEMO_DOMAIN_PAGE_VA + 0x1000u, DEMO_PA,
	  AP_KRW, MT_NORMAL_WBWA, DOM_DEMO, true, false },
};

const unsigned kmap_count = sizeof(kmap) / sizeof(kmap[0]);

/* Map every row of kmap[] into l1 (not yet live: no TLB concerns beyond
 * what pt_map does anyway).  Panics on failure: without its map the kernel
 * cannot run. */
void kmap_build(l1_table_t *l1, uint32_t ram_end)
{
	for (unsigned i = 0; i < kmap_count; i++) {
		const struct kmap_region *r = &kmap[i];
		uint32_t end = r->end == KMAP_RAM_END ? ram_end : r->end;
		uint32_t pa = r->pa == KMAP_IDENTITY ? r->va : r->pa;
		struct pt_attrs a = {
			.ap = r->ap, .mem = r->mem, .domain = r->domain,
			.xn = r->xn, .ng = false, .shared = false,
		};
		int err;

		if (end <= r->va)
			continue;   /* e.g. RAM ends below the window */
		err = pt_map(l1, r->va, pa, end - r->va, &a, r->sections ? PT_SECTIONS_OK : 0);
		if (err)
			panic("kmap_build: %s %08x-%08x: error %d", r->name, r->va, end, err);
	}
}
