// A seeded random source with distributions of our own, for the data generator.
//
// std::uniform_real_distribution and friends may produce different sequences on different
// standard libraries, so a generated data set would differ between platforms for the same
// seed. These distributions are written out from std::mt19937_64 (whose output the
// standard fixes) so the same seed gives the same data wherever the maths library rounds
// log/exp/cos the same way.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

namespace bw::generate::internal {

// SplitMix64 finaliser: spreads a (seed, stream) pair into an independent-looking seed,
// so each account can have its own stream without correlating with its neighbours.
inline uint64_t MixSeed(uint64_t seed, uint64_t stream) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1), from the top 53 bits of one engine output.
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double Uniform(double low, double high) { return low + (high - low) * Uniform(); }
  // Uniform integer in [low, high]; the bias of scaling a 53-bit fraction is far below
  // anything a data set could show.
  int64_t UniformInt(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(Uniform() * static_cast<double>(high - low + 1));
  }
  bool Bernoulli(double p) { return Uniform() < p; }
  double Exponential(double mean) { return -mean * std::log1p(-Uniform()); }
  // Box-Muller without keeping the second value, so the stream position never depends on
  // how many normals were drawn before.
  double Normal(double mean, double sd) {
    const double u1 = 1.0 - Uniform();  // (0, 1]: log(u1) is finite
    const double u2 = Uniform();
    return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }
  // Pareto with scale x_min and shape alpha by inverse CDF: x_min / (1 - u)^(1/alpha).
  double Pareto(double x_min, double alpha) {
    return x_min / std::pow(1.0 - Uniform(), 1.0 / alpha);
  }
  // Knuth's product method; meant for the small rates (< 10) the generator uses.
  int Poisson(double lambda) {
    if (lambda <= 0) return 0;
    const double limit = std::exp(-lambda);
    int count = 0;
    double product = Uniform();
    while (product > limit) {
      ++count;
      product *= Uniform();
    }
    return count;
  }
  // Index drawn with probability proportional to weights[i].
  template <size_t N>
  int Weighted(const double (&weights)[N]) {
    double total = 0;
    for (double w : weights) total += w;
    double target = Uniform() * total;
    for (size_t i = 0; i < N; ++i) {
      if (target < weights[i]) return static_cast<int>(i);
      target -= weights[i];
    }
    return static_cast<int>(N - 1);
  }
  // One element of a built-in array, uniformly.
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[UniformInt(0, static_cast<int64_t>(N) - 1)];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace bw::generate::internal
