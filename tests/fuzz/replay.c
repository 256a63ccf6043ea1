/*
 * tests/fuzz/replay.c - main() for the replay build of a fuzz target: run
 * every file named on the command line, and every file in every directory
 * named, through LLVMFuzzerTestOneInput() once, in name order.
 *
 *   build/fuzz/replay/fuzz_elf tests/fuzz/corpus/elf
 *
 * An input that breaks an invariant or trips a sanitizer ends the process
 * with the sanitizer's report and "replay: FAILED on input FILE", so
 * `make fuzz-replay` fails and says which input did it.  Exit 0 and one summary line if all
 * inputs pass; exit 2 if a file cannot be read or nothing was run.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/fuzz/fuzz.h"

#define REPLAY_MAX (1u << 20)   /* the committed corpus is a few KiB */

static const char *current;    /* the input being run, for the obituary */

/* From the sanitizer runtime (<sanitizer/common_interface_defs.h>); weak,
 * so that a build without sanitizers (make fuzz-cov) links too. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

/* Name the input that killed us: called by the sanitizers before they exit,
 * and on SIGABRT (a broken FUZZ_CHECK).  Async-signal-safe. */
static void say_culprit(void)
{
	static const char pre[] = "replay: FAILED on input ";

	if (!current)
		return;
	if (write(2, pre, sizeof pre - 1) < 0 ||
	    write(2, current, strlen(current)) < 0 || write(2, "\n", 1) < 0)
		return;
}

static void on_abort(int sig)
{
	say_culprit();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Run the file at path once.  Returns 0, or -1 if it cannot be read. */
static int run_file(const char *path)
{
	static uint8_t buf[REPLAY_MAX];
	FILE *f = fopen(path, "rb");
	size_t n;
	uint8_t *copy;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	/* An exact-size heap copy, so that ASan sees a read past the end. */
	copy = malloc(n ? n : 1);
	if (!copy)
		return -1;
	memcpy(copy, buf, n);
	current = path;
	LLVMFuzzerTestOneInput(copy, n);
	current = NULL;
	free(copy);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every regular file in dir, sorted.  Returns the count, or -1. */
static int run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t count = 0;
	int ran = 0;

	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		char **more;

		if (de->d_name[0] == '.')
			continue;
		more = realloc(names, (count + 1) * sizeof *names);
		if (!more)
			abort();
		names = more;
		names[count] = malloc(strlen(dir) + strlen(de->d_name) + 2);
		if (!names[count])
			abort();
		sprintf(names[count], "%s/%s", dir, de->d_name);
		count++;
	}
	closedir(d);
	qsort(names, count, sizeof *names, by_name);
	for (size_t i = 0; i < count; i++) {
		struct stat st;

		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
			if (run_file(names[i]) < 0)
				ran = -1;
			else if (ran >= 0)
				ran++;
		}
		free(names[i]);
	}
	free(names);
	return ran;
}

int main(int argc, char **argv)
{
	int total = 0;

	signal(SIGABRT, on_abort);
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(say_culprit);
	for (int i = 1; i < argc; i++) {
		struct stat st;
		int r;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		r = S_ISDIR(st.st_mode) ? run_dir(argv[i]) : (run_file(argv[i]) ? -1 : 1);
		if (r < 0)
			return 2;
		total += r;
	}
	if (total == 0) {
		fprintf(stderr, "replay: %s: no inputs\n", argv[0]);
		return 2;
	}
	printf("%s: %d inputs, all invariants held\n", argv[0], total);
	return 0;
}
