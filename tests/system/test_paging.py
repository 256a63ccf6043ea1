"""Paging: the kernel's address space as the MMU sees it, and real faults.

Each test boots its own QEMU (raspi0, icount) through conftest.py and talks
to the shell: `walk`, `vm`, `domains`, `peek`, `poke` and `fault`. Fault
status values are the ones QEMU 7.2 really produces (QEMU-FACTS.md, "MMU and
faults"); the kernel's decoding of them is checked line for line.

Addresses that depend on the link (section bounds) are read from `info`, so
the tests follow the kernel's layout instead of hard-coding it.
"""

import re
import struct

import pytest

from conftest import KERNEL

TEXT_VA = 0x00008000          # the kernel is linked and loaded here
PERIPH_VA = 0x20200000        # GPIO block, inside the peripheral window
UNMAPPED_VA = 0x40000000      # past RAM and peripherals: no L1 entry
RAM_VA = 0x01000000           # plain RAM section, kernel read/write
DEMO_DOMAIN_VA = 0x30000000   # paging/kmap.h: the fault demonstrations
DEMO_RO_SECTION_VA = 0x30100000
DEMO_DOMAIN_PAGE_VA = 0x30200000

SECTION_LINE = re.compile(r"^  (\w+)\s+([0-9a-f]{8})-([0-9a-f]{8})\s+\d+ KiB$")


# -- helpers ----------------------------------------------------------------------

def sections(con):
    """{name: (first, last)} from `info`'s "kernel sections:" block."""
    out = {}
    for line in con.cmd("info").splitlines():
        m = SECTION_LINE.match(line)
        if m:
            out[m.group(1)] = (int(m.group(2), 16), int(m.group(3), 16))
    for name in ("text", "rodata", "data", "bss", "stacks", "image"):
        assert name in out, "info has no %r section line:\n%s" % (name, out)
    return out


def elf_word(path, va):
    """The little-endian word the ELF loads at va (from its PT_LOAD segments)."""
    data = open(path, "rb").read()
    assert data[:4] == b"\x7fELF" and data[4] == 1, "%s: not an ELF32" % path
    phoff, = struct.unpack_from("<I", data, 0x1C)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x2A)
    for i in range(phnum):
        p_type, p_off, p_vaddr, _, p_filesz, _, _, _ = struct.unpack_from(
            "<8I", data, phoff + i * phentsize)
        if p_type == 1 and p_vaddr <= va and va + 4 <= p_vaddr + p_filesz:
            return struct.unpack_from("<I", data, p_off + va - p_vaddr)[0]
    raise AssertionError("%s loads nothing at %08x" % (path, va))


WALK_TTBR = re.compile(r"^\s*TTBR0 = 0x([0-9a-f]{8})$")
WALK_L1 = re.compile(r"^\s*L1\[0x([0-9a-f]{3})\] @0x([0-9a-f]{8}) = 0x([0-9a-f]{8})  (.*)$")
WALK_L2 = re.compile(r"^\s*L2\[0x([0-9a-f]{2})\] @0x([0-9a-f]{8}) = 0x([0-9a-f]{8})  (.*)$")


