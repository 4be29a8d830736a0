package io.segments.cli;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that locate a run's configuration and tables; flags override the conf file. */
class JobOptions {
  @Option(names = "--conf", paramLabel = "FILE", description = "HOCON conf file overriding conf/defaults.conf")
  Path conf;

  @Option(names = "--warehouse", paramLabel = "DIR", description = "root of the Delta tables (output.warehouse)")
  String warehouse;

  @Option(names = "--verbose", description = "show Spark's own INFO log")
  boolean verbose;

  JobConfig load() {
    Map<String, String> overrides = new LinkedHashMap<>();
    put(overrides, "output.warehouse", warehouse);
    addOverrides(overrides);
    return ConfigLoader.load(Optional.ofNullable(conf), overrides);
  }

  /** Further flag → conf key overrides of a subclass. */
  void addOverrides(Map<String, String> overrides) {}

  /** Plus the input locations, for the commands that read the history. */
  static final class WithInputs extends JobOptions {
    @Option(names = "--transactions", paramLabel = "PATH", description = "transaction lines (input.transactions)")
    String transactions;

    @Option(names = "--customers", paramLabel = "PATH", description = "customer profiles (input.customers)")
    String customers;

    @Option(names = "--events", paramLabel = "PATH", description = "behaviour events (input.events)")
    String events;

    @Option(names = "--invoices", paramLabel = "PATH", description = "ledger invoices (input.invoices)")
    String invoices;

    @Option(names = "--payments", paramLabel = "PATH", description = "ledger payments (input.payments)")
    String payments;

    @Option(names = "--contacts", paramLabel = "PATH", description = "contacts with customers (input.contacts)")
    String contacts;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "auto, parquet, delta, csv or table: how the inputs are stored (input.format)")
    String format;

    @Override
    void addOverrides(Map<String, String> overrides) {
      put(overrides, "input.format", format);
      put(overrides, "input.transactions", transactions);
      put(overrides, "input.customers", customers);
      put(overrides, "input.events", events);
      put(overrides, "input.invoices", invoices);
      put(overrides, "input.payments", payments);
      put(overrides, "input.contacts", contacts);
    }
  }

  static void put(Map<String, String> overrides, String key, String value) {
    if (value != null) {
      overrides.put(key, value);
    }
  }
}
