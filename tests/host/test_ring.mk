test_ring_SRCS := kernel/ring.c