def parse_walk(text, va):
    """Parse a walk (from `walk` or a fault report) and check its
    arithmetic: entry addresses from TTBR0 and the VA's index bits.

    Returns dict(ttbr, l1, l1_text, l2, l2_text, last) where l1/l2 are the
    raw descriptors (l2 None if the walk did not reach level 2) and last is
    the walk's final line ("PA = ..." or "fault: ...").
    """
    lines = [l for l in text.splitlines() if l.strip()]
    i = next((k for k, l in enumerate(lines) if WALK_TTBR.match(l)), None)
    assert i is not None, "no TTBR0 line in:\n%s" % text
    ttbr = int(WALK_TTBR.match(lines[i]).group(1), 16)
    assert ttbr & 0x3FFF == 0, "TTBR0 base %08x not 16 KiB aligned" % ttbr

    m = WALK_L1.match(lines[i + 1])
    assert m, "no L1 line after TTBR0:\n%s" % text
    idx, addr, l1 = (int(g, 16) for g in m.groups()[:3])
    assert idx == va >> 20, "L1 index %03x for VA %08x" % (idx, va)
    assert addr == ttbr + 4 * idx, "L1 entry address %08x" % addr
    w = dict(ttbr=ttbr, l1=l1, l1_text=m.group(4), l2=None, l2_text=None)
    rest = lines[i + 2:]

    m = WALK_L2.match(rest[0]) if rest else None
    if m:
        idx2, addr2, l2 = (int(g, 16) for g in m.groups()[:3])
        assert l1 & 3 == 1, "L2 line after a non-page-table L1 %08x" % l1
        assert idx2 == (va >> 12) & 0xFF, "L2 index %02x for VA %08x" % (idx2, va)
        assert addr2 == (l1 & ~0x3FF) + 4 * idx2, "L2 entry address %08x" % addr2
        w.update(l2=l2, l2_text=m.group(4))
        rest = rest[1:]
    assert rest, "walk has no final line:\n%s" % text
    w["last"] = rest[0].strip()
    return w


def walk(con, va):
    out = con.cmd("walk 0x%08x" % va)
    return parse_walk(out, va), out


def l1_domain(desc):
    return (desc >> 5) & 0xF


# -- walk ---------------------------------------------------------------------------

def test_walk_kernel_text(pagoda):
    w, out = walk(pagoda, TEXT_VA)
    # L1: a coarse page table (type 01) in domain 0, and the text says so
    assert w["l1"] & 3 == 1 and l1_domain(w["l1"]) == 0, out
    assert w["l1_text"] == "page table @0x%08x, domain 0" % (w["l1"] & ~0x3FF), out
    # L2: an extended small page (bit 1) mapping 0x8000 itself; not XN (bit 0)
    l2 = w["l2"]
    assert l2 is not None and l2 & 2, out
    assert l2 & 0xFFFFF000 == TEXT_VA, out
    assert l2 & 1 == 0, "text page is execute-never: %08x" % l2
    # APX=1 (bit 9), AP=01 (bits 5:4): privileged read-only
    assert (l2 >> 9) & 1 == 1 and (l2 >> 4) & 3 == 1, "text not kro: %08x" % l2
    fields = w["l2_text"].split()
    assert fields[:3] == ["small", "page", "pa=0x%08x" % TEXT_VA], out
    assert "kro" in fields and "XN" not in fields, out
    assert w["last"] == "PA = 0x%08x" % TEXT_VA, out


def test_walk_bss_is_krw_xn(pagoda):
    va = sections(pagoda)["bss"][0]
    w, out = walk(pagoda, va)
    assert w["l1"] & 3 == 1 and l1_domain(w["l1"]) == 0, out
    l2 = w["l2"]
    assert l2 is not None and l2 & 2, out
    assert l2 & 0xFFFFF000 == va & 0xFFFFF000, out
    assert l2 & 1 == 1, "bss page is executable: %08x" % l2
    assert (l2 >> 9) & 1 == 0 and (l2 >> 4) & 3 == 1, "bss not krw: %08x" % l2
    fields = w["l2_text"].split()
    assert fields[:3] == ["small", "page", "pa=0x%08x" % (va & ~0xFFF)], out
    assert "krw" in fields and "XN" in fields, out
    assert w["last"] == "PA = 0x%08x" % va, out


