/*
 * tests/fuzz/fuzz_desc.c - the descriptor getters, describers and builders
 * (paging/desc.c, desc_l1.c, desc_l2.c) on arbitrary words and arbitrary
 * chains of setter calls.
 *
 * Input: records, up to MAX_RECORDS (the rest is ignored):
 *   word (4)       a raw descriptor, read as both an L1 and an L2 entry
 *   n (1)          buffer size for l1e_describe/l2e_describe, 0..255
 *   start (1)      which builder starts the chain (see start_l1/start_l2)
 *   pa (4)         its address argument, and l*e_rebase's
 *   count (1)      setter calls that follow (count % 16)
 *   count x (op (1), arg (1))
 *
 * Oracles:
 *  - every getter agrees with the bit layout of [TRM] Figures 6-7 and 6-8,
 *    decoded again here field by field;
 *  - describe behaves as snprintf and names the kind and the address;
 *  - a word rebuilt from its getters through the builders describes the
 *    same, and l1_edit/l2_edit plus the same AP and memory type give back
 *    the very word (except AP 1:11, which is built as its twin 1:10);
 *  - l1e_rebase/l2e_rebase(word, pa) change the base only, and only of a
 *    section or small page with pa aligned: anything else is a fault entry;
 *  - a chain of setters matches a model: the first refused call (a field
 *    the kind lacks, an out-of-range value) is the error that l*_build
 *    returns, leaving *out untouched; otherwise every field reads back as
 *    last set.
 */
#include "tests/fuzz/fuzz.h"

#include "kernel/errno.h"
#include "paging/desc.h"

#define MAX_RECORDS 16   /* keeps inputs short, and the fuzzer fast */

static uint32_t bits(uint32_t w, unsigned hi, unsigned lo)
{
	return (w >> lo) & ((2u << (hi - lo)) - 1u);
}

/* [TRM] Table 6-1: APX:AP[1:0] to the enum, AP_COUNT for reserved 1:00. */
static enum ap ref_ap(unsigned apx, unsigned ap10)
{
	static const enum ap table[2][4] = {
		{ AP_NONE, AP_KRW, AP_KRW_URO, AP_KRW_URW },
		{ AP_COUNT, AP_KRO, AP_KRO_URO, AP_KRO_URO },
	};
	return table[apx][ap10];
}

/* [TRM] Table 6-2, the rows pagoda names; -1 for the others. */
static int ref_mem(unsigned tex, unsigned c, unsigned b)
{
	switch (tex << 2 | c << 1 | b) {
	case 000: return MT_STRONGLY_ORDERED;
	case 001: return MT_DEVICE_SHARED;
	case 010: return MT_DEVICE;
	case 004: return MT_NORMAL_NC;
	case 002: return MT_NORMAL_WT;
	case 003: return MT_NORMAL_WB;
	case 007: return MT_NORMAL_WBWA;
	default:  return -1;
	}
}

/* A decoded descriptor: what the getters should say. */
struct fields {
	int kind;
	uint32_t pa;
	enum ap ap;
	int mem;
	unsigned dom;
	bool xn, ng, s;
};

static struct fields ref_l1(uint32_t w)
{
	struct fields f = { .ap = AP_COUNT, .mem = -1 };
	bool leaf = false;

	switch (bits(w, 1, 0)) {
	case 0: f.kind = L1_FAULT; break;
	case 1: f.kind = L1_PAGETABLE; f.pa = w & 0xFFFFFC00u; f.dom = bits(w, 8, 5); break;
	case 2:
		leaf = true;
		if (bits(w, 18, 18)) {
			f.kind = L1_SUPERSECTION;
			f.pa = w & 0xFF000000u;
		} else {
			f.kind = L1_SECTION;
			f.pa = w & 0xFFF00000u;
			f.dom = bits(w, 8, 5);
		}
		break;
	default: f.kind = L1_RESERVED; break;
	}
	if (leaf) {
		f.ap = ref_ap(bits(w, 15, 15), bits(w, 11, 10));
		f.mem = ref_mem(bits(w, 14, 12), bits(w, 3, 3), bits(w, 2, 2));
		f.xn = bits(w, 4, 4);
		f.s = bits(w, 16, 16);
		f.ng = bits(w, 17, 17);
	}
	return f;
}

static struct fields ref_l2(uint32_t w)
{
	struct fields f = { .ap = AP_COUNT, .mem = -1 };

