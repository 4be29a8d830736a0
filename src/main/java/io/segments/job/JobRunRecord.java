package io.segments.job;

import io.segments.config.JobConfig;
import io.segments.scoring.ScoringModel;
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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The one job_runs row of a completed run. */
public final class JobRunRecord {
  private static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("snapshot_date", DataTypes.DateType, false)
      .add("status", DataTypes.StringType, false)
      .add("started_at", DataTypes.TimestampType, false)
      .add("ended_at", DataTypes.TimestampType, false)
      .add("input_rows", DataTypes.LongType, false)
      .add("accepted_rows", DataTypes.LongType, false)
      .add("rejected_rows", DataTypes.LongType, false)
      .add("excluded_rows", DataTypes.LongType, false)
      .add("customers", DataTypes.LongType, false)
      .add("stage_seconds", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType), false)
      .add("scoring_model", DataTypes.StringType, false)
      .add("clustering_mode", DataTypes.StringType, false)
      .add("cluster_model_version", DataTypes.IntegerType, false)
      .add("configuration", DataTypes.StringType, false)
      .add("versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false);

  private JobRunRecord() {}

  public static Dataset<Row> toFrame(SparkSession spark, RunResult result, ScoringModel model, JobConfig config) {
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
        new TreeMap<>(result.stageSeconds()),
        model.describe(),
        config.clustering().mode().name().toLowerCase(Locale.ROOT),
        result.clusterModelVersion(),
        config.rendered(),
        versions());
    return spark.createDataFrame(List.of(row), SCHEMA);
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