def test_walk_peripheral_section(pagoda):
    w, out = walk(pagoda, PERIPH_VA)
    d = w["l1"]
    # a section (type 10), PA = VA, domain 2, XN, TEX=000 C=0 B=1: shared device
    assert d & 3 == 2, out
    assert d & 0xFFF00000 == PERIPH_VA & 0xFFF00000, out
    assert l1_domain(d) == 2 and (d >> 4) & 1 == 1, out
    assert (d >> 12) & 7 == 0 and (d >> 3) & 1 == 0 and (d >> 2) & 1 == 1, out
    assert w["l1_text"] == "section pa=0x%08x krw device-shared dom 2 XN" % (
        PERIPH_VA & 0xFFF00000), out
    assert w["l2"] is None, out
    assert w["last"] == "PA = 0x%08x" % PERIPH_VA, out


def test_walk_unmapped_section(pagoda):
    w, out = walk(pagoda, UNMAPPED_VA)
    assert w["l1"] == 0 and w["l1_text"] == "fault (unmapped)", out
    assert w["l2"] is None, out
    assert w["last"] == "fault: section translation fault (FSR 0x005)", out


def test_walk_null_page(pagoda):
    w, out = walk(pagoda, 0)
    assert w["l1"] & 3 == 1, out          # page 0 shares the kernel's page table
    assert w["l2"] == 0 and w["l2_text"] == "fault (unmapped)", out
    assert w["last"] == "fault: page translation fault (FSR 0x007)", out


def test_walk_bad_number(pagoda):
    assert pagoda.cmd("walk zzz") == "error: bad number 'zzz'\n"
    assert pagoda.cmd("echo alive") == "alive\n"


# -- vm -------------------------------------------------------------------------------

VM_LINE = re.compile(
    r"^([0-9a-f]{8})-([0-9a-f]{8}) ([0-9a-f]{8}) +(\d+[KM]) (section|page) +(\S+) +(\S+) +"
    r"(\d+)  (XN|X)((?: nG| S)*)$")


def vm_ranges(con):
    out = con.cmd("vm")
    lines = out.splitlines()
    assert lines and lines[0].split()[:3] == ["VA", "range", "PA"], out
    ranges = []
    for line in lines[1:]:
        m = VM_LINE.match(line)
        assert m, "unparsable vm line %r" % line
        va, end, pa = (int(m.group(k), 16) for k in (1, 2, 3))
        size = m.group(4)
        nbytes = int(size[:-1]) << (20 if size[-1] == "M" else 10)
        assert end - va + 1 == nbytes, "size %s of %r" % (size, line)
        ranges.append(dict(va=va, end=end, pa=pa, kind=m.group(5), rights=m.group(6),
                           mem=m.group(7), dom=int(m.group(8)), xn=m.group(9) == "XN",
                           line=line))
    for a, b in zip(ranges, ranges[1:]):
        assert a["end"] < b["va"], "vm ranges overlap or are unsorted:\n%s" % out
    return ranges, out


def covering(ranges, va):
    return next((r for r in ranges if r["va"] <= va <= r["end"]), None)


def test_vm_text_is_kro_executable(pagoda):
    secs = sections(pagoda)
    ranges, out = vm_ranges(pagoda)
    first, last = secs["text"]
    r = covering(ranges, first)
    assert r is not None, out
    # text is the only executable range, and exactly the text section
    assert (r["va"], r["end"], r["pa"]) == (first, last, first), r["line"]
    assert (r["kind"], r["rights"], r["dom"], r["xn"]) == ("page", "kro", 0, False), r["line"]
    assert [x["line"] for x in ranges if not x["xn"]] == [r["line"]], out


def test_vm_rodata_data_bss(pagoda):
    secs = sections(pagoda)
    ranges, out = vm_ranges(pagoda)
    expect = {"rodata": "kro", "data": "krw", "bss": "krw"}
    for name, rights in expect.items():
        for va in secs[name]:
            r = covering(ranges, va)
            assert r is not None, "%s %08x not mapped:\n%s" % (name, va, out)
            assert (r["rights"], r["dom"], r["xn"]) == (rights, 0, True), \
                "%s at %08x: %s" % (name, va, r["line"])
            assert r["pa"] + (va - r["va"]) == va, r["line"]   # identity map


