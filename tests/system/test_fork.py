"""Copy-on-write fork, exec and demand paging, end to end.

Each test boots its own QEMU (raspi0, PL011, deterministic icount) through
the fixtures in conftest.py and runs the user programs written for this
work (user/prog): forktest, lazy, stackgrow, forkbomb, exectest, manyproc,
cowdemo, vmbench.  What they show:

  forktest    parent and child each see only their own writes; frames
              shared at fork are unshared when the child is reaped; after
              1000 fork/exit/wait cycles the free-frame count is exactly
              what it was
  lazy        a 900 KiB bss array costs only the pages touched; untouched
              pages read as zero; `ps` and `vm` show it from outside
  stackgrow   the stack grows a page at a time and ends in the guard page:
              killed with "stack overflow"
  forkbomb    contained: the shell answers while it runs, `kill` of the
              job's first process (or Ctrl-C in the foreground) ends the
              whole job and every frame comes back
  exectest    exec errors return to the caller (unknown name, bad ELF in a
              test kernel, E2BIG, EFAULT), then a real exec; an exec that
              fails after its new window was built (an uploaded program)
              leaves the caller's window working
  manyproc    1000 processes, each reserving nearly a whole 1 MiB window,
              live at once; with "touch" they want twice the RAM, and the
              kernel kills those whose fault finds no frame ("out of
              memory"), and only those
  cowdemo     `vm PID` shows its pages "private" before fork, "cow (refs 2)"
              after, "private" in new frames for the writer, and "private"
              in the old frame for the last sharer when it writes
  vmbench     the cost of each kind of fault, in guest instructions

Background programs print after the shell's prompt, so their lines are
read with read_until, and sync() brings the console back to a prompt.
Under icount with sleep=off the guest clock races ahead while it waits
for input, so the programs never rely on time: cowdemo and manyproc block
until killed, and the tests poll `mem` until the process count is back.
"""

import re
import struct
import subprocess
import time

import pytest

from conftest import REPO, normalise
from test_proc import match_lines, mem_stats, read_until_all, run_bg, wait_ends
from test_user import upload_tool

HEX8 = r"[0-9a-f]{8}"
PAGE = 0x1000
GUARD, STACK_BOTTOM = 0x020EF000, 0x020F0000

VM_PAGE = re.compile(r"(%s)  (%s)  (\S+) +(\S+) +(\d+)  (XN|- ) (nG|- ) (\S+)"
                     r"(?: \(refs (\d+)\))?$" % (HEX8, HEX8))
VM_RUN = re.compile(r"(%s)-(%s) +(zero-pending|file-pending) \((\d+) pages?\)$"
                    % (HEX8, HEX8))


# -- helpers ------------------------------------------------------------------

def exit_line(name, code):
    return r"\[\d+\] %s: exit %d" % (re.escape(name), code)


def mem_numbers(con):
    """`mem` -> dict: free, procs, shared and the paging counters."""
    out, free, _ = mem_stats(con)
    procs = re.search(r"^processes: (\d+)", out, re.M)
    pg = re.search(r"^paging: (\d+) frames shared, (\d+) cow faults \((\d+) copied, "
                   r"(\d+) reused\), (\d+) demand faults \((\d+) zero-fill, (\d+) load\), "
                   r"(\d+) out-of-memory kills, (\d+) forks$", out, re.M)
    res = re.search(r"reserve (\d+)", out)
    assert procs and pg and res, "unexpected mem output:\n" + out
    keys = ("shared", "cow", "copied", "reused", "demand", "zero", "load", "oom", "forks")
    d = dict(zip(keys, map(int, pg.groups())))
    d.update(free=free, procs=int(procs.group(1)), reserve=int(res.group(1)), text=out)
    return d


def wait_procs(con, n, timeout=60):
    """Poll `mem` until the process count is n; return mem_numbers."""
    deadline = time.monotonic() + timeout
    while True:
        m = mem_numbers(con)
        if m["procs"] == n:
            return m
        assert time.monotonic() < deadline, \
            "still %d processes, want %d:\n%s" % (m["procs"], n, m["text"])
        time.sleep(0.1)


