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
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
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
    // Ordered, so that the sums of the likelihood add up in the same order however Spark partitioned them.
    List<Row> triples = fitted.groupBy(X, TX_DAYS, T_DAYS).agg(count(lit(1)).as(CUSTOMERS))
        .orderBy(X, TX_DAYS, T_DAYS).collectAsList();
    List<Row> spends = fitted.where(col(X).gt(0).and(col(M).gt(0)))
        .groupBy(X, M).agg(count(lit(1)).as(CUSTOMERS)).orderBy(X, M).collectAsList();
    long repeatCustomers = spends.stream().mapToLong(row -> row.getLong(2)).sum();
    if (triples.isEmpty()) {
      return ClvModel.notFitted(config, purchasers, repeatCustomers);
    }
    Triples data = Triples.of(triples, config.unitDays());
    Spends spendData = Spends.of(spends);
    MaximumLikelihood.Fit purchases = MaximumLikelihood.maximize(p -> data.logLikelihood(
        new BgNbd(p[0], p[1], p[2], p[3])), new double[] {1, 1, 1, 1});
    MaximumLikelihood.Fit spend = spends.isEmpty()
        ? MaximumLikelihood.Fit.failed(0)
        : MaximumLikelihood.maximize(p -> spendData.logLikelihood(new GammaGamma(p[0], p[1], p[2])),
            new double[] {1, 1, 1});
    return new ClvModel(config, purchases, spend, purchasers, repeatCustomers);
  }

  /**
   * The repeat purchases x of each data row of a fit, and the row's index among the distinct x: both
   * models' x-only likelihood terms are computed once per distinct x, not once per row.
   */
  private record ByX(double[] x, int[] group, int[] distinct) {
    /** @param rows with x, an int, first */
    static ByX of(List<Row> rows) {
      int[] distinct = rows.stream().mapToInt(row -> row.getInt(0)).distinct().sorted().toArray();
      double[] x = new double[rows.size()];
      int[] group = new int[rows.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = rows.get(i).getInt(0);
        group[i] = Arrays.binarySearch(distinct, rows.get(i).getInt(0));
      }
      return new ByX(x, group, distinct);
    }

    /** The x-only terms of each distinct x: row i's are at {@code group[i]}. */
    double[] termsOfDistinct(DoubleUnaryOperator termsOfX) {
      return Arrays.stream(distinct).mapToDouble(termsOfX::applyAsDouble).toArray();
    }
  }

  /** The distinct (x, m) of the repeat customers with their counts, for the Gamma-Gamma fit. */
  private record Spends(ByX byX, double[] m, long[] counts) {
    static Spends of(List<Row> rows) {
      return new Spends(ByX.of(rows), rows.stream().mapToDouble(row -> row.getDouble(1)).toArray(),
          rows.stream().mapToLong(row -> row.getLong(2)).toArray());
    }

    double logLikelihood(GammaGamma model) {
      double[] x = byX.x();
      int[] group = byX.group();
      double[] terms = byX.termsOfDistinct(model::termsOfX);
      double sum = 0;
      for (int i = 0; i < x.length; i++) {
        sum += counts[i] * model.logLikelihood(x[i], m[i], terms[group[i]]);
      }
      return sum;
    }
  }

  /**
   * The distinct (x, t_x, T) with their counts, in arrays for the many evaluations of the fit. The
   * x-only terms of the likelihood are computed once per distinct x; the sum runs in fixed chunks on
   * the driver's cores and adds them in order, so the same data always give the same estimates.
   */
  private record Triples(ByX byX, double[] tx, double[] t, long[] counts) {
    private static final int CHUNKS = 8;

    static Triples of(List<Row> rows, double unitDays) {
      return new Triples(ByX.of(rows), rows.stream().mapToDouble(row -> row.getInt(1) / unitDays).toArray(),
          rows.stream().mapToDouble(row -> row.getInt(2) / unitDays).toArray(),
          rows.stream().mapToLong(row -> row.getLong(3)).toArray());
    }

    double logLikelihood(BgNbd model) {
      double[] x = byX.x();
      int[] group = byX.group();
      double[] terms = byX.termsOfDistinct(model::termsOfX);
      int size = (x.length + CHUNKS - 1) / CHUNKS;
      double[] sums = IntStream.range(0, CHUNKS).parallel().mapToDouble(chunk -> {
        double sum = 0;
        for (int i = chunk * size; i < Math.min(x.length, (chunk + 1) * size); i++) {
          sum += counts[i] * model.logLikelihood(x[i], tx[i], t[i], terms[group[i]]);
        }
        return sum;
      }).toArray();
      double total = 0;
      for (double sum : sums) {
        total += sum;
      }
      return total;
    }
  }
}
