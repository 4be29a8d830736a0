package io.segments.cli;

import io.segments.config.JobConfig;
import io.segments.job.Sessions;
import io.segments.output.Extracts;
import io.segments.output.SegmentTables;
import io.segments.output.SnapshotReader;
import io.segments.reporting.CustomerTypeTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The customer type table and the segment summary of a complete snapshot, as files people open. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write the customer type table (客户类型管理表格) and the segment summary of a snapshot as CSV "
        + "files or one xlsx workbook, headers in job.locale.")
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--format", required = true, paramLabel = "csv|xlsx", description = "csv (two files) or xlsx (one workbook)")
  String format;

  @Option(names = "--as-of", paramLabel = "DATE", description = "the snapshot (default: the newest complete one)")
  LocalDate asOf;

  @Option(names = "--out", paramLabel = "DIR", description = "folder of the files (default: <warehouse>/<database>/exports)")
  Path out;

  @Mixin JobOptions options = new JobOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (!format.equals("csv") && !format.equals("xlsx")) {
      throw new ParameterException(spec.commandLine(), "--format: csv or xlsx, got " + format);
    }
    JobConfig config = options.load();
    SparkSession spark = Sessions.forJob(config);
    SnapshotReader segments = new SnapshotReader(spark, config.output(), SegmentTables.CUSTOMER_SEGMENTS);
    LocalDate date = segments.completeDate(Optional.ofNullable(asOf));
    Dataset<Row> summary = new SnapshotReader(spark, config.output(), SegmentTables.SEGMENT_SUMMARY).rowsOf(date);
    Dataset<Row> customers = CustomerTypeTable.customers(segments.rowsOf(date), config.labels());
    Dataset<Row> summaryRows = CustomerTypeTable.summary(summary, config.labels());
    Path folder = Optional.ofNullable(out).orElse(Path.of(config.output().tablePath("exports")));

    PrintWriter printed = spec.commandLine().getOut();
    if (format.equals("csv")) {
      Path customerFile = folder.resolve("customer_types_" + date + ".csv");
      Path summaryFile = folder.resolve("segment_summary_" + date + ".csv");
      Extracts.csv(customers, customerFile);
      Extracts.csv(summaryRows, summaryFile);
      printed.printf("wrote %s%nwrote %s%n", customerFile, summaryFile);
    } else {
      Path workbook = folder.resolve("customer_types_" + date + ".xlsx");
      Map<String, Dataset<Row>> sheets = new LinkedHashMap<>();
      sheets.put(config.labels().of("export_header").get("customer_sheet"), customers);
      sheets.put(config.labels().of("export_header").get("summary_sheet"), summaryRows);
      Extracts.xlsx(sheets, CustomerTypeTable.shareHeaders(config.labels()), workbook);
      printed.printf("wrote %s%n", workbook);
    }
    printed.flush();
    return 0;
  }
}
