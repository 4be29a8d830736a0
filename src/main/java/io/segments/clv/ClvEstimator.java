package io.segments.clv;

import static io.segments.features.RepeatPurchases.REPEAT_PURCHASES;
import static io.segments.features.RepeatPurchases.REPEAT_PURCHASE_VALUE;
import static io.segments.features.RfmFeatures.RECENCY_DAYS;
import static io.segments.features.RfmFeatures.TENURE_DAYS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.segments.config.ClvConfig;
import io.segments.features.RfmFeatures;
import io.segments.pipeline.CustomerStage;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The predicted-value stage: fits BG/NBD on every purchaser's (x, t_x, T) and Gamma-Gamma on every
 * repeat purchaser's (x, mean repeat value) by maximum likelihood. The log-likelihoods are sums over
 * customers, so the data reach the fit as their distinct values with counts (a Spark aggregation);
 * beyond {@value #MAX_FIT_CUSTOMERS} purchasers a seeded sample of that size is fitted, which moves
 * the estimates by far less than their standard errors. The calibration period ends the day before the
 * as-of date: T is tenure_days - 1, t_x is tenure_days - recency_days, in days until the fit divides
 * them by the time unit.
 */
public final class ClvEstimator implements CustomerStage {
  public static final String P_ALIVE = "p_alive";
  public static final String EXPECTED_PURCHASES = "expected_purchases";
  public static final String EXPECTED_AVG_SPEND = "expected_avg_spend";
  public static final String CLV = "clv";

  static final String X = "clv_x";
  static final String TX_DAYS = "clv_tx_days";
  static final String T_DAYS = "clv_t_days";
  static final String M = "clv_m";
  private static final String CUSTOMERS = "clv_customers";
  static final long MAX_FIT_CUSTOMERS = 500_000;
  private static final long SEED = 42;

  private final ClvConfig config;

  public ClvEstimator(ClvConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "clv";
  }

  @Override
  public List<String> reads() {
    return List.of(RfmFeatures.LAST_PURCHASE_DATE, TENURE_DAYS, RECENCY_DAYS, REPEAT_PURCHASES, REPEAT_PURCHASE_VALUE);
  }

  @Override
  public List<String> adds() {
    return List.of(P_ALIVE, EXPECTED_PURCHASES, EXPECTED_AVG_SPEND, CLV);
  }

  /** The purchasers' summary: x, t_x and T in days, and the mean repeat value. */
  static Dataset<Row> withSummary(Dataset<Row> customers) {
    return customers
        .withColumn(X, col(REPEAT_PURCHASES))
        .withColumn(TX_DAYS, col(TENURE_DAYS).minus(col(RECENCY_DAYS)))
        .withColumn(T_DAYS, col(TENURE_DAYS).minus(1))
        .withColumn(M, col(REPEAT_PURCHASE_VALUE));
  }

  @Override
  public ClvModel fit(Dataset<Row> customers) {
    if (!config.enabled()) {
      return ClvModel.notFitted(config, 0, 0);
    }
    Dataset<Row> summary = withSummary(customers.where(RfmFeatures.isPurchaser())).select(X, TX_DAYS, T_DAYS, M);
    long purchasers = summary.count();
    Dataset<Row> fitted = purchasers > MAX_FIT_CUSTOMERS
        ? summary.sample(false, (double) MAX_FIT_CUSTOMERS / purchasers, SEED)
        : summary;
    List<Row> triples = fitted.groupBy(X, TX_DAYS, T_DAYS).agg(count(lit(1)).as(CUSTOMERS)).orderBy(X).collectAsList();
    List<Row> spends = fitted.where(col(X).gt(0).and(col(M).gt(0)))
        .groupBy(X, M).agg(count(lit(1)).as(CUSTOMERS)).collectAsList();
    long repeatCustomers = spends.stream().mapToLong(row -> row.getLong(2)).sum();
    if (triples.isEmpty()) {
      return ClvModel.notFitted(config, purchasers, repeatCustomers);
    }
    double unit = config.unitDays();
    int[] xs = triples.stream().mapToInt(row -> row.getInt(0)).toArray();
    double[] txs = triples.stream().mapToDouble(row -> row.getInt(1) / unit).toArray();
    double[] ts = triples.stream().mapToDouble(row -> row.getInt(2) / unit).toArray();
    long[] counts = triples.stream().mapToLong(row -> row.getLong(3)).toArray();
    MaximumLikelihood.Fit purchases = MaximumLikelihood.maximize(p -> {
      BgNbd model = new BgNbd(p[0], p[1], p[2], p[3]);
      double sum = 0;
      double termsOfX = 0;
      for (int i = 0; i < xs.length; i++) {
        // The triples come ordered by x, so the terms of x change only when x does.
        if (i == 0 || xs[i] != xs[i - 1]) {
          termsOfX = model.termsOfX(xs[i]);
        }
        sum += counts[i] * model.logLikelihood(xs[i], txs[i], ts[i], termsOfX);
      }
      return sum;
    }, new double[] {1, 1, 1, 1});
    MaximumLikelihood.Fit spend = spends.isEmpty()
        ? MaximumLikelihood.Fit.failed(0)
        : MaximumLikelihood.maximize(p -> {
          GammaGamma model = new GammaGamma(p[0], p[1], p[2]);
          double sum = 0;
          for (Row row : spends) {
            sum += row.getLong(2) * model.logLikelihood(row.getInt(0), row.getDouble(1));
          }
          return sum;
        }, new double[] {1, 1, 1});
    return new ClvModel(config, purchases, spend, purchasers, repeatCustomers);
  }
}
