package io.segments.scoring;

import io.segments.features.RfmFeatures;

import static io.segments.features.RfmFeatures.FREQUENCY;
import static io.segments.features.RfmFeatures.MONETARY;
import static io.segments.features.RfmFeatures.RECENCY_DAYS;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.segments.config.JobConfig;
import io.segments.config.JobConfig.ClassThreshold;
import io.segments.config.ScoringConfig;
import io.segments.config.ScoringConfig.DimensionCutoffs;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Learns a {@link ScoringModel} from the purchasing customers of a snapshot: every quantile the
 * model needs (score cut-offs, tier cut-offs, class medians) comes from one approximate-quantile
 * pass over recency, frequency and monetary, which merges per-partition sketches instead of sorting
 * the customers; the class means and the cohort boundaries from one aggregate. Only these numbers
 * reach the driver.
 */
public final class ScoringEstimator {
  private static final String[] DIMENSIONS = {RECENCY_DAYS, FREQUENCY, MONETARY};
  private static final double MEDIAN = 0.5;

  private final JobConfig config;

  public ScoringEstimator(JobConfig config) {
    this.config = config;
  }

  public ScoringModel fit(Dataset<Row> rfm) {
    Dataset<Row> purchasers = rfm.where(RfmFeatures.isPurchaser());
    TreeSet<Double> probabilities = new TreeSet<>(ScoringConfig.SCORE_QUANTILES);
    probabilities.add(config.tiers().midQuantile());
    probabilities.add(config.tiers().highQuantile());
    probabilities.add(MEDIAN);
    List<Double> probs = new ArrayList<>(probabilities);
    double[][] quantiles = purchasers.stat().approxQuantile(
        DIMENSIONS, probs.stream().mapToDouble(Double::doubleValue).toArray(),
        config.scoring().quantileRelativeError());
    Quantiles recency = new Quantiles(probs, quantiles[0]);
    Quantiles frequency = new Quantiles(probs, quantiles[1]);
    Quantiles monetary = new Quantiles(probs, quantiles[2]);

    ScoringConfig scoring = config.scoring();
    Statistics statistics = statistics(purchasers);
    return new ScoringModel(
        scoreCutoffs(scoring.recency(), recency),
        scoreCutoffs(scoring.frequency(), frequency),
        scoreCutoffs(scoring.monetary(), monetary),
        List.of(monetary.at(config.tiers().midQuantile()), monetary.at(config.tiers().highQuantile())),
        List.of(frequency.at(config.tiers().midQuantile()), frequency.at(config.tiers().highQuantile())),
        config.classThreshold() == ClassThreshold.MEDIAN
            ? List.of(recency.at(MEDIAN), frequency.at(MEDIAN), monetary.at(MEDIAN))
            : statistics.means(),
        config.rfmSegments(),
        config.classification().cohortBoundaries().orElse(statistics.historyThirds()),
        config.classification(),
        config.labels());
  }

  private static List<Double> scoreCutoffs(DimensionCutoffs cutoffs, Quantiles quantiles) {
    return cutoffs.fixed().orElseGet(() -> ScoringConfig.SCORE_QUANTILES.stream().map(quantiles::at).toList());
  }

  /**
   * Means of R, F and M, and the thirds of the business history: from the first purchase of any
   * customer to the as-of date, which is any purchaser's last purchase plus its recency.
   */
  private static Statistics statistics(Dataset<Row> purchasers) {
    Row row = purchasers
        .agg(avg(col(RECENCY_DAYS)), avg(col(FREQUENCY)), avg(col(MONETARY).cast(DataTypes.DoubleType)),
            min(col(RfmFeatures.FIRST_PURCHASE_DATE)),
            max(date_add(col(RfmFeatures.LAST_PURCHASE_DATE), col(RECENCY_DAYS))))
        .first();
    List<Double> means = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      means.add(row.isNullAt(i) ? 0.0 : ((Number) row.get(i)).doubleValue());
    }
    if (row.isNullAt(3)) {
      return new Statistics(means, List.of());
    }
    LocalDate start = row.getDate(3).toLocalDate();
    long span = row.getDate(4).toLocalDate().toEpochDay() - start.toEpochDay();
    return new Statistics(means, List.of(start.plusDays(span / 3), start.plusDays(2 * span / 3)));
  }

  private record Statistics(List<Double> means, List<LocalDate> historyThirds) {}

  /** The quantiles of one dimension by probability; all zero when no customer has purchased. */
  private record Quantiles(List<Double> probabilities, double[] values) {
    double at(double probability) {
      int index = probabilities.indexOf(probability);
      return values.length == 0 ? 0.0 : values[index];
    }
  }
}
