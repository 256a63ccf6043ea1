"""usertests: the adversarial user-space suite, run whole inside pagoda.

user/prog/usertests/ runs each of its tests in a child process of its own
and prints `NAME: OK` or `NAME: FAILED (why)` per test, the kernel's fault
reports for the tests that fault on purpose in between, then a summary and
`ALL TESTS PASSED` if every test passed and every page frame came back
(docs/testing.md).  Here it runs under the usual deterministic icount
QEMU; these tests check its verdicts from outside, so that a usertests that
stopped early, printed nothing, or took the kernel down cannot pass:

  - every result line is OK, there are at least MIN_TESTS of them, as many
    as the header announced, with no name twice;
  - the kernel never panicked nor reported an unexpected exception;
  - the shell's `mem` shows the same free frames and processes as before;
  - single tests run by name; -io and unknown names are refused.
"""

import re

from conftest import normalise
from test_proc import mem_stats

MIN_TESTS = 50
RESULT = re.compile(r"^([a-z0-9_]+): (OK|FAILED.*)$", re.M)
KERNEL_DEATH = re.compile(r"panic|unexpected exception|KASSERT", re.I)


def run(con, args, timeout):
    """`run usertests ARGS` at the prompt; return its whole output (str)."""
    return con.cmd("run usertests " + args, timeout=timeout)


def results(out):
    """The (name, verdict) pairs of usertests' result lines, in order."""
    return RESULT.findall(out)


def test_usertests_all_pass(pagoda):
    _, free0, procs0 = mem_stats(pagoda)
    out = run(pagoda, "", timeout=240)
    assert not KERNEL_DEATH.search(out), out[-4000:]

    header = re.search(r"^usertests: (\d+) tests$", out, re.M)
    assert header, out[:2000]
    res = results(out)
    names = [n for n, _ in res]
    failed = ["%s: %s" % r for r in res if r[1] != "OK"]
    assert not failed, "failed tests:\n" + "\n".join(failed)
    assert len(res) == int(header.group(1)), \
        "header says %s tests, %d result lines" % (header.group(1), len(res))
    assert len(res) >= MIN_TESTS, "only %d tests" % len(res)
    assert len(set(names)) == len(names), "a test name twice"

    summary = re.search(r"^usertests: (\d+) tests, (\d+) failed, frames free (\d+) before, "
                        r"(\d+) after \(\d+ ms\)$", out, re.M)
    assert summary, out[-2000:]
    assert int(summary.group(1)) == len(res) and summary.group(2) == "0", summary.group(0)
    assert summary.group(3) == summary.group(4), summary.group(0)
    lines = out.splitlines()
    assert lines[-2:-1] == ["ALL TESTS PASSED"], lines[-3:]
    assert re.fullmatch(r"\[\d+\] usertests: exit 0", lines[-1]), lines[-1]

    # the tests that fault on purpose were reported by the kernel, each
    # killing only its own child
    assert out.count("data abort") >= 20 and "prefetch abort" in out, out[-3000:]
    assert "undefined instruction" in out

    assert pagoda.cmd("echo still here") == "still here\n"
    _, free1, procs1 = mem_stats(pagoda)
    assert free1 == free0, "free frames %d before, %d after" % (free0, free1)
    assert procs1 == procs0


def test_usertests_runs_tests_by_name(pagoda):
    out = run(pagoda, "read_ktext undef_arm kill_self sbrk_wrap", timeout=60)
    # in the order of the tables, not of the arguments
    assert sorted(results(out)) == [("kill_self", "OK"), ("read_ktext", "OK"),
                                    ("sbrk_wrap", "OK"), ("undef_arm", "OK")], out
    assert out.splitlines()[-2] == "ALL TESTS PASSED", out


def test_usertests_refuses_io_and_unknown_names(pagoda):
    out = pagoda.cmd("run -io usertests read_ktext")
    assert "usertests: run it without -io" in out, out
    assert re.search(r"\[\d+\] usertests: exit 2$", out.strip()), out
    out = run(pagoda, "no_such_test", timeout=10)
    assert "usage: usertests" in out, out
    assert re.search(r"\[\d+\] usertests: exit 2$", out.strip()), out
