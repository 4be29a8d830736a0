package io.segments.cli;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.job.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A sample history folder and the default conf that reads it: what demo and benchmark share. */
final class SampleData {
  private SampleData() {}

  /** The defaults, reading DIR/transactions and DIR/customers and writing under {@code warehouse}. */
  static JobConfig config(Path folder, String warehouse) {
    return ConfigLoader.load(Optional.empty(), Map.of(
        "input.transactions", folder.resolve("transactions").toString(),
        "input.customers", folder.resolve("customers").toString(),
        "output.warehouse", warehouse));
  }

  /** Generates the history into {@code folder} unless a complete one is there; true if it generated. */
  static boolean ensure(JobConfig config, Path folder, long customers, long lines) {
    if (Files.exists(folder.resolve("transactions").resolve("_SUCCESS"))) {
      return false;
    }
    GenerateCommand.write(Sessions.forJob(config), GenerateCommand.shape(customers, lines, config.timeZone()), folder);
    return true;
  }
}