	if (bits(w, 1, 1)) {
		f.kind = L2_SMALL;
		f.pa = w & 0xFFFFF000u;
		f.mem = ref_mem(bits(w, 8, 6), bits(w, 3, 3), bits(w, 2, 2));
		f.xn = bits(w, 0, 0);
	} else if (bits(w, 1, 0) == 1) {
		f.kind = L2_LARGE;
		f.pa = w & 0xFFFF0000u;
		f.mem = ref_mem(bits(w, 14, 12), bits(w, 3, 3), bits(w, 2, 2));
		f.xn = bits(w, 15, 15);
	} else {
		f.kind = L2_FAULT;
		return f;
	}
	f.ap = ref_ap(bits(w, 9, 9), bits(w, 5, 4));
	f.s = bits(w, 10, 10);
	f.ng = bits(w, 11, 11);
	return f;
}

static struct fields get_l1(l1e_t e)
{
	return (struct fields){ l1e_kind(e), l1e_pa(e), l1e_ap(e), l1e_memtype(e),
				l1e_domain(e), l1e_xn(e), l1e_ng(e), l1e_shared(e) };
}

static struct fields get_l2(l2e_t e)
{
	return (struct fields){ l2e_kind(e), l2e_pa(e), l2e_ap(e), l2e_memtype(e),
				0, l2e_xn(e), l2e_ng(e), l2e_shared(e) };
}

static void same_fields(const char *what, uint32_t w, struct fields a, struct fields b)
{
	FUZZ_CHECK(a.kind == b.kind && a.pa == b.pa && a.ap == b.ap && a.mem == b.mem &&
		   a.dom == b.dom && a.xn == b.xn && a.ng == b.ng && a.s == b.s,
		   "%s 0x%08x: kind %d/%d pa 0x%x/0x%x ap %d/%d mem %d/%d dom %u/%u "
		   "xn %d/%d ng %d/%d s %d/%d", what, w, a.kind, b.kind, a.pa, b.pa, a.ap, b.ap,
		   a.mem, b.mem, a.dom, b.dom, a.xn, b.xn, a.ng, b.ng, a.s, b.s);
}

/* describe(w) into buffers of size n and 256: snprintf rules, the kind's
 * name first and (has_pa) the address in the text.  full gets the text. */
static void check_describe(const char *what, int (*describe)(uint32_t, char *, size_t),
			   uint32_t w, size_t n, const char *prefix, bool has_pa,
			   uint32_t pa, char full[256])
{
	char buf[256], addr[16];
	int len, full_len;

	full_len = describe(w, full, 256);
	memset(buf, FUZZ_CANARY, sizeof buf);
	len = describe(w, buf, n);
	fuzz_check_snprintf(what, buf, sizeof buf, n, len, full, full_len);
	FUZZ_CHECK(strncmp(full, prefix, strlen(prefix)) == 0, "%s 0x%08x: \"%s\", want \"%s...\"",
		   what, w, full, prefix);
	if (!has_pa)
		return;
	snprintf(addr, sizeof addr, "0x%08x", pa);
	FUZZ_CHECK(strstr(full, addr) != NULL, "%s 0x%08x: \"%s\" lacks %s", what, w, full, addr);
}

static int describe_l1(uint32_t w, char *buf, size_t n) { return l1e_describe(l1e_from_raw(w), buf, n); }
static int describe_l2(uint32_t w, char *buf, size_t n) { return l2e_describe(l2e_from_raw(w), buf, n); }

static const char *const l1_prefix[] = {
	[L1_FAULT] = "fault", [L1_PAGETABLE] = "page table @", [L1_SECTION] = "section pa=",
	[L1_SUPERSECTION] = "supersection pa=", [L1_RESERVED] = "reserved",
};
static const char *const l2_prefix[] = {
	[L2_FAULT] = "fault", [L2_LARGE] = "large page pa=", [L2_SMALL] = "small page pa=",
};

/* AP 1:11 is built as 1:10: the word l*_edit + setters should give back. */
static uint32_t normalized(uint32_t w, uint32_t apx_bit, unsigned ap_shift)
{
	if ((w & apx_bit) && bits(w, ap_shift + 1, ap_shift) == 3)
		w &= ~(1u << ap_shift);
	return w;
}

