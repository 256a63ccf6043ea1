/*
 * tests/fuzz/fuzz_fault.c - the fault status decoder (paging/fault.c).
 *
 * Input: records of 6 bytes, up to MAX_RECORDS (the rest is ignored):
 *   fsr (4, little-endian), flags (1: bit 0 = prefetch), n (1: buffer size
 *   for fault_describe, 0..255).
 *
 * Invariants, from the DFSR/IFSR layout in paging/fault.h: the 5-bit
 * status is FSR[10,3:0]; the IFSR is masked to 0x40F and reports neither
 * write nor domain; a data abort reports WnR = FSR[11] and the domain
 * FSR[7:4] exactly when its table row says the domain is valid; every row
 * has a name, a class and a level in range, and only reserved codes are
 * "reserved".  fault_describe() behaves as snprintf for every size, names
 * the row and the register, and prints the FSR in hex.
 */
#include "tests/fuzz/fuzz.h"

#include "paging/fault.h"

#define MAX_RECORDS 64   /* enough for every status twice; keeps inputs short */

static void check_info(unsigned status5)
{
	const struct fault_info *fi = fault_info(status5);

	FUZZ_CHECK(fi != NULL && fi->name != NULL && fi->name[0] != '\0',
		   "status 0x%x: no row or no name", status5);
	FUZZ_CHECK((unsigned)fi->cls < FC_COUNT, "status 0x%x: class %d", status5, fi->cls);
	FUZZ_CHECK(fi->level >= 0 && fi->level <= 2, "status 0x%x: level %d", status5, fi->level);
	FUZZ_CHECK((fi->cls == FC_RESERVED) == (strcmp(fi->name, "reserved") == 0),
		   "status 0x%x: class %d named \"%s\"", status5, fi->cls, fi->name);
	if (status5 >= FS_COUNT)
		FUZZ_CHECK(fi->cls == FC_RESERVED, "status 0x%x past the table", status5);
}

static void check_decode(uint32_t fsr, bool prefetch, size_t n)
{
	struct fault_report r;
	char buf[256], full[256], expect[64];
	uint32_t seen = prefetch ? (fsr & IFSR_VALID_MASK) : fsr;
	unsigned status5 = ((seen >> 10) & 1u) << 4 | (seen & 0xFu);
	int len, full_len;

	memset(&r, 0x5A, sizeof r);
	fault_decode(fsr, prefetch, &r);
	FUZZ_CHECK(r.fsr == seen, "fsr 0x%x kept as 0x%x", fsr, r.fsr);
	FUZZ_CHECK(r.status == status5, "fsr 0x%x: status 0x%x, want 0x%x", fsr, r.status, status5);
	FUZZ_CHECK(r.info == fault_info(status5), "fsr 0x%x: not the table row", fsr);
	FUZZ_CHECK(r.prefetch == prefetch, "prefetch flag lost");
	FUZZ_CHECK(r.write == (!prefetch && (fsr & (1u << 11))), "fsr 0x%x: write %d", fsr, r.write);
	if (prefetch || !r.info->domain_valid)
		FUZZ_CHECK(r.domain == -1, "fsr 0x%x: domain %d reported", fsr, r.domain);
	else
		FUZZ_CHECK(r.domain == (int)((fsr >> 4) & 0xFu), "fsr 0x%x: domain %d", fsr, r.domain);
	check_info(status5);

	full_len = fault_describe(&r, full, sizeof full);
	memset(buf, FUZZ_CANARY, sizeof buf);
	len = fault_describe(&r, buf, n);
	fuzz_check_snprintf("fault_describe", buf, sizeof buf, n, len, full, full_len);
	FUZZ_CHECK(strncmp(full, r.info->name, strlen(r.info->name)) == 0,
		   "\"%s\" does not start with the row's name", full);
	snprintf(expect, sizeof expect, "(%s 0x%03X, ", prefetch ? "IFSR" : "FSR", (unsigned)seen);
	FUZZ_CHECK(strstr(full, expect) != NULL, "\"%s\" lacks \"%s\"", full, expect);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	unsigned records = 0;

	do {
		uint32_t fsr = fuzz_u32(&in);
		bool prefetch = fuzz_u8(&in) & 1u;
		size_t n = fuzz_u8(&in);

		check_decode(fsr, prefetch, n);
		check_info(fsr);   /* any index, also far past the table */
	} while (in.n > 0 && ++records < MAX_RECORDS);
	return 0;
}
