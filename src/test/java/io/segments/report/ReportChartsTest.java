package io.segments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segments.config.JobConfig;
import io.segments.report.ReportFigures.ChurnRow;
import io.segments.report.ReportFigures.ClusterRow;
import io.segments.report.ReportFigures.Count;
import io.segments.report.ReportFigures.CurvePoint;
import io.segments.report.ReportFigures.GridCell;
import io.segments.report.ReportFigures.Move;
import io.segments.report.ReportFigures.RunCounts;
import io.segments.report.ReportFigures.SummaryRow;
import io.segments.report.ReportPage.Chart;
import io.segments.report.ReportPage.Headline;
import io.segments.report.ReportPage.Section;
import io.segments.support.TestConfigs;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The report's words, numbers and chart options from figures made by hand. */
class ReportChartsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate DATE = LocalDate.parse("2026-02-01");
  private static final LocalDate BEFORE = LocalDate.parse("2026-01-01");

  private static SummaryRow row(String dimension, String segment, String label, long customers, String revenue) {
    return new SummaryRow(dimension, segment, label, customers, customers / 1000.0, new BigDecimal(revenue),
        new BigDecimal(revenue).doubleValue() / 100_000);
  }

  /** 1,000 customers now (200 without a purchase), 800 before; revenue 100,000 now, 80,000 before. */
  private static ReportFigures figures(List<Move> moves, List<Count> actions) {
    List<SummaryRow> now = List.of(
        row("rfm_segment", "champions", "冠军客户", 300, "70000.00"),
        row("rfm_segment", "lost", "已流失客户", 500, "30000.00"),
        row("rfm_segment", "no_purchase", "未购买客户", 200, "0.00"),
        row("revenue_concentration", "top", "头部客户", 160, "62500.00"),
        row("lifecycle_stage", "at_risk", "流失风险客户", 120, "9000.00"),
        row("region", "unknown", "未知", 1000, "100000.00"),
        row("gender", "female", "女", 600, "55000.00"),
        row("gender", "unknown", "未知", 400, "45000.00"));
    List<SummaryRow> before = List.of(
        row("rfm_segment", "champions", "冠军客户", 300, "60000.00"),
        row("rfm_segment", "lost", "已流失客户", 400, "20000.00"),
        row("rfm_segment", "no_purchase", "未购买客户", 100, "0.00"),
        row("revenue_concentration", "top", "头部客户", 140, "50000.00"),
        row("lifecycle_stage", "at_risk", "流失风险客户", 100, "8000.00"));
    return new ReportFigures(DATE, Optional.of(BEFORE), now, before, new RunCounts(10_000, 9_000, 700, 300),
        List.of(new GridCell(5, 5, 250), new GridCell(1, 1, 550)),
        List.of(new CurvePoint(0, 0), new CurvePoint(0.2, 0.625), new CurvePoint(1, 1)),
        List.of(new ClusterRow(0, "高价值忠诚", 300, 0.7, Map.of("recency_days", -1.2, "frequency", 2.4, "monetary", 2.0)),
            new ClusterRow(1, "流失", 500, 0.3, Map.of("recency_days", 1.1, "frequency", -0.5, "monetary", -0.6))),
        moves, List.of(new ChurnRow("champions", 300, 30, 0.1)), actions,
        List.of(new Count("invalid_amount", "", 500), new Count("duplicate_line", "", 200)));
  }

  private static ReportPage page(ReportFigures figures) {
    JobConfig config = TestConfigs.load("");
    return new ReportCharts(figures, config.labels(), "¥").page("/* echarts */", "test");
  }

  private static List<Chart> charts(ReportPage page) {
    return page.sections().stream().flatMap(section -> section.charts().stream()).toList();
  }

  private static Chart titled(ReportPage page, String title) {
    return charts(page).stream().filter(chart -> chart.title().startsWith(title)).findFirst().orElseThrow(
        () -> new AssertionError("no chart " + title + " in " + charts(page).stream().map(Chart::title).toList()));
  }

  @Test
  void headlinesAreFormattedForPeopleWithTheirChangeSinceTheComparedSnapshot() {
    ReportPage page = page(figures(List.of(new Move("champions", "lost", 40)), List.of()));

    assertEquals(List.of(
            new Headline("客户数", "1,000", "+25.0%"),
            new Headline("购买客户", "800", "+14.3%"),
            new Headline("收入", "¥100,000", "+25.0%"),
            new Headline("前20%客户收入占比", "62.5%", "+12.5 个百分点"),
            new Headline("流失风险客户", "120", "+20.0%")),
        page.headlines());
    assertEquals("快照日期 2026-02-01 · 较 2026-01-01", page.subtitle());
  }

  @Test
  void sharesArePercentagesAndAProfileDimensionWithoutValuesIsLeftOut() throws Exception {
    ReportPage page = page(figures(List.of(new Move("champions", "lost", 40)), List.of()));

    JsonNode segments = JSON.readTree(titled(page, "RFM分群").option());
    assertEquals(List.of("未购买客户", "冠军客户", "已流失客户"),
        StreamSupport.stream(segments.at("/yAxis/data").spliterator(), false).map(JsonNode::asText).toList());
    assertEquals(List.of(20.0, 30.0, 50.0), numbers(segments.at("/series/0/data")), "customer shares in percent, "
        + "smallest class first so the biggest is drawn on top");
    assertEquals("{c}%", segments.at("/series/0/label/formatter").asText());
    List<String> titles = charts(page).stream().map(Chart::title).toList();
    assertTrue(titles.contains("性别"), titles.toString());
    assertFalse(titles.contains("地区"), "every customer's region is unknown: no chart says nothing");
  }

  @Test
  void tiersAndTheLifecycleKeepTheirOwnOrderWhateverTheirSizes() throws Exception {
    ReportFigures base = figures(List.of(), List.of());
    List<SummaryRow> summary = new ArrayList<>(base.summary());
    summary.addAll(List.of(row("value_tier", "low", "低价值", 500, "5000.00"), row("value_tier", "high", "高价值", 100, "60000.00"),
        row("value_tier", "mid", "中价值", 200, "35000.00"), row("value_tier", "no_purchase", "未购买客户", 200, "0.00"),
        row("lifecycle_stage", "churned", "流失客户", 400, "1000.00"), row("lifecycle_stage", "new", "新客户", 80, "900.00"),
        row("lifecycle_stage", "active", "活跃客户", 400, "80000.00")));
    ReportPage page = page(new ReportFigures(DATE, Optional.empty(), summary, List.of(), base.run(),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));

    JsonNode tiers = JSON.readTree(titled(page, "价值等级").option());
    assertEquals(List.of("未购买客户", "低价值", "中价值", "高价值"),
        StreamSupport.stream(tiers.at("/yAxis/data").spliterator(), false).map(JsonNode::asText).toList(),
        "bottom to top: high on top");
    JsonNode funnel = JSON.readTree(titled(page, "生命周期").option());
    assertEquals(List.of("新客户 80", "活跃客户 400", "流失风险客户 120", "流失客户 400"),
        StreamSupport.stream(funnel.at("/series/0/data").spliterator(), false).map(stage -> stage.get("name").asText())
            .toList());
  }

  @Test
  void theMigrationKeepsBothSidesApartAndNamesTheAbsent() throws Exception {
    List<Move> moves = List.of(new Move("champions", "champions", 250), new Move("champions", "lost", 50),
        new Move("absent", "champions", 50), new Move("lost", "lost", 0));
    JsonNode sankey = JSON.readTree(titled(page(figures(moves, List.of())), "RFM分群 · 2026-01-01 → 2026-02-01").option());

    List<String> nodes = StreamSupport.stream(sankey.at("/series/0/data").spliterator(), false)
        .map(node -> node.get("name").asText()).toList();
    assertEquals(List.of("不在该期 (上期)", "冠军客户 (上期)", "冠军客户 (本期)", "已流失客户 (本期)"), nodes);
    assertEquals(3, sankey.at("/series/0/links").size(), "a move of nobody is no band");
    assertEquals(350, StreamSupport.stream(sankey.at("/series/0/links").spliterator(), false)
        .mapToLong(link -> link.get("value").asLong()).sum());
  }

  @Test
  void sectionsFollowTheFiguresThatExist() {
    ReportPage withoutReview = page(new ReportFigures(DATE, Optional.empty(), figures(List.of(), List.of()).summary(),
        List.of(), new RunCounts(5, 5, 0, 0), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of()));
    List<String> sections = withoutReview.sections().stream().map(Section::title).toList();
    assertFalse(sections.contains("定期审查") || sections.contains("跟进动作") || sections.contains("聚类画像"), sections.toString());
    assertEquals("首个快照，无可比较的上期", withoutReview.subtitle().split(" · ")[1]);
    assertTrue(withoutReview.headlines().stream().allMatch(headline -> headline.change().isEmpty()));
    Section quality = withoutReview.sections().get(withoutReview.sections().size() - 1);
    assertEquals("数据质量", quality.title());
    assertTrue(quality.charts().isEmpty(), "nothing rejected, no pie");

    ReportPage full = page(figures(List.of(new Move("champions", "lost", 40)),
        List.of(new Count("sales", "phone", 30), new Count("sales", "visit", 10), new Count("marketing", "sms", 60))));
    List<String> fullSections = full.sections().stream().map(Section::title).toList();
    assertTrue(fullSections.containsAll(List.of("定期审查", "跟进动作", "聚类画像", "数据质量")), fullSections.toString());
    assertEquals(new Headline("待跟进动作", "100", ""), full.headlines().get(full.headlines().size() - 1));
    assertEquals(List.of("输入行 10,000", "接受 9,000 (90.0%)", "拒绝 700 (7.0%)", "排除（快照日及以后） 300 (3.0%)"),
        full.sections().get(full.sections().size() - 1).facts().stream().map(f -> f.label() + " " + f.value()).toList());
  }

  @Test
  void actionOwnersAndChannelsReadInTheLocaleAndAnUnlabelledOneAsItsKey() throws Exception {
    ReportPage page = page(figures(List.of(), List.of(new Count("sales", "phone", 30), new Count("marketing", "sms", 60),
        new Count("growth_team", "sms", 5))));

    JsonNode chart = JSON.readTree(titled(page, "负责角色").option());
    assertEquals(List.of("growth_team", "市场部", "销售"), StreamSupport.stream(chart.at("/xAxis/data").spliterator(), false)
        .map(JsonNode::asText).toList());
    assertEquals(List.of("电话", "短信"), StreamSupport.stream(chart.get("series").spliterator(), false)
        .map(series -> series.get("name").asText()).toList());
  }

  @Test
  void rejectReasonsReadInTheLocaleWithOneDecimalShares() throws Exception {
    ReportPage page = page(figures(List.of(), List.of()));

    JsonNode pie = JSON.readTree(titled(page, "拒绝原因").option()).at("/series/0");
    assertEquals(List.of("金额无效 500", "重复行 200"), StreamSupport.stream(pie.get("data").spliterator(), false)
        .map(slice -> slice.get("name").asText() + " " + slice.get("value").asLong()).toList());
    assertEquals(1, pie.get("percentPrecision").asInt());
  }

  @Test
  void everyChartHasACaptionAndAUniqueId() {
    ReportPage page = page(figures(List.of(new Move("champions", "lost", 40)), List.of(new Count("sales", "phone", 3))));
    List<String> ids = new ArrayList<>();
    for (Chart chart : charts(page)) {
      assertFalse(chart.caption().isBlank(), chart.title());
      ids.add(chart.id());
    }
    assertEquals(ids.size(), ids.stream().distinct().count());
  }

  @Test
  void theHeatMapSaysWhyAScoreNobodyHasLeavesARowOrColumnEmpty() {
    ReportFigures sparse = figures(List.of(), List.of());
    List<GridCell> everyScore = new ArrayList<>();
    for (int score = 1; score <= 5; score++) {
      everyScore.add(new GridCell(score, 6 - score, 10));
    }
    ReportFigures full = new ReportFigures(DATE, Optional.empty(), sparse.summary(), List.of(), sparse.run(),
        everyScore, sparse.pareto(), sparse.clusters(), List.of(), List.of(), List.of(), sparse.rejects());

    assertTrue(titled(page(sparse), "R × F").caption().endsWith("夹在中间的得分无人获得。"),
        "cells only at (1, 1) and (5, 5): scores 2-4 nobody has");
    assertFalse(titled(page(full), "R × F").caption().contains("无人获得"),
        "every R and every F score is some customer's, though most cells are empty");
  }

  private static List<Double> numbers(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asDouble).toList();
  }

  @Test
  void sharesReadWithOneDecimalAndNoNegativeZero() {
    Formats formats = new Formats("en", "$", "pp");
    assertEquals("12.3%", formats.share(0.12345));
    assertEquals("<0.1%", formats.share(91 / 200_000.0), "a few rejected lines are not none");
    assertEquals("0.1%", formats.share(0.0005));
    assertEquals("0.0%", formats.share(0));
    assertEquals(">99.9%", formats.share(199_909 / 200_000.0), "nor are the accepted ones all");
    assertEquals("100.0%", formats.share(1));
    assertEquals("99.9%", formats.share(0.9994));
    assertEquals("0.0%", formats.share(-0.00004), "a few customers' net refunds round to zero, not -0.0%");
    assertEquals("-1.2%", formats.share(-0.012));
  }
}
