test_timecmp_SRCS :=
