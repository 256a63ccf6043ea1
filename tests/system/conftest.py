"""System-test harness: boot pagoda in QEMU and drive its serial console.

Fixtures
  pagoda   a booted kernel (raspi0, PL011, deterministic icount), already at
           its first prompt; the banner is in ``pagoda.banner``.
  boot     factory ``boot(machine=, icount=, console=, wait=, kernel=, bios=)``
           for tests that need other options; returns a Console.

Every QEMU started here is killed when its test ends, whatever happened
(fixture finalizer), again at interpreter exit (atexit), and by the kernel if
pytest itself dies (PR_SET_PDEATHSIG). When a test fails, the transcript of
each console it used is attached to the report as a "pagoda transcript"
section.

Environment
  PAGODA_KERNEL  kernel ELF (default: <repo>/build/kernel.elf)
  PAGODA_QEMU    QEMU binary (default: qemu-system-arm)

The QEMU command line comes from tools/qemu-args, shared with the Makefile.
Only the standard library is used (Debian's python3-pytest, no pip).
"""

import atexit
import os
import queue
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
QEMU_ARGS = REPO / "tools" / "qemu-args"
QEMU = os.environ.get("PAGODA_QEMU", "qemu-system-arm")
KERNEL = Path(os.environ.get("PAGODA_KERNEL", REPO / "build" / "kernel.elf"))

PROMPT = b"pagoda> "
# A prompt at the start of a line: what follows a command's output.
PROMPT_RE = re.compile(rb"(?<=\n)" + re.escape(PROMPT))

_live = set()  # Popen objects not yet reaped; the atexit net kills these


class ConsoleError(Exception):
    """Base of the console's errors; the message carries what was received."""


class ConsoleTimeout(ConsoleError, TimeoutError):
    """The expected text did not arrive in time."""


class ConsoleEOF(ConsoleError, EOFError):
    """QEMU closed its stdout (exited) before the expected text arrived."""


def qemu_args(kernel=KERNEL, machine="raspi0", icount=True, console="pl011",
              bios=None):
    """Return QEMU's argument list (without the binary) from tools/qemu-args.
    With bios, that raw image is loaded by -bios instead of kernel."""
    cmd = [str(QEMU_ARGS), "--machine", machine, "--console", console]
    cmd += ["--bios", str(bios)] if bios else ["--kernel", str(kernel)]
    if icount:
        cmd.append("--icount")
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
    return out.stdout.splitlines()


def show(data):
    """Render console bytes readably: CRLF as newline, other controls as \\xNN."""
    text = data.replace(b"\r\n", b"\n").decode("latin-1")
    return "".join(c if c == "\n" or " " <= c <= "~" else "\\x%02x" % ord(c)
                   for c in text)


def normalise(data):
    """Decode console bytes to str with CRLF turned into LF."""
    return data.replace(b"\r\n", b"\n").decode("utf-8", "backslashreplace")


def _load_prctl():
    """Return libc's prctl, or None where there is none (not Linux)."""
    try:
        import ctypes
        return ctypes.CDLL(None, use_errno=True).prctl
    except Exception:
        return None


_prctl = _load_prctl()  # looked up before any fork, never in the child


