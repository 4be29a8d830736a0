package io.segments.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segments.config.Labels;
import io.segments.report.ReportFigures.ClusterRow;
import io.segments.report.ReportFigures.Count;
import io.segments.report.ReportFigures.SummaryRow;
import io.segments.report.ReportPage.Chart;
import io.segments.report.ReportPage.Fact;
import io.segments.report.ReportPage.Headline;
import io.segments.report.ReportPage.Section;
import io.segments.review.PreviousSegments;
import io.segments.review.SegmentTransitions;
import java.math.BigDecimal;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The report's words and charts from its figures: which sections there are, what each chart shows and
 * the ECharts option that draws it. No Spark here: the figures are small and already on the driver.
 */
final class ReportCharts {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The dimensions drawn as "who the customers are", where the customers table provides them. */
  private static final List<String> DISTRIBUTIONS =
      List.of("region", "city_tier", "customer_type", "age_band", "gender", "time_habit");
  private static final String NO_PURCHASE = "no_purchase";
  /**
   * Classes with an order of their own, shown in it (first on top); other dimensions show their
   * biggest class on top. Keys a conf adds come after these.
   */
  private static final Map<String, List<String>> NATURAL_ORDER = Map.of(
      "value_tier", List.of("high", "mid", "low", NO_PURCHASE),
      "frequency_tier", List.of("high", "mid", "low", NO_PURCHASE),
      "city_tier", List.of("1", "2", "3", "4", "5"),
      "age_band", List.of("youth", "middle_aged", "senior"),
      "lifecycle_stage", List.of("potential", "new", "active", "at_risk", "churned"));

  private final ReportFigures figures;
  private final Labels labels;
  private final Map<String, String> words;
  private final Formats formats;
  private int charts;

  ReportCharts(ReportFigures figures, Labels labels, String currency) {
    this.figures = figures;
    this.labels = labels;
    this.words = labels.of("report");
    this.formats = new Formats(labels.locale(), currency, words.get("points"));
  }

  /** The page of the figures, with {@code echarts} inlined and {@code version} in the footer. */
  ReportPage page(String echarts, String version) {
    String subtitle = words.get("snapshot") + " " + figures.date() + " · " + figures.previousDate()
        .map(before -> MessageFormat.format(words.get("compared_with"), before.toString()))
        .orElse(words.get("first_snapshot"));
    List<Section> sections = new ArrayList<>();
    sections.add(section("section_segments", List.of(), shares("rfm_segment", "caption_rfm_segment"),
        shares("rfm_class_cn", "caption_rfm_class_cn"), recencyByFrequency(), pareto()));
    sections.add(section("section_value", List.of(), shares("value_tier", "caption_tiers"),
        shares("frequency_tier", "caption_tiers")));
    sections.add(section("section_lifecycle", List.of(), lifecycleFunnel()));
    if (!figures.clusters().isEmpty()) {
      sections.add(section("section_clusters", List.of(), clusterRadar(), clusterSizes()));
    }
    List<Chart> distributions = new ArrayList<>();
    for (String dimension : DISTRIBUTIONS) {
      if (rows(dimension).stream().anyMatch(row -> !row.label().equals(labels.of("common").get("unknown")))) {
        distributions.add(shares(dimension, null));
      }
    }
    if (!distributions.isEmpty()) {
      sections.add(new Section(words.get("section_distribution"), List.of(), distributions));
    }
    if (figures.previousDate().isPresent() && !figures.moves().isEmpty()) {
      sections.add(section("section_review", List.of(), migration(), churn()));
    }
    if (!figures.actions().isEmpty()) {
      sections.add(section("section_actions", List.of(), actions()));
    }
    sections.add(quality());
    return new ReportPage(labels.locale(), words.get("title"), subtitle, headlines(), sections,
        MessageFormat.format(words.get("generated_by"), version), echarts);
  }

  private Section section(String titleKey, List<Fact> facts, Chart... charts) {
    return new Section(words.get(titleKey), facts, List.of(charts));
  }

