package io.segments.job;

import static org.apache.spark.sql.functions.lit;

import io.segments.InvalidInputException;
import io.segments.clustering.ClusterModel;
import io.segments.clustering.SegmentClusterer;
import io.segments.config.ClusteringConfig;
import io.segments.config.JobConfig;
import io.segments.features.CustomerFeatures;
import io.segments.input.BehaviourEvents;
import io.segments.input.CustomerProfiles;
import io.segments.input.LineValidator;
import io.segments.input.ParquetInput;
import io.segments.input.TransactionSchema;
import io.segments.output.DeltaTableWriter;
import io.segments.output.ModelStore;
import io.segments.output.SegmentTables;
import io.segments.output.TableSpec;
import io.segments.reporting.SegmentSummary;
import io.segments.scoring.ConditionRules;
import io.segments.scoring.ParetoClasses;
import io.segments.scoring.ScoringEstimator;
import io.segments.scoring.ScoringModel;
import io.segments.scoring.TagDictionary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * The nightly run: read and validate the history before the as-of date, compute the customer
 * features, fit and apply the scoring and the k-means clusters (or load the frozen cluster model),
 * classify and tag by the conf's rules, then write the snapshot.
 * Every input, schema and model problem surfaces before the first write; the snapshot's tables are
 * each replaced in one commit, and the job_runs row that marks the snapshot complete is written last.
 */
public final class NightlyJob {
  private final SparkSession spark;
  private final JobConfig config;

