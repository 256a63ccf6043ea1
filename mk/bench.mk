# mk/bench.mk - what an OS operation costs, in guest instructions; included
# by the Makefile.  Docs: docs/performance.md.
#
#   make bench     boot the kernel in QEMU with -icount shift=0,sleep=off,
#                  run user/prog/bench/ through tools/bench, print the table
#                  (figure, goal, met) and write $(BUILD)/bench.json
#   make bench-profile BENCH_PROFILE=syscall|yield|fork|cow|zero
#                  count one operation's instructions by kernel function
#                  (QEMU -singlestep -d exec,nochain -dfilter ...)
#
# Settings: MACHINE, CONSOLE (as for make run); BENCH_FLAGS="--hold 2047"
# (more options: tools/bench --help).  Two runs give identical figures.

BENCH_FLAGS   ?=
BENCH_PROFILE ?= syscall
# the UART QEMU wires to stdio: the Makefile's QEMU_CONSOLE (CONSOLE=auto
# means the PL011 there)
BENCH_CONSOLE  = $(or $(QEMU_CONSOLE),$(CONSOLE))

.PHONY: bench bench-profile

bench: all
	$(Q)$(PYTHON) tools/bench --kernel $(BUILD)/kernel.elf --machine $(MACHINE) \
		--console $(BENCH_CONSOLE) --json $(BUILD)/bench.json $(BENCH_FLAGS)

bench-profile: all
	$(Q)$(PYTHON) tools/bench --kernel $(BUILD)/kernel.elf --machine $(MACHINE) \
		--console $(BENCH_CONSOLE) --profile $(BENCH_PROFILE) $(BENCH_FLAGS)