  private List<Headline> headlines() {
    List<SummaryRow> before = figures.previousSummary();
    boolean compared = !before.isEmpty();
    long customers = customers(figures.summary(), row -> true);
    long purchasers = customers(figures.summary(), row -> !row.segment().equals(NO_PURCHASE));
    BigDecimal revenue = revenue(figures.summary());
    double top = topShare(figures.summary());
    long atRisk = customersOf(figures.summary(), "lifecycle_stage", "at_risk");
    List<Headline> headlines = new ArrayList<>(List.of(
        new Headline(words.get("customers"), formats.count(customers),
            compared ? formats.change(customers, customers(before, row -> true)) : ""),
        new Headline(words.get("purchasers"), formats.count(purchasers),
            compared ? formats.change(purchasers, customers(before, row -> !row.segment().equals(NO_PURCHASE))) : ""),
        new Headline(words.get("revenue"), formats.money(revenue),
            compared ? formats.change(revenue.doubleValue(), revenue(before).doubleValue()) : ""),
        new Headline(words.get("top_share"), formats.share(top), compared ? formats.pointChange(top, topShare(before)) : ""),
        new Headline(words.get("at_risk"), formats.count(atRisk), compared ? formats.change(atRisk, customersOf(before, "lifecycle_stage", "at_risk")) : "")));
    if (!figures.actions().isEmpty()) {
      headlines.add(new Headline(words.get("actions_due"),
          formats.count(figures.actions().stream().mapToLong(Count::rows).sum()), ""));
    }
    return headlines;
  }

  private static long customers(List<SummaryRow> summary, Predicate<SummaryRow> which) {
    return rows(summary, "rfm_segment").stream().filter(which).mapToLong(SummaryRow::customers).sum();
  }

  private static long customersOf(List<SummaryRow> summary, String dimension, String segment) {
    return rows(summary, dimension).stream().filter(row -> row.segment().equals(segment))
        .mapToLong(SummaryRow::customers).sum();
  }

