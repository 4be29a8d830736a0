package io.segments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The report as a person gets it: written after each run and on demand, one file that opens offline,
 * and drawn by a real browser (Debian's headless Chromium) without a console message, every chart
 * on the page. A screenshot is kept under target/report-screenshots for people to look at.
 */
class ReportCommandTest extends CommandLineTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

  @Override
  String confText() {
    return "job.time-zone = UTC\nspark.shuffle-partitions = 2\noutput.database = report\n";
  }

  @Test
  void eachRunWritesAReportThatABrowserDrawsWithoutAnError() throws Exception {
    Path data = dir.resolve("data");
    Path warehouse = dir.resolve("warehouse");
    assertEquals(0, segment("generate", "--customers", "300", "--lines", "4000", "--out", data.toString()));
    for (String date : List.of("2025-10-01", "2026-01-01")) {
      assertEquals(0, segment("run", "--as-of", date, "--conf", conf.toString(),
          "--transactions", data.resolve("transactions").toString(), "--customers", data.resolve("customers").toString(),
          "--warehouse", warehouse.toString()), err.toString());
    }
    Path report = warehouse.resolve("report/reports/segment_report_2026-01-01.html");
    assertTrue(out.toString().contains("report: " + report), out.toString());
    assertTrue(Files.exists(warehouse.resolve("report/reports/segment_report_2025-10-01.html")));

    String html = Files.readString(report);
    assertTrue(html.contains("<html lang=\"zh-CN\">") && html.contains("客户分群报告"), "labels in job.locale");
    for (String section : List.of("RFM 分群", "价值与频次", "生命周期", "聚类画像", "客户分布", "定期审查", "跟进动作", "数据质量")) {
      assertTrue(html.contains("<h2>" + section + "</h2>"), "section " + section);
    }
    assertTrue(html.contains("较 2025-10-01"), "compared with the previous snapshot");
    assertTrue(Pattern.compile("输入行</td><td class=\"value\">\\d{1,3}(,\\d{3})*</td>").matcher(html).find(),
        "counts with thousands separators");
    assertFalse(Pattern.compile("<(script|link|img|iframe)[^>]+(src|href)=")
            .matcher(html.replaceAll("(?s)<script>.*?</script>", "<script></script>")).find(),
        "nothing outside the file: it opens offline");

    Path older = dir.resolve("older.html");
    assertEquals(0, segment("report", "--as-of", "2025-10-01", "--out", older.toString(), "--conf", conf.toString(),
        "--warehouse", warehouse.toString()), err.toString());
    assertTrue(Files.readString(older).contains("首个快照，无可比较的上期"));
    assertEquals(2, segment("report", "--as-of", "2024-01-01", "--conf", conf.toString(),
        "--warehouse", warehouse.toString()));
    assertTrue(err.toString().contains("no complete snapshot of 2024-01-01") && err.toString().contains("2026-01-01"),
        err.toString());

    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
        + " (.ci/run installs Debian's chromium): the report was checked as text, not drawn");
    Browser drawn = Browser.open(report, dir.resolve("chromium-profile"));
    assertEquals(List.of(), drawn.console(), "the page logs nothing: no script error, no failed resource");
    List<String> charts = drawn.charts();
    assertTrue(charts.size() >= 12, "charts on the page: " + charts.size());
    for (String chart : charts) {
      assertTrue(chart.contains("<svg") && chart.contains("<path"), "every chart drew: " + chart.substring(0, Math.min(200,
          chart.length())));
    }
    Files.createDirectories(SCREENSHOTS);
    Path screenshot = SCREENSHOTS.resolve("segment_report.png");
    Browser.screenshot(report, dir.resolve("chromium-profile"), screenshot);
    assertTrue(Files.size(screenshot) > 50_000, "a screenshot with something on it: " + Files.size(screenshot));
  }

  /** Headless Chromium as the machine's probe runs it: no sandbox (root), no network chatter. */
  private record Browser(String dom, List<String> console) {
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars");
    private static final Pattern CONSOLE = Pattern.compile("INFO:CONSOLE[^\\]]*\\] (.*)");

    static Browser open(Path page, Path profile) throws IOException, InterruptedException {
      Path log = profile.resolveSibling("chromium.log");
      Process chromium = start(profile, log, List.of("--enable-logging=stderr", "--v=0", "--dump-dom",
          page.toUri().toString()));
      String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      finish(chromium);
      List<String> console = new ArrayList<>();
      Matcher line = CONSOLE.matcher(Files.readString(log));
      while (line.find()) {
        console.add(line.group(1));
      }
      return new Browser(dom, console);
    }

    static void screenshot(Path page, Path profile, Path png) throws IOException, InterruptedException {
      Process chromium = start(profile, profile.resolveSibling("screenshot.log"), List.of("--window-size=1280,7000",
          "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()));
      chromium.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      finish(chromium);
    }

    /** The markup of each chart element as the browser left it after the scripts ran. */
    List<String> charts() {
      List<String> charts = new ArrayList<>();
      String[] parts = dom.split("<div class=\"chart\"");
      for (int i = 1; i < parts.length; i++) {
        charts.add(parts[i].substring(0, parts[i].contains("</figure>") ? parts[i].indexOf("</figure>") : parts[i].length()));
      }
      return charts;
    }

    private static Process start(Path profile, Path log, List<String> more) throws IOException {
      List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--user-data-dir=" + profile));
      command.addAll(FLAGS);
      command.addAll(more);
      return new ProcessBuilder(command).redirectError(log.toFile()).start();
    }

    private static void finish(Process chromium) throws InterruptedException {
      if (!chromium.waitFor(2, TimeUnit.MINUTES)) {
        chromium.destroyForcibly();
        throw new AssertionError("Chromium did not finish in 2 minutes");
      }
    }
  }
}
