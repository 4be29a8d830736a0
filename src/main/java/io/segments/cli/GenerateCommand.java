package io.segments.cli;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.generate.HistoryShape;
import io.segments.generate.SampleHistory;
import io.segments.job.Sessions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write a deterministic sample history: DIR/transactions, DIR/customers, DIR/events, "
        + "DIR/invoices and DIR/payments (Parquet).")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--customers", required = true, paramLabel = "N", description = "customers who may buy")
  long customers;

  @Option(names = "--lines", required = true, paramLabel = "N", description = "transaction lines")
  long lines;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (replaced)")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--end", defaultValue = "2026-01-01", paramLabel = "DATE",
      description = "the history ends the day before (default: ${DEFAULT-VALUE})")
  LocalDate end;

  @Option(names = "--years", defaultValue = "3", description = "years of history (default: ${DEFAULT-VALUE})")
  int years;

  @Option(names = "--bad-rows", defaultValue = "0.0005", paramLabel = "SHARE",
      description = "share of deliberately invalid lines (default: ${DEFAULT-VALUE})")
  double badRows;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JobConfig defaults = ConfigLoader.load(Optional.empty(), Map.of());
    SparkSession spark = Sessions.forJob(defaults);
    HistoryShape shape = new HistoryShape(customers, lines, seed, end, years, badRows, defaults.timeZone());
    write(spark, shape, out);
    spec.commandLine().getOut().printf("wrote %,d lines of %,d customers to %s/transactions, customers, events, "
        + "invoices and payments%n",
        lines, customers, out);
    spec.commandLine().getOut().flush();
    return 0;
  }

  static void write(SparkSession spark, HistoryShape shape, Path out) {
    tables(spark, shape).forEach((name, rows) -> rows.write().mode("overwrite").parquet(out.resolve(name).toString()));
  }

  /** The sample tables by folder name, in generation order. */
  static Map<String, Dataset<Row>> tables(SparkSession spark, HistoryShape shape) {
    SampleHistory history = new SampleHistory(shape);
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put("transactions", history.transactions(spark));
    tables.put("customers", history.customers(spark));
    tables.put("events", history.events(spark));
    Dataset<Row> invoices = history.invoices(tables.get("transactions"));
    tables.put("invoices", invoices);
    tables.put("payments", history.payments(invoices));
    return tables;
  }

  static HistoryShape shape(long customers, long lines, ZoneId zone) {
    return new HistoryShape(customers, lines, 42, LocalDate.parse("2026-01-01"), 3, 0.0005, zone);
  }
}
