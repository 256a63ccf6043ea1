# tests/host/host.mk - host unit tests (cmocka), included by the Makefile.
#
# Convention: tests/host/test_NAME.c is one test program.  Its companion
# tests/host/test_NAME.mk sets test_NAME_SRCS to the pagoda sources it links
# against (paths from the repository root).  Everything is built with
# AddressSanitizer and UndefinedBehaviorSanitizer.

HOST_CC      ?= gcc
HOST_CFLAGS  := -std=gnu11 -Wall -Wextra -Werror -g -O1 -I. -DHOST_TEST \
                -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
HOST_LDLIBS  := -lcmocka

HOST_TESTS   := $(basename $(notdir $(wildcard tests/host/test_*.c)))
-include $(wildcard tests/host/test_*.mk)

HOST_BINS    := $(addprefix build/host/,$(HOST_TESTS))

build/host/%: tests/host/%.c $$(%_SRCS) | build/host
	$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -MF $@.d -o $@ $< $($*_SRCS) $(HOST_LDLIBS)

-include $(wildcard build/host/*.d)

build/host:
	mkdir -p $@

# Run every host test; stop at the first failing program.
host-test: $(HOST_BINS)
	@set -e; for t in $(HOST_BINS); do echo "== $$t"; $$t; done
