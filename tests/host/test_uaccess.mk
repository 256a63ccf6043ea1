test_uaccess_SRCS := kernel/uaccess.c
