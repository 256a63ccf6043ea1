"""fuzz: random system calls, every answer checked, nothing leaked.

user/prog/fuzz/ makes COUNT random system calls from a xorshift32 seeded
by SEED, with adversarial arguments, forking, killing and reaping children
as it goes, and compares every result with its model of the kernel
(docs/testing.md).  It ends with

  fuzz: N calls (...), M mismatches, frames before X after Y
  fuzz: PASS

These tests run it under the deterministic icount QEMU (a failing seed is
the first thing to try again: the calls it draws depend only on the seed
and on which child a wait happens to reap first) and check from outside:
PASS, no mismatch, no kernel panic, the frame counts equal, and afterwards
the shell still answers and `mem` shows the free frames of before the run.
"""

import re

import pytest

from test_proc import mem_stats

KERNEL_DEATH = re.compile(r"panic|unexpected exception|KASSERT", re.I)
SUMMARY = re.compile(r"^fuzz: (\d+) calls \((\d+) syscalls, (\d+) forks, (\d+) kills, "
                     r"(\d+) reaped, (\d+) out of the table\), (\d+) mismatches, "
                     r"frames before (\d+) after (\d+)$", re.M)


@pytest.mark.parametrize("seed,count", [(1, 100000), (2, 20000), (3, 1000000)])
def test_fuzz_passes_and_gives_everything_back(pagoda, seed, count):
    _, free0, procs0 = mem_stats(pagoda)
    out = pagoda.cmd("run fuzz %d %d" % (seed, count), timeout=240)
    assert not KERNEL_DEATH.search(out), out[-4000:]
    assert "MISMATCH" not in out, "\n".join(l for l in out.splitlines() if "MISMATCH" in l)

    m = SUMMARY.search(out)
    assert m, out[-3000:]
    calls, syscalls, forks, kills, reaped = map(int, m.group(1, 2, 3, 4, 5))
    assert calls == count and syscalls >= count, m.group(0)
    assert forks > 0 and kills > 0 and reaped == forks, m.group(0)
    assert m.group(7) == "0", m.group(0)
    assert m.group(8) == m.group(9), m.group(0)
    lines = out.splitlines()
    assert lines[-2:-1] == ["fuzz: PASS"], lines[-3:]
    assert re.fullmatch(r"\[\d+\] fuzz: exit 0", lines[-1]), lines[-1]

    assert pagoda.cmd("echo still here") == "still here\n"
    _, free1, procs1 = mem_stats(pagoda)
    assert free1 == free0, "free frames %d before, %d after" % (free0, free1)
    assert procs1 == procs0


@pytest.mark.parametrize("args", ["", "1", "x 10", "1 ten", "1 2 3"])
def test_fuzz_usage(pagoda, args):
    out = pagoda.cmd(("run fuzz " + args).strip())
    assert "usage: fuzz SEED COUNT" in out, out
    assert re.search(r"\[\d+\] fuzz: exit 2$", out.strip()), out
