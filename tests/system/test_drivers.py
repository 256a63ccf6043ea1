"""Drivers: system timer tick, board identification, console receive path,
ACT LED and GPIO, interrupt counts, the mini UART console and the watchdog.

Each test boots its own QEMU through conftest.py (raspi0, PL011, icount
unless it says otherwise). Register values read with `peek` are checked
against the BCM2835 register map (BCM2835 ARM Peripherals, ch. 6 GPIO and
ch. 12 System Timer) as QEMU 7.2 models it (QEMU-FACTS.md).
"""

import os
import re
import time
from pathlib import Path

import pytest

from conftest import REPO, ConsoleTimeout

MINI_KERNEL = Path(os.environ.get("PAGODA_MINI_KERNEL", REPO / "build" / "mini" / "kernel.elf"))

HZ = 100
PERIOD_US = 1000000 // HZ     # one tick of the 1 MHz system timer

ST_C1 = 0x20003010            # system timer compare 1: the tick's next deadline
GPFSEL0 = 0x20200000          # function select, pins 0-9 (3 bits each)
GPLEV0 = 0x20200034           # pin levels 0-31
GPLEV1 = 0x20200038           # pin levels 32-53
LED_PIN = 47                  # ACT LED on the Zero and the A+
LED_BIT = 1 << (LED_PIN - 32)


# -- helpers ----------------------------------------------------------------------

def peek(con, addr):
    out = con.cmd("peek 0x%08x" % addr)
    m = re.match(r"^%08x: ([0-9a-f]{8})\n$" % addr, out)
    assert m, "peek %08x: %r" % (addr, out)
    return int(m.group(1), 16)


def info_line(text, key):
    """The value of `info`'s "key: ..." line."""
    m = re.search(r"^%s: (.*)$" % re.escape(key), text, re.M)
    assert m, "info has no %r line:\n%s" % (key, text)
    return m.group(1)


def parse_uptime(text):
    m = re.match(r"^uptime: (\d+)\.(\d{6}) s$", text.strip())
    assert m, "uptime: %r" % text
    return int(m.group(1)) * 1000000 + int(m.group(2))


TICK = re.compile(r"^(\d+) Hz, (\d+) ticks, (\d+) lost$")
CONSOLE = re.compile(r"^(.*), (\d+) bytes in, (\d+) overflowed, (\d+) UART errors$")


def read_outputs(con, n, timeout=10):
    """Outputs (normalised str, echo line dropped) of the next n commands
    typed ahead in one go."""
    outs = []
    for _ in range(n):
        raw = con.read_to_prompt(timeout).replace(b"\r\n", b"\n").decode()
        outs.append(raw[raw.find("\n") + 1:])
    return outs


# -- system timer tick ---------------------------------------------------------------

def tick_sample(con):
    """Type `uptime; info; peek C1; uptime` in one write and return
    (u1, ticks, lost, hz, deadline, u2), times in microseconds."""
    con.send("uptime\rinfo\rpeek 0x%08x\ruptime\r" % ST_C1)
    up1, info, c1, up2 = read_outputs(con, 4)
    m = TICK.match(info_line(info, "tick"))
    assert m, info
    hz, ticks, lost = (int(g) for g in m.groups())
    m = re.match(r"^%08x: ([0-9a-f]{8})\n$" % ST_C1, c1)
    assert m, c1
    return parse_uptime(up1), ticks, lost, hz, int(m.group(1), 16), parse_uptime(up2)