def test_vm_devices_and_holes(pagoda):
    ranges, out = vm_ranges(pagoda)
    dev = covering(ranges, 0x20000000)
    assert dev is not None, out
    assert (dev["va"], dev["end"], dev["pa"]) == (0x20000000, 0x20FFFFFF, 0x20000000), dev["line"]
    assert (dev["kind"], dev["rights"], dev["mem"], dev["dom"], dev["xn"]) == \
        ("section", "krw", "device-shared", 2, True), dev["line"]
    # only the peripherals are in domain 2, and device memory is only ever
    # peripheral space (other windows onto it live in other domains)
    assert [r["line"] for r in ranges if r["dom"] == 2] == [dev["line"]], out
    for r in ranges:
        if r["mem"].startswith("device"):
            assert 0x20000000 <= r["pa"] and r["pa"] + r["end"] - r["va"] <= 0x20FFFFFF, r["line"]
            assert r["xn"], r["line"]
    # nothing at page 0 (NULL faults), nor anywhere below the kernel
    assert all(r["va"] >= TEXT_VA for r in ranges), out
    assert covering(ranges, UNMAPPED_VA) is None, out


# -- domains -------------------------------------------------------------------------

DOMAIN_LINE = re.compile(r"^  domain +(\d+)  (no access|client   |reserved |manager  )  (.*)$")


def test_domains(pagoda):
    out = pagoda.cmd("domains")
    lines = out.splitlines()
    m = re.match(r"^DACR = 0x([0-9a-f]{8})$", lines[0])
    assert m, out
    dacr = int(m.group(1), 16)
    doms = {}
    for line in lines[1:]:
        m = DOMAIN_LINE.match(line)
        assert m, "unparsable domain line %r" % line
        doms[int(m.group(1))] = (m.group(2).strip(), m.group(3))
    assert sorted(doms) == list(range(16)), out
    code = {"no access": 0, "client": 1, "reserved": 2, "manager": 3}
    decoded = sum(code[acc] << (2 * d) for d, (acc, _) in doms.items())
    assert decoded == dacr, "lines decode to %08x, DACR %08x" % (decoded, dacr)
    assert doms[0] == ("client", "kernel"), out
    assert doms[2][0] == "client", out          # devices
    assert doms[15][0] == "no access", out     # the fault demo domain
    assert "manager" not in [acc for acc, _ in doms.values()], \
        "a manager domain skips permission checks:\n" + out


# -- fault --------------------------------------------------------------------------

# kind, access arg, abort, fault name, register, FSR/IFSR, access shown,
# domain (None: not valid for this status), level (None: none), address
# (an int, or the name of an `info` section the address must lie in).
FAULTS = [
    ("translation", None, "data", "page translation fault", "FSR", 0x007, "read", 0, 2, "stacks"),
    ("section", None, "data", "section translation fault", "FSR", 0x005, "read", None, 1,
     UNMAPPED_VA),
    ("section", "write", "data", "section translation fault", "FSR", 0x805, "write", None, 1,
     UNMAPPED_VA),
    ("permission", None, "data", "page permission fault", "FSR", 0x80F, "write", 0, 2, TEXT_VA),
    ("rosection", None, "data", "section permission fault", "FSR", 0x80D, "write", 0, 1,
     DEMO_RO_SECTION_VA),
    ("domain", None, "data", "section domain fault", "FSR", 0x0F9, "read", 15, 1, DEMO_DOMAIN_VA),
    ("domain", "write", "data", "section domain fault", "FSR", 0x8F9, "write", 15, 1,
     DEMO_DOMAIN_VA),
    ("domainpage", None, "data", "page domain fault", "FSR", 0x0FB, "read", 15, 2,
     DEMO_DOMAIN_PAGE_VA),
    ("xn", None, "prefetch", "page permission fault", "IFSR", 0x00F, "instruction fetch", None, 2,
     "bss"),
    ("xnsection", None, "prefetch", "section permission fault", "IFSR", 0x00D,
     "instruction fetch", None, 1, RAM_VA),
    ("alignment", None, "data", "alignment fault", "FSR", 0x001, "read", None, None, "bss"),
    ("alignment", "write", "data", "alignment fault", "FSR", 0x801, "write", None, None, "bss"),
    ("null", None, "data", "page translation fault", "FSR", 0x007, "read", 0, 2, 0),
]


