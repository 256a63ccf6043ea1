test_elf_SRCS := kernel/elf.c
