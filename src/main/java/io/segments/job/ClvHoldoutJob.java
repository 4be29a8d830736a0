package io.segments.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.segments.InvalidInputException;
import io.segments.clv.ClvEstimator;
import io.segments.clv.ClvModel;
import io.segments.clv.HoldoutComparison;
import io.segments.config.JobConfig;
import io.segments.features.CustomerFeatures;
import io.segments.input.InputReader;
import io.segments.input.LineValidator;
import io.segments.input.TransactionSchema;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * clv-holdout: fits the value models on the history up to a calibration end, as a nightly run of the
 * next day would, and compares the repeat purchases they predict for the holdout period after it with
 * the ones the customers made. It writes nothing.
 */
public final class ClvHoldoutJob {
  private final SparkSession caller;
  private final JobConfig config;

  public ClvHoldoutJob(SparkSession spark, JobConfig config) {
    this.caller = spark;
    this.config = config;
  }

  /**
   * What the check found.
   *
   * @param model the fits of the calibration period, predicting over the holdout period
   * @param holdoutUnits the holdout period in the model's time unit
   */
  public record Outcome(ClvModel model, int holdoutUnits, List<HoldoutComparison.Group> groups) {}

  /**
   * @param calibrationEnd the last day of the calibration period
   * @param holdoutEnd the last day of the holdout period
   * @throws InvalidInputException when the dates are out of order or the input is bad
   */
  public Outcome run(LocalDate calibrationEnd, LocalDate holdoutEnd) {
    if (!config.clv().enabled()) {
      throw new InvalidInputException("clv.enabled is false: the value models are switched off");
    }
    if (!holdoutEnd.isAfter(calibrationEnd)) {
      throw new InvalidInputException("--holdout-end " + holdoutEnd + " must come after --calibration-end "
          + calibrationEnd);
    }
    return InputReader.namingUnreadableFiles(caller, () -> {
      String path = config.input().transactions();
      SparkSession spark = Sessions.forRun(caller, config, Sessions.partitionsFor(caller, config,
          InputReader.sizeInBytes(caller, path)));
      Dataset<Row> source = InputReader.read(spark, path, config.input().format(), "transactions");
      boolean hasLineId = Arrays.asList(source.columns()).contains(config.input().sourceColumn(TransactionSchema.LINE_ID));
      LocalDate holdoutStart = calibrationEnd.plusDays(1);
      Dataset<Row> accepted = LineValidator.accepted(new LineValidator(config.validation(), hasLineId)
          .validate(TransactionSchema.conform(source, config.input(), path), holdoutEnd.plusDays(1))).cache();
      Dataset<Row> calibrationLines = accepted.where(col(TransactionSchema.ORDER_TS)
          .lt(lit(holdoutStart).cast(DataTypes.TimestampType)));
      Dataset<Row> holdoutLines = accepted.where(col(TransactionSchema.ORDER_TS)
          .geq(lit(holdoutStart).cast(DataTypes.TimestampType)));
      Dataset<Row> calibration = CustomerFeatures.compute(calibrationLines, Optional.empty(), Optional.empty(),
          holdoutStart, 0, config.classification()).cache();
      int units = (int) Math.round((double) ChronoUnit.DAYS.between(calibrationEnd, holdoutEnd) / config.clv().unitDays());
      ClvModel model = new ClvEstimator(config.clv()).fit(calibration).withHorizon(units);
      Outcome outcome = new Outcome(model, units, HoldoutComparison.compare(model, calibration, holdoutLines));
      accepted.unpersist();
      calibration.unpersist();
      return outcome;
    });
  }
}