@pytest.mark.parametrize(
    "kind,acc,abort,name,reg,fsr,shown,domain,level,where", FAULTS,
    ids=["%s-%s" % (f[0], f[1] or "default") for f in FAULTS])
def test_fault(pagoda, kind, acc, abort, name, reg, fsr, shown, domain, level, where):
    secs = sections(pagoda)
    out = pagoda.cmd("fault %s%s" % (kind, " " + acc if acc else ""))
    lines = out.splitlines()

    m = re.match(r"^fault %s: .* at ([0-9a-f]{8})$" % kind, lines[0])
    assert m, out
    addr = int(m.group(1), 16)
    if isinstance(where, int):
        assert addr == where, out
    else:
        lo, hi = secs[where]
        assert lo <= addr <= hi, "%08x not in %s %08x-%08x" % (addr, where, lo, hi)
    if kind == "xn":
        assert addr & 0xFFF == 0, out           # a whole page of .bss
    if kind == "alignment":
        assert addr & 3 != 0, out

    # the decoded report, exactly
    report = "%s abort: %s (%s 0x%03X, %s%s%s)" % (
        abort, name, reg, fsr, shown,
        "" if domain is None else ", domain %d" % domain,
        "" if level is None else ", level %d" % level)
    assert lines[1] == report, out
    m = re.match(r"^  address ([0-9a-f]{8})  pc ([0-9a-f]{8})  mode SVC$", lines[2])
    assert m, out
    assert int(m.group(1), 16) == addr, out
    pc = int(m.group(2), 16)
    if abort == "prefetch":
        assert pc == addr, out                  # the fetch itself faulted
    else:
        assert secs["text"][0] <= pc <= secs["text"][1], out

    # the table walk for the faulting address, ending in the same fault
    w = parse_walk("\n".join(lines[3:-1]), addr)
    if kind == "alignment":
        assert w["last"] == "PA = 0x%08x" % addr, out   # mapped; the access was bad
    else:
        assert w["last"] == "fault: %s (%s 0x%03X)" % (name, reg, fsr), out
    if kind in ("translation", "null"):
        assert w["l2"] == 0 and w["l2_text"] == "fault (unmapped)", out

    assert lines[-1] == "fault %s: recovered, the kernel carries on" % kind, out
    assert pagoda.cmd("echo alive") == "alive\n"
    # and a second time: the recovery left nothing half done
    again = pagoda.cmd("fault %s%s" % (kind, " " + acc if acc else ""))
    assert again.splitlines()[1] == report, again
    assert pagoda.cmd("echo alive") == "alive\n"


def test_faults_in_one_boot(pagoda):
    """Every kind back to back in one kernel: each still reports its own
    status, so nothing (DFSR, SCTLR.A, the abort stack) leaks between them."""
    for kind, acc, abort, name, reg, fsr, shown, domain, level, where in FAULTS:
        out = pagoda.cmd("fault %s%s" % (kind, " " + acc if acc else ""))
        assert out.splitlines()[1].startswith("%s abort: %s (%s 0x%03X, %s" % (
            abort, name, reg, fsr, shown)), out
        assert out.splitlines()[-1] == "fault %s: recovered, the kernel carries on" % kind
    assert pagoda.cmd("echo alive") == "alive\n"
    assert pagoda.cmd("peek 0x%08x" % TEXT_VA) == "%08x: %08x\n" % (
        TEXT_VA, elf_word(KERNEL, TEXT_VA))


