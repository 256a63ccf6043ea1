fuzz_upload_SRCS := kernel/upload.c kernel/crc32.c
