package io.segments.config;

import com.typesafe.config.Config;

/**
 * The HTML report of a snapshot (jobs/segment report).
 *
 * @param afterRun whether every successful run writes its snapshot's report beside the tables
 * @param currency the symbol money is shown with, e.g. ¥ or $
 */
public record ReportConfig(boolean afterRun, String currency) {

  static ReportConfig from(Config c) {
    return new ReportConfig(c.getBoolean("report.after-run"), c.getString("report.currency"));
  }
}
