/*
 * float - floating point on an FPU-less build: printf, libm and strtod.
 *
 *   float
 *
 * pagoda programs are built soft-float (-mfloat-abi=soft) and linked with
 * newlib-nano's float printf (-u _printf_float) and libm (-lm), both added
 * by tools/pagoda-cc.  Each check formats a value with snprintf and
 * compares it with the exact string C (and glibc on a PC) prints, then
 * shows `float: EXPR = RESULT OK` (or `FAILED, expected ...`).  The
 * inputs are volatile so that the compiler cannot fold the library calls
 * away: sqrt, sin, exp and log really run from libm.
 *
 * Ends with `float: N checks, F failed`; exits 0 if none failed, else 1.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile double two = 2.0, pi = 3.14159265358979323846, one = 1.0;
static volatile double hundred = 100.0, tenth = 0.1, fifth = 0.2;
static volatile float third_f = 1.0f / 3.0f;
static volatile const char *text[] = { "3.25e2", "-0.125", "1e-3x" };

static int checks, failed;

/* Format with fmt (one double argument) and compare with want. */
static void check(const char *expr, const char *fmt, double v, const char *want)
{
	char got[64];

	snprintf(got, sizeof got, fmt, v);
	checks++;
	if (strcmp(got, want) == 0) {
		printf("float: %-22s = %s OK\n", expr, got);
	} else {
		printf("float: %-22s = %s FAILED, expected %s\n", expr, got, want);
		failed++;
	}
}

/* printf's conversions of constants and of arithmetic. */
static void check_printf(void)
{
	check("%f of pi", "%f", pi, "3.141593");
	check("%.3f of 2/3", "%.3f", two / 3.0, "0.667");
	check("%f of -0.5", "%f", -0.5 * one, "-0.500000");
	check("%e of 12345.678", "%e", 12345.678 * one, "1.234568e+04");
	check("%e of 1e100", "%e", 1e100 * one, "1.000000e+100");
	check("%g of 0.0001", "%g", 0.0001 * one, "0.0001");
	check("%g of 0.00001", "%g", 0.00001 * one, "1e-05");
	check("%g of 123456789", "%g", 123456789.0 * one, "1.23457e+08");
	check("%.17g of 0.1 + 0.2", "%.17g", tenth + fifth, "0.30000000000000004");
	check("%.9g of 1.0f/3 (float)", "%.9g", third_f, "0.333333343");
}

/* libm: each value correctly rounded at the precision printed. */
static void check_libm(void)
{
	check("sqrt(2)", "%.6f", sqrt(two), "1.414214");
	check("sqrt(144)", "%g", sqrt(hundred + 44.0), "12");
	check("sin(pi/6)", "%.6f", sin(pi / 6.0), "0.500000");
	check("sin(pi/2)", "%.1f", sin(pi / 2.0), "1.0");
	check("exp(1)", "%.9f", exp(one), "2.718281828");
	check("log(100)/log(10)", "%g", log(hundred) / log(10.0 * one), "2");
	check("pow(2, 0.5)", "%.6f", pow(two, 0.5), "1.414214");
}

/* strtod, and where it stops. */
static void check_strtod(void)
{
	char *end;
	double v;

	check("strtod(\"3.25e2\")", "%g", strtod((const char *)text[0], NULL), "325");
	check("strtod(\"-0.125\")", "%f", strtod((const char *)text[1], NULL), "-0.125000");
	v = strtod((const char *)text[2], &end);
	check("strtod(\"1e-3x\")", "%g", v, "0.001");
	checks++;
	if (strcmp(end, "x") == 0) {
		printf("float: %-22s = \"%s\" OK\n", "  ...stops at", end);
	} else {
		printf("float: %-22s = \"%s\" FAILED, expected \"x\"\n", "  ...stops at", end);
		failed++;
	}
}

int main(void)
{
	check_printf();
	check_libm();
	check_strtod();
	printf("float: %d checks, %d failed\n", checks, failed);
	return failed ? 1 : 0;
}
