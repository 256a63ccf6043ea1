"""Boot and console: the kernel comes up in QEMU and its shell behaves.

Each test boots its own QEMU (raspi0, PL011 on stdio, -icount
shift=0,sleep=off unless it says otherwise) through the fixtures in
conftest.py, types at the `pagoda> ` prompt and checks what comes back.
"""

import random
from pathlib import Path
import re
import time

import pytest

# Commands the boot issue's shell must have.
REQUIRED_COMMANDS = {"help", "echo", "info", "uptime", "halt", "reboot"}

# A command line in `help`: two spaces, the name, then usage and help text.
HELP_LINE = re.compile(r"^  (\S+)(?: .*)?$")


def help_blocks(text):
    """Split `help` output into {name: block}, where a block is the command's
    line plus any following lines indented deeper (continued help text)."""
    blocks, name = {}, None
    for line in text.splitlines():
        m = HELP_LINE.match(line)
        if m:
            name = m.group(1)
            assert name not in blocks, "command %r listed twice" % name
            blocks[name] = [line]
        elif name and line.startswith("   "):
            blocks[name].append(line)
        else:
            name = None
    return {k: "\n".join(v) for k, v in blocks.items()}


# -- boot ---------------------------------------------------------------------

def test_banner_then_prompt(pagoda):
    assert any("pagoda" in line for line in pagoda.banner.splitlines()), pagoda.banner
    raw = pagoda.last_raw  # banner and prompt, as sent
    assert raw.endswith(b"\r\npagoda> ")
    assert raw.count(b"\n") == raw.count(b"\r\n"), "kernel lines must end in CRLF"


def test_prompt_is_quick_without_icount(boot):
    """`make run` style (no icount): the prompt comes fast; catches hangs."""
    con = boot(icount=False, wait=False)
    con.wait_prompt(timeout=10)
    elapsed = time.monotonic() - con.started_at
    assert elapsed < 5, "prompt took %.2f s" % elapsed
    assert con.cmd("echo fast") == "fast\n"


def test_boots_on_raspi1ap(boot):
    con = boot(machine="raspi1ap")
    assert con.cmd("echo a-plus") == "a-plus\n"


# -- help ---------------------------------------------------------------------

def test_help_lists_every_command(pagoda):
    blocks = help_blocks(pagoda.cmd("help"))
    missing = REQUIRED_COMMANDS - set(blocks)
    assert not missing, "help does not list %s" % sorted(missing)
    for name, block in blocks.items():
        first = block.splitlines()[0]
        assert len(first) > len("  " + name), "%r has no usage/help text" % name


def test_help_one_command_matches_listing(pagoda):
    """`help NAME` describes just NAME, with the listing's usage and text
    (its layout may differ: compared with whitespace collapsed)."""
    blocks = help_blocks(pagoda.cmd("help"))
    for name, block in blocks.items():
        out = pagoda.cmd("help " + name)
        assert out.startswith("  %s" % name), out
        assert out.split() == block.split(), "help %s:\n%s" % (name, out)


def test_help_unknown_command(pagoda):
    assert pagoda.cmd("help nosuch") == "unknown command 'nosuch' (try 'help')\n"


def test_help_usage_error(pagoda):
    assert pagoda.cmd("help a b") == "usage: help [CMD]\n"
    assert pagoda.cmd("echo still here") == "still here\n"


# -- parsing ------------------------------------------------------------------

def test_echo_joins_words_with_one_space(pagoda):
    assert pagoda.cmd("echo a b  c") == "a b c\n"


def test_echo_takes_any_number_of_args(pagoda):
    words = " ".join(str(i) for i in range(80))  # 80 args, 234-char line
    assert pagoda.cmd("echo " + words) == words + "\n"


def test_echo_without_args_prints_empty_line(pagoda):
    assert pagoda.cmd("echo") == "\n"


def test_empty_line_just_prompts_again(pagoda):
    assert pagoda.cmd("") == ""
    assert pagoda.cmd("echo after") == "after\n"


