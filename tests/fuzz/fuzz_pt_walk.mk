fuzz_pt_walk_SRCS := paging/pt_walk.c paging/desc.c paging/desc_l1.c paging/desc_l2.c \
                     paging/fault.c kernel/fmt.c
fuzz_pt_walk_FLAGS := -max_len=400 # the tables (at most 150 bytes) + MAX_QUERIES x 6