def test_tick_counts_at_hz(pagoda):
    """The tick count equals the timer periods elapsed since the tick began,
    exactly, at the start and again ~100 s of guest time later.

    Under -icount shift=0,sleep=off guest time is virtual: 1 ns per
    instruction, and an idle CPU jumps straight to the next timer deadline.
    The kernel arms C1 at T0 + k * PERIOD_US, where T0 is the system timer
    value when the tick started (during boot, before the first prompt: a few
    hundred us after reset), and counts one tick per deadline passed. So:

      * C1 always holds the next deadline D = T0 + (ticks + 1) * PERIOD_US.
        As T0 < PERIOD_US, ticks == D // PERIOD_US - 1 and T0 == D % PERIOD_US,
        both exact (if a deadline passes between `info` and `peek`, C1 is
        one period further on: that case is told apart by uptime below).
      * `uptime` reads the same counter (us since reset), so at any moment
        ticks == (now - T0) // PERIOD_US: the `info` in between the two
        uptimes saw a count in [(u1 - T0) // P, (u2 - T0) // P]. The four
        commands are typed ahead in one write, so the guest normally runs
        them without idling and the two bounds are equal.
    A wrong period (HZ, timer clock) shows as a count off by many ticks
    after 100 s, or as a T0 that is not before the first prompt.
    """
    P = PERIOD_US
    first_prompt = None
    m = re.search(r"^boot: first prompt (\d+) us after reset$", pagoda.cmd("info"), re.M)
    if m:
        first_prompt = int(m.group(1))

    samples = [tick_sample(pagoda)]
    time.sleep(0.2)        # host time; the idle guest skips ahead many seconds
    samples.append(tick_sample(pagoda))

    t0s = set()
    for u1, ticks, lost, hz, d, u2 in samples:
        assert hz == HZ
        assert lost == 0, "ticks lost under icount"
        # at the peek (between the uptimes) C1 was the next deadline and the
        # one before it had passed
        assert u1 < d <= u2 + P, "C1 %d is not the next deadline (uptimes %d, %d)" % (
            d, u1, u2)
        t0 = d % P
        t0s.add(t0)
        lo, hi = (u1 - t0) // P, (u2 - t0) // P
        assert lo <= ticks <= hi, \
            "%d ticks between uptimes %d and %d us (T0 %d us)" % (ticks, u1, u2, t0)
        assert ticks <= d // P - 1, "%d ticks, but C1 (read later) is %d" % (ticks, d)
        if lo == hi:       # nothing passed in between: C1 is right after `ticks`
            assert d == t0 + (ticks + 1) * P, (d, ticks)
    assert len(t0s) == 1, "deadlines not on one %d us grid: %s" % (P, samples)
    t0 = t0s.pop()
    if first_prompt is not None:
        assert t0 <= first_prompt, "tick began at %d us, after the prompt (%d us)" % (
            t0, first_prompt)
    # the second sample really is a long span later
    assert samples[1][0] - samples[0][5] >= 10 * 1000000, samples


# -- board ---------------------------------------------------------------------------

@pytest.mark.parametrize("machine,board,revision,led", [
    ("raspi0", "Raspberry Pi Zero", 0x00920092, "active-low"),
    ("raspi1ap", "Raspberry Pi Model A+", 0x00900021, "active-high"),
])
def test_info_board(boot, machine, board, revision, led):
    con = boot(machine=machine)
    info = con.cmd("info")
    b = info_line(info, "board")
    assert b.startswith(board + " "), b
    assert b.endswith("(revision 0x%08x)" % revision), b
    assert info_line(info, "memory") == \
        "ARM 448 MiB at 0x00000000, VideoCore 64 MiB at 0x1c000000"
    assert info_line(info, "clocks") == \
        "ARM 700 MHz, core 700 MHz, UART 3000000 Hz, EMMC 50 MHz"
    assert info_line(info, "ACT LED") == "GPIO %d, %s" % (LED_PIN, led)
    assert info_line(info, "console").startswith("PL011 UART0 (GPIO14/15), ")


# -- console receive -------------------------------------------------------------------