def test_unknown_command(pagoda):
    assert pagoda.cmd("xyzzy") == "unknown command 'xyzzy' (try 'help')\n"
    assert pagoda.cmd("echo still here") == "still here\n"


def test_longest_line_is_accepted(pagoda):
    line = "echo " + "a" * 250  # 255 characters
    assert pagoda.cmd(line) == "a" * 250 + "\n"


def test_line_one_too_long(pagoda):
    pagoda.send("echo " + "a" * 251 + "\r")  # 256 characters
    pagoda.read_until(re.compile(rb"\nerror: line too long \(max 255\)\r\npagoda> "))
    assert pagoda.cmd("echo ok") == "ok\n"


def test_very_long_line_is_one_error(pagoda):
    pagoda.send(b"x" * 10000 + b"\r")
    pagoda.read_until(re.compile(rb"\nerror: line too long \(max 255\)\r\npagoda> "))
    rest = pagoda.sync()
    assert "line too long" not in rest, "one overlong line, more than one error"
    assert "unknown command" not in rest, "tail of the long line was run"
    assert pagoda.cmd("echo ok") == "ok\n"


def test_random_bytes_do_not_kill_the_shell(pagoda):
    rng = random.Random(0x9A60DA)
    noise = bytearray(range(256))  # every byte value at least once
    noise += bytes(rng.randrange(256) for _ in range(4096 - 256))
    rng.shuffle(noise)
    pagoda.send(bytes(noise) + b"\r")
    pagoda.send("echo alive\r")
    pagoda.expect_line("alive", timeout=20)
    assert pagoda.cmd("echo alive") == "alive\n"


# -- line editing -------------------------------------------------------------

@pytest.mark.parametrize("bs", [b"\x7f", b"\x08"], ids=["DEL", "BS"])
def test_backspace_past_line_start(pagoda, bs):
    pagoda.send(bs * 3 + b"echo hi\r")
    got = pagoda.expect_line("hi")
    assert "unknown command" not in got


@pytest.mark.parametrize("bs", [b"\x7f", b"\x08"], ids=["DEL", "BS"])
def test_backspace_erases_a_character(pagoda, bs):
    pagoda.send(b"echo hx" + bs + b"i\r")
    got = pagoda.expect_line("hi")
    assert "unknown command" not in got


def test_ctrl_u_kills_the_line(pagoda):
    pagoda.send(b"garbage\x15echo ok\r")
    got = pagoda.expect_line("ok")
    assert "unknown command" not in got


def test_ctrl_c_abandons_the_line(pagoda):
    pagoda.send(b"echo no\x03")
    pagoda.send(b"echo yes\r")
    got = pagoda.expect_line("yes")
    lines = got.splitlines()
    assert "no" not in lines, "Ctrl-C'd line was run"
    assert lines.count("yes") == 1
    assert "unknown command" not in got
    assert pagoda.cmd("echo fine") == "fine\n"


def test_cr_lf_and_crlf_each_end_one_line(pagoda):
    pagoda.send("echo a\r")
    pagoda.send("echo b\n")
    pagoda.send("echo c\r\n")
    got = pagoda.sync()
    assert got.count("pagoda> ") == 3, "expected one prompt per line:\n" + got
    assert re.findall(r"^[abc]$", got, re.M) == ["a", "b", "c"]
    assert "unknown command" not in got


# -- info and uptime ----------------------------------------------------------

def test_info(pagoda):
    out = pagoda.cmd("info")
    assert re.search(r"^.*build:", out, re.M), out
    assert re.search(r"cpu: ARM1176JZF-S r\d", out), out
    assert "MIDR 0x410fb767" in out, out
    assert "mode: SVC" in out, out
    for section in ("text", "rodata", "data", "bss"):
        assert re.search(r"^\s*%s\b.*\d" % section, out, re.M), \
            "no %s size:\n%s" % (section, out)


