"""User programs: newlib's C library at work, and a program from outside.

Each test boots its own QEMU (raspi0, PL011, deterministic icount) through
the fixtures in conftest.py, runs one of the programs in user/prog with
`run NAME ARGS...`, and checks its whole output, line for line, and its
end (`[PID] NAME: exit N`):

  args           argc and argv as the shell splits them
  primes         a malloc'ed sieve; usage errors exit 2
  malloc-stress  fills the heap to sbrk's limit, checks, frees, reuses;
                 nothing leaks (`mem` before and after)
  guess          reads lines from the console with fgets: answers, then
                 Ctrl-D (end of file) -> bye
  clock          gettimeofday and usleep
  float          printf %f/%e/%g, libm, strtod

The outside program, tests/outside/{outside.c,util.c,util.h}, is built by
tools/pagoda-cc exactly as a user would build it, and checked as an ELF
(the loader's rules) and against the same sources built by the host's cc.
Then it runs on pagoda two ways: uploaded into the standard kernel with the
shell's `load` (test_outside_uploaded_with_load), and embedded with
`make PROGS=` in a kernel built in a directory of its own, so that
build/kernel.elf stays as the other tests expect
(test_outside_runs_from_the_store, skipped until the Makefile has
BUILD_TAG).
"""

import importlib.machinery
import importlib.util
import os
import re
import shutil
import subprocess

import pytest

from conftest import REPO, normalise
from test_proc import match_lines, mem_stats

PROMPT = "pagoda> "


def exit_line(name, code):
    """The regex of the shell's line for a foreground program's end."""
    return r"\[\d+\] %s: exit %d" % (re.escape(name), code)


# -- args ---------------------------------------------------------------------

def test_args_shows_every_word(pagoda):
    out = pagoda.cmd("run args alpha  beta-2 gamma_3 x 42")
    match_lines(out, [
        r"args: argc = 6",
        r'argv\[0\] = "args"',
        r'argv\[1\] = "alpha"',
        r'argv\[2\] = "beta-2"',
        r'argv\[3\] = "gamma_3"',
        r'argv\[4\] = "x"',
        r'argv\[5\] = "42"',
        exit_line("args", 0),
    ])


def test_args_without_arguments(pagoda):
    out = pagoda.cmd("run args")
    match_lines(out, [r"args: argc = 1", r'argv\[0\] = "args"', exit_line("args", 0)])


# -- primes ---------------------------------------------------------------------

def test_primes_30(pagoda):
    out = pagoda.cmd("run primes 30")
    match_lines(out, [
        r"2 3 5 7 11 13 17 19 23 29",
        r"10 primes below 30",
        exit_line("primes", 0),
    ])


def test_primes_default_is_100_ten_per_line(pagoda):
    out = pagoda.cmd("run primes")
    match_lines(out, [
        r"2 3 5 7 11 13 17 19 23 29",
        r"31 37 41 43 47 53 59 61 67 71",
        r"73 79 83 89 97",
        r"25 primes below 100",
        exit_line("primes", 0),
    ])


def test_primes_large_sieve(pagoda):
    # a 100000-byte sieve: 25 pages of heap; 9592 primes (pi(10^5))
    out = pagoda.cmd("run primes 100000", timeout=60)
    lines = out.splitlines()
    assert lines[-2:-1] == ["9592 primes below 100000"], out[-400:]
    assert re.fullmatch(exit_line("primes", 0), lines[-1]), lines[-1]
    assert lines[-3].split()[-1] == "99991", lines[-3]   # the largest below 10^5


@pytest.mark.parametrize("args", ["x", "1", "12abc", "-5", "800001", "10 20"])
def test_primes_bad_n_is_usage_exit_2(pagoda, args):
    out = pagoda.cmd("run primes " + args)
    match_lines(out, [
        r"usage: primes \[N\]   \(N from 2 to 800000, default 100\)",
        exit_line("primes", 2),
    ])


# -- malloc-stress ------------------------------------------------------------------