static void check_l1_word(uint32_t w, size_t n)
{
	l1e_t e = l1e_from_raw(w), out;
	struct fields f = ref_l1(w);
	char full[256], again[256];
	l1b_t b;

	same_fields("l1", w, get_l1(e), f);
	check_describe("l1e_describe", describe_l1, w, n, l1_prefix[f.kind],
		       f.kind != L1_FAULT && f.kind != L1_RESERVED, f.pa, full);
	if (f.kind == L1_FAULT || f.kind == L1_RESERVED) {
		FUZZ_CHECK(l1_edit(e).err == -EINVAL, "l1_edit took a %d entry", f.kind);
		return;
	}
	if (f.kind == L1_PAGETABLE) {
		b = l1_domain(l1_pagetable(f.pa), f.dom);
	} else {
		if (f.ap == AP_COUNT || f.mem < 0)
			return;   /* no builder makes these */
		b = f.kind == L1_SECTION ? l1_domain(l1_section(f.pa), f.dom)
					 : l1_supersection(f.pa);
		b = l1_xn(l1_ng(l1_shared(l1_mem(l1_ap(b, f.ap), (enum memtype)f.mem),
						 f.s), f.ng), f.xn);
	}
	FUZZ_CHECK(l1_build(b, &out) == 0, "l1 0x%08x: rebuilding it was refused", w);
	same_fields("l1 rebuilt", out.raw, get_l1(out), f);
	describe_l1(out.raw, again, sizeof again);
	FUZZ_CHECK(strcmp(full, again) == 0, "l1 0x%08x \"%s\" rebuilt as 0x%08x \"%s\"",
		   w, full, out.raw, again);
	if (f.kind != L1_PAGETABLE) {
		b = l1_mem(l1_ap(l1_edit(e), f.ap), (enum memtype)f.mem);
		FUZZ_CHECK(l1_build(b, &out) == 0 && out.raw == normalized(w, L1_SECT_APX, 10),
			   "l1 0x%08x: edit with its own AP and type gave 0x%08x", w, out.raw);
	}
}

static void check_l2_word(uint32_t w, size_t n)
{
	l2e_t e = l2e_from_raw(w), out;
	struct fields f = ref_l2(w);
	char full[256], again[256];
	l2b_t b;

	same_fields("l2", w, get_l2(e), f);
	check_describe("l2e_describe", describe_l2, w, n, l2_prefix[f.kind],
		       f.kind != L2_FAULT, f.pa, full);
	if (f.kind == L2_FAULT) {
		FUZZ_CHECK(l2_edit(e).err == -EINVAL, "l2_edit took a fault entry");
		return;
	}
	if (f.ap == AP_COUNT || f.mem < 0)
		return;
	b = f.kind == L2_SMALL ? l2_small(f.pa) : l2_large(f.pa);
	b = l2_xn(l2_ng(l2_shared(l2_mem(l2_ap(b, f.ap), (enum memtype)f.mem), f.s), f.ng), f.xn);
	FUZZ_CHECK(l2_build(b, &out) == 0, "l2 0x%08x: rebuilding it was refused", w);
	same_fields("l2 rebuilt", out.raw, get_l2(out), f);
	describe_l2(out.raw, again, sizeof again);
	FUZZ_CHECK(strcmp(full, again) == 0, "l2 0x%08x \"%s\" rebuilt as 0x%08x \"%s\"",
		   w, full, out.raw, again);
	b = l2_mem(l2_ap(l2_edit(e), f.ap), (enum memtype)f.mem);
	FUZZ_CHECK(l2_build(b, &out) == 0 && out.raw == normalized(w, 1u << 9, 4),
		   "l2 0x%08x: edit with its own AP and type gave 0x%08x", w, out.raw);
}

/* l*e_rebase: a section or small page moved to pa keeps every other field;
 * any other entry, or a misaligned pa, gives a fault entry. */