def uptime_us(con):
    out = con.cmd("uptime")
    m = re.fullmatch(r"uptime: (\d+)\.(\d{6}) s\n", out)
    assert m, "bad uptime output %r" % out
    return int(m.group(1)) * 1000000 + int(m.group(2))


def test_uptime_increases(pagoda):
    first = uptime_us(pagoda)
    second = uptime_us(pagoda)
    assert second > first


# -- halt and reboot ----------------------------------------------------------

@pytest.mark.parametrize("line, status", [("halt", 0), ("halt 3", 3), ("halt 0x7", 7)])
def test_halt_exit_status(pagoda, line, status):
    pagoda.send(line + "\r")
    assert pagoda.expect_exit(timeout=10) == status


def test_halt_bad_number(pagoda):
    assert pagoda.cmd("halt 12x") == "error: bad number '12x'\n"
    assert pagoda.cmd("echo still here") == "still here\n"


def test_reboot_exits_qemu(pagoda):
    pagoda.send("reboot\r")
    pagoda.read_until(b"rebooting")
    assert pagoda.expect_exit(timeout=10) == 0


# -- entry paths ----------------------------------------------------------------

def test_raw_image_boots_nonsecure_at_0x10000(boot):
    """QEMU loads a raw -kernel image at 0x10000 and enters it in Non-secure
    SVC mode (QEMU-FACTS.md).  The stub must move the image to 0x8000 (through
    a scratch copy, so the copy loop is never overwritten) and boot as the
    ELF does, processes included."""
    img = Path(__file__).resolve().parents[2] / "build" / "kernel.img"
    con = boot(kernel=img)
    assert "pagoda" in con.banner
    info = con.cmd("info")
    assert "mode: SVC" in info, info
    out = con.cmd("run hello")
    assert "hello from pagoda pid" in out, out
    assert con.cmd("echo alive") == "alive\n"


def test_raw_image_boots_with_bios_at_0x8000(boot):
    """QEMU's -bios loads the raw kernel.img at 0x8000 and enters it in
    Secure SVC mode, as the Pi firmware does with config.txt's
    kernel_address=0x8000 (QEMU-FACTS.md): the SD card's kernel, booted
    the firmware's way, reaches the prompt and runs `info`."""
    img = Path(__file__).resolve().parents[2] / "build" / "kernel.img"
    con = boot(bios=img)
    assert "pagoda" in con.banner
    info = con.cmd("info")
    assert "mode: SVC" in info, info
    assert "MIDR 0x410fb767" in info, info
    assert con.cmd("echo alive") == "alive\n"


SELFTEST_PARTS = ["alias-cached", "clean-to-ram", "invalidate", "code", "cow"]


def check_selftest(con):
    out = con.cmd("selftest", timeout=60)
    for part in SELFTEST_PARTS:
        assert re.search(r"^selftest: %s +ok " % re.escape(part), out, re.M), out
    assert out.rstrip().endswith("selftest: PASS"), out
    # every scratch frame and page went back
    assert con.cmd("selftest", timeout=60).rstrip().endswith("selftest: PASS")


def test_selftest_passes(pagoda):
    """`selftest` (kernel/selftest.c): cached aliases agree, a clean
    reaches RAM, an invalidate drops stale lines, rewritten code runs after
    the sync, and copy-on-write works.  QEMU has no caches, so here this
    proves the test itself; on a Pi it checks the maintenance."""
    free0 = re.search(r"(\d+) free", pagoda.cmd("mem")).group(1)
    check_selftest(pagoda)
    assert re.search(r"(\d+) free", pagoda.cmd("mem")).group(1) == free0


def test_raw_image_selftest_under_bios(boot):
    """The SD card's kernel.img, loaded at 0x8000 by -bios as the firmware
    would, passes selftest."""
    img = Path(__file__).resolve().parents[2] / "build" / "kernel.img"
    check_selftest(boot(bios=img))