def test_malloc_stress_out_of_memory_is_clean(pagoda):
    _, free0, procs0 = mem_stats(pagoda)
    out = pagoda.cmd("run malloc-stress", timeout=60)
    # exactly these lines: no fault report, no kernel message
    ms = match_lines(out, [
        r"malloc-stress: filling the heap \(limit 0x020ef000\) with 1-32 KiB blocks",
        r"malloc-stress: (\d+) blocks, (\d+) KiB before out of memory",
        r"malloc-stress: malloc\((\d+)\) returned NULL, errno 12 \(ENOMEM\), "
        r"break 0x(020[0-9a-f]{5})",
        r"malloc-stress: all patterns intact",
        r"malloc-stress: freed all in scrambled order, then (\d+) blocks, "
        r"(\d+) KiB again, break unchanged",
        exit_line("malloc-stress", 0),
    ])
    blocks, kib = int(ms[1].group(1)), int(ms[1].group(2))
    failed_size, brk = int(ms[2].group(1)), int(ms[2].group(2), 16)
    # the heap (below 0x020EF000, above ~40 KiB of program) is ~900 KiB
    assert 800 <= kib <= 940, out
    assert blocks >= 25, out
    # malloc failed because the request no longer fitted below the limit
    assert brk <= 0x020EF000 < brk + failed_size, "break 0x%08x, failed %d" % (brk, failed_size)
    assert (int(ms[4].group(1)), int(ms[4].group(2))) == (blocks, kib), out

    assert pagoda.cmd("echo still here") == "still here\n"
    _, free1, procs1 = mem_stats(pagoda)
    assert free1 == free0, "free frames %d before, %d after" % (free0, free1)
    assert procs1 == procs0
    assert " malloc-stress " not in pagoda.cmd("ps")


# -- guess ----------------------------------------------------------------------------

def guess_secret(seed):
    """The number guess.c picks for seed (the formula in its header)."""
    x = (seed * 1103515245 + 12345) & 0xFFFFFFFF
    return (x >> 16) % 100 + 1


GUESS_PROMPT = "guess> "
SEED = 7          # picks 33


def start_guess(con, seed):
    """Start guess with seed; consume up to its first prompt."""
    con.send("run guess %d\r" % seed)
    con.read_until("\nguess: I picked a number from 1 to 100 (Ctrl-D gives up)\r\n")
    con.read_until(GUESS_PROMPT)


def answer(con, line):
    """Type line + Enter at guess's prompt; return (answer, what followed it):
    the next "guess>" or the shell's line about guess's end.  Checks the
    echo of line; consumes everything up to and including what followed."""
    con.send(line + "\r")
    data = con.read_until(re.compile(rb"\r\n(guess> |\[\d+\] guess: exit \d+\r\n)"))
    lines = normalise(data).split("\n")
    assert len(lines) == 3 or (len(lines) == 4 and lines[3] == ""), data
    assert lines[0] == line, "echo %r for %r" % (lines[0], line)
    return lines[1], lines[2].strip()


def test_guess_answers_then_ctrl_d_says_bye(pagoda):
    assert guess_secret(SEED) == 33
    start_guess(pagoda, SEED)
    for line, want in [("50", "too high"), ("abc", "not a number"), ("", "not a number"),
                       ("10", "too low"), ("  40  ", "too high"), ("33x", "not a number")]:
        got, after = answer(pagoda, line)
        assert (got, after) == (want, GUESS_PROMPT.strip()), "guess %r" % line
    # Ctrl-D on the empty line right after an answer: end of file
    pagoda.send(b"\x04")
    got = normalise(pagoda.read_until(PROMPT))
    assert re.fullmatch(r"\nbye\n%s\n%s" % (exit_line("guess", 0), PROMPT), got), got
    assert pagoda.cmd("echo still here") == "still here\n"


def test_guess_binary_search_wins(pagoda):
    seed = 2024
    secret = guess_secret(seed)
    start_guess(pagoda, seed)
    lo, hi, tries = 1, 100, 0
    while True:
        g = (lo + hi) // 2
        tries += 1
        got, after = answer(pagoda, str(g))
        if g < secret:
            assert (got, after) == ("too low", "guess>"), (g, secret, got)
            lo = g + 1
        elif g > secret:
            assert (got, after) == ("too high", "guess>"), (g, secret, got)
            hi = g - 1
        else:
            assert got == "correct in %d tries" % tries, (g, secret, got)
            assert re.fullmatch(exit_line("guess", 0), after), after
            break
        assert tries <= 7, "binary search over 1..100 takes at most 7 guesses"
    pagoda.read_until(PROMPT)


def test_guess_bad_seed_is_usage(pagoda):
    out = pagoda.cmd("run guess seven")
    match_lines(out, [r"usage: guess \[SEED\]", exit_line("guess", 2)])


# -- clock ------------------------------------------------------------------------------