def vm_pages(con, pid):
    """`vm PID` -> ({va: (pa, rights, state, refs)}, [(lo, hi, state, pages)])."""
    out = con.cmd("vm %d" % pid)
    lines = out.splitlines()
    assert re.match(r"pid %d \(\S+\): window 02000000-020fffff, " % pid, lines[0]), out
    pages, runs = {}, []
    for line in lines:
        m = VM_PAGE.match(line)
        if m:
            refs = int(m.group(9)) if m.group(9) else 1
            pages[int(m.group(1), 16)] = (int(m.group(2), 16), m.group(3), m.group(8), refs)
            continue
        m = VM_RUN.match(line)
        if m:
            runs.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3),
                         int(m.group(4))))
    assert re.fullmatch(r"\d+ pages resident of \d+ reserved, break %s" % HEX8,
                        lines[-1]), out
    return pages, runs


def ps_row(con, pid):
    """`ps` -> (RES(K), RSV(K)) of pid."""
    out = con.cmd("ps")
    assert out.splitlines()[0].split()[4:6] == ["RES(K)", "RSV(K)"], out
    m = re.search(r"^ +%d +\d+ +\S+ +\S+ +(\d+) +(\d+) " % pid, out, re.M)
    assert m, "no pid %d in ps:\n%s" % (pid, out)
    return int(m.group(1)), int(m.group(2))


# -- fork ---------------------------------------------------------------------------

def test_forktest_own_writes_and_1000_cycles(pagoda):
    before = mem_numbers(pagoda)
    out = pagoda.cmd("run forktest 1000", timeout=60)
    ms = match_lines(out, [
        r"forktest: fork shares frames \(shared count went up\) +OK",
        r"forktest: child sees the values at fork +OK",
        r"forktest: child does not see the parent's writes +OK",
        r"forktest: child sees its own writes +OK",
        r"forktest: parent sees only its own writes +OK",
        r"forktest: shared count back after the child ends +OK",
        r"forktest: 1000 cycles: free frames (\d+) before, (\d+) after",
        r"forktest: every frame back after the cycles +OK",
        r"forktest: PASS",
        exit_line("forktest", 0),
    ])
    assert ms[6].group(1) == ms[6].group(2), out
    after = mem_numbers(pagoda)
    # every reference dropped: nothing shared, every frame free again
    assert after["free"] == before["free"], (before["text"], after["text"])
    assert after["shared"] == before["shared"] == 0, after["text"]
    assert after["procs"] == before["procs"]
    # 1000 cycles, the first fork, the warm-up fork; each child wrote a page
    assert after["forks"] - before["forks"] == 1002, after["text"]
    assert after["copied"] - before["copied"] >= 1000, after["text"]
    assert after["oom"] == 0


# -- demand paging --------------------------------------------------------------------

def test_lazy_reads_zero_and_stays_small(pagoda):
    before = mem_numbers(pagoda)
    out = pagoda.cmd("run lazy")
    ms = match_lines(out, [
        r"lazy: array of 900 KiB at 0x(20[0-9a-f]{5}); 9 of 9 pages read as zero",
        r"lazy: resident (\d+) pages \(\d+ KiB\) of (\d+) reserved \(\d+ KiB\)",
        exit_line("lazy", 0),
    ])
    resident, reserved = int(ms[1].group(1)), int(ms[1].group(2))
    assert reserved >= 900 // 4, out
    # text and data pages touched, 10 array pages, a stack page: nowhere near 225
    assert resident <= 32, out
    assert mem_numbers(pagoda)["free"] == before["free"]

    pid, = run_bg(pagoda, "lazy wait")
    pagoda.read_until(re.compile(rb"lazy: resident \d+ pages[^\r\n]*\r\n"))
    pagoda.sync()
    res_k, rsv_k = ps_row(pagoda, pid)
    assert rsv_k >= 900 and res_k <= 128, "RES(K) %d RSV(K) %d" % (res_k, rsv_k)
    # the array's untouched pages are pending zero fills, in runs between
    # the 10 pages lazy touched
    _, runs = vm_pages(pagoda, pid)
    zero = sum(n for lo, hi, st, n in runs if st == "zero-pending" and hi < GUARD)
    assert zero >= 200, runs
    assert pagoda.cmd("kill %d" % pid) == ""
    ends, _ = wait_ends(pagoda, [(pid, "lazy")])
    assert ends == {pid: "lazy: killed from the shell"}
    pagoda.sync()
    after = mem_numbers(pagoda)
    assert after["free"] == before["free"] and after["procs"] == before["procs"]


