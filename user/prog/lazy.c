/*
 * lazy - demand paging: a 900 KiB array costs only the pages touched.
 *
 *   lazy [wait]
 *
 * The array is bss, 900 KiB of the 1 MiB window, so it is reserved at
 * load but no frame backs it until a page is touched.  lazy touches one
 * page, reads a few others (which must read as zero), and prints its
 * resident and reserved sizes from the kernel's count.  With "wait" it
 * then sleeps until killed, so that `ps` can show the same from outside.
 */
#include <stdio.h>
#include <string.h>
#include "pagoda.h"

static char big[900 * 1024];

int main(int argc, char **argv)
{
	struct pagoda_memstat m;
	unsigned zeros = 0;

	big[450 * 1024] = 1;                            /* one page touched */
	for (unsigned off = 0; off < sizeof big; off += 100 * 1024)
		zeros += big[off + 7] == 0;             /* demand-zero reads */
	pagoda_memstat(&m);
	printf("lazy: array of %u KiB at %p; %u of 9 pages read as zero\n",
	       (unsigned)sizeof big / 1024, (void *)big, zeros);
	printf("lazy: resident %u pages (%u KiB) of %u reserved (%u KiB)\n",
	       m.resident, m.resident * 4, m.reserved_pages, m.reserved_pages * 4);
	if (argc > 1 && strcmp(argv[1], "wait") == 0)
		for (;;)
			pagoda_sleep_ms(1000);
	return zeros == 9 ? 0 : 1;
}
