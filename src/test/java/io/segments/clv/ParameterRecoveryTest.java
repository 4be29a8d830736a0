package io.segments.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Histories simulated from the models themselves, with known parameters: the fits must find them
 * again, each within three of its own standard errors (the seed is fixed, so this is deterministic).
 */
class ParameterRecoveryTest {
  private static final int CUSTOMERS = 6000;

  /** x, t_x, T (weeks) and the mean of the repeat purchase values. */
  private record Customer(int x, double tx, double t, double meanValue) {}

  /**
   * BG/NBD as Fader, Hardie and Lee tell it: a first purchase at 0, then purchases at rate lambda ~
   * Gamma(r, alpha) until the end of observation T, dropping out after each repeat purchase with
   * probability p ~ Beta(a, b); each purchase's value is Gamma(p_s, nu) with nu ~ Gamma(q, v).
   */
  private static List<Customer> simulate(BgNbd truth, GammaGamma spend, RandomGenerator random) {
    BetaDistribution dropout = new BetaDistribution(random, truth.a(), truth.b());
    GammaDistribution rates = new GammaDistribution(random, truth.r(), 1 / truth.alpha());
    GammaDistribution scales = new GammaDistribution(random, spend.q(), 1 / spend.v());
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      double rate = rates.sample();
      double p = dropout.sample();
      double observed = 26 + random.nextDouble() * 52;
      GammaDistribution values = new GammaDistribution(random, spend.p(), 1 / scales.sample());
      double time = 0;
      double last = 0;
      int x = 0;
      double total = 0;
      while (true) {
        time += -Math.log(1 - random.nextDouble()) / rate;
        if (time > observed) {
          break;
        }
        x++;
        last = time;
        total += values.sample();
        if (random.nextDouble() < p) {
          break;
        }
      }
      customers.add(new Customer(x, last, observed, x > 0 ? total / x : 0));
    }
    return customers;
  }

  @Test
  void theFitsRecoverTheParametersTheHistoriesWereSimulatedFrom() {
    BgNbd truth = new BgNbd(0.5, 6.0, 0.7, 2.5);
    GammaGamma spend = new GammaGamma(5.0, 4.0, 20.0);
    List<Customer> customers = simulate(truth, spend, new Well19937c(7));

    MaximumLikelihood.Fit purchases = MaximumLikelihood.maximize(p -> {
      BgNbd model = new BgNbd(p[0], p[1], p[2], p[3]);
      return customers.stream().mapToDouble(c -> model.logLikelihood(c.x(), c.tx(), c.t())).sum();
    }, new double[] {1, 1, 1, 1});
    MaximumLikelihood.Fit values = MaximumLikelihood.maximize(p -> {
      GammaGamma model = new GammaGamma(p[0], p[1], p[2]);
      return customers.stream().filter(c -> c.x() > 0)
          .mapToDouble(c -> model.logLikelihood(c.x(), c.meanValue())).sum();
    }, new double[] {1, 1, 1});

    assertTrue(purchases.converged() && values.converged());
    double[] expected = {truth.r(), truth.alpha(), truth.a(), truth.b(), spend.p(), spend.q(), spend.v()};
    double[] estimates = concat(purchases.parameters(), values.parameters());
    double[] errors = concat(purchases.standardErrors(), values.standardErrors());
    String[] names = {"r", "alpha", "a", "b", "p", "q", "v"};
    for (int i = 0; i < expected.length; i++) {
      assertTrue(errors[i] > 0 && errors[i] < expected[i], names[i] + " has a usable standard error: " + errors[i]);
      assertEquals(expected[i], estimates[i], 3 * errors[i], names[i] + " within three standard errors");
    }
  }

  /**
   * The law of total expectation: over many simulated customers, the sum of the conditional expected
   * purchases of the next 39 weeks given (x, t_x, T) equals the purchases they then make, and the sum
   * of p_alive the customers still active at T.
   */
  @Test
  void conditionalPredictionsMatchWhatSimulatedCustomersDoNext() {
    BgNbd truth = new BgNbd(0.2426, 4.414, 0.793, 2.426);
    RandomGenerator random = new Well19937c(11);
    BetaDistribution dropout = new BetaDistribution(random, truth.a(), truth.b());
    GammaDistribution rates = new GammaDistribution(random, truth.r(), 1 / truth.alpha());
    double horizon = 39;
    double predicted = 0;
    double alive = 0;
    long future = 0;
    long stillActive = 0;
    for (int i = 0; i < 200_000; i++) {
      double rate = rates.sample();
      double p = dropout.sample();
      double observed = 39;
      double time = 0;
      double last = 0;
      int x = 0;
      boolean active = true;
      int later = 0;
      while (active) {
        time += -Math.log(1 - random.nextDouble()) / rate;
        if (time > observed + horizon) {
          break;
        }
        if (time <= observed) {
          x++;
          last = time;
        } else {
          later++;
        }
        active = random.nextDouble() >= p;
      }
      boolean activeAtT = active || time > observed;
      stillActive += activeAtT ? 1 : 0;
      future += later;
      predicted += truth.expectedPurchases(horizon, x, last, observed);
      alive += truth.probabilityAlive(x, last, observed);
    }
    assertEquals(future, predicted, future * 0.02, "expected purchases of the next 39 weeks");
    assertEquals(stillActive, alive, stillActive * 0.02, "customers still active");
  }

  private static double[] concat(double[] first, double[] second) {
    double[] all = new double[first.length + second.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
