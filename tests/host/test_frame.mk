test_frame_SRCS := kernel/frame.c
