test_desc_decode_SRCS := paging/desc.c paging/desc_l1.c paging/desc_l2.c kernel/fmt.c