def _die_with_parent():
    """preexec_fn: ask Linux to SIGKILL QEMU if pytest dies without cleanup."""
    PR_SET_PDEATHSIG = 1
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class Console:
    """One QEMU process and its serial console (QEMU's stdin and stdout).

    Background threads copy QEMU's stdout and stderr into buffers under a
    condition variable and feed its stdin from a queue, so the test thread
    never blocks on a pipe. ``pos`` marks how far the buffer has been
    consumed by read_until and the helpers built on it.
    """

    def __init__(self, args, qemu=QEMU, name="qemu"):
        self.name = name
        self.argv = [qemu] + list(args)
        self.out = bytearray()      # everything QEMU wrote to stdout
        self.err = bytearray()      # everything QEMU wrote to stderr
        self.pos = 0                # consumed prefix of self.out
        self.eof = False            # QEMU's stdout closed
        self.last_raw = b""         # raw bytes returned by the last read
        self.match = None           # match object of the last read_until
        self.banner = None
        self._cond = threading.Condition()
        self._inq = queue.Queue()
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(
            self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
        _live.add(self.proc)
        self._threads = [
            threading.Thread(target=self._pump, args=(self.proc.stdout, self.out, True),
                             daemon=True),
            threading.Thread(target=self._pump, args=(self.proc.stderr, self.err, False),
                             daemon=True),
            threading.Thread(target=self._feed, daemon=True),
        ]
        for t in self._threads:
            t.start()

    # -- background threads ------------------------------------------------

    def _pump(self, pipe, buf, is_stdout):
        """Copy a QEMU output pipe into buf until EOF, waking readers."""
        fd = pipe.fileno()
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            with self._cond:
                if chunk:
                    buf.extend(chunk)
                elif is_stdout:
                    self.eof = True
                self._cond.notify_all()
            if not chunk:
                return

    def _feed(self):
        """Write queued input to QEMU's stdin; None closes it and stops."""
        while True:
            data = self._inq.get()
            try:
                if data is None:
                    self.proc.stdin.close()
                    return
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
            except (BrokenPipeError, OSError, ValueError):
                return  # QEMU is gone; readers will see EOF

    # -- input ---------------------------------------------------------------

    def send(self, data):
        """Queue raw bytes (or a str, encoded as latin-1) for the guest."""
        if isinstance(data, str):
            data = data.encode("latin-1")
        self._inq.put(bytes(data))

    # -- output --------------------------------------------------------------

    def read_until(self, pattern, timeout=10):
        """Consume output up to and including the first match of pattern.

        pattern is bytes (matched literally), str (encoded) or a compiled
        bytes regex. Returns the consumed bytes, match included; the match
        object is left in self.match. Raises ConsoleTimeout or ConsoleEOF
        with what arrived since the last read.
        """
        if isinstance(pattern, str):
            pattern = pattern.encode("latin-1")
        if isinstance(pattern, (bytes, bytearray)):
            pattern = re.compile(re.escape(bytes(pattern)))
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                m = pattern.search(self.out, self.pos)
                if m:
                    data = bytes(self.out[self.pos:m.end()])
                    self.pos = m.end()
                    self.last_raw, self.match = data, m
                    return data
                if self.eof:
                    raise ConsoleEOF(self._why("QEMU exited (status %s) before"
                                               % self.proc.poll(), pattern))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ConsoleTimeout(self._why("timed out after %gs waiting for"
                                                   % timeout, pattern))
                self._cond.wait(left)

    def _why(self, what, pattern):
        got = bytes(self.out[self.pos:])
        msg = "%s %r; received since last match (%d bytes):\n%s" % (
            what, pattern.pattern, len(got), show(got[-4000:]))
        if self.err:
            msg += "\n--- qemu stderr ---\n" + show(bytes(self.err[-2000:]))
        return msg

    def wait_prompt(self, timeout=10):
        """Read up to the next "pagoda> "; return what came before it (str)."""
        data = self.read_until(PROMPT, timeout)
        return normalise(data[:-len(PROMPT)])

    def read_to_prompt(self, timeout=10):
        """Read up to the next prompt at the start of a line; return the raw
        bytes before it (the prompt itself is consumed)."""
        data = self.read_until(PROMPT_RE, timeout)
        return data[:-len(PROMPT)]

    def cmd(self, line, timeout=10, eol="\r"):
        """Type line + eol at the prompt and return the command's output.

        Output is everything between the echoed command line and the next
        prompt, CRLF normalised to LF: "a b c\\n" for `echo a b  c`, "\\n"
        for a bare `echo`, "" for a command that prints nothing. Assumes the
        previous prompt has been consumed.
        """
        self.send(line + eol)
        raw = self.read_to_prompt(timeout)
        self.last_raw = raw
        nl = raw.find(b"\n")
        return normalise(raw[nl + 1:] if nl >= 0 else b"")

    def expect_line(self, text, timeout=10):
        """Read until a whole output line equal to text, followed by the
        prompt; return everything consumed (normalised str) including it.

        Useful after raw input whose echo or side effects are not exactly
        one line: the echoed command (`echo text`) never matches.
        """
        if isinstance(text, str):
            text = text.encode("latin-1")
        pat = re.compile(rb"(?<=\n)" + re.escape(text) + rb"\r\n" + re.escape(PROMPT))
        return normalise(self.read_until(pat, timeout))

    def sync(self, timeout=10, flush=False):
        """Send a unique `echo` and consume up to the prompt after its output.

        Returns everything read before the sync command's echo (normalised
        str), so a test can inspect what earlier input produced. flush=True
        first sends a CR to end any partial line.
        """
        self._syncs = getattr(self, "_syncs", 0) + 1
        token = "sync-%d" % self._syncs
        self.send("%secho %s\r" % ("\r" if flush else "", token))
        got = self.expect_line(token, timeout)
        return got[:got.rfind("echo " + token)]

    def expect_exit(self, timeout=10):
        """Wait for QEMU to exit and return its exit status."""
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise ConsoleTimeout("QEMU still running %gs later; output since last match:\n%s"
                                 % (timeout, show(bytes(self.out[self.pos:])))) from None
        self._threads[0].join(2)  # let the reader collect the last output
        return rc

    # -- lifetime ------------------------------------------------------------

    def close(self):
        """Kill QEMU (if alive), reap it, close the pipes. Idempotent."""
        p = self.proc
        if p.poll() is None:
            p.kill()
        try:
            p.wait(10)
        finally:
            _live.discard(p)
            self._inq.put(None)
            for t in self._threads[:2]:
                t.join(2)
            for f in (p.stdout, p.stderr):
                try:
                    f.close()
                except OSError:
                    pass

    def transcript(self):
        """Everything seen on this console, for failure reports."""
        s = "$ %s\n" % " ".join(self.argv)
        s += show(bytes(self.out))
        s += "\n--- consumed up to byte %d of %d; eof=%s; exit status %s\n" % (
            self.pos, len(self.out), self.eof, self.proc.poll())
        if self.err:
            s += "--- qemu stderr ---\n" + show(bytes(self.err)) + "\n"
        return s


@atexit.register
def _kill_leftovers():
    for p in list(_live):
        if p.poll() is None:
            p.kill()
        p.wait()


# -- fixtures ---------------------------------------------------------------

@pytest.fixture
def boot(request):
    """Factory: boot(machine="raspi0", icount=True, console="pl011",
    wait=True, kernel=KERNEL, bios=None) -> Console.

    bios: a raw image to load with QEMU's -bios (at 0x8000) instead of
    kernel.

    With wait=True the console is returned at its first prompt, with the text
    before it in .banner. Every console is killed when the test ends.
    """
    consoles = []
    request.node._pagoda_consoles = consoles

    def _boot(machine="raspi0", icount=True, console="pl011", wait=True,
              kernel=KERNEL, bios=None):
        image = bios or kernel
        if not Path(image).is_file():
            pytest.fail("kernel %s not found: run `make` first (or set "
                        "PAGODA_KERNEL)" % image, pytrace=False)
        con = Console(qemu_args(kernel, machine, icount, console, bios),
                      name="%s/%s%s" % (machine, console, "/icount" if icount else ""))
        consoles.append(con)
        if wait:
            con.banner = con.wait_prompt()
        return con

    try:
        yield _boot
    finally:
        for con in consoles:
            con.close()


@pytest.fixture
def pagoda(boot):
    """A kernel booted on raspi0 with icount, waiting at its first prompt."""
    return boot()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach each console's transcript to the report of a failed phase."""
    outcome = yield
    rep = outcome.get_result()
    if rep.failed:
        for con in getattr(item, "_pagoda_consoles", ()):
            rep.sections.append(("pagoda transcript (%s)" % con.name,
                                 con.transcript()))