def test_fault_unknown_kind_lists_kinds(pagoda):
    out = pagoda.cmd("fault bogus")
    lines = out.splitlines()
    assert lines[0] == "error: unknown fault kind 'bogus'; one of:", out
    kinds = [l.split()[0] for l in lines[1:]]
    assert all(l.startswith("  ") for l in lines[1:]), out
    assert kinds == ["translation", "section", "permission", "rosection", "domain",
                     "domainpage", "xn", "xnsection", "alignment", "null"], out
    assert pagoda.cmd("echo alive") == "alive\n"


def test_fault_bad_access(pagoda):
    assert pagoda.cmd("fault section sideways") == "error: access must be 'read' or 'write'\n"
    assert pagoda.cmd("fault xn write") == "error: fault xn is an instruction fetch\n"
    # a read of read-only text is allowed: the kernel says no fault happened
    out = pagoda.cmd("fault permission read")
    assert out.splitlines()[-1] == "fault permission: no fault happened!", out
    assert "abort" not in out, out


# -- peek / poke ----------------------------------------------------------------------

def test_peek_unmapped_reports_fault(pagoda):
    out = pagoda.cmd("peek 0x%08x" % UNMAPPED_VA)
    lines = out.splitlines()
    assert lines[0] == "data abort: section translation fault (FSR 0x005, read, level 1)", out
    assert lines[1].startswith("  address %08x  pc " % UNMAPPED_VA), out
    w = parse_walk("\n".join(lines[2:-1]), UNMAPPED_VA)
    assert w["last"] == "fault: section translation fault (FSR 0x005)", out
    assert lines[-1] == "peek: cannot read %08x (fault above)" % UNMAPPED_VA, out
    assert pagoda.cmd("echo alive") == "alive\n"


def test_peek_kernel_text_matches_elf(pagoda):
    expect = elf_word(KERNEL, TEXT_VA)
    assert pagoda.cmd("peek 0x%x" % TEXT_VA) == "%08x: %08x\n" % (TEXT_VA, expect)


def test_peek_unaligned(pagoda):
    assert pagoda.cmd("peek 3") == "error: address 00000003 is not word aligned\n"
    assert pagoda.cmd("poke 0x8002 1") == "error: address 00008002 is not word aligned\n"


def test_poke_kernel_text_is_permission_fault(pagoda):
    before = pagoda.cmd("peek 0x%x" % TEXT_VA)
    out = pagoda.cmd("poke 0x%x 0x12345678" % TEXT_VA)
    lines = out.splitlines()
    assert lines[0] == "data abort: page permission fault (FSR 0x80F, write, domain 0, level 2)", out
    assert lines[1].startswith("  address %08x  pc " % TEXT_VA), out
    w = parse_walk("\n".join(lines[2:-1]), TEXT_VA)
    assert w["last"] == "fault: page permission fault (FSR 0x80F)", out
    assert lines[-1] == "poke: cannot write %08x (fault above)" % TEXT_VA, out
    assert pagoda.cmd("echo alive") == "alive\n"
    assert pagoda.cmd("peek 0x%x" % TEXT_VA) == before     # text unchanged


def test_poke_peek_round_trip(pagoda):
    """Write a RAM word (the 0x01000000 section, krw) and read it back; the
    old value is restored at the end."""
    addr = RAM_VA
    old = int(pagoda.cmd("peek 0x%08x" % addr).split()[1], 16)
    for val in (old ^ 0xA5A5F00F, 0xFFFFFFFF, 0):
        assert pagoda.cmd("poke 0x%08x 0x%x" % (addr, val)) == "%08x <- %08x\n" % (addr, val)
        assert pagoda.cmd("peek 0x%08x" % addr) == "%08x: %08x\n" % (addr, val)
    assert pagoda.cmd("poke 0x%08x 0x%x" % (addr, old)) == "%08x <- %08x\n" % (addr, old)
    assert pagoda.cmd("echo alive") == "alive\n"
