package io.segments.support;

import static io.segments.support.Frames.row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import io.segments.config.JobConfig;
import io.segments.features.CustomerFeatures;
import io.segments.input.LineValidator;
import io.segments.input.TransactionSchema;
import java.time.LocalDate;
import java.util.Optional;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The CDNOW sample of ../shared/data/cdnow (2,357 real customers) as transaction lines: the lines of
 * one customer and day form one order, as the published summaries count purchase days. Tests that
 * read it skip where the folder is absent.
 */
public final class CdnowSample {
  public static final Path DATA = Path.of("..", "shared", "data", "cdnow");
  /** The last day of the published 39-week calibration period. */
  public static final LocalDate CALIBRATION_END = LocalDate.parse("1997-09-30");
  /** The as-of date whose history (strictly before it) is the calibration period. */
  public static final LocalDate AS_OF = CALIBRATION_END.plusDays(1);
  public static final String LINES = "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount DECIMAL(18,2)";

  private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

  private CdnowSample() {}

  public static boolean present() {
    return Files.isDirectory(DATA);
  }

  /** Every line of the sample: customer id is the sample id without leading zeros, as in the summaries. */
  public static List<Row> rows() {
    List<Row> lines = new ArrayList<>();
    for (String text : read("CDNOW_sample.txt")) {
      String[] f = text.trim().split("\\s+");
      String customer = String.valueOf(Integer.parseInt(f[1]));
      LocalDate day = LocalDate.parse(f[2], YYYYMMDD);
      lines.add(row(customer + "-" + f[2], customer, Timestamp.valueOf(day.atStartOfDay()), new BigDecimal(f[4])));
    }
    return lines;
  }

  public static Dataset<Row> lines(SparkSession spark) {
    return Frames.of(spark, LINES, rows());
  }

  /** The customer features of the sample's calibration period (to {@link #CALIBRATION_END}). */
  public static Dataset<Row> features(SparkSession spark, JobConfig config) {
    Dataset<Row> validated = new LineValidator(config.validation(), false).validate(
        TransactionSchema.conform(lines(spark), config.input(), "CDNOW_sample.txt"), AS_OF);
    return CustomerFeatures.compute(LineValidator.accepted(validated), Optional.empty(), Optional.empty(), AS_OF, 0,
        config.classification());
  }

  /** The lines of a published CSV summary, without its header. */
  public static List<String> summary(String file) {
    List<String> csv = read(file);
    return csv.subList(1, csv.size());
  }

  private static List<String> read(String file) {
    try {
      return Files.readAllLines(DATA.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
