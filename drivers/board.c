/*
 * drivers/board.c - decode Raspberry Pi revision codes.  See
 * drivers/board.h for the code layout and its source.
 *
 * ACT LED wiring, from Linux's device trees (arch/arm/boot/dts/broadcom/):
 *   Model A, B (rev 1 and 2)  GPIO 16, active low  (bcm2835-rpi-a.dts, -b.dts:
 *                             "STATUS_LED_N", led_act gpios <16 ACTIVE_LOW>)
 *   Model A+, B+              GPIO 47, active high (bcm2835-rpi-a-plus.dts,
 *                             -b-plus.dts: "STATUS_LED", <47 ACTIVE_HIGH>)
 *   Zero, Zero W (and WH)     GPIO 47, active low  (line "STATUS_LED_N" in
 *                             bcm2835-rpi-zero.dts and -zero-w.dts; the Zero W
 *                             polarity was fixed by the 2020 commit "ARM: dts:
 *                             bcm2835-rpi-zero-w: Fix led polarity", and
 *                             raspberrypi/firmware issue #524 reports the
 *                             Zero's LED as inverted too)
 *   Compute Module 1          none on the module: GPIO 47 is EMMC_EN_N
 *                             (bcm2835-rpi-cm1-io1.dts), so pagoda must not
 *                             drive it
 * Boards with other SoCs are decoded for display only (pagoda runs on the
 * BCM2835 alone), so their LED is left at -1.
 */
#include "drivers/board.h"
#include "drivers/gpio.h"
#include "kernel/errno.h"
#include "kernel/fmt.h"
#include "kernel/string.h"

/* Revision code fields (revision-codes.adoc, "New-style revision codes") */
#define REV_NEW_STYLE     (1u << 23)    /* F */
#define REV_OLD_WARRANTY  (1u << 24)    /* old style: "100" prefix */
#define REV_OLD_CODE_MASK 0xFFFFu
#define REV_MEM_SHIFT     20            /* MMM */
#define REV_MEM_MASK      0x7u
#define REV_MAKER_SHIFT   16            /* CCCC */
#define REV_MAKER_MASK    0xFu
#define REV_PROC_SHIFT    12            /* PPPP */
#define REV_PROC_MASK     0xFu
#define REV_TYPE_SHIFT    4             /* TTTTTTTT */
#define REV_TYPE_MASK     0xFFu
#define REV_REV_MASK      0xFu          /* RRRR */

#define NO_LED  (-1)

/* Board types; the new-style TTTTTTTT values, also used by the old table */
enum {
	TYPE_A = 0x00, TYPE_B = 0x01, TYPE_APLUS = 0x02, TYPE_BPLUS = 0x03,
	TYPE_CM1 = 0x06, TYPE_ZERO = 0x09, TYPE_ZERO_W = 0x0C,
};

struct board_type {
	const char *model;        /* NULL: not a known type */
	int8_t led_pin;
	bool led_active_low;
	bool bt_on_pl011;         /* the PL011 is taken by Bluetooth */
};

/* Another SoC: shown, never driven. */
#define DISPLAY_ONLY(name, bt)  { name, NO_LED, false, bt }

