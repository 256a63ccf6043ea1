# mk/soak.mk - the long fuzz run, included by the Makefile.  Docs:
# docs/testing.md.
#
#   make soak     boot pagoda in QEMU and run `fuzz SOAK_SEED SOAK_CALLS`
#                 (user/prog/fuzz/) through tools/soak, which prints the
#                 calls per second and the free frames before and after;
#                 fails if fuzz fails, a frame is missing or the kernel panics
#
# Settings: SOAK_SEED=1   SOAK_CALLS=10000000   SOAK_FLAGS="--no-icount"
#           (under icount, the default, idle time costs nothing; about
#           3 minutes for ten million calls on one host core)
# The transcript goes to $(BUILD)/soak.log.

SOAK_SEED  ?= 1
SOAK_CALLS ?= 10000000
SOAK_FLAGS ?=

.PHONY: soak

soak: all
	$(PYTHON) tools/soak --seed $(SOAK_SEED) --calls $(SOAK_CALLS) \
		--kernel $(BUILD)/kernel.elf --log $(BUILD)/soak.log $(SOAK_FLAGS)