static void check_rebase(uint32_t w, uint32_t pa)
{
	struct fields f1 = ref_l1(w), f2 = ref_l2(w), g;
	l1e_t e1 = l1e_rebase(l1e_from_raw(w), pa);
	l2e_t e2 = l2e_rebase(l2e_from_raw(w), pa);

	if (f1.kind == L1_SECTION && !(pa & 0xFFFFFu)) {
		g = get_l1(e1);
		f1.pa = pa;
		same_fields("l1e_rebase", w, g, f1);
		FUZZ_CHECK((e1.raw & 0xFFFFFu) == (w & 0xFFFFFu), "l1e_rebase(0x%08x, 0x%08x) "
			   "= 0x%08x changed low bits", w, pa, e1.raw);
	} else {
		FUZZ_CHECK(e1.raw == 0, "l1e_rebase(0x%08x, 0x%08x) = 0x%08x, want a fault",
			   w, pa, e1.raw);
	}
	if (f2.kind == L2_SMALL && !(pa & 0xFFFu)) {
		g = get_l2(e2);
		f2.pa = pa;
		same_fields("l2e_rebase", w, g, f2);
		FUZZ_CHECK((e2.raw & 0xFFFu) == (w & 0xFFFu), "l2e_rebase(0x%08x, 0x%08x) "
			   "= 0x%08x changed low bits", w, pa, e2.raw);
	} else {
		FUZZ_CHECK(e2.raw == 0, "l2e_rebase(0x%08x, 0x%08x) = 0x%08x, want a fault",
			   w, pa, e2.raw);
	}
}

/* ---- setter chains against a model ------------------------------------------ */

enum op { OP_AP, OP_MEM, OP_DOMAIN, OP_SHARED, OP_NG, OP_XN, OP_COUNT };

struct model {
	struct fields f;
	bool refused;
};

/* Apply one setter to the model.  leaf: the kind has AP, memory type and
 * the flags; dom_ok: it has a domain.  The first refusal sticks. */
static void model_set(struct model *m, enum op op, unsigned arg, bool leaf, bool dom_ok)
{
	if (m->refused)
		return;
	switch (op) {
	case OP_AP:
		if (!leaf || arg >= AP_COUNT) { m->refused = true; return; }
		m->f.ap = (enum ap)arg;
		return;
	case OP_MEM:
		if (!leaf || arg >= MT_COUNT) { m->refused = true; return; }
		m->f.mem = (int)arg;
		return;
	case OP_DOMAIN:
		if (!dom_ok || arg > 15) { m->refused = true; return; }
		m->f.dom = arg;
		return;
	default:
		if (!leaf) { m->refused = true; return; }
		if (op == OP_SHARED) m->f.s = arg & 1;
		if (op == OP_NG) m->f.ng = arg & 1;
		if (op == OP_XN) m->f.xn = arg & 1;
		return;
	}
}

/* The argument as the setter sees it: some values out of range on purpose. */
static unsigned op_arg(enum op op, uint8_t raw)
{
	switch (op) {
	case OP_AP:     return raw % (AP_COUNT + 3);
	case OP_MEM:    return raw % (MT_COUNT + 3);
	case OP_DOMAIN: return raw % 20;
	default:        return raw & 1;
	}
}

static void check_l1_chain(struct fuzz_in *in, uint8_t start, uint32_t pa, unsigned count)
{
	struct model m = { .f = { .ap = AP_NONE, .mem = MT_STRONGLY_ORDERED } };
	l1e_t out = { 0xDEADBEEFu };
	l1b_t b;
	int err;

	switch (start % 5) {
	case 0: b = l1_section(pa); m.f.kind = L1_SECTION; m.refused = pa & 0xFFFFFu;
		m.f.pa = pa & 0xFFF00000u; break;
	case 1: b = l1_supersection(pa); m.f.kind = L1_SUPERSECTION; m.refused = pa & 0xFFFFFFu;
		m.f.pa = pa & 0xFF000000u; break;
	case 2: b = l1_pagetable(pa); m.f = (struct fields){ .kind = L1_PAGETABLE, .ap = AP_COUNT,
		.mem = -1, .pa = pa & 0xFFFFFC00u }; m.refused = pa & 0x3FFu; break;
	case 3: b = l1_fault(); m.f = ref_l1(0); break;
	default: b = l1_edit(l1e_from_raw(pa)); m.f = ref_l1(pa);
		m.refused = m.f.kind == L1_FAULT || m.f.kind == L1_RESERVED; break;
	}
	for (unsigned i = 0; i < count; i++) {
		enum op op = fuzz_u8(in) % OP_COUNT;
		unsigned arg = op_arg(op, fuzz_u8(in));
		bool leaf = m.f.kind == L1_SECTION || m.f.kind == L1_SUPERSECTION;

		switch (op) {
		case OP_AP:     b = l1_ap(b, (enum ap)arg); break;
		case OP_MEM:    b = l1_mem(b, (enum memtype)arg); break;
		case OP_DOMAIN: b = l1_domain(b, arg); break;
		case OP_SHARED: b = l1_shared(b, arg); break;
		case OP_NG:     b = l1_ng(b, arg); break;
		default:        b = l1_xn(b, arg); break;
		}
		model_set(&m, op, arg, leaf,
			  m.f.kind == L1_SECTION || m.f.kind == L1_PAGETABLE);
		FUZZ_CHECK((b.err != 0) == m.refused, "l1 chain: err %d after op %d(%u), model %d",
			   b.err, op, arg, m.refused);
	}
	err = l1_build(b, &out);
	if (m.f.kind == L1_FAULT && !m.refused) {
		FUZZ_CHECK(err == 0 && out.raw == 0, "l1_fault built as 0x%08x", out.raw);
		return;
	}
	if (m.refused) {
		FUZZ_CHECK(err == -EINVAL && out.raw == 0xDEADBEEFu, "refused chain: %d, 0x%08x",
			   err, out.raw);
		return;
	}
	FUZZ_CHECK(err == 0 && l1_build(b, NULL) == -EINVAL, "l1 chain refused at build");
	same_fields("l1 chain", out.raw, get_l1(out), m.f);
}

