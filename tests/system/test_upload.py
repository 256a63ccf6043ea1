"""Uploading programs over the serial line: tools/upload -> `load NAME`.

QEMU puts the console on a unix socket here (not stdio), so that the test
and tools/upload can take turns on the one serial line, as a user would
with a USB serial adapter.  No -icount: the kernel's upload timeouts are
guest time, and with sleep=off guest time races ahead while the host is
busy, so they would fire early.
"""
import os
import socket
import subprocess
import tempfile
import time
import zlib
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KERNEL = Path(os.environ.get("PAGODA_KERNEL", ROOT / "build" / "kernel.elf"))
HELLO = ROOT / "build" / "user" / "hello.elf"
UPLOAD = ROOT / "tools" / "upload"


class SocketConsole:
    """The console over QEMU's unix socket; connect and disconnect at will."""

    def __init__(self, path):
        self.path = path
        self.sock = None

    def connect(self, timeout=10):
        deadline = time.time() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(self.path)
                self.sock.settimeout(0.2)
                return
            except OSError:
                self.sock.close()
                if time.time() > deadline:
                    raise
                time.sleep(0.05)

    def close(self):
        if self.sock:
            self.sock.close()
            self.sock = None

    def drain(self, quiet=0.3):
        """Throw away output until the line has been quiet for `quiet` s."""
        got = b""
        self.sock.settimeout(quiet)
        try:
            while True:
                chunk = self.sock.recv(4096)
                if not chunk:
                    break
                got += chunk
        except socket.timeout:
            pass
        self.sock.settimeout(0.2)
        return got

    def cmd(self, line, until=None, timeout=15, drain=True):
        """Send a line; return the output up to `until` (bytes) if given,
        else up to the prompt that follows the line's own echo.  drain=False
        keeps output that arrived before (an asynchronous message)."""
        if drain:
            self.drain(0.05)
        self.sock.sendall(line.encode() + b"\r")
        buf = b""
        deadline = time.time() + timeout
        echo = line.encode() + b"\r\n"
        while True:
            if until is not None:
                if until in buf:
                    break
            else:
                at = buf.find(echo)
                if at >= 0 and buf.endswith(b"pagoda> ") and len(buf) > at + len(echo):
                    break
            if time.time() > deadline:
                raise TimeoutError("no %r after %r; got %r" % (until or "prompt", line, buf))
            try:
                buf += self.sock.recv(4096)
            except socket.timeout:
                pass
        text = buf.replace(b"\r\n", b"\n").decode("latin-1")
        if until is None:
            text = text[text.find(line + "\n"):]    # from the echo on
        return text