static const struct board_type board_types[] = {
	[TYPE_A]      = { "Raspberry Pi Model A",  16, true,  false },
	[TYPE_B]      = { "Raspberry Pi Model B",  16, true,  false },
	[TYPE_APLUS]  = { "Raspberry Pi Model A+", 47, false, false },
	[TYPE_BPLUS]  = { "Raspberry Pi Model B+", 47, false, false },
	[TYPE_CM1]    = { "Raspberry Pi Compute Module 1", NO_LED, false, false },
	[TYPE_ZERO]   = { "Raspberry Pi Zero",     47, true,  false },
	/* Zero WH: same code as the Zero W */
	[TYPE_ZERO_W] = { "Raspberry Pi Zero W",   47, true,  true },
	[0x04] = DISPLAY_ONLY("Raspberry Pi 2 Model B", false),
	[0x05] = DISPLAY_ONLY("Raspberry Pi Alpha (prototype)", false),
	[0x08] = DISPLAY_ONLY("Raspberry Pi 3 Model B", true),
	[0x0A] = DISPLAY_ONLY("Raspberry Pi Compute Module 3", false),
	[0x0D] = DISPLAY_ONLY("Raspberry Pi 3 Model B+", true),
	[0x0E] = DISPLAY_ONLY("Raspberry Pi 3 Model A+", true),
	/* 0x0F and 0x16 are "internal use only": unknown */
	[0x10] = DISPLAY_ONLY("Raspberry Pi Compute Module 3+", false),
	[0x11] = DISPLAY_ONLY("Raspberry Pi 4 Model B", true),
	[0x12] = DISPLAY_ONLY("Raspberry Pi Zero 2 W", true),
	[0x13] = DISPLAY_ONLY("Raspberry Pi 400", true),
	/* CM4: wireless is optional and the code does not say */
	[0x14] = DISPLAY_ONLY("Raspberry Pi Compute Module 4", false),
	[0x15] = DISPLAY_ONLY("Raspberry Pi Compute Module 4S", false),
	[0x17] = DISPLAY_ONLY("Raspberry Pi 5", false),
	[0x18] = DISPLAY_ONLY("Raspberry Pi Compute Module 5", false),
	[0x19] = DISPLAY_ONLY("Raspberry Pi 500", false),
	[0x1A] = DISPLAY_ONLY("Raspberry Pi Compute Module 5 Lite", false),
};
#define NTYPES  (sizeof board_types / sizeof board_types[0])

/* New-style MMM, CCCC and PPPP values */
static const unsigned mem_sizes[] = { 256, 512, 1024, 2048, 4096, 8192, 16384 };
static const char *const makers[] = {
	"Sony UK", "Egoman", "Embest", "Sony Japan", "Embest", "Stadium",
};
static const char *const socs[] = {
	"BCM2835", "BCM2836", "BCM2837", "BCM2711", "BCM2712",
};

/* Old-style codes, indexed by the code ("Old-style revision codes") */
struct old_rev {
	uint8_t type;
	uint8_t major, minor;
	uint16_t mem_mib;
	const char *maker;        /* NULL: no such code */
};

static const struct old_rev old_revs[] = {
	[0x02] = { TYPE_B,     1, 0, 256, "Egoman" },
	[0x03] = { TYPE_B,     1, 0, 256, "Egoman" },   /* fuse mod, D14 removed */
	[0x04] = { TYPE_B,     2, 0, 256, "Sony UK" },
	[0x05] = { TYPE_B,     2, 0, 256, "Qisda" },
	[0x06] = { TYPE_B,     2, 0, 256, "Egoman" },
	[0x07] = { TYPE_A,     2, 0, 256, "Egoman" },
	[0x08] = { TYPE_A,     2, 0, 256, "Sony UK" },
	[0x09] = { TYPE_A,     2, 0, 256, "Qisda" },
	[0x0D] = { TYPE_B,     2, 0, 512, "Egoman" },
	[0x0E] = { TYPE_B,     2, 0, 512, "Sony UK" },
	[0x0F] = { TYPE_B,     2, 0, 512, "Egoman" },
	[0x10] = { TYPE_BPLUS, 1, 2, 512, "Sony UK" },
	[0x11] = { TYPE_CM1,   1, 0, 512, "Sony UK" },
	[0x12] = { TYPE_APLUS, 1, 1, 256, "Sony UK" },
	[0x13] = { TYPE_BPLUS, 1, 2, 512, "Embest" },
	[0x14] = { TYPE_CM1,   1, 0, 512, "Embest" },
	/* 256 or 512 MB; the code cannot tell (ask the firmware for memory) */
	[0x15] = { TYPE_APLUS, 1, 1, 256, "Embest" },
};
#define NOLD  (sizeof old_revs / sizeof old_revs[0])

#define ARRAY_LOOKUP(a, i)  ((i) < sizeof(a) / sizeof((a)[0]) ? (a)[i] : 0)

static void set_unknown(uint32_t revision, struct board_info *out)
{
	*out = (struct board_info){
		.revision = revision, .model = "unknown board", .mem_mib = 0,
		.maker = "unknown", .soc = "unknown", .led_pin = NO_LED,
		.known = false,
	};
}

