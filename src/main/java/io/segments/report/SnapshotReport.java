package io.segments.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.segments.config.JobConfig;
import io.segments.config.OutputConfig;
import io.segments.job.JobRunRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Properties;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The report action: the self-contained HTML page of one complete snapshot, written where the caller
 * says (any Hadoop file system). The page carries ECharts inline, so it opens offline.
 */
public final class SnapshotReport {
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(
      null, ContentType.Html, SnapshotReport.class.getClassLoader(), "gg.jte.generated.precompiled");
  private static final String ECHARTS = echarts();

  private SnapshotReport() {}

  /**
   * What was written.
   *
   * @param date the snapshot
   * @param file where the page is
   * @param charts how many charts it draws
   */
  public record Result(LocalDate date, String file, int charts) {}

  /** Where the report of {@code date} goes by default: beside the tables. */
  public static String defaultFile(OutputConfig output, LocalDate date) {
    return output.tablePath("reports") + "/segment_report_" + date + ".html";
  }

  /** Writes the report of the complete snapshot {@code date} to {@code file}. */
  public static Result write(SparkSession spark, JobConfig config, LocalDate date, String file) {
    ReportPage page = new ReportCharts(ReportFigures.read(spark, config.output(), date), config.labels(),
        config.report().currency()).page(ECHARTS, JobRunRecord.versions().get("application"));
    StringOutput html = new StringOutput();
    TEMPLATES.render("report.jte", page, html);
    Path target = new Path(file);
    try {
      FileSystem fileSystem = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fileSystem.create(target, true)) {
        out.write(html.toString().getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report " + file, e);
    }
    return new Result(date, file, page.sections().stream().mapToInt(section -> section.charts().size()).sum());
  }

  private static String echarts() {
    try (InputStream properties = SnapshotReport.class.getResourceAsStream("echarts.properties")) {
      Properties where = new Properties();
      where.load(properties);
      try (InputStream script = SnapshotReport.class.getResourceAsStream(where.getProperty("script"))) {
        if (script == null) {
          throw new IllegalStateException("ECharts is not on the classpath at " + where.getProperty("script"));
        }
        return new String(script.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ECharts from the classpath", e);
    }
  }
}
