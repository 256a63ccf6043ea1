fuzz_desc_SRCS := paging/desc.c paging/desc_l1.c paging/desc_l2.c kernel/fmt.c
fuzz_desc_FLAGS := -max_len=704    # MAX_RECORDS x (11 + 15 x 2) bytes, rounded up
