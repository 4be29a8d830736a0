package io.segments.report;

import java.util.List;

/**
 * Everything the report template prints, already in words and formatted numbers.
 *
 * @param locale the page's language (job.locale)
 * @param title the heading
 * @param subtitle the snapshot and what it is compared with
 * @param headlines the figures at the top
 * @param sections the report's sections, in order
 * @param footer who wrote the page
 * @param echarts the ECharts library, inlined so the page opens offline
 */
public record ReportPage(String locale, String title, String subtitle, List<Headline> headlines, List<Section> sections,
    String footer, String echarts) {

  /** A figure at the top of the report and its change since the compared snapshot (empty without one). */
  public record Headline(String label, String value, String change) {}

  /** A titled group of facts and charts. */
  public record Section(String title, List<Fact> facts, List<Chart> charts) {}

  /** A labelled number in a section's table. */
  public record Fact(String label, String value) {}

  /**
   * One chart.
   *
   * @param id the element id
   * @param title what the chart is of
   * @param caption one sentence saying what it shows
   * @param option the ECharts option, as JSON
   */
  public record Chart(String id, String title, String caption, String option) {}
}
