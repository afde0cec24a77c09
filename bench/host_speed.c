/*
 * host_speed.c - how fast this CPU runs right now, for bench/run.sh.
 *
 * The bench machine's CPUs each switch between two speeds about 2x
 * apart, for seconds to minutes at a time, and independently of each
 * other (bench/RESULTS.md, session 41).  A bench figure taken in a slow
 * spell is not comparable with one taken in a fast spell.  So the bench
 * runs this, pinned to each CPU, between its sections, and prints the
 * times next to its figures: the same fixed work every time (a loop of
 * multiply-adds on one register, no memory traffic beyond one volatile
 * store), so its time is the CPU's speed and nothing else.
 *
 * Prints the wall seconds the loop took, e.g. "0.312".  Exit 0.
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* Well under a second on the bench machine, fast spell or slow. */
#define ITERATIONS 750000000ull

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static volatile uint64_t sink; /* keeps the loop from being folded away */

int main(void) {
  double start = now();
  uint64_t x = 0;
  for (uint64_t i = 0; i < ITERATIONS; i++) {
    x += i * i;
    sink = x;
  }
  printf("%.3f\n", now() - start);
  return 0;
}
