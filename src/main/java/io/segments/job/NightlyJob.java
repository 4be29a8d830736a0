package io.segments.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.segments.InvalidInputException;
import io.segments.actions.CustomerActions;
import io.segments.actions.Playbooks;
import io.segments.clustering.ClusterModel;
import io.segments.clustering.ClusterNames;
import io.segments.clv.ClvModel;
import io.segments.config.ClusteringConfig;
import io.segments.config.JobConfig;
import io.segments.config.OutputConfig;
import io.segments.features.CustomerFeatures;
import io.segments.features.LedgerFeatures;
import io.segments.features.ProfileFeatures;
import io.segments.input.BehaviourEvents;
import io.segments.input.CustomerContacts;
import io.segments.input.CustomerProfiles;
import io.segments.input.LineValidator;
import io.segments.input.InputReader;
import io.segments.input.LedgerInputs;
import io.segments.input.TransactionSchema;
import io.segments.output.DeltaTableWriter;
import io.segments.output.ModelStore;
import io.segments.output.SegmentCatalog;
import io.segments.output.SegmentTables;
import io.segments.output.SnapshotReader;
import io.segments.output.SnapshotTable;
import io.segments.output.TableSpec;
import io.segments.pipeline.CustomerPipeline;
import io.segments.pipeline.StageTimer;
import io.segments.reporting.ReceivablesAging;
import io.segments.reporting.SegmentSummary;
import io.segments.review.ChurnAnalysis;
import io.segments.review.ReviewFigures;
import io.segments.review.SegmentTransitions;
import io.segments.rules.ConditionRules;
import io.segments.rules.TagDictionary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The nightly run: read and validate the history before the as-of date, compute the customer
 * features, fit and apply the customer path of {@link SegmentPipeline} (with the frozen cluster model
 * when the conf says so), then write the snapshot's tables.
 * Every input, schema, rule, model and quality-gate problem surfaces before the first write; the snapshot's tables
 * are each replaced in one commit, and the job_runs row that marks the snapshot complete is written
 * last. The run works in a Spark session of its own and leaves the caller's settings alone.
 */
public final class NightlyJob {
  private static final String TWO_LEVEL_AGGREGATE_MAP = "spark.sql.codegen.aggregate.map.twolevel.enabled";

  private final SparkSession caller;
  private final JobConfig config;

  public NightlyJob(SparkSession spark, JobConfig config) {
    this.caller = spark;
    this.config = config;
  }

  /**
   * Runs the snapshot of {@code asOf}.
   *
   * @throws InvalidInputException for bad input or configuration, before anything is written
   */
  public RunResult run(LocalDate asOf) {
    return run(asOf, Optional.empty());
  }

  /**
   * Runs the snapshot of {@code asOf}, reviewed against the complete snapshot of {@code compareTo}
   * instead of the newest one before it.
   *
   * @throws InvalidInputException for bad input or configuration, or a compareTo without a complete
   *     snapshot before asOf, before anything is written
   */
  public RunResult run(LocalDate asOf, Optional<LocalDate> compareTo) {
    try {
      return InputReader.namingUnreadableFiles(caller, () -> runReading(asOf, compareTo));
    } finally {
      caller.sparkContext().setJobDescription(null);
    }
  }