def test_paste_64k(pagoda):
    """64 KiB typed at once, then CR: the line is rejected as too long and
    the shell carries on. Every byte is counted (console.c counts a byte
    before queueing it, so a dropped byte is still "in")."""
    paste = bytes(0x21 + i % 94 for i in range(65536))     # printable, no CR
    sent = 0
    pagoda.send(paste)
    pagoda.send("\r")
    sent += len(paste) + 1
    try:
        # ~1 s of host time normally
        out = pagoda.read_to_prompt(timeout=20).replace(b"\r\n", b"\n").decode()
    except ConsoleTimeout:
        pytest.fail("the console stopped answering during the paste (%d bytes echoed); "
                    "a receive interrupt was lost? (QEMU's PL011 raises RX only when "
                    "its FIFO goes from empty to non-empty, and has no RX timeout)"
                    % (len(pagoda.out) - pagoda.pos), pytrace=False)
    assert out.endswith("\nerror: line too long (max 255)\n"), out[-300:]
    # what was echoed is the first 255 characters of the paste
    assert out.startswith(paste[:255].decode()), out[:300]

    assert pagoda.cmd("echo alive") == "alive\n"
    sent += len("echo alive\r")
    info = pagoda.cmd("info")
    sent += len("info\r")
    m = CONSOLE.match(info_line(info, "console"))
    assert m, info
    name, nin, overflowed, errors = m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))
    assert name == "PL011 UART0 (GPIO14/15)"
    assert nin >= 65536
    # QEMU's PL011 takes input only while its FIFO has room (flow control),
    # so the UART never overruns and every byte sent reaches the driver
    assert nin == sent, "sent %d bytes, kernel counted %d" % (sent, nin)
    assert errors == 0
    # the shell reads the 4 KiB ring while the paste arrives, 16-byte FIFO
    # at a time, so under QEMU it cannot fill: nothing was dropped
    assert overflowed == 0, "%d bytes dropped" % overflowed


# -- LED -------------------------------------------------------------------------------

@pytest.mark.parametrize("machine,active_low", [("raspi0", True), ("raspi1ap", False)])
def test_led_on_off(boot, machine, active_low):
    con = boot(machine=machine)
    pol = "active-low" if active_low else "active-high"
    for state in ("on", "off", "on"):
        assert con.cmd("led " + state) == "led: %s (GPIO %d, %s)\n" % (state, LED_PIN, pol)
        level = bool(peek(con, GPLEV1) & LED_BIT)
        assert level == ((state == "on") != active_low), \
            "led %s: GPIO %d level %d on %s" % (state, LED_PIN, level, machine)


def test_led_blink_runs_in_background(pagoda):
    assert pagoda.cmd("led on").startswith("led: on ")
    on_level = peek(pagoda, GPLEV1) & LED_BIT
    # typed ahead together: the guest runs them back to back
    pagoda.send("uptime\rled blink 2\ruptime\r")
    up1, blink, up2 = read_outputs(pagoda, 3)
    assert blink == "led: blinking 2 times in the background\n"
    u1, u2 = parse_uptime(up1), parse_uptime(up2)
    # a blink toggles every 250 ms; the prompt must not wait for any of it
    assert u2 - u1 < 250000, "led blink took %d us of guest time" % (u2 - u1)
    # 4 toggles, one per 250 ms, all done within ~1.25 s: then the LED is
    # back on. The idle guest skips ahead, so a little host time is enough.
    wait_guest_time(pagoda, u2 + 1300000)
    assert peek(pagoda, GPLEV1) & LED_BIT == on_level
    assert pagoda.cmd("echo alive") == "alive\n"


@pytest.mark.parametrize("args,usage", [
    ("", "usage: led on|off|toggle|blink N"),     # shell: too few arguments
    ("bogus", "usage: led on|off|toggle|blink N"),
    ("on off", "usage: led on|off|toggle|blink N"),
    ("blink", "usage: led blink N"),
    ("blink 0", "error: blink count must be 1-1000"),
    ("blink 1001", "error: blink count must be 1-1000"),
    ("blink x", "error: bad number 'x'"),
])
def test_led_bad_args(pagoda, args, usage):
    out = pagoda.cmd(("led " + args).strip())
    assert out.splitlines()[-1] == usage, out
    assert pagoda.cmd("echo alive") == "alive\n"


def test_led_toggle_reports_state(pagoda):
    assert pagoda.cmd("led off").startswith("led: off ")
    assert pagoda.cmd("led toggle") == "led: on (GPIO 47, active-low)\n"
    assert not peek(pagoda, GPLEV1) & LED_BIT
    assert pagoda.cmd("led toggle") == "led: off (GPIO 47, active-low)\n"
    assert peek(pagoda, GPLEV1) & LED_BIT


# -- GPIO ------------------------------------------------------------------------------

