/*
 * tests/host/desc_words.h - build a descriptor or fail the test; shared by
 * the descriptor tests.  Include after <cmocka.h> and paging/desc.h.
 */
#ifndef TESTS_HOST_DESC_WORDS_H
#define TESTS_HOST_DESC_WORDS_H

static inline uint32_t w1(l1b_t b)
{
	l1e_t e = { 0xDEADBEEFu };

	assert_int_equal(l1_build(b, &e), 0);
	return e.raw;
}

static inline uint32_t w2(l2b_t b)
{
	l2e_t e = { 0xDEADBEEFu };

	assert_int_equal(l2_build(b, &e), 0);
	return e.raw;
}

#endif
