package io.segments.config;

import com.typesafe.config.Config;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Bounds of a plausible transaction line.
 *
 * @param maxAbsAmount a line whose absolute amount exceeds this is rejected
 * @param historyStart a line dated before this is rejected
 * @param timestampFormat the pattern (java.time style) of order_ts given as text; empty for ISO dates and
 *     date-times only
 */
public record ValidationConfig(BigDecimal maxAbsAmount, LocalDate historyStart, Optional<String> timestampFormat) {

  static ValidationConfig from(Config c) {
    Optional<String> format = ConfValues.optional(c, "validation.timestamp-format");
    format.ifPresent(pattern -> {
      try {
        DateTimeFormatter.ofPattern(pattern);
      } catch (IllegalArgumentException e) {
        throw ConfValues.bad("validation.timestamp-format", "a date-time pattern such as dd/MM/yyyy HH:mm",
            pattern + " (" + e.getMessage() + ")");
      }
    });
    return new ValidationConfig(ConfValues.positiveMoney(c, "validation.max-abs-amount"),
        ConfValues.date(c, "validation.history-start"), format);
  }
}