def test_stackgrow_killed_by_stack_overflow(pagoda):
    before = mem_numbers(pagoda)
    out = pagoda.cmd("run stackgrow")
    lines = out.splitlines()
    depths = [re.fullmatch(r"stackgrow: depth (\d+), frame at 0x(20f[0-9a-f]{4})", l)
              for l in lines[:-7]]
    assert all(depths), out
    # a 1 KiB frame per call: 8 calls take a little more than 8 KiB
    assert [int(m.group(1)) for m in depths] == list(range(8, 8 * len(depths) + 1, 8)), out
    frames = [int(m.group(2), 16) for m in depths]
    assert all(0x2000 <= a - b < 0x2200 for a, b in zip(frames, frames[1:])), out
    assert len(depths) >= 7, "the stack is 64 KiB: at least 56 calls fit"
    ms = match_lines("\n".join(lines[-7:]), [
        r"pid (\d+) \(stackgrow\): data abort: page translation fault "
        r"\(FSR 0x817, write, domain 1, level 2\)",
        r"  address (020ef[0-9a-f]{3})  pc 020[0-9a-f]{5}  mode USR",
        r"  TTBR0 = 0x%s" % HEX8,
        r"  L1\[0x020\] @0x%s = 0x%s  page table @0x%s, domain 1" % (HEX8, HEX8, HEX8),
        r"  L2\[0xef\] @0x%s = 0x00000000  fault \(unmapped\)" % HEX8,
        r"  fault: page translation fault \(FSR 0x817\)",
        r"\[(\d+)\] stackgrow: killed: stack overflow at 0x(020ef[0-9a-f]{3}) "
        r"\(sp 0x(020e[0-9a-f]{4}|020f[0-9a-f]{4})\)",
    ])
    addr = int(ms[1].group(1), 16)
    assert GUARD <= addr < STACK_BOTTOM and ms[6].group(2) == ms[1].group(1), out
    assert ms[0].group(1) == ms[6].group(1)
    assert pagoda.cmd("echo still here") == "still here\n"
    after = mem_numbers(pagoda)
    assert after["free"] == before["free"] and after["procs"] == before["procs"]


# -- fork bomb ------------------------------------------------------------------------

def test_forkbomb_contained_and_killed(pagoda):
    before = mem_numbers(pagoda)
    pid, = run_bg(pagoda, "forkbomb")
    pagoda.read_until("forkbomb: pid %d, forking forever\r\n" % pid)
    pagoda.sync()

    # the shell answers ps while the bomb grows
    ps = pagoda.cmd("ps", timeout=60)
    assert re.search(r"^ +%d +1 +\S+ +forkbomb " % pid, ps, re.M), ps[:2000]

    # ... and mem, until the bomb stops growing (it runs out of kernel
    # stacks or frames; fork fails and every process retries forever)
    deadline, counts = time.monotonic() + 60, []
    while len(counts) < 4 or len(set(counts[-4:])) > 1 or counts[-1] < 1000:
        assert time.monotonic() < deadline, "no steady state: %s" % counts[-10:]
        t0 = time.monotonic()
        m = mem_numbers(pagoda)
        assert time.monotonic() - t0 < 5, "mem took %.1fs" % (time.monotonic() - t0)
        counts.append(m["procs"])
        time.sleep(0.2)
    full = m
    assert full["free"] >= full["reserve"], "the kernel's reserve was used:\n" + full["text"]
    assert pagoda.cmd("echo still answering") == "still answering\n"

    # kill the job's first process: the whole job goes
    out = pagoda.cmd("kill %d" % pid)
    n = full["procs"] - before["procs"] - 1
    assert out == "kill: job %d: %d more processes\n" % (pid, n), out
    ends, _ = wait_ends(pagoda, [(pid, "forkbomb")], timeout=60)
    assert ends == {pid: "forkbomb: killed from the shell"}
    pagoda.sync()
    after = wait_procs(pagoda, before["procs"])
    assert after["free"] == before["free"], \
        "free frames %d before the bomb, %d after:\n%s" % (before["free"], after["free"],
                                                           after["text"])
    assert after["shared"] == 0
    assert " forkbomb " not in pagoda.cmd("ps")