def test_gpio_output(pagoda):
    assert pagoda.cmd("gpio 5 out") == "gpio 5: out, level 0\n"
    assert (peek(pagoda, GPFSEL0) >> 15) & 7 == 1, "GPFSEL0 FSEL5 is not output"
    assert pagoda.cmd("gpio 5 high") == "gpio 5: out, level 1\n"
    assert peek(pagoda, GPLEV0) & (1 << 5)
    assert pagoda.cmd("gpio 5") == "gpio 5: out, level 1\n"
    assert pagoda.cmd("gpio 5 low") == "gpio 5: out, level 0\n"
    assert not peek(pagoda, GPLEV0) & (1 << 5)
    assert pagoda.cmd("gpio 5 in") == "gpio 5: in, level 0\n"
    assert (peek(pagoda, GPFSEL0) >> 15) & 7 == 0, "GPFSEL0 FSEL5 is not input"


def test_gpio_pull(pagoda):
    assert pagoda.cmd("gpio 5 pull up") == "gpio 5: pull up\n"
    assert pagoda.cmd("gpio 5 pull sideways") == "error: gpio pull takes up, down or off\n"
    assert pagoda.cmd("gpio 5 pull") == "error: gpio pull takes up, down or off\n"


@pytest.mark.parametrize("args,error", [
    ("54", "error: gpio pin 54 out of range (0-53)"),
    ("54 out", "error: gpio pin 54 out of range (0-53)"),
    ("5 bogus", "error: unknown gpio mode 'bogus' (in, out, alt0-alt5, high, low, pull)"),
    ("x", "error: bad number 'x'"),
])
def test_gpio_errors(pagoda, args, error):
    assert pagoda.cmd("gpio " + args) == error + "\n"
    assert pagoda.cmd("echo alive") == "alive\n"


# -- interrupts ------------------------------------------------------------------------

IRQ_LINE = re.compile(r"^ *(\d+)  (.+?) +(yes|no) +(\d+) +(.+)$")


def irq_table(con):
    out = con.cmd("irq")
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["IRQ", "source"], out
    table = {}
    for line in lines[1:-1]:
        m = IRQ_LINE.match(line)
        assert m, "unparsable irq line %r" % line
        table[int(m.group(1))] = (m.group(2), m.group(3), int(m.group(4)), m.group(5))
    assert lines[-1] == "spurious: 0", out
    return table


def wait_guest_time(con, us):
    """Idle (in host time) until the guest's uptime reaches us microseconds;
    an idle guest under icount skips ahead, so this is quick."""
    deadline = time.monotonic() + 10
    while True:
        now = parse_uptime(con.cmd("uptime"))
        if now >= us:
            return now
        assert time.monotonic() < deadline, "guest time stuck at %d us" % now
        time.sleep(0.01)


def test_irq_counts(pagoda):
    wait_guest_time(pagoda, 3 * PERIOD_US)     # some ticks have happened
    pagoda.cmd("echo some typing")             # console receive interrupts
    t = irq_table(pagoda)
    src, en, n, handler = t[1]
    assert (src, en, handler) == ("systimer C1", "yes", "system timer tick"), t[1]
    assert n > 0
    src, en, n, handler = t[57]
    assert (src, en, handler) == ("uart (PL011)", "yes", "console rx"), t[57]
    assert n > 0
    # the counts move: a later table has more of both
    pagoda.cmd("echo more typing")
    t2 = irq_table(pagoda)
    assert t2[57][2] > t[57][2]
    assert t2[1][2] >= t[1][2]


# -- mini UART console -----------------------------------------------------------------

def test_mini_uart_console(boot):
    if not MINI_KERNEL.is_file():
        pytest.fail("%s not found: run `make CONSOLE=mini kernel`" % MINI_KERNEL,
                    pytrace=False)
    con = boot(console="mini", kernel=MINI_KERNEL)
    assert "console: mini UART (AUX, GPIO14/15), 115200 8N1." in con.banner
    assert con.cmd("echo hi") == "hi\n"
    info = con.cmd("info")
    m = CONSOLE.match(info_line(info, "console"))
    assert m and m.group(1) == "mini UART (AUX, GPIO14/15)", info
    t = irq_table(con)
    assert t[29][0] == "aux (mini UART)" and t[29][1] == "yes" and t[29][2] > 0, t
    assert 57 not in t or t[57][1] == "no", t


# -- watchdog ---------------------------------------------------------------------------

def test_reboot_exits_qemu(pagoda):
    pagoda.send("reboot\r")
    pagoda.read_until("rebooting...\r\n")
    assert pagoda.expect_exit(timeout=10) == 0