static void check_l2_chain(struct fuzz_in *in, uint8_t start, uint32_t pa, unsigned count)
{
	struct model m = { .f = { .ap = AP_NONE, .mem = MT_STRONGLY_ORDERED } };
	l2e_t out = { 0xDEADBEEFu };
	l2b_t b;
	int err;

	switch (start % 4) {
	case 0: b = l2_small(pa); m.f.kind = L2_SMALL; m.refused = pa & 0xFFFu;
		m.f.pa = pa & 0xFFFFF000u; break;
	case 1: b = l2_large(pa); m.f.kind = L2_LARGE; m.refused = pa & 0xFFFFu;
		m.f.pa = pa & 0xFFFF0000u; break;
	case 2: b = l2_fault(); m.f = ref_l2(0); break;
	default: b = l2_edit(l2e_from_raw(pa)); m.f = ref_l2(pa);
		m.refused = m.f.kind == L2_FAULT; break;
	}
	for (unsigned i = 0; i < count; i++) {
		enum op op = fuzz_u8(in) % OP_COUNT;
		unsigned arg = op_arg(op, fuzz_u8(in));
		bool page = m.f.kind != L2_FAULT;

		switch (op) {
		case OP_AP:     b = l2_ap(b, (enum ap)arg); break;
		case OP_MEM:    b = l2_mem(b, (enum memtype)arg); break;
		case OP_DOMAIN: continue;   /* pages have no domain setter */
		case OP_SHARED: b = l2_shared(b, arg); break;
		case OP_NG:     b = l2_ng(b, arg); break;
		default:        b = l2_xn(b, arg); break;
		}
		model_set(&m, op, arg, page, false);
		FUZZ_CHECK((b.err != 0) == m.refused, "l2 chain: err %d after op %d(%u), model %d",
			   b.err, op, arg, m.refused);
	}
	err = l2_build(b, &out);
	if (m.f.kind == L2_FAULT && !m.refused) {
		FUZZ_CHECK(err == 0 && out.raw == 0, "l2_fault built as 0x%08x", out.raw);
		return;
	}
	if (m.refused) {
		FUZZ_CHECK(err == -EINVAL && out.raw == 0xDEADBEEFu, "refused chain: %d, 0x%08x",
			   err, out.raw);
		return;
	}
	FUZZ_CHECK(err == 0 && l2_build(b, NULL) == -EINVAL, "l2 chain refused at build");
	same_fields("l2 chain", out.raw, get_l2(out), m.f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	unsigned records = 0;

	do {
		uint32_t w = fuzz_u32(&in);
		size_t n = fuzz_u8(&in);
		uint8_t start = fuzz_u8(&in);
		uint32_t pa = fuzz_u32(&in);
		unsigned count = fuzz_u8(&in) % 16;

		check_l1_word(w, n);
		check_l2_word(w, n);
		check_rebase(w, pa);
		if (start & 0x80)
			check_l2_chain(&in, start, pa, count);
		else
			check_l1_chain(&in, start, pa, count);
	} while (in.n > 0 && ++records < MAX_RECORDS);
	return 0;
}
