#include "generate/internal/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace bw::generate::internal {
namespace {

constexpr int kDraws = 200000;

TEST(RandomTest, SameSeedSameSequenceAndStreamsDiffer) {
  Random a(42), b(42), c(MixSeed(42, 1));
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.Uniform(), b.Uniform());
  EXPECT_NE(Random(MixSeed(42, 0)).Uniform(), c.Uniform());
  EXPECT_NE(MixSeed(1, 0), MixSeed(2, 0));
  EXPECT_NE(MixSeed(1, 0), MixSeed(1, 1));
}

TEST(RandomTest, UniformIsInRangeWithMeanOneHalf) {
  Random random(1);
  double sum = 0, low = 1, high = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double u = random.Uniform();
    sum += u;
    low = std::min(low, u);
    high = std::max(high, u);
  }
  EXPECT_GE(low, 0.0);
  EXPECT_LT(high, 1.0);
  EXPECT_NEAR(sum / kDraws, 0.5, 0.005);
}

TEST(RandomTest, UniformIntCoversBothEnds) {
  Random random(2);
  int counts[5] = {};
  for (int i = 0; i < kDraws; ++i) {
    const int64_t v = random.UniformInt(3, 7);
    ASSERT_GE(v, 3);
    ASSERT_LE(v, 7);
    ++counts[v - 3];
  }
  for (int count : counts) EXPECT_NEAR(count, kDraws / 5, kDraws / 50);
}

TEST(RandomTest, ExponentialNormalAndPoissonMoments) {
  Random random(3);
  double exp_sum = 0, normal_sum = 0, normal_sq = 0, poisson_sum = 0;
  for (int i = 0; i < kDraws; ++i) {
    exp_sum += random.Exponential(4.0);
    const double x = random.Normal(10.0, 2.0);
    normal_sum += x;
    normal_sq += x * x;
    poisson_sum += random.Poisson(0.7);
  }
  EXPECT_NEAR(exp_sum / kDraws, 4.0, 0.05);
  const double mean = normal_sum / kDraws;
  EXPECT_NEAR(mean, 10.0, 0.02);
  EXPECT_NEAR(std::sqrt(normal_sq / kDraws - mean * mean), 2.0, 0.02);
  EXPECT_NEAR(poisson_sum / kDraws, 0.7, 0.01);
  EXPECT_EQ(random.Poisson(0.0), 0);
}

TEST(RandomTest, ParetoHasItsMedianAndHeavyTail) {
  Random random(4);
  std::vector<double> draws(kDraws);
  for (double& d : draws) d = random.Pareto(350.0, 1.16);
  std::sort(draws.begin(), draws.end());
  EXPECT_GE(draws.front(), 350.0);
  // Median of Pareto(x_min, alpha) = x_min * 2^(1/alpha) = 637.5 here.
  EXPECT_NEAR(draws[kDraws / 2], 350.0 * std::pow(2.0, 1 / 1.16), 10.0);
  double total = 0, top = 0;
  for (int i = 0; i < kDraws; ++i) {
    total += draws[i];
    if (i >= kDraws - kDraws / 5) top += draws[i];
  }
  EXPECT_GT(top / total, 0.6);
}

TEST(RandomTest, WeightedFollowsWeights) {
  Random random(5);
  static constexpr double kWeights[] = {1.0, 0.0, 3.0};
  int counts[3] = {};
  for (int i = 0; i < kDraws; ++i) ++counts[random.Weighted(kWeights)];
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(static_cast<double>(counts[2]) / kDraws, 0.75, 0.01);
}

}  // namespace
}  // namespace bw::generate::internal
