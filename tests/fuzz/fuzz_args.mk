fuzz_args_SRCS := kernel/args.c