  private RunResult runReading(LocalDate asOf, Optional<LocalDate> compareTo) {
    Instant started = Instant.now();
    String runId = UUID.randomUUID().toString();
    // Spark jobs carry the stage's name as their description: the UI and `--profile` group by it.
    StageTimer timer = new StageTimer(stage -> caller.sparkContext().setJobDescription(stage));
    String transactionsPath = config.input().transactions();
    int partitions = Sessions.partitionsFor(caller, config, InputReader.sizeInBytes(caller, transactionsPath));
    SparkSession spark = Sessions.forRun(caller, config, partitions);
    DeltaTableWriter writer = new DeltaTableWriter(spark, config.output());
    writer.checkWarehouse();

    ModelStore models = new ModelStore(spark, config.output());
    Snapshots snapshots = new Snapshots(spark, config.output(), SnapshotReader.completeRuns(spark, config.output()));
    Optional<FrozenClusters> frozen = config.clustering().mode() == ClusteringConfig.Mode.FROZEN
        ? Optional.of(frozenClusters(snapshots, models))
        : Optional.empty();
    Optional<SnapshotReader.Snapshot> compared = comparedSnapshot(snapshots, asOf, compareTo);
    Optional<ClusterModel> comparedClusters = frozen.isPresent() ? Optional.empty()
        : compared.flatMap(snapshot -> modelVersionOf(snapshots, snapshot.date()))
            .map(version -> clusterModel(models.load(version)));
    CustomerPipeline pipeline = SegmentPipeline.of(config, asOf, new SegmentPipeline.Comparison(
        compared.map(SnapshotReader.Snapshot::rows), frozen.map(FrozenClusters::model), comparedClusters), partitions);
    pipeline.check();
    checkChurnRule();

    // A Hive metastore takes seconds to open (Derby boots, the schema is checked): it opens while the
    // input is read and segmented instead of at the first commit.
    CompletableFuture<Void> catalogOpen = CompletableFuture.runAsync(new SegmentCatalog(spark, config.output())::open);
    Dataset<Row> source = InputReader.read(spark, transactionsPath, config.input().format(), "transactions");
    Dataset<Row> lines = TransactionSchema.conform(source, config.input(), transactionsPath);
    boolean hasLineId = Arrays.asList(source.columns()).contains(config.input().sourceColumn(TransactionSchema.LINE_ID));
    Optional<Dataset<Row>> profileSource = config.input().customers().map(path -> InputReader.read(spark, path, config.input().format(), "customers"));
    Optional<Dataset<Row>> profiles = profileSource.map(rows ->
        CustomerProfiles.conform(rows, config.input(), config.input().customers().orElseThrow()));
    Optional<Dataset<Row>> events = config.input().events().map(path ->
        BehaviourEvents.conform(InputReader.read(spark, path, config.input().format(), "events"), config.input(), path));
    Optional<Dataset<Row>> contacts = config.input().contacts().map(path ->
        CustomerContacts.conform(InputReader.read(spark, path, config.input().format(), "contacts"), config.input(), path));
    Optional<Supplier<Ledger>> ledgerCounting = config.input().invoices().map(invoicesPath ->
        ledger(spark, invoicesPath, config.input().payments().orElseThrow(), asOf));

    // Not cached: the counting pass (which keeps the rejected rows) and the features each read and
    // check the input, which at 10M lines took less time than building a cache of every line
    // (32.6 s → 18.5 s). The ledger is counted beside it: its many small jobs left the cores half idle.
    // The duplicate check groups the key hash of every line (the fast map cost 7 % of the pass's samples
    // at 10M lines); the setting holds for the ledger's jobs beside it too, which group by invoice.
    ValidatedLines validatedLines;
    Optional<Ledger> ledger;
    try (Beside<Optional<Ledger>> counting = new Beside<>(
        () -> ledgerCounting.map(count -> timer.time("ledger", count)))) {
      validatedLines = withoutFastAggregationMap(spark, () -> timer.time("read+validate", () -> {
        Dataset<Row> rows = new LineValidator(config.validation(), hasLineId).validate(lines, asOf);
        return new ValidatedLines(rows, LineCounts.check(source.count(), rows, LedgerInputs.TRANSACTIONS));
      }, checked -> checked.lines().counts().input()));
      ledger = counting.result();
    }
    Dataset<Row> validated = validatedLines.rows();
    LineCounts counts = validatedLines.lines().counts();
    QualityGates gates = new QualityGates(config.quality());
    gates.checkLines(counts, asOf);

    // The features aggregate lines into millions of orders and customers (the fast map cost 14 % of the
    // stage's time at 10M lines).
    Dataset<Row> features = withoutFastAggregationMap(spark, () -> timer.time("features",
        () -> CustomerFeatures.compute(LineValidator.accepted(validated), profiles, events,
                ledger.map(Ledger::perInvoice), contacts, asOf, config.lookbackDays(), config.classification())
            .persist(StorageLevel.MEMORY_AND_DISK()),
        Dataset::count));
    long customers = timer.rows().get("features");
    long blankProfileIds = profileSource.map(rows -> CustomerProfiles.blankIds(rows, config.input()).count()).orElse(0L);
    gates.checkCustomers(customers, previousCustomers(snapshots, asOf));

    CustomerPipeline.Model fitted = pipeline.fit(features, timer);
    // Only the plan: the customer_segments commit computes the rows, and the other tables read them back.
    Dataset<Row> segments = timer.time("segments", () -> fitted.transform(features));
    ClusterModel clusters = fitted.stage(ClusterModel.class);

    try {
      catalogOpen.join();
    } catch (CompletionException e) {
      throw new IllegalStateException("cannot open the catalog (output.metastore = "
          + config.output().metastore().key() + "); nothing is written. With derby, "
          + "another process (a run or jobs/segment sql) may hold " + config.output().derbyFolder() + ": " + e.getCause(),
          e.getCause());
    }
    Written written = timer.time("write", () -> {
      // Version 0: no customer had purchased, so there was nothing to cluster or save.
      int version = frozen.map(FrozenClusters::version)
          .orElseGet(() -> clusters.hasClusters() ? models.nextVersion() : 0);
      Map<String, String> tagLabels = new TreeMap<>();
      config.tags().forEach(tag -> tagLabels.put(tag.key(), tag.labels().get(config.labels().locale())));
      List<SegmentSummary.Fanned> fanned = new ArrayList<>(List.of(SegmentSummary.tags(tagLabels)));
      fanned.addAll(SegmentSummary.actions(config.actions(), config.labels()));
      DeltaTableWriter.PreparedSnapshot snapshot = writer.prepare(asOf,
          new SnapshotTable(SegmentTables.CUSTOMER_SEGMENTS, segments, customers),
          committed -> List.of(
            new SnapshotTable(SegmentTables.CUSTOMER_ACTIONS,
                CustomerActions.of(withWorkingColumns(committed, features, fitted.stage(Playbooks.class)),
                    config.actions(), config.labels().locale(), asOf), customers),
            new SnapshotTable(SegmentTables.SEGMENT_TRANSITIONS, compared
                .map(before -> SegmentTransitions.of(before.rows(), before.date(), committed))
                .orElseGet(() -> none(spark, SegmentTables.SEGMENT_TRANSITIONS)), 1),
            new SnapshotTable(SegmentTables.CHURN_ANALYSIS, compared
                .map(before -> ChurnAnalysis.of(before.rows(), before.date(), committed, config.review().churned()))
                .orElseGet(() -> none(spark, SegmentTables.CHURN_ANALYSIS)), 1),
            new SnapshotTable(SegmentTables.CLUSTER_PROFILES,
                clusters.profiles(committed).withColumn("model_version", lit(version)), 1),
            new SnapshotTable(SegmentTables.SEGMENT_SUMMARY,
                SegmentSummary.compute(committed, SegmentSummary.ALL, fanned, config.labels()), 1),
            new SnapshotTable(SegmentTables.TAG_DICTIONARY,
                TagDictionary.of(spark, config.tags(), config.labels().locale()), 1),
            new SnapshotTable(SegmentTables.CLV_MODEL,
                fitted.stage(ClvModel.class).record(spark, SegmentTables.CLV_MODEL.snapshotRowSchema()), 1),
            new SnapshotTable(SegmentTables.RECEIVABLES_AGING, ledger
                .map(books -> ReceivablesAging.compute(books.perInvoice(), committed))
                .orElseGet(() -> ReceivablesAging.none(spark)), 1),
            new SnapshotTable(SegmentTables.REJECTED_TRANSACTIONS,
                ledger.map(books -> books.rejected(validatedLines.lines().rejected()))
                    .orElseGet(() -> validatedLines.lines().rejected())
                    .withColumn("run_id", lit(runId)),
                counts.rejected() + ledger.map(Ledger::rejectedRows).orElse(0L))));
      // Saved before the commit, not beside it: of two runs of one date at once, the one that loses the
      // model version stops here, before committing anything (ConcurrentRunsTest). Beside the commit, each
      // could lose one race and both fail.
      if (frozen.isEmpty() && clusters.hasClusters()) {
        models.save(clusters.pipeline(), clusters.idOfIndex(), version);
      }
      snapshot.commit();
      ReviewFigures review = compared
          .map(before -> ReviewFigures.of(before.date(),
              snapshots.of(SegmentTables.SEGMENT_SUMMARY).at(before.date()).orElseThrow().rows(),
              snapshot.committed(SegmentTables.SEGMENT_SUMMARY), snapshot.committed(SegmentTables.SEGMENT_TRANSITIONS),
              config.review().psiAlert()))
          .orElseGet(() -> ReviewFigures.none(config.review().psiAlert()));
      // The export is the current cluster profile: a backfill of an older date leaves it alone.
      if (snapshots.completeRuns().stream().noneMatch(asOf::isBefore)) {
        writer.exportJson(snapshot.committed(SegmentTables.CLUSTER_PROFILES), "cluster_profiles");
      }
      return new Written(version, review);
    }, done -> customers + counts.rejected());

    RunResult result = new RunResult(runId, asOf, started, Instant.now(), counts, customers, blankProfileIds,
        ledger.map(Ledger::rows).orElse(Map.of()), written.modelVersion(), written.review(), timer.seconds(), partitions,
        config.output().tablePath(""));
    writer.append(JobRunRecord.toFrame(spark, result, fitted.learned(), config), SegmentTables.JOB_RUNS);
    new SegmentCatalog(spark, config.output()).registerViews();
    ledger.ifPresent(Ledger::unpersist);
    features.unpersist();
    return result;
  }

