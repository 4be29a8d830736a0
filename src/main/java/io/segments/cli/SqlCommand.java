package io.segments.cli;

import io.segments.config.JobConfig;
import io.segments.job.Sessions;
import io.segments.output.Extracts;
import io.segments.output.SegmentCatalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** One Spark SQL query against the warehouse's tables and views by name, for analysts who write no Spark code. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = "Run one Spark SQL query against the tables (segments.customer_segments, ...) and the views "
        + "current_customer_segments, current_segment_summary and segment_trend; print the result.")
final class SqlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "QUERY", description = "e.g. \"SELECT * FROM segments.current_segment_summary\"")
  String query;

  @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv",
      description = "table (aligned, for people) or csv (with a header line); default: ${DEFAULT-VALUE}")
  String format;

  @Option(names = "--max-rows", defaultValue = "1000", paramLabel = "N", description = "rows printed at most (default: ${DEFAULT-VALUE})")
  int maxRows;

  @Mixin JobOptions options = new JobOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (!format.equals("table") && !format.equals("csv")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format: table or csv, got " + format);
    }
    JobConfig config = options.load();
    SparkSession spark = Sessions.forJob(config);
    new SegmentCatalog(spark, config.output()).registerAll();
    Dataset<Row> result = spark.sql(query);
    PrintWriter out = spec.commandLine().getOut();
    List<String> header = java.util.Arrays.asList(result.columns());
    // Each value as Spark casts it to text: dates, decimals, arrays and maps print as in spark-sql.
    List<List<String>> rows = result.select(header.stream()
            .map(name -> functions.col("`" + name.replace("`", "``") + "`").cast("string").as(name))
            .toArray(org.apache.spark.sql.Column[]::new))
        .limit(maxRows).collectAsList().stream()
        .map(row -> java.util.stream.IntStream.range(0, row.size())
            .mapToObj(i -> row.isNullAt(i) ? (format.equals("csv") ? "" : "NULL") : row.getString(i)).toList())
        .toList();
    if (format.equals("csv")) {
      out.println(String.join(",", header.stream().map(Extracts::quoted).toList()));
      rows.forEach(row -> out.println(String.join(",", row.stream().map(Extracts::quoted).toList())));
    } else {
      int[] widths = header.stream().mapToInt(SqlCommand::width).toArray();
      rows.forEach(row -> {
        for (int i = 0; i < row.size(); i++) {
          widths[i] = Math.max(widths[i], width(row.get(i)));
        }
      });
      out.println(aligned(header, widths));
      out.println(aligned(java.util.Arrays.stream(widths).mapToObj("-"::repeat).toList(), widths));
      rows.forEach(row -> out.println(aligned(row, widths)));
      out.printf("(%d row%s%s)%n", rows.size(), rows.size() == 1 ? "" : "s",
          rows.size() == maxRows ? ", --max-rows reached" : "");
    }
    out.flush();
    return 0;
  }

  private static String aligned(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(i == 0 ? "" : " | ").append(cells.get(i)).append(" ".repeat(widths[i] - width(cells.get(i))));
    }
    return line.toString().stripTrailing();
  }

  /** Columns the text takes in a terminal: Chinese, Japanese and Korean characters and full-width forms take two. */
  private static int width(String text) {
    return text.codePoints().map(c -> c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD)) ? 2 : 1).sum();
  }
}