  private static BigDecimal revenue(List<SummaryRow> summary) {
    return rows(summary, "rfm_segment").stream().map(SummaryRow::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static double topShare(List<SummaryRow> summary) {
    return rows(summary, "revenue_concentration").stream().filter(row -> row.segment().equals("top"))
        .mapToDouble(SummaryRow::revenueShare).sum();
  }

  private List<SummaryRow> rows(String dimension) {
    return rows(figures.summary(), dimension);
  }

  private static List<SummaryRow> rows(List<SummaryRow> summary, String dimension) {
    return summary.stream().filter(row -> row.dimension().equals(dimension)).toList();
  }

  private String dimensionName(String dimension) {
    return labelled("report_dimension", dimension);
  }

  /** Customers' and revenue's share per class of a dimension, biggest class on top. */
  private Chart shares(String dimension, String captionKey) {
    List<SummaryRow> rows = new ArrayList<>(rows(dimension));
    // A category axis draws its first class at the bottom.
    rows.sort(NATURAL_ORDER.containsKey(dimension)
        ? Comparator.comparingInt((SummaryRow row) -> position(dimension, row.segment())).reversed()
        : Comparator.comparingLong(SummaryRow::customers));
    String caption = captionKey == null
        ? MessageFormat.format(words.get("caption_distribution"), dimensionName(dimension))
        : words.get(captionKey);
    return chart(dimensionName(dimension), caption, Map.of(
        "tooltip", Map.of("trigger", "axis"),
        "legend", Map.of("top", 0),
        "grid", Map.of("left", 8, "right", 48, "top", 32, "bottom", 8, "containLabel", true),
        "xAxis", Map.of("type", "value", "axisLabel", Map.of("formatter", "{value}%")),
        "yAxis", Map.of("type", "category", "data", rows.stream().map(SummaryRow::label).toList()),
        "series", List.of(
            percentBars(words.get("customer_share"), rows.stream().map(SummaryRow::customerShare).toList()),
            percentBars(words.get("revenue_share"), rows.stream().map(SummaryRow::revenueShare).toList()))));
  }

  private static Map<String, Object> percentBars(String name, List<Double> shares) {
    return Map.of("name", name, "type", "bar",
        "data", shares.stream().map(Formats::percent).toList(),
        "label", Map.of("show", true, "position", "right", "formatter", "{c}%"));
  }

  private Chart recencyByFrequency() {
    List<ReportFigures.GridCell> cells = figures.recencyByFrequency();
    long most = cells.stream().mapToLong(ReportFigures.GridCell::customers).max().orElse(0);
    List<String> scores = List.of("1", "2", "3", "4", "5");
    // Equal values score equally, so where many customers share a value two cut-offs coincide and the
    // score between them is given to nobody: an empty row or column a reader would otherwise take for a fault.
    boolean scoreNobodyHas = !cells.isEmpty() && IntStream.rangeClosed(1, scores.size()).anyMatch(score ->
        cells.stream().noneMatch(cell -> cell.r() == score) || cells.stream().noneMatch(cell -> cell.f() == score));
    return chart("R × F", words.get("caption_heatmap") + (scoreNobodyHas ? words.get("caption_heatmap_empty") : ""), Map.of(
        "tooltip", Map.of("position", "top"),
        "grid", Map.of("left", 56, "right", 16, "top", 16, "bottom", 96),
        "xAxis", Map.of("type", "category", "name", "F", "nameLocation", "middle", "nameGap", 28, "data", scores),
        "yAxis", Map.of("type", "category", "name", "R", "nameLocation", "middle", "nameGap", 32, "data", scores),
        "visualMap", Map.of("min", 0, "max", Math.max(most, 1), "calculable", true, "orient", "horizontal",
            "left", "center", "bottom", 0),
        "series", List.of(Map.of("type", "heatmap", "label", Map.of("show", true),
            "data", figures.recencyByFrequency().stream()
                .map(cell -> List.of(cell.f() - 1, cell.r() - 1, cell.customers())).toList()))));
  }

  private Chart pareto() {
    double top = topShare(figures.summary());
    return chart(dimensionName("monetary") + " · Pareto", words.get("caption_pareto"), Map.of(
        "tooltip", Map.of("trigger", "axis"),
        "grid", Map.of("left", 48, "right", 24, "top", 24, "bottom", 40),
        "xAxis", Map.of("type", "value", "min", 0, "max", 100, "name", words.get("customer_share"),
            "nameLocation", "middle", "nameGap", 24, "axisLabel", Map.of("formatter", "{value}%")),
        "yAxis", Map.of("type", "value", "min", 0, "max", 100, "name", words.get("revenue_share"),
            "axisLabel", Map.of("formatter", "{value}%")),
        "series", List.of(Map.of("type", "line", "name", words.get("revenue_share"), "smooth", true,
            "data", figures.pareto().stream()
                .map(point -> List.of(Formats.percent(point.customerShare()), Formats.percent(point.revenueShare())))
                .toList(),
            "markLine", Map.of("symbol", "none", "data", List.of(Map.of("xAxis", 20,
                "label", Map.of("formatter", words.get("top_share") + " " + formats.share(top)))))))));
  }

  /** Where a class stands in its dimension's natural order; classes the order lacks come last. */
  private static int position(String dimension, String segment) {
    int position = NATURAL_ORDER.get(dimension).indexOf(segment);
    return position < 0 ? Integer.MAX_VALUE : position;
  }

  private Chart lifecycleFunnel() {
    List<Map<String, Object>> stages = rows("lifecycle_stage").stream()
        .sorted(Comparator.comparingInt(row -> position("lifecycle_stage", row.segment())))
        .map(row -> Map.<String, Object>of("name", row.label() + " " + formats.count(row.customers()),
            "value", row.customers()))
        .toList();
    return chart(dimensionName("lifecycle_stage"), words.get("caption_funnel"), Map.of(
        "tooltip", Map.of("trigger", "item"),
        "series", List.of(Map.of("type", "funnel", "sort", "none", "left", "10%", "width", "80%", "minSize", "8%",
            "label", Map.of("position", "inside"), "data", stages))));
  }

  private Chart clusterRadar() {
    TreeSet<String> features = new TreeSet<>();
    figures.clusters().forEach(cluster -> features.addAll(cluster.standardized().keySet()));
    double reach = Math.ceil(figures.clusters().stream().flatMap(cluster -> cluster.standardized().values().stream())
        .mapToDouble(Math::abs).max().orElse(1));
    return chart(dimensionName("cluster_id"), words.get("caption_cluster_radar"), Map.of(
        "tooltip", Map.of(),
        "legend", Map.of("bottom", 0, "type", "scroll"),
        "radar", Map.of("radius", "60%", "indicator", features.stream()
            .map(feature -> Map.of("name", dimensionName(feature), "min", -reach, "max", reach)).toList()),
        "series", List.of(Map.of("type", "radar", "data", figures.clusters().stream()
            .map(cluster -> Map.of("name", cluster.label(), "value", features.stream()
                .map(feature -> Math.round(cluster.standardized().getOrDefault(feature, 0.0) * 100) / 100.0).toList()))
            .toList()))));
  }

  private Chart clusterSizes() {
    List<ClusterRow> clusters = figures.clusters();
    return chart(dimensionName("cluster_id") + " · " + words.get("customers"), words.get("caption_cluster_size"), Map.of(
        "tooltip", Map.of("trigger", "axis"),
        "legend", Map.of("top", 0),
        "grid", Map.of("left", 8, "right", 8, "top", 32, "bottom", 8, "containLabel", true),
        "xAxis", Map.of("type", "category", "data", clusters.stream().map(ClusterRow::label).toList(),
            "axisLabel", Map.of("interval", 0, "rotate", 20)),
        "yAxis", List.of(Map.of("type", "value"),
            Map.of("type", "value", "max", 100, "axisLabel", Map.of("formatter", "{value}%"))),
        "series", List.of(
            Map.of("name", words.get("customers"), "type", "bar",
                "data", clusters.stream().map(ClusterRow::customers).toList()),
            Map.of("name", words.get("revenue_share"), "type", "line", "yAxisIndex", 1,
                "data", clusters.stream().map(cluster -> Formats.percent(cluster.revenueShare())).toList(),
                // On a white ground: the line crosses the bars, and a label on a bar was unreadable.
                "label", Map.of("show", true, "position", "top", "formatter", "{c}%", "color", "#333",
                    "backgroundColor", "rgba(255,255,255,0.85)", "padding", List.of(2, 4), "borderRadius", 3)))));
  }

  /** Node names carry the side, so a segment kept from one snapshot to the next is not a loop. */
  private Chart migration() {
    String before = " (" + words.get("previous") + ")";
    String now = " (" + words.get("current") + ")";
    List<ReportFigures.Move> moves = figures.moves().stream().filter(move -> move.customers() > 0).toList();
    TreeSet<String> nodes = new TreeSet<>();
    List<Map<String, Object>> links = new ArrayList<>();
    for (ReportFigures.Move move : moves) {
      String source = segmentLabel(move.from()) + before;
      String target = segmentLabel(move.to()) + now;
      nodes.add(source);
      nodes.add(target);
      links.add(Map.of("source", source, "target", target, "value", move.customers()));
    }
    return chart(dimensionName("rfm_segment") + " · " + figures.previousDate().orElseThrow() + " → " + figures.date(),
        words.get("caption_sankey"), Map.of(
            "tooltip", Map.of("trigger", "item"),
            "series", List.of(Map.of("type", "sankey", "left", 8, "right", 140, "nodeGap", 6,
                "emphasis", Map.of("focus", "adjacency"),
                "data", nodes.stream().map(name -> Map.of("name", name)).toList(),
                "links", links))));
  }

  private String segmentLabel(String key) {
    if (key.equals(PreviousSegments.ABSENT)) {
      return words.get("absent");
    }
    return labels.of("rfm_segment").getOrDefault(key.equals(SegmentTransitions.NONE) ? NO_PURCHASE : key, key);
  }

  private Chart churn() {
    List<ReportFigures.ChurnRow> rows = figures.churn().stream()
        .sorted(Comparator.comparingDouble(ReportFigures.ChurnRow::rate)).toList();
    return chart(words.get("churn_rate"), words.get("caption_churn"), Map.of(
        "tooltip", Map.of("trigger", "axis"),
        "grid", Map.of("left", 8, "right", 48, "top", 16, "bottom", 8, "containLabel", true),
        "xAxis", Map.of("type", "value", "axisLabel", Map.of("formatter", "{value}%")),
        "yAxis", Map.of("type", "category", "data", rows.stream().map(row -> segmentLabel(row.segment())).toList()),
        "series", List.of(percentBars(words.get("churn_rate"),
            rows.stream().map(ReportFigures.ChurnRow::rate).toList()))));
  }

  private Chart actions() {
    TreeSet<String> owners = new TreeSet<>();
    Map<String, Map<String, Long>> byChannel = new TreeMap<>();
    for (Count count : figures.actions()) {
      owners.add(count.first());
      byChannel.computeIfAbsent(count.second(), channel -> new TreeMap<>()).merge(count.first(), count.rows(), Long::sum);
    }
    return chart(dimensionName("owner_role") + " × " + dimensionName("channel"), words.get("caption_actions"), Map.of(
        "tooltip", Map.of("trigger", "axis"),
        "legend", Map.of("top", 0, "type", "scroll"),
        "grid", Map.of("left", 8, "right", 16, "top", 40, "bottom", 8, "containLabel", true),
        "xAxis", Map.of("type", "category", "data", owners.stream().map(owner -> labelled("action_owner", owner)).toList()),
        "yAxis", Map.of("type", "value"),
        "series", byChannel.entrySet().stream()
            .map(channel -> Map.of("name", labelled("action_channel", channel.getKey()), "type", "bar", "stack", "actions",
                "data", owners.stream().map(owner -> channel.getValue().getOrDefault(owner, 0L)).toList()))
            .toList()));
  }

  private Section quality() {
    ReportFigures.RunCounts run = figures.run();
    List<Fact> facts = List.of(
        new Fact(words.get("input_rows"), formats.count(run.input())),
        new Fact(words.get("accepted_rows"), formats.count(run.accepted()) + " (" + share(run.accepted(), run.input()) + ")"),
        new Fact(words.get("rejected_rows"), formats.count(run.rejected()) + " (" + share(run.rejected(), run.input()) + ")"),
        new Fact(words.get("excluded_rows"), formats.count(run.excluded()) + " (" + share(run.excluded(), run.input()) + ")"));
    if (figures.rejects().isEmpty()) {
      return new Section(words.get("section_quality"), facts, List.of());
    }
    return new Section(words.get("section_quality"), facts, List.of(chart(dimensionName("reject_reason"),
        words.get("caption_quality"), Map.of(
            "tooltip", Map.of("trigger", "item"),
            "series", List.of(Map.of("type", "pie", "radius", List.of("35%", "65%"),
                "label", Map.of("formatter", "{b}: {c} ({d}%)"), "percentPrecision", 1,
                "data", figures.rejects().stream()
                    .map(reason -> Map.of("name", labelled("reject_reason", reason.first()),
                        "value", reason.rows())).toList()))))));
  }

  /** The key's label in the locale; a key the conf does not label (a role a playbook made up) shows itself. */
  private String labelled(String dimension, String key) {
    return labels.of(dimension).getOrDefault(key, key);
  }

  private String share(long part, long whole) {
    return whole == 0 ? "–" : formats.share((double) part / whole);
  }

  /** A chart with the next id; animation is off, since a report is read, not watched. */
  private Chart chart(String title, String caption, Map<String, Object> option) {
    Map<String, Object> drawn = new LinkedHashMap<>(option);
    drawn.put("animation", false);
    try {
      return new Chart("chart-" + ++charts, title, caption, JSON.writeValueAsString(drawn));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chart option of " + title, e);
    }
  }
}
