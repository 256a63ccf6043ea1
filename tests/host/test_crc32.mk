test_crc32_SRCS := kernel/crc32.c
