package io.segments.clv;

import static io.segments.clv.ClvEstimator.M;
import static io.segments.clv.ClvEstimator.T_DAYS;
import static io.segments.clv.ClvEstimator.TX_DAYS;
import static io.segments.clv.ClvEstimator.X;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.segments.config.ClvConfig;
import io.segments.features.RfmFeatures;
import io.segments.pipeline.FittedStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The fitted value models of one snapshot, and what they predict for each purchaser: p_alive, the
 * purchases to expect over the horizon, the spend per purchase to expect and clv, the margin on the
 * discounted expected spend over the horizon. The predictions depend only on (x, t_x, T), and t_x
 * enters them only through P(alive), a closed form computed per customer; the series behind the rest
 * is computed once per distinct (x, T), on the executors, and joined back. Where a fit did not converge
 * the columns are null and the run goes on; clv_model and job_runs record it.
 *
 * @param purchases the BG/NBD fit
 * @param spend the Gamma-Gamma fit
 * @param customers purchasers the fit saw (before any sampling)
 * @param repeatCustomers repeat purchasers the Gamma-Gamma fit read
 */
public record ClvModel(ClvConfig config, MaximumLikelihood.Fit purchases, MaximumLikelihood.Fit spend,
    long customers, long repeatCustomers) implements FittedStage {

  private static final String EXPECTED_IF_ALIVE = "clv_expected_if_alive";
  private static final String DISCOUNTED_IF_ALIVE = "clv_discounted_if_alive";
  /** Days between the steps over which expected purchases are discounted. */
  private static final int STEP_DAYS = 30;

  /** The same fits predicting over another horizon. */
  public ClvModel withHorizon(int units) {
    return new ClvModel(config.withHorizon(units), purchases, spend, customers, repeatCustomers);
  }

  static ClvModel notFitted(ClvConfig config, long customers, long repeatCustomers) {
    return new ClvModel(config, MaximumLikelihood.Fit.failed(0), MaximumLikelihood.Fit.failed(0), customers,
        repeatCustomers);
  }

  public Optional<BgNbd> bgNbd() {
    double[] p = purchases.parameters();
    return purchases.converged() ? Optional.of(new BgNbd(p[0], p[1], p[2], p[3])) : Optional.empty();
  }

  /** Gamma-Gamma, where it converged with q > 1 (else it has no finite mean spend). */
  public Optional<GammaGamma> gammaGamma() {
    double[] p = spend.parameters();
    return spend.converged() && p[1] > 1 ? Optional.of(new GammaGamma(p[0], p[1], p[2])) : Optional.empty();
  }

  public boolean converged() {
    return bgNbd().isPresent() && gammaGamma().isPresent();
  }

  @Override
  public Dataset<Row> transform(Dataset<Row> customers) {
    if (!converged()) {
      return customers
          .withColumn(ClvEstimator.P_ALIVE, lit(null).cast(DataTypes.DoubleType))
          .withColumn(ClvEstimator.EXPECTED_PURCHASES, lit(null).cast(DataTypes.DoubleType))
          .withColumn(ClvEstimator.EXPECTED_AVG_SPEND, lit(null).cast(DataTypes.DoubleType))
          .withColumn(ClvEstimator.CLV, lit(null).cast(DataTypes.DoubleType));
    }
    Dataset<Row> keyed = ClvEstimator.withSummary(customers);
    BgNbd model = bgNbd().orElseThrow();
    double unit = config.unitDays();
    Column x = col(X);
    Column pAlive = model.probabilityAlive(x, col(TX_DAYS).divide(unit), col(T_DAYS).divide(unit));
    // Of the predictions only P(alive) reads t_x, and it is a closed form: the series behind the
    // expected purchases runs once per distinct (x, T), a table of at most (repeat purchases) x (days
    // of history) rows that every task gets whole, so the customer rows go nowhere.
    Dataset<Row> ifAlive = ifAlive(keyed.where(RfmFeatures.isPurchaser()).select(X, T_DAYS).distinct(), model);
    GammaGamma gg = gammaGamma().orElseThrow();
    Column m = col(M);
    Column spendPerPurchase = when(RfmFeatures.isPurchaser(),
        when(x.gt(0).and(m.gt(0)), lit(gg.p()).multiply(lit(gg.v()).plus(m.multiply(x)))
            .divide(lit(gg.p()).multiply(x).plus(gg.q() - 1)))
            .otherwise(lit(gg.p() * gg.v() / (gg.q() - 1))));
    return keyed.join(broadcast(ifAlive), new String[] {X, T_DAYS}, "left")
        .withColumn(ClvEstimator.P_ALIVE, when(RfmFeatures.isPurchaser(), pAlive))
        .withColumn(ClvEstimator.EXPECTED_PURCHASES, col(EXPECTED_IF_ALIVE).multiply(col(ClvEstimator.P_ALIVE)))
        .withColumn(ClvEstimator.EXPECTED_AVG_SPEND, spendPerPurchase)
        .withColumn(ClvEstimator.CLV, col(ClvEstimator.EXPECTED_AVG_SPEND)
            .multiply(col(DISCOUNTED_IF_ALIVE).multiply(col(ClvEstimator.P_ALIVE))).multiply(config.margin()))
        .drop(X, TX_DAYS, T_DAYS, M, EXPECTED_IF_ALIVE, DISCOUNTED_IF_ALIVE);
  }

  /**
   * Per distinct (x, T): the purchases to expect over the horizon of a customer still alive, and the
   * same discounted step by step. Both are linear in P(alive), which multiplies them per customer.
   */
  private Dataset<Row> ifAlive(Dataset<Row> xAndT, BgNbd model) {
    double unit = config.unitDays();
    double horizon = config.horizon();
    double step = Math.max(1.0, Math.round(STEP_DAYS / unit));
    double discountPerStep = Math.pow(1 + config.discountRate(), step * unit / 365.0);
    StructType schema = new StructType()
        .add(X, DataTypes.IntegerType).add(T_DAYS, DataTypes.IntegerType)
        .add(EXPECTED_IF_ALIVE, DataTypes.DoubleType).add(DISCOUNTED_IF_ALIVE, DataTypes.DoubleType);
    MapFunction<Row, Row> predict = row -> {
      double x = row.getInt(0);
      double t = row.getInt(1) / unit;
      double discounted = 0;
      double before = 0;
      double factor = 1;
      for (double end = step; end < horizon + step; end += step) {
        double upTo = model.expectedPurchasesIfAlive(Math.min(end, horizon), x, t);
        factor /= discountPerStep;
        discounted += (upTo - before) * factor;
        before = upTo;
      }
      return RowFactory.create(row.getInt(0), row.getInt(1), before, discounted);
    };
    return xAndT.map(predict, Encoders.row(schema));
  }

  @Override
  public String learned() {
    return "\"clv_converged\":" + converged();
  }

  /** The clv_model row of the snapshot (without snapshot_date); parameters null where a fit failed. */
  public Dataset<Row> record(SparkSession spark, StructType schema) {
    List<Object> values = new ArrayList<>(List.of(converged(), config.unit(), customers, repeatCustomers,
        purchases.iterations() + spend.iterations()));
    values.addAll(estimates(purchases, 4));
    values.addAll(estimates(spend, 3));
    values.addAll(List.of(config.horizon(), config.discountRate(), config.margin()));
    return spark.createDataFrame(List.of(RowFactory.create(values.toArray())), schema);
  }

  /** The estimates, the log-likelihood, then the standard errors; nulls where the fit failed. */
  private static List<Object> estimates(MaximumLikelihood.Fit fit, int parameters) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < parameters; i++) {
      values.add(fit.converged() ? fit.parameters()[i] : null);
    }
    values.add(fit.converged() ? fit.logLikelihood() : null);
    for (int i = 0; i < parameters; i++) {
      values.add(fit.converged() && Double.isFinite(fit.standardErrors()[i]) ? fit.standardErrors()[i] : null);
    }
    return values;
  }
}
