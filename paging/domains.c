/* paging/domains.c - names of the domains pagoda uses (see domains.h). */
#include "paging/domains.h"

static const char *const names[DOM_COUNT] = {
	[DOM_KERNEL] = "kernel",
	[DOM_USER]   = "user windows",
	[DOM_DEVICE] = "devices",
	[DOM_IO]     = "io (user GPIO)",
	[DOM_DEMO]   = "demo (fault domain)",
};

const char *domain_name(unsigned dom)
{
	return dom < DOM_COUNT ? names[dom] : 0;
}
