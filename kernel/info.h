/* kernel/info.h - the `info` command's report. */
#ifndef KERNEL_INFO_H
#define KERNEL_INFO_H
void info_print(void);
/* "ARM1176JZF-S r0p7" and the like, from a MIDR value (ARM1176 TRM 3.2.2). */
int midr_describe(unsigned midr, char *buf, unsigned n);
#endif
