"""The SD card: `make sdcard`, tools/firmware and `make flash`.

The image is built by `make sdcard` itself, but into tmp_path (SDCARD_IMG and
SDCARD_BOOT overridden on the command line) and from fake firmware files
(FIRMWARE_DIR), so these tests are offline, deterministic, and leave the
real build/pagoda-sd.img alone. One test fetches the real firmware from
Debian; it skips, saying why, only when the mirror cannot be reached.

`make flash` is driven against fake sysfs and proc trees (PAGODA_SYSFS,
PAGODA_PROC) and a regular file standing in for the card
(PAGODA_FLASH_ANY_FILE=1); no test goes near a real disk.

Standard library only, plus sfdisk and mtools (mdir, mcopy).
"""

import json
import os
import struct
import subprocess
from pathlib import Path

import pytest

from conftest import Console, qemu_args

REPO = Path(__file__).resolve().parents[2]
ELF = REPO / "build" / "kernel.elf"
CONFIG = REPO / "config.txt"
FIRMWARE = REPO / "tools" / "firmware"
FLASH = REPO / "tools" / "flash"

MIB = 1024 * 1024
SECTOR = 512
FIRMWARE_FILES = ("bootcode.bin", "start.elf", "fixup.dat")
CARD_FILES = {"bootcode.bin", "start.elf", "fixup.dat", "LICENCE.broadcom",
              "config.txt", "kernel.img"}

# sfdisk and mkfs.vfat live in /usr/sbin, outside a normal user's PATH.
ENV = dict(os.environ, PATH=os.environ.get("PATH", "") + ":/usr/sbin:/sbin",
           MTOOLS_SKIP_CHECK="1", LC_ALL="C")
# Nothing from the caller's settings, nor from a make that runs pytest
# (MAKEFLAGS would carry its command-line variables, such as CONSOLE=mini,
# into the make these tests start).
for _v in ("FIRMWARE_DIR", "DEV", "YES", "PAGODA_SYSFS", "PAGODA_PROC",
           "PAGODA_FLASH_ANY_FILE", "PAGODA_APT_ETC", "MAKEFLAGS", "MFLAGS",
           "MAKELEVEL", "MAKEOVERRIDES"):
    ENV.pop(_v, None)


def run(cmd, env=None, input=None, timeout=120, cwd=REPO):
    """Run cmd (a list) in the repo; return the CompletedProcess, text mode,
    stdout and stderr kept apart."""
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env or ENV,
                          input=input, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=timeout)


def make(*args, env=None, input=None):
    return run(["make", "--no-print-directory", "-s"] + list(args),
               env=env, input=input, timeout=600)


def fake_firmware(d, licence=True):
    """Make a firmware directory of recognisable fake files; return it."""
    d.mkdir(parents=True, exist_ok=True)
    for name in FIRMWARE_FILES:
        (d / name).write_bytes(b"fake %s\n" % name.encode() + bytes(range(256)) * 40)
    if licence:
        (d / "LICENCE.broadcom").write_text("fake licence for the tests\n")
    return d


class Card:
    """One `make sdcard` run's outputs, and ways to read the image."""

    def __init__(self, img, boot, firmware):
        self.img, self.boot, self.firmware = img, boot, firmware
        self.offset = self.partition()["start"] * SECTOR

    def partition(self):
        return self.table()["partitions"][0]

    def table(self):
        out = run(["sfdisk", "--json", self.img])
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)["partitiontable"]

    def fat(self):
        return "%s@@%d" % (self.img, self.offset)

    def names(self):
        """The file names in the FAT's root directory (mdir -b: bare)."""
        out = run(["mdir", "-b", "-i", self.fat(), "::/"])
        assert out.returncode == 0, out.stderr
        return {line.strip()[len("::/"):] for line in out.stdout.splitlines()
                if line.strip()}

    def read(self, name, tmp):
        """One file's bytes, copied out of the image with mcopy."""
        dest = tmp / ("out-" + name)
        out = run(["mcopy", "-n", "-i", self.fat(), "::/" + name, dest])
        assert out.returncode == 0, out.stderr
        return dest.read_bytes()


