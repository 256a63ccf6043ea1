# user/user.mk - user programs, included by the top-level Makefile.
#
#   user/prog/NAME.c    or  user/prog/NAME/*.c  ->  build/user/NAME.elf (stripped)
#                                                   build/user/debug/NAME.elf (symbols)
#   $(BUILD)/progs.S, $(BUILD)/progs.o              every program, embedded (tools/mkprogs)
#
# Programs are compiled and linked by tools/pagoda-cc, exactly as programs
# from outside are, so the CPU flags, newlib-nano and the runtime are set
# in one place.  Extra prebuilt ELFs join the built-in ones with
#   make PROGS="path/a.elf path/b.elf"
# and MKPROGS_FLAGS=--allow-bad embeds ELFs the loader must refuse.
#
# Variables for the including Makefile:
#   USER_PROGS   the built-in programs' stripped ELFs
#   PROGS_OBJ    $(BUILD)/progs.o, the object to link into the kernel
# Target `user` builds them all.  Uses $(Q) for quiet output if defined.
# Defines no default goal: the including Makefile's first target stays it.

user_saved_goal := $(.DEFAULT_GOAL)

CROSS          ?= arm-none-eabi-
PROGS          ?=
MKPROGS_FLAGS  ?=

USER_CC        := tools/pagoda-cc
USER_CFLAGS    := -std=gnu11 -O2 -g -Wall -Wextra -Werror -MMD -MP
USER_STRIP     := $(CROSS)strip
USER_AS        := $(CROSS)gcc -mcpu=arm1176jzf-s -marm -mfloat-abi=soft
USER_OBJ       := build/user/obj
USER_DEBUG     := build/user/debug
USER_RT_STAMP  := build/user/rt/stamp
USER_RT_DEPS   := $(wildcard user/*.c user/*.h) kernel/syscall_nr.h \
                  kernel/errno.h tools/pagoda-cc

USER_SINGLE    := $(patsubst user/prog/%.c,%,$(wildcard user/prog/*.c))
USER_MULTI     := $(patsubst user/prog/%/,%,$(sort $(dir $(wildcard user/prog/*/*.c))))
ifneq ($(filter $(USER_SINGLE),$(USER_MULTI)),)
$(error user/prog: both NAME.c and NAME/ for: $(filter $(USER_SINGLE),$(USER_MULTI)))
endif
USER_NAMES     := $(sort $(USER_SINGLE) $(USER_MULTI))
USER_PROGS     := $(USER_NAMES:%=build/user/%.elf)
PROGS_S        := $(BUILD)/progs.S
PROGS_OBJ      := $(BUILD)/progs.o

# user_objs NAME: the objects of program NAME.
user_objs = $(patsubst user/%.c,$(USER_OBJ)/%.o,$(wildcard user/prog/$(1).c user/prog/$(1)/*.c))
USER_OBJS      := $(foreach n,$(USER_NAMES),$(call user_objs,$(n)))

.PHONY: user user-force
user: $(USER_PROGS) $(PROGS_OBJ)
user-force:

$(USER_OBJ)/%.o: user/%.c tools/pagoda-cc
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(USER_CC) $(USER_CFLAGS) -c -o $@ $<

# The runtime objects, built once here so that parallel links find them.
$(USER_RT_STAMP): $(USER_RT_DEPS)
	@$(if $(Q),echo "  CC      user runtime")
	$(Q)$(USER_CC) --runtime
	@touch $@

# user_link NAME: link the unstripped ELF of NAME.
define user_link
$(USER_DEBUG)/$(1).elf: $(call user_objs,$(1)) $(USER_RT_STAMP) user/user.ld
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  LD      $$@")
	$$(Q)$$(USER_CC) -o $$@ $(call user_objs,$(1))
endef
$(foreach n,$(USER_NAMES),$(eval $(call user_link,$(n))))

$(USER_PROGS): build/user/%.elf: $(USER_DEBUG)/%.elf
	@$(if $(Q),echo "  STRIP   $@")
	$(Q)$(USER_STRIP) -o $@ $<

# Regenerated on every build (the PROGS list may change); mkprogs only
# rewrites it when its text changes.
$(PROGS_S): $(USER_PROGS) $(PROGS) tools/mkprogs user-force
	@mkdir -p $(dir $@)
	$(Q)tools/mkprogs $(MKPROGS_FLAGS) $@ $(USER_PROGS) $(PROGS)

# .incbin: the object changes whenever an ELF does.
$(PROGS_OBJ): $(PROGS_S) $(USER_PROGS) $(PROGS)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(USER_AS) -c -o $@ $<

-include $(USER_OBJS:.o=.d)

.DEFAULT_GOAL := $(user_saved_goal)
