# mk/fuzz.mk - fuzz targets for the parsers and decoders, included by the
# Makefile.  Docs: docs/testing.md.
#
#   make fuzz          run each target for FUZZ_SECONDS (60) under libFuzzer
#   make fuzz-replay   run the committed corpus once through each target
#                      (part of `make test`)
#   make fuzz-cov      line/branch coverage of each target's pagoda sources
#                      by the committed corpus plus what `make fuzz` found
#
# Settings: FUZZ_SECONDS=60   FUZZ_TARGETS="elf upload" (default: all)
#           FUZZ_FLAGS="-only_ascii=1 ..." (extra libFuzzer options)
#           make -j2 fuzz runs targets side by side
#
# Convention: tests/fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput; its
# companion tests/fuzz/fuzz_NAME.mk sets fuzz_NAME_SRCS to the pagoda
# sources it links against, and may set fuzz_NAME_FLAGS (libFuzzer options
# for that target, e.g. -max_len=N when the target reads only N bytes).
# tests/fuzz/corpus/NAME/ holds its committed inputs: seeds (tools/fuzz-seeds
# writes them) and regression inputs.
#
# Each target is built twice, both with AddressSanitizer and
# UndefinedBehaviorSanitizer, every report fatal:
#   build/fuzz/bin/fuzz_NAME     clang -fsanitize=fuzzer: the fuzzer
#   build/fuzz/replay/fuzz_NAME  gcc + tests/fuzz/replay.c: runs given files
#
# A fuzzing run reads tests/fuzz/corpus/NAME/ and keeps what it finds in
# build/fuzz/corpus/NAME/ (not committed).  Its log is build/fuzz/NAME.log.
# If it finds a crash, leak or timeout, the input is minimized, copied into
# tests/fuzz/corpus/NAME/ (so the replay, and `make test`, fail on it until
# the bug is fixed) and `make fuzz` fails naming it.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   ?=
FUZZ_TARGETS ?= $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))

FUZZ_CFLAGS  := -std=gnu11 -Wall -Wextra -Werror -g -O1 -I. -DHOST_TEST \
                -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
FUZZ_HDRS    := tests/fuzz/fuzz.h

-include $(wildcard tests/fuzz/fuzz_*.mk)

.PHONY: fuzz fuzz-all fuzz-replay fuzz-build fuzz-cov

