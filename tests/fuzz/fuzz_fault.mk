fuzz_fault_SRCS := paging/fault.c kernel/fmt.c
fuzz_fault_FLAGS := -max_len=384   # MAX_RECORDS x 6 bytes