  /**
   * The complete customer_segments snapshot the run is reviewed against: {@code compareTo}, else the
   * newest before asOf.
   *
   * @throws InvalidInputException when compareTo is not a complete snapshot before asOf
   */
  private Optional<SnapshotReader.Snapshot> comparedSnapshot(Snapshots snapshots, LocalDate asOf,
      Optional<LocalDate> compareTo) {
    SnapshotReader reader = snapshots.of(SegmentTables.CUSTOMER_SEGMENTS);
    if (compareTo.isEmpty()) {
      return reader.before(asOf);
    }
    LocalDate date = compareTo.get();
    return Optional.of(reader.at(date).filter(snapshot -> date.isBefore(asOf)).orElseThrow(() ->
        new InvalidInputException("--compare-to " + date + ": not a complete snapshot before " + asOf
            + "; complete snapshots: " + reader.dates())));
  }

  /** The saved cluster model version a complete snapshot used; empty when it clustered no one. */
  private Optional<Integer> modelVersionOf(Snapshots snapshots, LocalDate date) {
    return snapshots.of(SegmentTables.CLUSTER_PROFILES).at(date)
        .map(profiles -> profiles.rows().agg(max(col("model_version"))).first())
        .filter(row -> !row.isNullAt(0) && row.getInt(0) > 0)
        .map(row -> row.getInt(0));
  }