# The target's own file goes last on the command line: -MF keeps the
# dependencies of the last file only, and the sources are listed anyway.
build/fuzz/bin/fuzz_%: tests/fuzz/fuzz_%.c $$(fuzz_%_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP -MF $@.d -o $@ \
		$(fuzz_$*_SRCS) $<

build/fuzz/replay/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $$(fuzz_%_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOST_CC) $(FUZZ_CFLAGS) -MMD -MP -MF $@.d -o $@ \
		tests/fuzz/replay.c $(fuzz_$*_SRCS) $<

# Source-based coverage (clang, no sanitizers), for make fuzz-cov.
build/fuzz/cov/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $$(fuzz_%_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  COVCC   $@")
	$(Q)$(FUZZ_CC) -std=gnu11 -g -O0 -I. -DHOST_TEST -fprofile-instr-generate \
		-fcoverage-mapping -MMD -MP -MF $@.d -o $@ tests/fuzz/replay.c $(fuzz_$*_SRCS) $<

-include $(wildcard build/fuzz/bin/*.d build/fuzz/replay/*.d build/fuzz/cov/*.d)

fuzz-build: $(addprefix build/fuzz/bin/fuzz_,$(FUZZ_TARGETS))

# Every committed input, once, through every target: seconds.
fuzz-replay: $(addprefix build/fuzz/replay/fuzz_,$(FUZZ_TARGETS))
	@set -e; for t in $(FUZZ_TARGETS); do \
		build/fuzz/replay/fuzz_$$t tests/fuzz/corpus/$$t; done

# Coverage of one target $(1): run its inputs, report on its pagoda sources.
define FUZZ_COV_ONE
	@LLVM_PROFILE_FILE=build/fuzz/cov/$(1).profraw build/fuzz/cov/fuzz_$(1) \
		tests/fuzz/corpus/$(1) $(wildcard build/fuzz/corpus/$(1)) > /dev/null
	@llvm-profdata merge -o build/fuzz/cov/$(1).profdata build/fuzz/cov/$(1).profraw
	@echo "== $(1)"; llvm-cov report --show-region-summary=false \
		--show-branch-summary build/fuzz/cov/fuzz_$(1) \
		-instr-profile=build/fuzz/cov/$(1).profdata $(fuzz_$(1)_SRCS)

endef

fuzz-cov: $(addprefix build/fuzz/cov/fuzz_,$(FUZZ_TARGETS))
	$(foreach t,$(FUZZ_TARGETS),$(call FUZZ_COV_ONE,$(t)))

fuzz: deps-auto
	@$(MAKE) --no-print-directory fuzz-all

fuzz-all: $(addprefix fuzz-run-,$(FUZZ_TARGETS))

# One fuzzing run of target $*.  libFuzzer stops at the first crash (exit
# status non-zero, an artifact in build/fuzz/artifacts/$*/); each artifact
# is minimized for up to 30 s, and the result kept as a regression input.
fuzz-run-%: build/fuzz/bin/fuzz_%
	@mkdir -p build/fuzz/corpus/$* build/fuzz/artifacts/$* tests/fuzz/corpus/$*
	@rm -f build/fuzz/artifacts/$*/*
	@echo "  FUZZ    $* for $(FUZZ_SECONDS) s (log: build/fuzz/$*.log)"
	@dict=tests/fuzz/fuzz_$*.dict; [ -f $$dict ] && dict="-dict=$$dict" || dict=; \
	$< -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
		-artifact_prefix=build/fuzz/artifacts/$*/ $$dict $(fuzz_$*_FLAGS) $(FUZZ_FLAGS) \
		build/fuzz/corpus/$* tests/fuzz/corpus/$* > build/fuzz/$*.log 2>&1; \
	rc=$$?; \
	runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' build/fuzz/$*.log); \
	eps=$$(sed -n 's/^stat::average_exec_per_sec: *//p' build/fuzz/$*.log); \
	last=$$(grep -E '^#[0-9]+' build/fuzz/$*.log | tail -n 1 | grep -o 'cov:.*'); \
	echo "  FUZZED  $*: $${runs:-?} runs, $${eps:-?} exec/s average; at the end $$last"; \
	found=; \
	for a in build/fuzz/artifacts/$*/crash-* build/fuzz/artifacts/$*/leak-* \
		 build/fuzz/artifacts/$*/timeout-* build/fuzz/artifacts/$*/oom-*; do \
		[ -f "$$a" ] || continue; \
		kind=$${a##*/}; kind=$${kind%%-*}; min=$$a.min; \
		$< -minimize_crash=1 -max_total_time=30 -timeout=10 \
			-exact_artifact_path=$$min $$a >> build/fuzz/$*.log 2>&1 || true; \
		[ -s $$min ] || min=$$a; \
		keep=tests/fuzz/corpus/$*/$$kind-$$(sha1sum < $$min | cut -c1-12); \
		cp $$min $$keep; found="$$found $$keep"; \
	done; \
	if [ -n "$$found" ]; then \
		echo "FUZZ $*: FAILED: $$(grep -m1 -E 'invariant broken|SUMMARY|^ERROR' build/fuzz/$*.log)" >&2; \
		echo "  inputs that break it, now regression inputs:" >&2; \
		for f in $$found; do echo "    $$f" >&2; done; \
		echo "  the report is in build/fuzz/$*.log; reproduce with" >&2; \
		echo "    build/fuzz/replay/fuzz_$* FILE   (make fuzz-replay builds it)" >&2; \
		exit 1; \
	fi; \
	if [ $$rc -ne 0 ]; then \
		echo "FUZZ $*: libFuzzer exited with $$rc and left no input; see build/fuzz/$*.log:" >&2; \
		tail -n 20 build/fuzz/$*.log >&2; exit 1; \
	fi