def test_clock_advances_100ms_per_step(pagoda):
    out = pagoda.cmd("run clock")
    ms = match_lines(out, [
        r"clock: (\d+)\.(\d{6}) s",
        r"clock: (\d+)\.(\d{6}) s",
        r"clock: (\d+)\.(\d{6}) s",
        r"clock: time advances, at least 100 ms per step",
        exit_line("clock", 0),
    ])
    t = [int(m.group(1)) * 1000000 + int(m.group(2)) for m in ms[:3]]
    for a, b in zip(t, t[1:]):
        # usleep(100000) never ends early; one tick (10 ms) late at most,
        # plus the printing, under icount
        assert 100000 <= b - a < 150000, t


# -- float ------------------------------------------------------------------------------

def test_float_printf_libm_strtod(pagoda):
    out = pagoda.cmd("run float", timeout=30)
    lines = out.splitlines()
    m = re.fullmatch(r"float: (\d+) checks, (\d+) failed", lines[-2])
    assert m, out
    assert re.fullmatch(exit_line("float", 0), lines[-1]), out
    checks = lines[:-2]
    assert len(checks) == int(m.group(1)) and m.group(2) == "0", out
    bad = [l for l in checks if not l.endswith(" OK")]
    assert not bad, "failed checks:\n" + "\n".join(bad)
    # a few results spelled out here too, so a wrong expectation in float.c
    # cannot hide a wrong result
    for want in [
        "float: %f of pi               = 3.141593 OK",
        "float: %e of 12345.678        = 1.234568e+04 OK",
        "float: %g of 0.00001          = 1e-05 OK",
        "float: %.17g of 0.1 + 0.2     = 0.30000000000000004 OK",
        "float: sqrt(2)                = 1.414214 OK",
        "float: sin(pi/6)              = 0.500000 OK",
        "float: exp(1)                 = 2.718281828 OK",
        'float: strtod("3.25e2")       = 325 OK',
    ]:
        assert want in checks, "missing %r in:\n%s" % (want, out)


# -- a program from outside the tree ------------------------------------------------------

OUTSIDE_SRCS = ["tests/outside/outside.c", "tests/outside/util.c"]
OUTSIDE_ELF = REPO / "build" / "outside.elf"
OUTSIDE_ARGS = ["zebra", "arm", "apple", "kernel"]
OUTSIDE_OUT = [
    "outside: 11 words from 4 arguments",
    "outside: sorted: apple arm kernel newlib pagoda qsort sbrk window zebra",
    'outside: 2 duplicates, 46 letters, longest "kernel"',
    "outside: fnv1a 0x95d54002",
]
CROSS = os.environ.get("CROSS", "arm-none-eabi-")


