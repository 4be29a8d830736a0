package io.segments.job;

import io.segments.config.JobConfig;
import io.segments.output.SegmentTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** The one job_runs row of a completed run. */
public final class JobRunRecord {
  private JobRunRecord() {}

  /** @param learned what the customer path learned from the snapshot, as JSON */
  public static Dataset<Row> toFrame(SparkSession spark, RunResult result, String learned, JobConfig config) {
    Row row = RowFactory.create(
        result.runId(),
        result.asOf(),
        "succeeded",
        result.startedAt(),
        result.endedAt(),
        result.lines().input(),
        result.lines().accepted(),
        result.lines().rejected(),
        result.lines().excluded(),
        result.customers(),
        result.blankProfileIds(),
        new TreeMap<>(result.ledgerRows()),
        new TreeMap<>(result.stageSeconds()),
        learned,
        config.clustering().mode().name().toLowerCase(Locale.ROOT),
        result.review().previousDate().orElse(null),
        new TreeMap<>(result.review().psiByDimension()),
        result.review().largestShift().map(Map.Entry::getKey).orElse(null),
        result.review().largestShift().map(Map.Entry::getValue).orElse(null),
        result.review().previousDate().map(date -> result.review().alert()).orElse(null),
        result.review().clusterAgreement().orElse(null),
        result.clusterModelVersion(),
        config.rendered(),
        versions());
    return spark.createDataFrame(List.of(row), SegmentTables.JOB_RUNS.schema());
  }

  /** Application, Spark and Delta versions as built. */
  public static Map<String, String> versions() {
    Properties properties = new Properties();
    try (InputStream in = JobRunRecord.class.getResourceAsStream("/io/segments/versions.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> versions = new TreeMap<>();
    properties.forEach((k, v) -> versions.put(k.toString(), v.toString()));
    return versions;
  }
}
