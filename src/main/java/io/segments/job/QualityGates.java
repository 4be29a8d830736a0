package io.segments.job;

import io.segments.QualityGateException;
import io.segments.config.QualityConfig;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The gates a run must pass before it writes anything (conf quality): a run whose lines were mostly
 * rejected, that accepted too few, or that has far fewer customers than the previous snapshot is not
 * a snapshot anybody should read. Each failure says which gate, the numbers, the most common reject
 * reason and the conf key to look at.
 */
final class QualityGates {
  /** Where a user looks when most lines are rejected for a reason. */
  private static final Map<String, String> WHERE_TO_LOOK = Map.of(
      "before_history_start", "validation.history-start",
      "amount_out_of_range", "validation.max-abs-amount",
      "invalid_order_ts", "the order_ts values and input.columns.order_ts",
      "missing_order_ts", "input.columns.order_ts",
      "missing_customer_id", "input.columns.customer_id",
      "missing_order_id", "input.columns.order_id",
      "missing_amount", "input.columns.amount",
      "invalid_amount", "the amount values and input.columns.amount",
      "invalid_quantity", "the quantity values and input.columns.quantity",
      "duplicate_line", "input.columns.line_id");
  private static final String KEPT = " Nothing was written; the previous snapshot stays current.";

  private final QualityConfig config;

  QualityGates(QualityConfig config) {
    this.config = config;
  }

  /** @throws QualityGateException when too many lines were rejected or too few accepted */
  void checkLines(LineCounts lines, LocalDate asOf) {
    long placed = lines.accepted() + lines.rejected();
    double rejectedShare = placed == 0 ? 0 : (double) lines.rejected() / placed;
    if (rejectedShare > config.maxRejectedShare()) {
      throw new QualityGateException(String.format(
          "quality gate quality.max-rejected-share = %s: %,d of the %,d lines before %s (%.1f %%) were rejected%s.%s",
          config.maxRejectedShare(), lines.rejected(), placed, asOf, 100 * rejectedShare, dominantReason(lines), KEPT));
    }
    if (lines.accepted() < config.minAcceptedLines()) {
      throw new QualityGateException(String.format(
          "quality gate quality.min-accepted-lines = %,d: %,d lines were accepted (%,d read, %,d rejected, %,d on "
              + "or after %s)%s.%s",
          config.minAcceptedLines(), lines.accepted(), lines.input(), lines.rejected(), lines.excluded(), asOf,
          dominantReason(lines), KEPT));
    }
  }

  /**
   * @param previous the customers and date of the previous complete snapshot, if any
   * @throws QualityGateException when the snapshot has too few customers against the previous one
   */
  void checkCustomers(long customers, Optional<Map.Entry<LocalDate, Long>> previous) {
    if (previous.isEmpty() || config.minCustomerShareOfPrevious() == 0) {
      return;
    }
    long before = previous.get().getValue();
    if (customers < config.minCustomerShareOfPrevious() * before) {
      throw new QualityGateException(String.format(
          "quality gate quality.min-customer-share-of-previous = %s: %,d customers against %,d in the snapshot of "
              + "%s (%.1f %%); is the input complete? Lower the gate if the drop is real.%s",
          config.minCustomerShareOfPrevious(), customers, before, previous.get().getKey(),
          before == 0 ? 0.0 : 100.0 * customers / before, KEPT));
    }
  }

  private static String dominantReason(LineCounts lines) {
    return lines.rejectedByReason().entrySet().stream()
        .max(Comparator.comparingLong(Map.Entry<String, Long>::getValue))
        .map(reason -> String.format("; most as %s (%,d): look at %s", reason.getKey(), reason.getValue(),
            WHERE_TO_LOOK.getOrDefault(reason.getKey(), "rejected_transactions")))
        .orElse("");
  }
}