  private ClusterModel clusterModel(ModelStore.Versioned saved) {
    ClusterNames names = ClusterNames.of(config.labels());
    return saved.idOfIndex()
        .map(ids -> ClusterModel.of(saved.pipeline(), config.clustering(), names, ids))
        .orElseGet(() -> ClusterModel.of(saved.pipeline(), config.clustering(), names));
  }

  /**
   * The committed customer_segments rows with the working columns the actions read and no table keeps
   * (SegmentTables.WORKING_COLUMNS): days_to_birthday from the features, the holiday from the playbooks.
   */
  private static Dataset<Row> withWorkingColumns(Dataset<Row> committed, Dataset<Row> features, Playbooks playbooks) {
    return playbooks.withHoliday(committed.join(
        features.select(TransactionSchema.CUSTOMER_ID, ProfileFeatures.DAYS_TO_BIRTHDAY), new String[] {TransactionSchema.CUSTOMER_ID}, "left"));
  }

  /**
   * Runs {@code work} with Spark's fast aggregation map off. Spark's aggregation first probes a small
   * "fast" map, which millions of keys fill at once, so that every later row probes it in vain before
   * the real map. The stages after the features aggregate few groups; with the map off for them too,
   * 10M runs measured the same (README, Benchmark, Measured and dropped), so they keep Spark's default.
   */
  private static <T> T withoutFastAggregationMap(SparkSession spark, Supplier<T> work) {
    return Sessions.withSetting(spark, TWO_LEVEL_AGGREGATE_MAP, "false", work);
  }

  /** review.churned may name only columns of customer_segments, which it runs on in two snapshots. */
  private void checkChurnRule() {
    Set<String> columns = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    columns.addAll(SegmentTables.CUSTOMER_SEGMENTS.columnNames());
    ConditionRules.checkColumns(config.review().churned(), columns);
  }

  private static Dataset<Row> none(SparkSession spark, TableSpec table) {
    return spark.createDataFrame(List.of(), table.snapshotRowSchema());
  }

  /** The date and customers of the complete snapshot before {@code asOf}, as its last run counted them. */
  private Optional<Map.Entry<LocalDate, Long>> previousCustomers(Snapshots snapshots, LocalDate asOf) {
    return snapshots.of(SegmentTables.JOB_RUNS).before(asOf)
        .map(runs -> Map.entry(runs.date(),
            runs.rows().orderBy(col("ended_at").desc()).first().<Long>getAs("customers")));
  }

