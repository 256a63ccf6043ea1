fuzz_lineedit_SRCS := kernel/lineedit.c kernel/args.c
