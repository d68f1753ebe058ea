/* Symbolic regression in C: f(x) should reproduce measurements of a hidden
 * function. Reads one x per line on stdin, prints f(x) per line. Compiled
 * and run inside the sandbox by the charter's `run` command. */
#include <math.h>
#include <stdio.h>

// EVOLVE-BLOCK-START
static double f(double x) {
  return 1.0 * x;
}
// EVOLVE-BLOCK-END

int main(void) {
  double x;
  while (scanf("%lf", &x) == 1) printf("%.17g\n", f(x));
  return 0;
}