/* Copy what the type says into *out; false if the type is not known. */
static bool apply_type(unsigned type, struct board_info *out)
{
	const struct board_type *t;

	if (type >= NTYPES || board_types[type].model == NULL)
		return false;
	t = &board_types[type];
	out->model = t->model;
	out->led_pin = t->led_pin;
	out->led_active_low = t->led_active_low;
	out->has_bt_on_pl011 = t->bt_on_pl011;
	out->known = true;
	return true;
}

static void decode_old(uint32_t revision, struct board_info *out)
{
	uint32_t code = revision & ~REV_OLD_WARRANTY;
	const struct old_rev *r;

	if (code >= NOLD || old_revs[code].maker == NULL)
		return;                                /* stays unknown */
	r = &old_revs[code];
	if (!apply_type(r->type, out))
		return;
	out->mem_mib = r->mem_mib;
	out->maker = r->maker;
	out->soc = socs[0];                     /* every old-style board */
	out->pcb_major = r->major;
	out->pcb_minor = r->minor;
}

static void decode_new(uint32_t revision, struct board_info *out)
{
	unsigned type = (revision >> REV_TYPE_SHIFT) & REV_TYPE_MASK;
	unsigned mem = (revision >> REV_MEM_SHIFT) & REV_MEM_MASK;
	unsigned maker = (revision >> REV_MAKER_SHIFT) & REV_MAKER_MASK;
	unsigned proc = (revision >> REV_PROC_SHIFT) & REV_PROC_MASK;
	const char *s;

	if (!apply_type(type, out))
		return;
	out->mem_mib = ARRAY_LOOKUP(mem_sizes, mem);
	s = ARRAY_LOOKUP(makers, maker);
	out->maker = s ? s : "unknown";
	s = ARRAY_LOOKUP(socs, proc);
	out->soc = s ? s : "unknown";
	out->pcb_major = 1;
	out->pcb_minor = (uint8_t)(revision & REV_REV_MASK);
}

void board_decode(uint32_t revision, struct board_info *out)
{
	set_unknown(revision, out);
	if (revision & REV_NEW_STYLE)
		decode_new(revision, out);
	else
		decode_old(revision, out);
	if (!out->known)
		set_unknown(revision, out);            /* no half-filled answers */
}

int board_describe(const struct board_info *b, char *buf, size_t n)
{
	const char *sep, *soc;

	if (b == NULL || (buf == NULL && n > 0))
		return -EINVAL;
	if (!b->known)
		return ksnprintf(buf, n, "unknown board (rev 0x%08x)",
				 (unsigned)b->revision);
	/* Name the SoC only when it is not the one pagoda runs on. */
	soc = strcmp(b->soc, socs[0]) ? b->soc : "";
	sep = soc[0] ? ", " : "";
	if (b->mem_mib == 0)
		return ksnprintf(buf, n, "%s rev %u.%u, unknown memory, %s%s%s",
				 b->model, (unsigned)b->pcb_major,
				 (unsigned)b->pcb_minor, b->maker, sep, soc);
	return ksnprintf(buf, n, "%s rev %u.%u, %u MiB, %s%s%s", b->model,
			 (unsigned)b->pcb_major, (unsigned)b->pcb_minor,
			 b->mem_mib, b->maker, sep, soc);
}

void board_pick_console(const struct board_info *b, int fsel14, int fsel15,
			struct board_console *out)
{
	if (fsel14 == GPIO_ALT0 && fsel15 == GPIO_ALT0)
		*out = (struct board_console){ BOARD_UART_PL011,
			"firmware routed the PL011 to GPIO14/15 (ALT0)" };
	else if (fsel14 == GPIO_ALT5 && fsel15 == GPIO_ALT5)
		*out = (struct board_console){ BOARD_UART_MINI,
			"firmware routed the mini UART to GPIO14/15 (ALT5)" };
	else if (b && b->has_bt_on_pl011)
		*out = (struct board_console){ BOARD_UART_MINI,
			"GPIO14/15 not set up; this board's PL011 drives Bluetooth" };
	else
		*out = (struct board_console){ BOARD_UART_PL011,
			"GPIO14/15 not set up; this board's primary UART is the PL011" };
}
