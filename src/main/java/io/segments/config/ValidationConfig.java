package io.segments.config;

import com.typesafe.config.Config;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Bounds of a plausible transaction line.
 *
 * @param maxAbsAmount a line whose absolute amount exceeds this is rejected
 * @param historyStart a line dated before this is rejected
 */
public record ValidationConfig(BigDecimal maxAbsAmount, LocalDate historyStart) {

  static ValidationConfig from(Config c) {
    return new ValidationConfig(
        ConfValues.positiveMoney(c, "validation.max-abs-amount"), ConfValues.date(c, "validation.history-start"));
  }
}
