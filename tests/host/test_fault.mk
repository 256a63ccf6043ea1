test_fault_SRCS := paging/fault.c kernel/fmt.c
