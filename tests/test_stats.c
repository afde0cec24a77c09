/*
 * test_stats.c - the report's figures against values computed by hand
 * from the definitions in docs/metrics.md (the arithmetic is in the
 * comments; nothing here was produced by running the code under test).
 */
#include <math.h>

#include "check.h"
#include "verbatim.h"

static void test_nps(void) {
  /* P = 50, D = 20, N = 100: NPS = 100 * (50 - 20) / 100 = 30 */
  CHECK_NEAR(vb_nps(50, 20, 100), 30.0, 1e-9);
  /* P = 1, D = 2, N = 3: 100 * -1 / 3 = -33.333... */
  CHECK_NEAR(vb_nps(1, 2, 3), -33.333333, 1e-5);
  CHECK(isnan(vb_nps(0, 0, 0)));
  /* margin, P = 50, D = 20, N = 100: pP = .5, pD = .2,
   * pP + pD - (pP - pD)^2 = .7 - .09 = .61; .61 / 100 = .0061;
   * sqrt(.0061) = .0781025; * 196 = 15.3081 */
  CHECK_NEAR(vb_nps_margin(50, 20, 100), 15.3081, 1e-3);
  /* all promoters: .1 + 0 - 1 = 0 -> no spread, margin 0 */
  CHECK_NEAR(vb_nps_margin(10, 0, 10), 0.0, 1e-9);
  /* P = 3, D = 1, N = 8: pP = .375, pD = .125; .5 - .0625 = .4375;
   * .4375 / 8 = .0546875; sqrt = .2338536; * 196 = 45.8353 */
  CHECK_NEAR(vb_nps_margin(3, 1, 8), 45.8353, 1e-3);
}

static void test_wilson(void) {
  double lo, hi;
  /* k = 10, n = 50: p = .2, z^2 = 3.8416, z^2/n = .076832,
   * denom = 1.076832; center = (.2 + .038416) / 1.076832 = .2214050;
   * p(1-p)/n = .0032, z^2/(4 n^2) = .00038416, sum = .00358416,
   * sqrt = .0598678, * 1.96 = .1173409, / denom = .1089687;
   * low = .1124363, high = .3303737 */
  vb_wilson(10, 50, &lo, &hi);
  CHECK_NEAR(lo, 0.1124363, 1e-5);
  CHECK_NEAR(hi, 0.3303737, 1e-5);
  /* k = 0, n = 10: p = 0, denom = 1.38416, center = .19208 / 1.38416 =
   * .1387701; half = 1.96 * sqrt(.0096040) / 1.38416 = 1.96 * .098 /
   * 1.38416 = .1387701; low = 0, high = .2775402 */
  vb_wilson(0, 10, &lo, &hi);
  CHECK_NEAR(lo, 0.0, 1e-9);
  CHECK_NEAR(hi, 0.2775402, 1e-5);
  vb_wilson(0, 0, &lo, &hi);
  CHECK(isnan(lo) && isnan(hi));
}

static void test_two_proportions(void) {
  /* 30/100 vs 15/100: pooled = 45/200 = .225; se = sqrt(.225 * .775 *
   * (1/100 + 1/100)) = sqrt(.0034875) = .0590551; z = .15 / .0590551 =
   * 2.540003; p = erfc(2.540003 / sqrt 2) = 2 * (1 - Phi(2.540003)) =
   * 2 * .0055420 = .0110840 */
  CHECK_NEAR(vb_two_proportion_p(30, 100, 15, 100), 0.011084, 1e-5);
  /* equal proportions: z = 0, p = 1 */
  CHECK_NEAR(vb_two_proportion_p(5, 50, 10, 100), 1.0, 1e-12);
  /* both 0%: no evidence either way */
  CHECK_NEAR(vb_two_proportion_p(0, 40, 0, 60), 1.0, 1e-12);
  CHECK(isnan(vb_two_proportion_p(1, 0, 1, 10)));
  /* symmetric in its two samples */
  CHECK_NEAR(vb_two_proportion_p(15, 100, 30, 100),
             vb_two_proportion_p(30, 100, 15, 100), 1e-12);
}

int main(void) {
  test_nps();
  test_wilson();
  test_two_proportions();
  return check_exit();
}
