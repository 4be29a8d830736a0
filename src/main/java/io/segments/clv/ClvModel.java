package io.segments.clv;

import static io.segments.clv.ClvEstimator.M;
import static io.segments.clv.ClvEstimator.T_DAYS;
import static io.segments.clv.ClvEstimator.TX_DAYS;
import static io.segments.clv.ClvEstimator.X;
import static io.segments.input.TransactionSchema.CUSTOMER_ID;
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
 * discounted expected spend over the horizon. The predictions depend only on (x, t_x, T), so they are
 * computed once per distinct triple, on the executors, and joined back. Where a fit did not converge
 * the columns are null and the run goes on; clv_model and job_runs record it.
 *
 * @param purchases the BG/NBD fit
 * @param spend the Gamma-Gamma fit
 * @param customers purchasers the fit saw (before any sampling)
 * @param repeatCustomers repeat purchasers the Gamma-Gamma fit read
 */
public record ClvModel(ClvConfig config, MaximumLikelihood.Fit purchases, MaximumLikelihood.Fit spend,
    long customers, long repeatCustomers) implements FittedStage {

  private static final String DISCOUNTED = "clv_discounted_purchases";
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
    String[] triple = {X, TX_DAYS, T_DAYS};
    Dataset<Row> purchasers = keyed.where(RfmFeatures.isPurchaser()).select(CUSTOMER_ID, triple);
    // The predictions reach the customer rows by customer_id, where those rows already are: only the
    // narrow (customer, triple) rows travel to meet their triple. Joining the wide rows on the triple
    // shuffled and sorted every customer row once more than the customer_id joins after it need.
    Dataset<Row> predicted = purchasers.join(predictions(purchasers.drop(CUSTOMER_ID).distinct()), triple)
        .drop(triple);
    GammaGamma gg = gammaGamma().orElseThrow();
    Column m = col(M);
    Column spendPerPurchase = when(RfmFeatures.isPurchaser(),
        when(col(X).gt(0).and(m.gt(0)), lit(gg.p()).multiply(lit(gg.v()).plus(m.multiply(col(X))))
            .divide(lit(gg.p()).multiply(col(X)).plus(gg.q() - 1)))
            .otherwise(lit(gg.p() * gg.v() / (gg.q() - 1))));
    return keyed.join(predicted, new String[] {CUSTOMER_ID}, "left")
        .withColumn(ClvEstimator.EXPECTED_AVG_SPEND, spendPerPurchase)
        .withColumn(ClvEstimator.CLV, col(ClvEstimator.EXPECTED_AVG_SPEND).multiply(col(DISCOUNTED))
            .multiply(config.margin()))
        .drop(X, TX_DAYS, T_DAYS, M, DISCOUNTED);
  }

  /** p_alive, expected purchases and discounted expected purchases per distinct (x, t_x, T). */
  private Dataset<Row> predictions(Dataset<Row> triples) {
    BgNbd model = bgNbd().orElseThrow();
    double unit = config.unitDays();
    double horizon = config.horizon();
    double step = Math.max(1.0, Math.round(STEP_DAYS / unit));
    double discountPerStep = Math.pow(1 + config.discountRate(), step * unit / 365.0);
    StructType schema = new StructType()
        .add(X, DataTypes.IntegerType).add(TX_DAYS, DataTypes.IntegerType).add(T_DAYS, DataTypes.IntegerType)
        .add(ClvEstimator.P_ALIVE, DataTypes.DoubleType).add(ClvEstimator.EXPECTED_PURCHASES, DataTypes.DoubleType)
        .add(DISCOUNTED, DataTypes.DoubleType);
    MapFunction<Row, Row> predict = row -> {
      double x = row.getInt(0);
      double tx = row.getInt(1) / unit;
      double t = row.getInt(2) / unit;
      double discounted = 0;
      double before = 0;
      double factor = 1;
      for (double end = step; end < horizon + step; end += step) {
        double upTo = model.expectedPurchases(Math.min(end, horizon), x, tx, t);
        factor /= discountPerStep;
        discounted += (upTo - before) * factor;
        before = upTo;
      }
      return RowFactory.create(row.getInt(0), row.getInt(1), row.getInt(2), model.probabilityAlive(x, tx, t),
          before, discounted);
    };
    return triples.map(predict, Encoders.row(schema));
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