def build_card(tmp, firmware):
    """`make sdcard` (default console: build/kernel.img) into tmp from
    firmware; return a Card."""
    img, boot = tmp / "pagoda-sd.img", tmp / "boot"
    out = make("sdcard", "BUILD_TAG=", "FIRMWARE_DIR=%s" % firmware,
               "SDCARD_IMG=%s" % img, "SDCARD_BOOT=%s" % boot)
    assert out.returncode == 0, out.stdout + out.stderr
    return Card(img, boot, firmware)


@pytest.fixture(scope="module")
def card(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sdcard")
    return build_card(tmp, fake_firmware(tmp / "firmware"))


def elf_image(path, base=0x8000):
    """What the firmware must find in kernel.img: the bytes of every
    PT_LOAD segment of a 32-bit little-endian ARM ELF, placed at its
    physical address (p_paddr) relative to base, gaps zero, up to the end
    of the last segment with file contents."""
    data = path.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 1 and data[5] == 1, \
        "not a 32-bit little-endian ELF"
    # ELF32 header: e_phoff at 28, e_phentsize and e_phnum at 42 and 44.
    phoff, = struct.unpack_from("<I", data, 28)
    phentsize, phnum = struct.unpack_from("<HH", data, 42)
    segs = []
    for i in range(phnum):
        (p_type, p_offset, _vaddr, p_paddr, p_filesz, _memsz, _flags,
         _align) = struct.unpack_from("<8I", data, phoff + i * phentsize)
        if p_type == 1 and p_filesz:                   # PT_LOAD with bytes
            segs.append((p_paddr, data[p_offset:p_offset + p_filesz]))
    assert min(pa for pa, _ in segs) == base, "first loadable byte not at 0x8000"
    end = max(pa + len(b) for pa, b in segs)
    out = bytearray(end - base)
    for pa, b in segs:
        out[pa - base:pa - base + len(b)] = b
    return bytes(out)


# -- the image ------------------------------------------------------------------

def test_partition_table(card):
    size = card.img.stat().st_size
    assert size >= 64 * MIB and size & (size - 1) == 0, \
        "image size %d is not a power of two (QEMU's -sd needs one)" % size
    table = card.table()
    assert table["label"] == "dos" and table["sectorsize"] == SECTOR
    assert len(table["partitions"]) == 1, table
    p = table["partitions"][0]
    assert p["type"] == "c", "want FAT32 (LBA), type 0x0c: %s" % p
    assert p.get("bootable") is True
    assert p["start"] * SECTOR % MIB == 0, "partition not 1 MiB aligned"
    assert p["start"] >= 1 and p["start"] + p["size"] <= size // SECTOR


def test_mbr_bytes(card):
    """The same facts read from the raw MBR, not through sfdisk."""
    with open(card.img, "rb") as f:
        mbr = f.read(SECTOR)
    assert mbr[510:512] == b"\x55\xaa"
    entry = mbr[446:462]                               # first partition entry
    assert entry[0] == 0x80                            # bootable
    assert entry[4] == 0x0C                            # FAT32, LBA
    start, count = struct.unpack_from("<II", entry, 8)
    assert (start, count) == (card.partition()["start"], card.partition()["size"])
    assert mbr[462:510] == bytes(48), "more than one partition"


def test_partition_is_fat32(card):
    with open(card.img, "rb") as f:
        f.seek(card.offset)
        boot = f.read(SECTOR)
    assert boot[510:512] == b"\x55\xaa"
    assert boot[82:90] == b"FAT32   ", boot[82:90]     # BS_FilSysType, FAT32
    hidden, = struct.unpack_from("<I", boot, 28)       # BPB_HiddSec
    assert hidden == card.partition()["start"]


def test_fat_holds_exactly_the_boot_files(card):
    assert card.names() == CARD_FILES


def test_config_txt_is_the_repos(card, tmp_path):
    assert card.read("config.txt", tmp_path) == CONFIG.read_bytes()


def test_kernel_img_is_the_elf_from_0x8000(card, tmp_path):
    assert card.read("kernel.img", tmp_path) == elf_image(ELF)


def test_firmware_files_are_copied(card, tmp_path):
    for name in FIRMWARE_FILES + ("LICENCE.broadcom",):
        assert card.read(name, tmp_path) == (card.firmware / name).read_bytes(), name


def test_boot_dir_matches_the_image(card, tmp_path):
    assert {p.name for p in card.boot.iterdir()} == CARD_FILES
    for name in CARD_FILES:
        assert (card.boot / name).read_bytes() == card.read(name, tmp_path), name


def test_qemu_takes_the_image_and_its_kernel_boots(card, tmp_path):
    """QEMU's -sd accepts the image (its size is a power of two), and the
    card's own kernel.img, loaded the firmware's way (-bios, at 0x8000),
    reaches the prompt. (QEMU cannot run the GPU firmware itself.)"""
    kernel = tmp_path / "kernel.img"
    kernel.write_bytes(card.read("kernel.img", tmp_path))
    con = Console(qemu_args(bios=kernel) +
                  ["-drive", "if=sd,format=raw,file=%s" % card.img], name="sdcard")
    try:
        con.banner = con.wait_prompt()
        assert "pagoda" in con.banner
        assert "mode: SVC" in con.cmd("info")
    finally:
        con.close()
    assert b"power of 2" not in con.err, bytes(con.err)


def test_firmware_without_licence_gets_a_note(tmp_path):
    card = build_card(tmp_path, fake_firmware(tmp_path / "fw", licence=False))
    assert card.names() == CARD_FILES
    note = card.read("LICENCE.broadcom", tmp_path).decode()
    assert "Broadcom" in note and "raspberrypi/firmware" in note, note


def test_firmware_dir_missing_a_file(tmp_path):
    fw = fake_firmware(tmp_path / "fw")
    (fw / "start.elf").unlink()
    img = tmp_path / "pagoda-sd.img"
    out = make("sdcard", "FIRMWARE_DIR=%s" % fw, "SDCARD_IMG=%s" % img,
               "SDCARD_BOOT=%s" % (tmp_path / "boot"))
    assert out.returncode != 0
    assert "FIRMWARE_DIR=%s lacks start.elf" % fw in out.stderr, out.stderr
    assert not img.exists()


def test_firmware_dir_not_a_directory(tmp_path):
    out = run([FIRMWARE], env=dict(ENV, FIRMWARE_DIR=str(tmp_path / "nope")))
    assert out.returncode == 1
    assert "is not a directory" in out.stderr, out.stderr
    assert out.stdout == ""


# -- tools/firmware: the private apt source ---------------------------------------

SIGNED = "/usr/share/keyrings/debian-archive-keyring.gpg"


def apt_etc(tmp, sources=None, sources_list=None):
    etc = tmp / "apt"
    (etc / "sources.list.d").mkdir(parents=True)
    if sources is not None:
        (etc / "sources.list.d" / "debian.sources").write_text(sources)
    if sources_list is not None:
        (etc / "sources.list").write_text(sources_list)
    return etc


def test_private_source_from_deb822(tmp_path):
    etc = apt_etc(tmp_path, sources="""\
Types: deb deb-src
# a comment
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main contrib
Signed-By: %s

Types: deb
URIs: http://mirror.example/debian
Suites: sid
Components: main
Enabled: no
Signed-By: %s

Types: deb-src
URIs: http://mirror.example/debian
Suites: trixie
Components: main

Types: deb
URIs: https://vendor.example/apt
Suites: stable
Components: main
Signed-By: /usr/share/keyrings/vendor.gpg

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main
Signed-By:
 -----BEGIN PGP PUBLIC KEY BLOCK-----
 .
 AAAA
 -----END PGP PUBLIC KEY BLOCK-----
""" % (SIGNED, SIGNED))
    (etc / "sources.list.d" / "off.sources.disabled").write_text(
        "Types: deb\nURIs: http://other.example/debian\nSuites: x\nComponents: main\n")
    out = run([FIRMWARE, "--print-sources"], env=dict(ENV, PAGODA_APT_ETC=str(etc)))
    assert out.returncode == 0, out.stderr
    stanzas = [s for s in out.stdout.split("\n\n") if "Types:" in s]
    body = ["\n".join(l for l in s.splitlines() if not l.startswith("#"))
            for s in stanzas]
    # Only the enabled Debian binary sources; the inline key kept verbatim.
    assert body == [
        "Types: deb\nURIs: http://mirror.example/debian\n"
        "Suites: bookworm bookworm-updates\nComponents: non-free-firmware\n"
        "Signed-By: " + SIGNED,
        "Types: deb\nURIs: http://mirror.example/debian-security\n"
        "Suites: bookworm-security\nComponents: non-free-firmware\n"
        "Signed-By: \n -----BEGIN PGP PUBLIC KEY BLOCK-----\n .\n AAAA\n"
        " -----END PGP PUBLIC KEY BLOCK-----",
    ], out.stdout


def test_private_source_from_one_line_list(tmp_path):
    etc = apt_etc(tmp_path, sources_list="""\
# the classic format
deb [arch=amd64 signed-by=%s] http://mirror.example/debian bookworm main
deb-src http://mirror.example/debian bookworm main
deb http://mirror.example/debian/ bookworm-updates main  # trailing comment
deb [signed-by=/etc/apt/keyrings/vendor.gpg] https://vendor.example/debian stable main
""" % SIGNED)
    out = run([FIRMWARE, "--print-sources"], env=dict(ENV, PAGODA_APT_ETC=str(etc)))
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.count("Types: deb\n") == 2, text
    assert "URIs: http://mirror.example/debian\nSuites: bookworm\n" \
           "Components: non-free-firmware\nSigned-By: %s\n" % SIGNED in text
    assert "URIs: http://mirror.example/debian/\nSuites: bookworm-updates\n" \
           "Components: non-free-firmware\n" in text
    assert "vendor" not in text and "deb-src" not in text


def test_firmware_without_network_says_how_to_supply_it(tmp_path):
    """A mirror nobody answers for (a closed local port): exit status 3 and
    a message that says how to use FIRMWARE_DIR instead."""
    etc = apt_etc(tmp_path, sources_list=(
        "deb [signed-by=%s] http://127.0.0.1:9/debian bookworm main\n" % SIGNED))
    # tools/firmware honours the caller's APT_CONFIG: no retries, so that
    # the test takes a second, not apt's back-off of several.
    conf = tmp_path / "apt.conf"
    conf.write_text('Acquire::Retries "0";\n')
    env = dict(ENV, PAGODA_APT_ETC=str(etc), APT_CONFIG=str(conf))
    for v in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env.pop(v, None)
    out = run([FIRMWARE, "--cache", tmp_path / "cache"], env=env)
    assert out.returncode == 3, out.stderr
    assert "could not be reached" in out.stderr, out.stderr
    assert "make sdcard FIRMWARE_DIR=" in out.stderr
    assert "bootcode.bin, start.elf and fixup.dat" in out.stderr
    assert out.stdout == ""


def test_firmware_fetched_for_real(tmp_path):
    """tools/firmware against the machine's own Debian sources, into a fresh
    cache: the real files; then a second run answers from the cache with
    the sources pointed at a dead mirror, so it cannot have used the
    network."""
    cache = tmp_path / "cache"
    out = run([FIRMWARE, "--cache", cache], timeout=600)
    if out.returncode == 3:
        pytest.skip("the Debian mirror is unreachable from here (tools/firmware "
                    "exit 3):\n" + out.stderr)
    assert out.returncode == 0, out.stderr
    fw = Path(out.stdout.strip())
    assert fw == cache / "boot"
    assert (fw / "start.elf").read_bytes()[:4] == b"\x7fELF"   # a VideoCore ELF
    for name in FIRMWARE_FILES:
        assert (fw / name).stat().st_size > 4096, name
    licence = (fw / "LICENCE.broadcom").read_text()
    assert "Broadcom Corporation" in licence and "raspi-firmware" in licence

    etc = apt_etc(tmp_path, sources_list=(
        "deb [signed-by=%s] http://127.0.0.1:9/debian bookworm main\n" % SIGNED))
    again = run([FIRMWARE, "--cache", cache], env=dict(ENV, PAGODA_APT_ETC=str(etc)))
    assert again.returncode == 0, again.stderr
    assert again.stdout == out.stdout
    assert "using the cached" in again.stderr

    # And it makes a card.
    card = build_card(tmp_path / "card", fw)
    assert card.names() == CARD_FILES
    assert card.read("start.elf", tmp_path) == (fw / "start.elf").read_bytes()


# -- make flash -------------------------------------------------------------------

class FakeSystem:
    """Fake /sys and /proc trees, and a regular file standing in for the
    card /dev/sdz (8:240, with partitions sdz1 8:241 and sdz2 8:242), for
    tools/flash. Real sysfs layout in miniature:

        sys/devices/<bus path>/block/sdz/{dev,size,removable,device/...}
                                         sdz1/{dev,partition}
        sys/block/sdz         -> ../devices/<bus path>/block/sdz
        sys/class/block/sdzN  -> ../../devices/<bus path>/block/sdz/sdzN
        sys/dev/block/M:N     -> the same directories
    """

    def __init__(self, root, removable=1, usb=False, sectors=15523840):
        self.root = root
        self.sys = root / "sys"
        self.proc = root / "proc"
        bus = "pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0" \
            if usb else "platform/fake-sata/host0/target0:0:0/0:0:0:0"
        self.disk = self.sys / "devices" / bus / "block" / "sdz"
        self._node(self.disk, "sdz", "8:240")
        (self.disk / "size").write_text("%d\n" % sectors)
        (self.disk / "removable").write_text("%d\n" % removable)
        (self.disk / "device").mkdir()
        (self.disk / "device" / "vendor").write_text("SanDisk \n")
        (self.disk / "device" / "model").write_text("Ultra Fake      \n")
        for n in (1, 2):
            part = self.disk / ("sdz%d" % n)
            self._node(part, "sdz%d" % n, "8:%d" % (240 + n))
            (part / "partition").write_text("%d\n" % n)
        (self.sys / "block").mkdir(parents=True)
        (self.sys / "block" / "sdz").symlink_to(self.disk)
        self.proc.joinpath("self").mkdir(parents=True)
        self.mounts = ["proc /proc proc rw 0 0"]
        self.mountinfo = ["22 1 0:21 / /proc rw - proc proc rw",
                          "1 0 0:30 / / rw - overlay overlay rw"]
        self.swaps = []
        self.dev = root / "dev" / "sdz"
        self.dev.parent.mkdir()
        self.dev.write_bytes(b"")
        self.write()

    def _node(self, d, name, majmin):
        (d / "holders").mkdir(parents=True)
        (d / "dev").write_text(majmin + "\n")
        for link in (self.sys / "class" / "block" / name,
                     self.sys / "dev" / "block" / majmin):
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(d)

    def write(self):
        (self.proc / "mounts").write_text("\n".join(self.mounts) + "\n")
        (self.proc / "self" / "mountinfo").write_text("\n".join(self.mountinfo) + "\n")
        (self.proc / "swaps").write_text(
            "Filename\tType\tSize\tUsed\tPriority\n" + "".join(
                "%s\tpartition\t1024\t0\t-2\n" % s for s in self.swaps))

    def env(self, **extra):
        return dict(ENV, PAGODA_SYSFS=str(self.sys), PAGODA_PROC=str(self.proc),
                    PAGODA_FLASH_ANY_FILE="1", **extra)


@pytest.fixture
def image(tmp_path):
    img = tmp_path / "card.img"
    img.write_bytes(bytes(range(256)) * 4096 * 3)          # 3 MiB, recognisable
    return img


def flash(image, dev, env, via_make=False, input=None):
    if via_make:
        args = ["flash", "SDCARD_IMG=%s" % image]
        if dev is not None:
            args.append("DEV=%s" % dev)
        return make(*args, env=env, input=input)
    return run([FLASH, "--image", image] + ([dev] if dev is not None else []),
               env=env, input=input)


def test_make_flash_refuses_a_missing_dev(image):
    out = flash(image, None, ENV, via_make=True)
    assert out.returncode != 0
    assert "no device given" in out.stderr and "usage:" in out.stderr, out.stderr


def test_make_flash_refuses_a_regular_file(image, tmp_path):
    f = tmp_path / "not-a-disk"
    f.write_bytes(b"precious")
    out = flash(image, f, ENV, via_make=True)
    assert out.returncode != 0
    assert "refusing %s: not a block device" % f in out.stderr, out.stderr
    assert f.read_bytes() == b"precious"


def test_make_flash_refuses_a_non_removable_disk(image, tmp_path):
    fake = FakeSystem(tmp_path, removable=0)
    out = flash(image, fake.dev, fake.env(), via_make=True)
    assert out.returncode != 0
    assert "it is not removable" in out.stderr, out.stderr
    assert fake.dev.read_bytes() == b""


@pytest.mark.parametrize("how", ["mountinfo", "mounts", "by-uuid"])
def test_make_flash_refuses_a_mounted_disk(image, tmp_path, how):
    fake = FakeSystem(tmp_path)
    if how == "mountinfo":       # by major:minor only
        fake.mountinfo.append("40 1 8:242 / /media/me/PAGODA rw - vfat /dev/x rw")
    elif how == "mounts":        # by name only
        fake.mounts.append("/dev/sdz2 /media/me/PAGODA vfat rw 0 0")
    else:                        # by a /dev/disk/by-uuid style link
        link = tmp_path / "by-uuid-1234"
        link.symlink_to(tmp_path / "dev" / "sdz2")
        fake.mounts.append("%s /media/me/PAGODA vfat rw 0 0" % link)
    fake.write()
    out = flash(image, fake.dev, fake.env(), via_make=True)
    assert out.returncode != 0
    assert "it is mounted or in use: sdz2 on /media/me/PAGODA" in out.stderr, out.stderr
    assert fake.dev.read_bytes() == b""


def test_flash_refuses_the_running_system(image, tmp_path):
    fake = FakeSystem(tmp_path)
    fake.mountinfo[1] = "1 0 8:241 / / rw - ext4 /dev/root rw"
    fake.write()
    out = flash(image, fake.dev, fake.env())
    assert out.returncode == 1
    assert "it holds the running system" in out.stderr and "sdz1" in out.stderr, out.stderr


def test_flash_refuses_the_disk_under_a_mapped_root(image, tmp_path):
    """Root on dm-0 (LVM or LUKS) whose slave is sdz2: still refused."""
    fake = FakeSystem(tmp_path)
    dm = fake.sys / "devices" / "virtual" / "block" / "dm-0"
    fake._node(dm, "dm-0", "254:0")
    (dm / "slaves").mkdir()
    (dm / "slaves" / "sdz2").symlink_to(fake.disk / "sdz2")
    fake.mountinfo[1] = "1 0 254:0 / / rw - ext4 /dev/mapper/root rw"
    fake.write()
    out = flash(image, fake.dev, fake.env())
    assert "it holds the running system" in out.stderr and "sdz2" in out.stderr, out.stderr


def test_flash_refuses_a_disk_with_swap(image, tmp_path):
    fake = FakeSystem(tmp_path)
    fake.swaps.append("/dev/sdz2")
    fake.write()
    out = flash(image, fake.dev, fake.env())
    assert "it holds the running system" in out.stderr, out.stderr


def test_flash_refuses_a_held_partition(image, tmp_path):
    fake = FakeSystem(tmp_path)
    (fake.disk / "sdz1" / "holders" / "dm-3").mkdir()
    out = flash(image, fake.dev, fake.env())
    assert "sdz1 held by dm-3" in out.stderr, out.stderr


def test_flash_refuses_a_partition(image, tmp_path):
    fake = FakeSystem(tmp_path)
    part = tmp_path / "dev" / "sdz1"
    part.write_bytes(b"")
    out = flash(image, part, fake.env())
    assert "it is a partition; give the whole disk" in out.stderr, out.stderr


def test_flash_refuses_a_disk_smaller_than_the_image(image, tmp_path):
    fake = FakeSystem(tmp_path, sectors=2048)               # 1 MiB
    out = flash(image, fake.dev, fake.env())
    assert "less than the image" in out.stderr, out.stderr


def test_flash_asks_and_stops_without_yes(image, tmp_path):
    fake = FakeSystem(tmp_path, removable=0, usb=True)       # a USB reader
    out = flash(image, fake.dev, fake.env(), input="y\n")
    assert out.returncode == 1
    assert "(sdz): 7.4 GiB (7948206080 bytes), SanDisk Ultra Fake, USB" in out.stdout
    assert "Type yes" in out.stdout
    assert "not confirmed; nothing written" in out.stderr
    assert fake.dev.read_bytes() == b""


def test_flash_writes_after_yes(image, tmp_path):
    fake = FakeSystem(tmp_path)
    out = flash(image, fake.dev, fake.env(), input="yes\n")
    assert out.returncode == 0, out.stderr
    assert fake.dev.read_bytes() == image.read_bytes()


def test_make_flash_with_yes_1_does_not_ask(image, tmp_path):
    fake = FakeSystem(tmp_path)
    out = flash(image, fake.dev, fake.env(), via_make=True, input="")
    assert out.returncode != 0                                # EOF is not yes
    out = make("flash", "SDCARD_IMG=%s" % image, "DEV=%s" % fake.dev, "YES=1",
               env=fake.env())
    assert out.returncode == 0, out.stderr
    assert "Type yes" not in out.stdout
    assert "records out" in out.stderr or "copied" in out.stderr  # dd's report
    assert fake.dev.read_bytes() == image.read_bytes()