def build_outside():
    """tools/pagoda-cc -O2 -o build/outside.elf tests/outside/*.c, as a user would."""
    OUTSIDE_ELF.parent.mkdir(exist_ok=True)
    r = subprocess.run([str(REPO / "tools" / "pagoda-cc"), "-O2", "-o", str(OUTSIDE_ELF)]
                       + OUTSIDE_SRCS, cwd=REPO, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    assert r.returncode == 0, "pagoda-cc failed:\n" + r.stdout
    return OUTSIDE_ELF


def readelf(*args):
    r = subprocess.run([CROSS + "readelf"] + list(args), check=True,
                       stdout=subprocess.PIPE, text=True)
    return r.stdout


def test_outside_builds_as_a_pagoda_elf():
    elf = build_outside()
    hdr = readelf("-h", str(elf))
    assert re.search(r"Type:\s+EXEC", hdr) and re.search(r"Machine:\s+ARM", hdr), hdr
    entry = int(re.search(r"Entry point address:\s+0x([0-9a-f]+)", hdr).group(1), 16)

    ph = readelf("-lW", str(elf))
    rows = re.findall(r"^\s+(\S+)\s+0x([0-9a-f]+) 0x([0-9a-f]+) 0x[0-9a-f]+ "
                      r"0x([0-9a-f]+) 0x([0-9a-f]+) ([RWE ]+?)\s+0x([0-9a-f]+)$", ph, re.M)
    assert [r[0] for r in rows] == ["LOAD", "LOAD"], "want exactly two PT_LOADs:\n" + ph
    (_, off0, va0, fsz0, msz0, fl0, _), (_, off1, va1, _, _, fl1, _) = rows
    va0, va1, end0 = int(va0, 16), int(va1, 16), int(va0, 16) + int(msz0, 16)
    assert (va0, int(off0, 16), fl0) == (0x02000000, 0, "R E"), ph
    assert fl1 == "RW", ph
    assert va0 <= entry < end0, "entry 0x%08x outside text %08x-%08x" % (entry, va0, end0)
    assert va1 % 0x1000 == 0 and va1 >= end0, "data shares a page with text:\n" + ph
    assert va1 % 0x1000 == int(off1, 16) % 0x1000, ph
    # the loader's full rules, as `make PROGS=` applies them
    r = subprocess.run([str(REPO / "tools" / "mkprogs"), os.devnull, str(elf)],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert r.returncode == 0, "mkprogs refuses it:\n" + r.stdout


def test_outside_is_ordinary_c(tmp_path):
    """The same two files build with the host's cc and print the same summary
    as pagoda must (test_outside_runs_from_the_store)."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc:
        pytest.skip("no host C compiler")
    exe = tmp_path / "outside"
    subprocess.run([cc, "-std=c99", "-O2", "-Wall", "-Wextra", "-pedantic", "-Werror",
                    "-o", str(exe)] + OUTSIDE_SRCS, cwd=REPO, check=True)
    out = subprocess.run([str(exe)] + OUTSIDE_ARGS, check=True, stdout=subprocess.PIPE,
                         text=True).stdout
    assert out.splitlines() == OUTSIDE_OUT, out


def tagged_builds_supported():
    """True if the Makefile can build a kernel into a directory of its own:
    `make BUILD_TAG=T PROGS=... kernel` -> build/T/kernel.elf."""
    return re.search(r"^\s*BUILD_TAG\b", (REPO / "Makefile").read_text(), re.M) is not None


def test_outside_runs_from_the_store(boot):
    if not tagged_builds_supported():
        pytest.skip("needs the PROGS build dir support from the lead: "
                    "`make BUILD_TAG=outside PROGS=build/outside.elf kernel` -> "
                    "build/outside/kernel.elf (a plain `make PROGS=` would rebuild "
                    "build/kernel.elf under the other tests)")
    elf = build_outside()
    r = subprocess.run(["make", "--no-print-directory", "BUILD_TAG=outside",
                        "PROGS=%s" % elf.relative_to(REPO), "kernel"], cwd=REPO,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert r.returncode == 0, "make failed:\n" + r.stdout
    kernel = REPO / "build" / "outside" / "kernel.elf"
    con = boot(kernel=kernel)

    assert "outside" in con.cmd("ls").split()
    out = con.cmd("run outside " + " ".join(OUTSIDE_ARGS))
    match_lines(out, [re.escape(l) for l in OUTSIDE_OUT] + [exit_line("outside", 0)])
    # the built-in programs are still there beside it
    assert re.fullmatch(r"hello from pagoda pid (\d+)\n\[\1\] hello: exit 0\n",
                        con.cmd("run hello"))


def upload_tool():
    """tools/upload as a module (for its build_frame), or None if absent."""
    path = REPO / "tools" / "upload"
    if not path.is_file():
        return None
    loader = importlib.machinery.SourceFileLoader("pagoda_upload", str(path))
    spec = importlib.util.spec_from_loader("pagoda_upload", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def test_outside_uploaded_with_load(pagoda):
    """The same ELF, sent to the standard kernel over its console with the
    shell's `load` (the frame of kernel/upload.h, built by tools/upload),
    then run, then removed."""
    tool = upload_tool()
    if tool is None or not hasattr(tool, "build_frame"):
        pytest.skip("no tools/upload with build_frame (landing with the upload work)")
    if not re.search(r"^\s*load\b", pagoda.cmd("help"), re.M):
        pytest.skip("this kernel has no `load` command (landing with the upload work)")
    elf = build_outside()
    data = elf.read_bytes()

    pagoda.send("load outside\r")
    pagoda.read_until(re.compile(rb"\nload: ready for outside[^\n]*\n"))
    pagoda.send(tool.build_frame("outside", data))
    pagoda.read_until(re.compile(rb"load: (ok|error)[^\r\n]*\r\n"), timeout=60)
    verdict = pagoda.match.group(0).decode().strip()
    assert verdict.startswith("load: ok outside %d bytes" % len(data)), verdict
    pagoda.read_until(PROMPT)

    out = pagoda.cmd("run outside " + " ".join(OUTSIDE_ARGS))
    match_lines(out, [re.escape(l) for l in OUTSIDE_OUT] + [exit_line("outside", 0)])
    assert pagoda.cmd("rm outside") == "rm: removed outside\n"
    assert pagoda.cmd("run outside") == "run: no program 'outside' (try 'ls')\n"