def test_ctrl_c_kills_the_foreground_job(pagoda):
    before = mem_numbers(pagoda)
    pagoda.send("run forkbomb\r")
    pagoda.read_until(re.compile(rb"\nforkbomb: pid (\d+), forking forever\r\n"))
    pid = int(pagoda.match.group(1))
    time.sleep(0.5)                   # let it fork a while
    pagoda.send(b"\x03")
    pagoda.expect_line("[%d] forkbomb: interrupted (Ctrl-C)" % pid, timeout=30)
    # the shell waited for the first process only: the rest end meanwhile
    after = wait_procs(pagoda, before["procs"])
    assert after["forks"] > before["forks"], after["text"]
    assert after["free"] == before["free"], (before["text"], after["text"])


# -- exec -------------------------------------------------------------------------------

EXEC_CHECKS = [
    r"exectest: unknown name refused +OK \(errno 2\)",
    r"exectest: 63 arguments refused +OK \(errno 7\)",
    r"exectest: a 3000-byte argument refused +OK \(errno 7\)",
    r"exectest: name at a bad address refused +OK \(errno 14\)",
    r"exectest: argv in the kernel refused +OK \(errno 14\)",
]
EXEC_ARGS = [
    r"exectest: errors PASS; exec args now",
    r"args: argc = 4",
    r'argv\[0\] = "args"',
    r'argv\[1\] = "one"',
    r'argv\[2\] = "two"',
    r'argv\[3\] = "three"',
    r"\[(\d+)\] args: exit 0",       # the same process, under its new name
]


def test_exec_errors_return_then_exec_runs(pagoda):
    before = mem_numbers(pagoda)
    out = pagoda.cmd("run exectest")
    match_lines(out, EXEC_CHECKS + [
        r"exectest: a bad ELF refused +skipped \(no bad-elf in the store\)"] + EXEC_ARGS)
    # exec with an unknown name from the shell's side: the caller reports it
    out = pagoda.cmd("run exectest no-such-program")
    match_lines(out, [r"exectest: exec no-such-program failed: errno 2",
                      exit_line("exectest", 1)])
    # a good exec keeps the pid
    out = pagoda.cmd("run exectest hello")
    assert re.fullmatch(r"hello from pagoda pid (\d+)\n\[\1\] hello: exit 0\n", out), out
    after = mem_numbers(pagoda)
    assert after["free"] == before["free"] and after["procs"] == before["procs"]


BAD_ELF = REPO / "build" / "test-fork" / "bad-elf.elf"
E_MACHINE = 18            # Elf32_Ehdr.e_machine, a half-word
EM_386 = 3


