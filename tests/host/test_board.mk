test_board_SRCS := drivers/board.c kernel/fmt.c