def start(upload_port=False):
    """QEMU with the console on a unix socket (and, if asked, the second
    UART on another, as `make run` wires build/upload.sock)."""
    tmp = tempfile.mkdtemp(prefix="pagoda-upload-")
    path = os.path.join(tmp, "console.sock")
    args = subprocess.run([str(ROOT / "tools" / "qemu-args"), "--kernel", str(KERNEL)],
                          check=True, stdout=subprocess.PIPE, text=True).stdout.split()
    # replace the stdio console with a unix socket server
    i = args.index("-serial")
    args[i + 1] = "unix:%s,server=on,wait=off" % path
    up = os.path.join(tmp, "upload.sock")
    if upload_port:
        args += ["-serial", "unix:%s,server=on,wait=off" % up]
    qemu = subprocess.Popen(["qemu-system-arm"] + args, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return qemu, SocketConsole(path), path, up


@pytest.fixture
def serial():
    qemu, con, path, _ = start()
    try:
        con.connect()
        con.cmd("")                     # a prompt: the kernel is up
        yield con, path
    finally:
        con.close()
        qemu.kill()
        qemu.wait()


def test_upload_port_takes_frames_without_a_command():
    """The second UART (make run's build/upload.sock): frames arrive there
    while the console stays with the user."""
    qemu, con, _, up = start(upload_port=True)
    try:
        con.connect()
        con.cmd("")
        r = subprocess.run([str(UPLOAD), "--no-command", "--name", "viaport", up, str(HELLO)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=60)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "load: ok viaport %d bytes" % HELLO.stat().st_size in r.stdout
        out = con.cmd("run viaport")
        assert "hello from pagoda pid" in out and "viaport: exit 0" in out, out
        # a corrupted frame on the port is refused there, and stores nothing
        r = subprocess.run([str(UPLOAD), "--no-command", "--name", "hello", up, str(HELLO)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=60)
        assert r.returncode == 1 and "exists" in r.stdout, r.stdout + r.stderr
        # the listener notes the refusal on the console, asynchronously
        note = con.cmd("echo note", until=b"(rm it first)\r\n", drain=False)
        assert "[upload port] load: error" in note, note
        assert "alive" in con.cmd("echo alive").splitlines()
    finally:
        con.close()
        qemu.kill()
        qemu.wait()


def frame(data, name, flip=None):
    hdr = b"PGDA" + bytes([1, len(name)]) + name.encode() + \
        struct.pack("<II", len(data), zlib.crc32(data))
    hdr += struct.pack("<I", zlib.crc32(hdr))
    if flip is not None:
        data = bytearray(data)
        data[flip] ^= 0x40
    return hdr + bytes(data)


def test_upload_tool_then_run(serial):
    con, path = serial
    before = con.cmd("mem").splitlines()[1]
    con.close()                                   # let tools/upload have the line
    r = subprocess.run([str(UPLOAD), "--name", "up1", path, str(HELLO)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "load: ok up1 %d bytes" % HELLO.stat().st_size in r.stdout
    con.connect()
    out = con.cmd("ls")
    assert "up1" in out and "(uploaded)" in out, out
    out = con.cmd("run up1")
    assert "hello from pagoda pid" in out and "up1: exit 0" in out, out
    assert con.cmd("rm up1").splitlines()[1] == "rm: removed up1"
    after = con.cmd("mem").splitlines()[1]
    assert after == before, "frames leaked by the upload: %r -> %r" % (before, after)


@pytest.mark.parametrize("case,expect", [
    ("data", "data CRC mismatch"),
    ("junk", "bad magic"),
    ("notelf", "not a program pagoda can run"),
    ("othername", "the frame names another program"),
])
def test_bad_uploads_register_nothing(serial, case, expect):
    con, _ = serial
    hello = HELLO.read_bytes()
    before = con.cmd("mem").splitlines()[1]
    out = con.cmd("load x1", until=b"(max 512 KiB)\r\n")
    time.sleep(0.05)
    assert "load: ready for x1" in out
    payload = {
        "data": frame(hello, "x1", flip=200),
        "junk": os.urandom(3000),
        "notelf": frame(b"#!/bin/sh\necho not an elf\n" * 10, "x1"),
        "othername": frame(hello, "y2"),
    }[case]
    con.sock.sendall(payload)
    out = con.cmd("", until=b"load: error", timeout=30, drain=False)
    out += con.drain(0.6).replace(b"\r\n", b"\n").decode("latin-1")
    assert "load: error" in out and expect in out, out
    assert "x1" not in con.cmd("ls")
    assert con.cmd("echo alive").splitlines()[1] == "alive"
    after = con.cmd("mem").splitlines()[1]
    assert after == before, "frames leaked by a refused upload: %r -> %r" % (before, after)


def patched_hello(change):
    """hello.elf with one field changed: (what, message expected)."""
    elf = bytearray(HELLO.read_bytes())
    phoff = struct.unpack_from("<I", elf, 28)[0]
    if change == "machine":
        struct.pack_into("<H", elf, 18, 3)                 # EM_386
    elif change == "wx":
        struct.pack_into("<I", elf, phoff + 24, 7)         # first segment RWX
    elif change == "window":
        struct.pack_into("<I", elf, phoff + 8, 0x00008000)  # p_vaddr: kernel text
        struct.pack_into("<I", elf, phoff + 12, 0x00008000)
    elif change == "entry":
        struct.pack_into("<I", elf, 24, 0x020F0000)        # e_entry: the stack
    elif change == "truncated":
        del elf[40:]
    return bytes(elf)


@pytest.mark.parametrize("change,message", [
    ("machine", "not an ARM executable"),
    ("wx", "segment is both writable and executable (W^X)"),
    ("window", "segment outside the process window"),
    ("entry", "entry point not in an executable segment"),
    ("truncated", "file too small for an ELF header"),
])
def test_bad_elf_uploads_refused_with_their_reason(serial, change, message):
    """Each loader rule, end to end: a well-framed upload of a bad ELF is
    refused with that rule's message, and nothing is stored or leaked."""
    con, _ = serial
    before = con.cmd("mem").splitlines()[1]
    out = con.cmd("load bad1", until=b"(max 512 KiB)\r\n")
    time.sleep(0.05)
    con.sock.sendall(frame(patched_hello(change), "bad1"))
    out = con.cmd("", until=message.encode(), timeout=30, drain=False)
    assert "load: error: bad1: not a program pagoda can run: " + message in out, out
    assert "bad1" not in con.cmd("ls")
    after = con.cmd("mem").splitlines()[1]
    assert after == before, "frames leaked by a refused ELF: %r -> %r" % (before, after)