def build_bad_elf_kernel():
    """build/badelf/kernel.elf: the standard programs plus bad-elf, a copy
    of hello.elf claiming to be an x86 executable (e_machine 3)."""
    data = bytearray((REPO / "build" / "user" / "hello.elf").read_bytes())
    assert struct.unpack_from("<H", data, E_MACHINE) == (40,)      # EM_ARM
    struct.pack_into("<H", data, E_MACHINE, EM_386)
    BAD_ELF.parent.mkdir(parents=True, exist_ok=True)
    if not BAD_ELF.is_file() or BAD_ELF.read_bytes() != data:    # keep make incremental
        BAD_ELF.write_bytes(data)
    r = subprocess.run(["make", "--no-print-directory", "BUILD_TAG=badelf",
                        "MKPROGS_FLAGS=--allow-bad", "PROGS=%s" % BAD_ELF.relative_to(REPO),
                        "kernel"], cwd=REPO, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    assert r.returncode == 0, "make failed:\n" + r.stdout
    return REPO / "build" / "badelf" / "kernel.elf"


def test_exec_of_a_bad_elf_returns_enoexec(boot):
    con = boot(kernel=build_bad_elf_kernel())
    before = mem_numbers(con)
    assert con.cmd("run bad-elf") == "run: bad-elf: bad ELF: not an ARM executable\n"
    out = con.cmd("run exectest")
    match_lines(out, EXEC_CHECKS + [r"exectest: a bad ELF refused +OK \(errno 8\)"]
                + EXEC_ARGS)
    out = con.cmd("run exectest bad-elf")
    match_lines(out, [r"exectest: exec bad-elf failed: errno 8", exit_line("exectest", 1)])
    after = mem_numbers(con)
    assert after["free"] == before["free"] and after["procs"] == before["procs"]


# An exec that fails after the new window was made: one argument of 2040
# bytes passes the system call's copy (2048 bytes of strings) but not the
# stack's limit (strings + pointers + 8 <= 2048), so push_args refuses it
# with E2BIG after window_create() has built the new table.  The caller
# must go on with its old window, across switches too.
EXEC_LATE_E2BIG_C = r"""
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "pagoda.h"

static char arg[2041];
static volatile int canary = 12345;

int main(void)
{
	char *av[] = { arg, 0 };
	int r;

	memset(arg, 'a', 2040);
	r = execv("hello", av);
	printf("execlate: exec -> %d errno %d, canary %d\n", r, errno, canary);
	pagoda_sleep_ms(20);               /* switched out, and back in */
	printf("execlate: after a sleep, canary %d\n", canary);
	return 0;
}
"""


def test_exec_failing_late_keeps_the_old_window(pagoda):
    tool = upload_tool()
    src = REPO / "build" / "test-fork" / "execlate.c"
    elf = src.with_suffix(".elf")
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(EXEC_LATE_E2BIG_C)
    r = subprocess.run([str(REPO / "tools" / "pagoda-cc"), "-O2", "-o", str(elf), str(src)],
                       cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert r.returncode == 0, "pagoda-cc failed:\n" + r.stdout
    data = elf.read_bytes()
    pagoda.send("load execlate\r")
    pagoda.read_until(re.compile(rb"\nload: ready for execlate[^\n]*\n"))
    pagoda.send(tool.build_frame("execlate", data))
    pagoda.read_until(re.compile(rb"load: ok execlate[^\r\n]*\r\n"), timeout=60)
    pagoda.read_until("pagoda> ")
    before = mem_numbers(pagoda)

    pagoda.send("run execlate\r")
    pagoda.read_until(re.compile(rb"(\[\d+\] execlate: [^\r\n]*|panic: [^\r\n]*)\r\n"),
                      timeout=30)
    text = normalise(bytes(pagoda.out))
    assert "panic" not in pagoda.match.group(1).decode(), text[-1500:]
    assert "execlate: exec -> -1 errno 7, canary 12345\n" in text, text[-1500:]
    assert "execlate: after a sleep, canary 12345\n" in text, text[-1500:]
    assert re.search(r"\[\d+\] execlate: exit 0", text), text[-1500:]
    pagoda.read_until("pagoda> ")
    after = mem_numbers(pagoda)
    assert after["free"] == before["free"] and after["procs"] == before["procs"]


# -- many processes ------------------------------------------------------------------------

def test_1000_processes_with_1_mib_windows(pagoda):
    before = mem_numbers(pagoda)
    out = pagoda.cmd("run manyproc 1000", timeout=60)
    ms = match_lines(out, [
        r"manyproc: 1000 children, array of 880 KiB at 0x20[0-9a-f]{5} left untouched",
        r"manyproc: 1000 children, (\d+) processes in all, each reserving (\d+) KiB",
        r"manyproc: free frames (\d+) before, (\d+) with them \((\d+) KiB each\)",
        r"manyproc: 1000 killed and reaped; free frames (\d+), (\d+) processes",
        r"manyproc: PASS",
        exit_line("manyproc", 0),
    ])
    procs, reserving = int(ms[1].group(1)), int(ms[1].group(2))
    assert procs == before["procs"] + 1001, out
    frames_total = int(re.match(r"frames: (\d+) total", before["text"]).group(1))
    # nearly a whole window each: together more than the machine's RAM
    assert reserving >= 900, out
    assert 1001 * reserving > frames_total * 4, out
    # ... while each child costs a few frames: kernel stack, table, stack copies
    assert int(ms[2].group(3)) <= 32, out
    assert ms[3].group(1) == ms[2].group(1), out
    after = mem_numbers(pagoda)
    assert after["free"] == before["free"] and after["procs"] == before["procs"]


def test_out_of_memory_kills_the_faulting_processes(pagoda):
    before = mem_numbers(pagoda)
    out = pagoda.cmd("run manyproc 1000 touch", timeout=120)
    lines = out.splitlines()
    # the kernel's one line per process killed for memory, at a page of
    # the array each child was writing, wherever it fell among the rest
    oom = [l for l in lines if " out of memory: " in l]
    ms = match_lines("\n".join(l for l in lines if l not in oom), [
        r"manyproc: 1000 children, array of 880 KiB at 0x(20[0-9a-f]{5}) written by each",
        r"manyproc: forked; the children write, memory runs out",
        r"manyproc: 1000 children, (\d+) processes in all, each reserving (\d+) KiB",
        r"manyproc: free frames (\d+) before, (\d+) with them \(\d+ KiB each\)",
        r"manyproc: (\d+) killed out of memory \((\d+) out-of-memory kills counted\)",
        r"manyproc: 1000 killed and reaped; free frames (\d+), (\d+) processes",
        r"manyproc: PASS",
        exit_line("manyproc", 0),
    ])
    base = int(ms[0].group(1), 16)
    for l in oom:    # the address of the write: one byte per page of the array
        m = re.fullmatch(r"pid \d+ \(manyproc\): out of memory: no frame for the page at "
                         r"0x(020[0-9a-f]{5})", l)
        assert m, l
        off = int(m.group(1), 16) - base
        assert 0 <= off < 880 * 1024 and off % PAGE == 0, l
    killed_oom = int(ms[4].group(1))
    # 1000 children of 220 pages each want twice the RAM: about half die
    assert 200 <= killed_oom <= 800, out[-2000:]
    assert killed_oom == int(ms[4].group(2)) == len(oom), out[-2000:]
    # memory ran out for processes, never into the kernel's reserve
    assert int(ms[3].group(2)) >= before["reserve"], out[-2000:]
    assert ms[5].group(1) == ms[3].group(1), out[-2000:]
    after = mem_numbers(pagoda)
    assert after["oom"] - before["oom"] == killed_oom, after["text"]
    assert after["free"] == before["free"] and after["procs"] == before["procs"]
    assert pagoda.cmd("echo still here") == "still here\n"


# -- copy-on-write, as `vm` shows it ------------------------------------------------------

def test_cowdemo_vm_states(pagoda):
    before = mem_numbers(pagoda)
    leader, = run_bg(pagoda, "cowdemo")
    pagoda.read_until(re.compile(rb"cowdemo: parent (\d+), gates (\d+) (\d+) (\d+)\r\n"))
    p, g1, g2, g3 = map(int, pagoda.match.groups())
    assert p == leader
    pagoda.read_until(re.compile(rb"cowdemo: data page 0x([0-9a-f]+), heap page 0x([0-9a-f]+)\r\n"))
    data, heap = (int(x, 16) for x in pagoda.match.groups())
    assert data % PAGE == 0 and heap % PAGE == 0
    pagoda.read_until("then `kill %d` forks\r\n" % g1)
    pagoda.sync()

    # written before any fork: the parent's own; the gates, forked before
    # the pages were touched, have neither
    pp, _ = vm_pages(pagoda, p)
    for va in (data, heap):
        assert pp[va][1:] == ("krw/urw", "private", 1), (hex(va), pp[va])
    gp, _ = vm_pages(pagoda, g1)
    assert data not in gp and heap not in gp, gp
    own = {va: pp[va][0] for va in (data, heap)}

    # after fork: one frame for both, read-only in both, two references
    pagoda.send("kill %d\r" % g1)
    pagoda.read_until(re.compile(rb"cowdemo: parent %d forked child (\d+)" % p))
    c = int(pagoda.match.group(1))
    pagoda.read_until("then `kill %d`\r\n" % g2)
    pagoda.sync()
    pp, _ = vm_pages(pagoda, p)
    cp, _ = vm_pages(pagoda, c)
    for va in (data, heap):
        assert pp[va] == (own[va], "kro/uro", "cow", 2), (hex(va), pp[va])
        assert cp[va] == pp[va], (hex(va), pp[va], cp[va])
    m0 = mem_numbers(pagoda)

    # the parent writes: it gets copies; the child is left sole owner
    pagoda.send("kill %d\r" % g2)
    pagoda.read_until("then `kill %d`\r\n" % g3)
    pagoda.sync()
    pp, _ = vm_pages(pagoda, p)
    cp, _ = vm_pages(pagoda, c)
    for va in (data, heap):
        assert pp[va][1:] == ("krw/urw", "private", 1), (hex(va), pp[va])
        assert pp[va][0] != own[va], "the writer kept the shared frame"
        assert cp[va] == (own[va], "kro/uro", "cow", 1), (hex(va), cp[va])
    m1 = mem_numbers(pagoda)
    assert m1["copied"] - m0["copied"] >= 2, m1["text"]

    # the parent ends; the child writes: sole owner, same frame made writable
    pagoda.send("kill %d\r" % g3)
    text = read_until_all(pagoda, [
        r"\n\[%d\] cowdemo: exit 0\r\n" % p,
        r"cowdemo: child %d wrote its pages[^\r\n]*\r\n" % c,
    ])
    assert ('cowdemo: child %d sees "the parent\'s data" and "the parent\'s heap"' % c) \
        in text, text
    pagoda.sync()
    cp, _ = vm_pages(pagoda, c)
    for va in (data, heap):
        assert cp[va] == (own[va], "krw/urw", "private", 1), (hex(va), cp[va])
    m2 = mem_numbers(pagoda)
    assert m2["reused"] - m1["reused"] >= 2, m2["text"]

    assert pagoda.cmd("kill %d" % c) == ""
    after = wait_procs(pagoda, before["procs"])
    assert after["free"] == before["free"], (before["text"], after["text"])


# -- costs ------------------------------------------------------------------------------------

def test_vmbench_reports_each_cost(pagoda):
    out = pagoda.cmd("run vmbench 2", timeout=60)
    ms = match_lines(out, [
        r"vmbench: instructions per operation \(exact under -icount shift=0,sleep=off\)",
        r"vmbench: a process of (\d+) resident pages forks",
        r"vmbench: fork\+exit\+wait +(\d+)\.\d instructions \(1000 operations\)",
        r"vmbench: zero fill +(\d+)\.\d instructions \(256 operations\)",
        r"vmbench: cow copy +(\d+)\.\d instructions \(256 operations\)",
        r"vmbench: cow reuse +(\d+)\.\d instructions \(256 operations\)",
        exit_line("vmbench", 0),
    ])
    fork, zero, copy, reuse = (int(m.group(1)) for m in ms[2:6])
    # broad sanity bounds: a page copy or fill is at least 1024 word moves
    # apart from LDM/STM, and a fault at least an abort and a return
    assert 2000 < fork < 200000, out
    assert 300 < zero < 20000 and 300 < copy < 20000, out
    assert 100 < reuse < copy, out
