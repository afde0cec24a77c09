/*
 * stats.c - the figures of a report, computed from counts exactly as
 * docs/metrics.md (and DESIGN §6) define them.
 *
 * Everything here is a pure function of integer counts, so a figure is
 * reproducible from the tidy CSV a report writes (tests check that with
 * SQL).  95% everywhere, with z = 1.96 as in the NPS margin formula.
 */
#include <math.h>

#include "internal.h"

#define Z95 1.96

double vb_nps(uint64_t promoters, uint64_t detractors, uint64_t n) {
  if (n == 0)
    return NAN;
  return 100.0 * ((double)promoters - (double)detractors) / (double)n;
}

double vb_nps_margin(uint64_t promoters, uint64_t detractors, uint64_t n) {
  if (n == 0)
    return NAN;
  double pp = (double)promoters / (double)n,
         pd = (double)detractors / (double)n;
  double var = pp + pd - (pp - pd) * (pp - pd);
  if (var < 0) /* rounding when pp + pd == 1 and one of them is 0 */
    var = 0;
  return Z95 * 100.0 * sqrt(var / (double)n);
}

void vb_wilson(uint64_t k, uint64_t n, double *low, double *high) {
  if (n == 0) {
    *low = *high = NAN;
    return;
  }
  double p = (double)k / (double)n, nn = (double)n, z2 = Z95 * Z95;
  double denom = 1.0 + z2 / nn;
  double center = (p + z2 / (2.0 * nn)) / denom;
  double half = Z95 * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
  *low = center - half < 0 ? 0 : center - half;
  *high = center + half > 1 ? 1 : center + half;
}

double vb_two_proportion_p(uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2) {
  if (n1 == 0 || n2 == 0)
    return NAN;
  double p1 = (double)k1 / (double)n1, p2 = (double)k2 / (double)n2;
  double pooled = ((double)k1 + (double)k2) / ((double)n1 + (double)n2);
  double se =
      sqrt(pooled * (1.0 - pooled) * (1.0 / (double)n1 + 1.0 / (double)n2));
  if (se == 0)
    return 1.0; /* both 0% or both 100%: no evidence of a difference */
  double z = fabs(p1 - p2) / se;
  return erfc(z / sqrt(2.0));
}