  public NightlyJob(SparkSession spark, JobConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /**
   * Runs the snapshot of {@code asOf}.
   *
   * @throws InvalidInputException for bad input or configuration, before anything is written
   */
  public RunResult run(LocalDate asOf) {
    return ParquetInput.namingUnreadableFiles(() -> runReading(asOf));
  }

  private RunResult runReading(LocalDate asOf) {
    Instant started = Instant.now();
    String runId = UUID.randomUUID().toString();
    StageTimer timer = new StageTimer();
    Sessions.apply(spark, config);

    String transactionsPath = config.input().transactions();
    Dataset<Row> source = ParquetInput.read(spark, transactionsPath, "transactions");
    Sessions.usePartitions(spark, config.spark().partitionsFor(ParquetInput.sizeInBytes(spark, transactionsPath)));
    Dataset<Row> lines = TransactionSchema.conform(source, config.input(), transactionsPath);
    boolean hasLineId = Arrays.asList(source.columns()).contains(config.input().sourceColumn(TransactionSchema.LINE_ID));
    Optional<Dataset<Row>> profiles = config.input().customers().map(path ->
        CustomerProfiles.conform(ParquetInput.read(spark, path, "customers"), config.input(), path));
    Optional<Dataset<Row>> events = config.input().events().map(path ->
        BehaviourEvents.conform(ParquetInput.read(spark, path, "events"), config.input(), path));
    ModelStore models = new ModelStore(spark, config.output());
    Map<String, String> clusterLabels = config.labels().of("cluster");
    Optional<Clusters> frozen = config.clustering().mode() == ClusteringConfig.Mode.FROZEN
        ? Optional.of(frozenClusters(models, clusterLabels))
        : Optional.empty();

    // Only what the later stages read is cached: every column costs time for each of the lines.
    Dataset<Row> validated = new LineValidator(config.validation(), hasLineId)
        .validate(lines, asOf)
        .select(Arrays.stream(LineValidator.USED_LATER).map(functions::col).toArray(Column[]::new))
        .persist(StorageLevel.MEMORY_AND_DISK());
    LineCounts counts = timer.time("read+validate", () -> LineCounts.of(validated), LineCounts::input);

    Dataset<Row> features = timer.time("features",
        () -> CustomerFeatures.compute(LineValidator.accepted(validated), profiles, events, asOf,
                config.lookbackDays(), config.classification())
            .persist(StorageLevel.MEMORY_AND_DISK()),
        Dataset::count);

    long customers = timer.rows().get("features");
    Clusters clusters = timer.time("clustering",
        () -> frozen.orElseGet(() -> new Clusters(
            new SegmentClusterer(config.clustering(), clusterLabels).fit(features), OptionalInt.empty())),
        fitted -> customers);
    Scored scored = timer.time("scoring", () -> {
      ScoringModel model = new ScoringEstimator(config).fit(features);
      Dataset<Row> clustered = clusters.model().transform(model.classify(model.transform(features)));
      Dataset<Row> ranked = ParetoClasses.apply(
          clustered, config.classification(), config.labels(), Sessions.partitions(spark));
      Dataset<Row> rows = ConditionRules.apply(ranked, config.ruleTiers(), config.tags(), config.labels())
          .withColumn(TableSpec.SNAPSHOT_DATE, lit(asOf))
          .persist(StorageLevel.MEMORY_AND_DISK());
      return new Scored(model, rows);
    }, done -> done.segments().count());
    Dataset<Row> segments = scored.segments();

    DeltaTableWriter writer = new DeltaTableWriter(spark, config.output());
    int modelVersion = timer.time("write", () -> {
      // Version 0: no customer had purchased, so there was nothing to cluster or save.
      int version = clusters.savedVersion().orElseGet(
          () -> clusters.model().hasClusters() ? models.save(clusters.model().pipeline()) : 0);
      writer.replaceSnapshot(segments, SegmentTables.CUSTOMER_SEGMENTS, asOf, customers);
      Dataset<Row> clusterProfiles = clusters.model().profiles(segments)
          .withColumn(TableSpec.SNAPSHOT_DATE, lit(asOf))
          .withColumn("model_version", lit(version));
      writer.replaceSnapshot(clusterProfiles, SegmentTables.CLUSTER_PROFILES, asOf, 1);
      writer.exportJson(SegmentTables.CLUSTER_PROFILES.conform(clusterProfiles), "cluster_profiles");
      Map<String, String> tagLabels = new TreeMap<>();
      config.tags().forEach(tag -> tagLabels.put(tag.key(), tag.labels().get(config.labels().locale())));
      writer.replaceSnapshot(
          SegmentSummary.compute(segments, SegmentSummary.ALL, tagLabels, config.labels())
              .withColumn(TableSpec.SNAPSHOT_DATE, lit(asOf)),
          SegmentTables.SEGMENT_SUMMARY, asOf, 1);
      writer.replaceSnapshot(
          TagDictionary.of(spark, config.tags(), config.labels().locale()).withColumn(TableSpec.SNAPSHOT_DATE, lit(asOf)),
          SegmentTables.TAG_DICTIONARY, asOf, 1);
      writer.replaceSnapshot(
          LineValidator.rejected(validated)
              .withColumn(TableSpec.SNAPSHOT_DATE, lit(asOf))
              .withColumn("run_id", lit(runId)),
          SegmentTables.REJECTED_TRANSACTIONS, asOf, counts.rejected());
      return version;
    }, version -> customers + counts.rejected());

    RunResult result = new RunResult(runId, asOf, started, Instant.now(), counts, customers, modelVersion,
        timer.seconds(), config.output().tablePath(""));
    writer.append(JobRunRecord.toFrame(spark, result, scored.model(), config), SegmentTables.JOB_RUNS);
    validated.unpersist();
    features.unpersist();
    segments.unpersist();
    return result;
  }

  /** The cluster model of the run, and its saved version when it was loaded rather than fitted. */
  private record Clusters(ClusterModel model, OptionalInt savedVersion) {}

  /** The fitted scoring and the scored, clustered customers of the snapshot (cached). */
  private record Scored(ScoringModel model, Dataset<Row> segments) {}

  /** The saved model frozen mode assigns with; it must have been trained on the configured features. */
  private Clusters frozenClusters(ModelStore models, Map<String, String> labels) {
    ModelStore.Versioned saved = models.load(config.clustering().modelVersion());
    ClusterModel model = ClusterModel.of(saved.pipeline(), config.clustering(), labels);
    if (!model.features().equals(config.clustering().features())) {
      throw new InvalidInputException("clustering.extra-features: cluster model version " + saved.version()
          + " was trained on " + model.features() + ", the conf asks for " + config.clustering().features());
    }
    return new Clusters(model, OptionalInt.of(saved.version()));
  }
}
