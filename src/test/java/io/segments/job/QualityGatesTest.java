package io.segments.job;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.QualityGateException;
import io.segments.config.QualityConfig;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualityGatesTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");
  private static final QualityGates DEFAULTS = new QualityGates(new QualityConfig(0.5, 1, 0.5));

  /** The CDNOW history under a history start after 1998: every line rejected for one reason. */
  @Test
  void mostlyRejectedLinesFailNamingTheReasonAndTheKeyToChange() {
    LineCounts cdnow = new LineCounts(69_659, 0, 69_659, 0, Map.of("before_history_start", 69_659L));

    String message = assertThrows(QualityGateException.class, () -> DEFAULTS.checkLines(cdnow, AS_OF)).getMessage();

    assertTrue(message.contains("quality.max-rejected-share = 0.5: 69,659 of the 69,659 lines before 2026-01-01 "
        + "(100.0 %) were rejected; most as before_history_start (69,659): look at validation.history-start"), message);
    assertTrue(message.contains("the previous snapshot stays current"), message);
  }

  @Test
  void linesOnOrAfterTheAsOfDateDoNotCountAsRejected() {
    // 40 of 100 placed lines rejected (40 %), and 900 later lines that a later snapshot will use.
    DEFAULTS.checkLines(new LineCounts(1_000, 60, 40, 900, Map.of("invalid_amount", 40L)), AS_OF);
    String message = assertThrows(QualityGateException.class, () -> DEFAULTS.checkLines(
        new LineCounts(1_000, 40, 60, 900, Map.of("invalid_amount", 50L, "missing_amount", 10L)), AS_OF)).getMessage();
    assertTrue(message.contains("60 of the 100 lines") && message.contains("most as invalid_amount (50)"), message);
  }

  @Test
  void aRunWithoutAcceptedLinesFails() {
    String message = assertThrows(QualityGateException.class,
        () -> DEFAULTS.checkLines(new LineCounts(5, 0, 0, 5, Map.of()), AS_OF)).getMessage();
    assertTrue(message.contains("quality.min-accepted-lines = 1: 0 lines were accepted (5 read, 0 rejected, 5 on "
        + "or after 2026-01-01)"), message);
  }

  @Test
  void farFewerCustomersThanThePreviousSnapshotFail() {
    Optional<Map.Entry<LocalDate, Long>> previous = Optional.of(Map.entry(LocalDate.parse("2025-12-01"), 21_000L));
    DEFAULTS.checkCustomers(10_500, previous);
    DEFAULTS.checkCustomers(1_000, Optional.empty());
    new QualityGates(new QualityConfig(0.5, 1, 0)).checkCustomers(1, previous);

    String message = assertThrows(QualityGateException.class, () -> DEFAULTS.checkCustomers(1_000, previous))
        .getMessage();
    assertTrue(message.contains("quality.min-customer-share-of-previous = 0.5: 1,000 customers against 21,000 in "
        + "the snapshot of 2025-12-01 (4.8 %)"), message);
  }

  @Test
  void countsThatDoNotAddUpAreABug() {
    String message = assertThrows(IllegalStateException.class,
        () -> new LineCounts(20, 10, 0, 0, Map.of())).getMessage();
    assertTrue(message.contains("read 20 lines but sorted 10"), message);
  }
}
