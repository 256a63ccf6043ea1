test_pt_walk_SRCS := paging/pt.c paging/pt_walk.c paging/desc.c paging/desc_l1.c \
                     paging/desc_l2.c paging/fault.c kernel/fmt.c tests/host/pt_fake.c