  /**
   * The validated invoices and payments, each counted before and after validation, and the invoices
   * with what was paid against them.
   */
  private record Ledger(Dataset<Row> invoices, Dataset<Row> payments, Dataset<Row> perInvoice,
      LineCounts.Checked invoiceLines, LineCounts.Checked paymentLines) {
    Dataset<Row> rejected(Dataset<Row> rejectedLines) {
      return rejectedLines.unionByName(invoiceLines.rejected()).unionByName(paymentLines.rejected());
    }

    long rejectedRows() {
      return invoiceLines.counts().rejected() + paymentLines.counts().rejected();
    }

    /** job_runs.ledger_rows: per table, input = accepted + rejected + excluded. */
    Map<String, Long> rows() {
      Map<String, Long> rows = new TreeMap<>();
      Map<String, LineCounts> byTable =
          Map.of(LedgerInputs.INVOICES, invoiceLines.counts(), LedgerInputs.PAYMENTS, paymentLines.counts());
      byTable.forEach((table, counts) -> {
        rows.put(table + ".input", counts.input());
        rows.put(table + ".accepted", counts.accepted());
        rows.put(table + ".rejected", counts.rejected());
        rows.put(table + ".excluded", counts.excluded());
      });
      return rows;
    }

    void unpersist() {
      invoices.unpersist();
      payments.unpersist();
      perInvoice.unpersist();
    }
  }

  /**
   * The ledger's frames, planned here, so that a missing column or a bad type fails the run before any
   * work; the supplier counts them, which is the work.
   */
  private Supplier<Ledger> ledger(SparkSession spark, String invoicesPath, String paymentsPath, LocalDate asOf) {
    LedgerInputs inputs = new LedgerInputs(config.validation(), config.input());
    Dataset<Row> rawInvoices = InputReader.read(spark, invoicesPath, config.input().format(), LedgerInputs.INVOICES);
    Dataset<Row> rawPayments = InputReader.read(spark, paymentsPath, config.input().format(), LedgerInputs.PAYMENTS);
    Dataset<Row> invoices = inputs.invoices(rawInvoices, invoicesPath, asOf).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> payments = inputs.payments(rawPayments, paymentsPath, invoices, asOf)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> perInvoice = LedgerFeatures.perInvoice(invoices, payments, asOf).persist(StorageLevel.MEMORY_AND_DISK());
    return () -> new Ledger(invoices, payments, perInvoice,
        LineCounts.check(rawInvoices.count(), invoices, LedgerInputs.INVOICES),
        LineCounts.check(rawPayments.count(), payments, LedgerInputs.PAYMENTS));
  }

  /**
   * The warehouse's snapshots as the run found them: job_runs is read once, since the run asks four
   * tables about earlier snapshots and adds its own row only at the end.
   */
  private record Snapshots(SparkSession spark, OutputConfig output, Set<LocalDate> completeRuns) {
    SnapshotReader of(TableSpec table) {
      return new SnapshotReader(spark, output, table).knowing(completeRuns);
    }
  }

  /** The validated transaction lines, how many went where and the rejected ones. */
  private record ValidatedLines(Dataset<Row> rows, LineCounts.Checked lines) {}

  /** What the write stage leaves for job_runs: the model version it used and the review of the committed snapshot. */
  private record Written(int modelVersion, ReviewFigures review) {}

  /** The saved cluster model frozen mode assigns with, and its version. */
  private record FrozenClusters(ClusterModel model, int version) {}

  /**
   * The saved model frozen mode assigns with: the configured version, else the one the newest complete
   * snapshot used, so that backfilling an old date with a refit does not change what frozen runs use;
   * the newest saved version only where no snapshot has a model. It must have been trained on the
   * configured features.
   */
  private FrozenClusters frozenClusters(Snapshots snapshots, ModelStore models) {
    int configured = config.clustering().modelVersion();
    int wanted = configured > 0 ? configured : snapshots.of(SegmentTables.CLUSTER_PROFILES)
        .dates().stream().reduce((older, newer) -> newer)
        .flatMap(newest -> modelVersionOf(snapshots, newest))
        .orElse(0);
    ModelStore.Versioned saved = models.load(wanted);
    ClusterModel model = clusterModel(saved);
    if (!model.features().equals(config.clustering().features())) {
      throw new InvalidInputException("clustering.extra-features: cluster model version " + saved.version()
          + " was trained on " + model.features() + ", the conf asks for " + config.clustering().features());
    }
    return new FrozenClusters(model, saved.version());
  }
}
