# mk/sdcard.mk - the SD card for a real Pi, included by the Makefile.
#
#   make sdcard               build/pagoda-sd.img (flashable) and build/boot/
#                             (the same files, to copy onto a FAT partition)
#   make flash DEV=/dev/sdX   write build/pagoda-sd.img to a card (asks first;
#                             YES=1 does not)
#   make firmware             only fetch the Pi firmware into build/firmware/
#
# FIRMWARE_DIR=DIR uses your own bootcode.bin, start.elf and fixup.dat instead
# of Debian's raspi-firmware package (tools/firmware explains).  The default
# CONSOLE=auto image picks its console UART at boot and suits every board,
# the Zero W included; CONSOLE=pl011 or mini forces one, and then everything
# lands in build/pl011/ or build/mini/ instead, as the kernel does.

SDCARD_IMG  := $(BUILD)/pagoda-sd.img
SDCARD_BOOT := $(BUILD)/boot
FIRMWARE_DIR ?=
DEV         ?=
YES         ?=

.PHONY: sdcard flash firmware

# Cheap to redo: tools/firmware answers from its cache without the network,
# and the image takes well under a second.  So both always run, and a new
# kernel, config.txt or FIRMWARE_DIR is never missed.
sdcard: all
	$(Q)fw=$$(FIRMWARE_DIR='$(FIRMWARE_DIR)' tools/firmware) && \
	tools/mksdcard --firmware "$$fw" --kernel $(BUILD)/kernel.img \
		--config config.txt --image $(SDCARD_IMG) --boot-dir $(SDCARD_BOOT)

firmware:
	$(Q)FIRMWARE_DIR='$(FIRMWARE_DIR)' tools/firmware

# No dependency on sdcard: flash writes the image you built and looked at.
flash:
	$(Q)YES='$(YES)' tools/flash --image $(SDCARD_IMG) $(DEV)
