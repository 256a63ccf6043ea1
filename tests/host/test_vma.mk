test_vma_SRCS := kernel/vma.c
