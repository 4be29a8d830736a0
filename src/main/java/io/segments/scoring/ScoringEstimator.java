package io.segments.scoring;

import static io.segments.features.RfmFeatures.FREQUENCY;
import static io.segments.features.RfmFeatures.MONETARY;
import static io.segments.features.RfmFeatures.RECENCY_DAYS;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

import io.segments.config.JobConfig.ClassThreshold;
import io.segments.config.Labels;
import io.segments.config.ScoringConfig;
import io.segments.config.ScoringConfig.DimensionCutoffs;
import io.segments.config.SegmentRule;
import io.segments.config.TierConfig;
import io.segments.features.RfmFeatures;
import io.segments.pipeline.CustomerStage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The scores-and-segments stage: learns a {@link ScoringModel} from the purchasing customers of a
 * snapshot. Every quantile the model needs (score cut-offs, tier cut-offs, class medians) comes from
 * one approximate-quantile pass over recency, frequency and monetary, which merges per-partition
 * sketches instead of sorting the customers; the class means from one aggregate. Only these numbers
 * reach the driver.
 */
public final class ScoringEstimator implements CustomerStage {
  private static final String[] DIMENSIONS = {RECENCY_DAYS, FREQUENCY, MONETARY};
  private static final double MEDIAN = 0.5;

  private final ScoringConfig scoring;
  private final TierConfig tiers;
  private final ClassThreshold classThreshold;
  private final List<SegmentRule> segmentRules;
  private final Labels labels;

  /**
   * @param classThreshold the statistic the 8-class model compares with
   * @param segmentRules the 11-segment rules, first match wins
   */
  public ScoringEstimator(ScoringConfig scoring, TierConfig tiers, ClassThreshold classThreshold,
      List<SegmentRule> segmentRules, Labels labels) {
    this.scoring = scoring;
    this.tiers = tiers;
    this.classThreshold = classThreshold;
    this.segmentRules = List.copyOf(segmentRules);
    this.labels = labels;
  }

  @Override
  public String name() {
    return "scores";
  }

  @Override
  public List<String> reads() {
    return List.of(RfmFeatures.LAST_PURCHASE_DATE, RECENCY_DAYS, FREQUENCY, MONETARY);
  }

  @Override
  public List<String> adds() {
    return ScoringModel.COLUMNS;
  }

  @Override
  public ScoringModel fit(Dataset<Row> rfm) {
    Dataset<Row> purchasers = rfm.where(RfmFeatures.isPurchaser());
    TreeSet<Double> probabilities = new TreeSet<>(ScoringConfig.SCORE_QUANTILES);
    probabilities.add(tiers.midQuantile());
    probabilities.add(tiers.highQuantile());
    probabilities.add(MEDIAN);
    List<Double> probs = new ArrayList<>(probabilities);
    double[][] quantiles = purchasers.stat().approxQuantile(
        DIMENSIONS, probs.stream().mapToDouble(Double::doubleValue).toArray(),
        scoring.quantileRelativeError());
    Quantiles recency = new Quantiles(probs, quantiles[0]);
    Quantiles frequency = new Quantiles(probs, quantiles[1]);
    Quantiles monetary = new Quantiles(probs, quantiles[2]);

    return new ScoringModel(
        scoreCutoffs(scoring.recency(), recency),
        scoreCutoffs(scoring.frequency(), frequency),
        scoreCutoffs(scoring.monetary(), monetary),
        List.of(monetary.at(tiers.midQuantile()), monetary.at(tiers.highQuantile())),
        List.of(frequency.at(tiers.midQuantile()), frequency.at(tiers.highQuantile())),
        classThreshold == ClassThreshold.MEDIAN
            ? List.of(recency.at(MEDIAN), frequency.at(MEDIAN), monetary.at(MEDIAN))
            : means(purchasers),
        segmentRules,
        labels);
  }

  private static List<Double> scoreCutoffs(DimensionCutoffs cutoffs, Quantiles quantiles) {
    return cutoffs.fixed().orElseGet(() -> ScoringConfig.SCORE_QUANTILES.stream().map(quantiles::at).toList());
  }

  /** Means of R, F and M of the purchasers; 0 when there are none. */
  private static List<Double> means(Dataset<Row> purchasers) {
    Row row = purchasers
        .agg(avg(col(RECENCY_DAYS)), avg(col(FREQUENCY)), avg(RfmFeatures.asDouble(col(MONETARY))))
        .first();
    List<Double> means = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      means.add(row.isNullAt(i) ? 0.0 : ((Number) row.get(i)).doubleValue());
    }
    return means;
  }

  /** The quantiles of one dimension by probability; all zero when no customer has purchased. */
  private record Quantiles(List<Double> probabilities, double[] values) {
    double at(double probability) {
      int index = probabilities.indexOf(probability);
      return values.length == 0 ? 0.0 : values[index];
    }
  }
}
