/*
 * paging/domains.h - pagoda's allocation of the 16 ARM domains.
 *
 * ARM1176JZF-S TRM (DDI 0301H) 6.7 "Domains" and 3.2.16 "c3, Domain Access
 * Control Register": each domain has two bits in the DACR:
 *   00 no access  - any access faults with a domain fault
 *   01 client     - accesses are checked against the AP/APX bits
 *   10 reserved   - behaves as no access
 *   11 manager    - accesses are NOT checked (pagoda never uses it)
 *
 *   domain  name     holds                              DACR
 *   ------  -------  ---------------------------------  ------------------------
 *     0     kernel   kernel image, RAM, page tables     client
 *     1     user     the process windows 0x02000000     client
 *     2     device   peripherals (kernel only)          client
 *     3     io       user-reachable GPIO window         no access, client for
 *                                                       processes with the io right
 *    15     demo     the `fault domain` demonstration   no access
 */
#ifndef PAGING_DOMAINS_H
#define PAGING_DOMAINS_H

#include <stdint.h>

#define DOM_KERNEL  0u
#define DOM_USER    1u
#define DOM_DEVICE  2u
#define DOM_IO      3u
#define DOM_DEMO   15u
#define DOM_COUNT  16u

/* Two-bit fields of the DACR, TRM 3.2.16 Table 3-41 */
#define DACR_NOACCESS 0u
#define DACR_CLIENT   1u
#define DACR_RESERVED 2u
#define DACR_MANAGER  3u
#define DACR_FIELD(dom, v) ((uint32_t)(v) << (2u * (dom)))

/* The DACR the kernel runs with (and ordinary processes: io off). */
#define DACR_DEFAULT (DACR_FIELD(DOM_KERNEL, DACR_CLIENT) | \
		      DACR_FIELD(DOM_USER, DACR_CLIENT) |   \
		      DACR_FIELD(DOM_DEVICE, DACR_CLIENT))
/* ... and for a process holding the io right. */
#define DACR_WITH_IO (DACR_DEFAULT | DACR_FIELD(DOM_IO, DACR_CLIENT))

/* The name of a domain in use, or NULL. */
const char *domain_name(unsigned dom);

#endif
