package io.segments.generate;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What sample history to make.
 *
 * @param customers customers that may buy; the customers table has 5 % more, who never buy
 * @param lines transaction lines, exactly
 * @param seed the same seed and shape give the same rows, however Spark partitions them
 * @param end the history ends the day before this date, so a run as of it sees everything
 * @param years length of the history
 * @param badRowShare share of lines made invalid on purpose (null customer, absurd amount)
 * @param timeZone zone in which order times are local
 */
public record HistoryShape(
    long customers, long lines, long seed, LocalDate end, int years, double badRowShare, ZoneId timeZone) {

  public HistoryShape {
    if (customers < 1 || lines < 1) {
      throw new IllegalArgumentException("customers and lines must be positive");
    }
    if (years < 1) {
      throw new IllegalArgumentException("years must be positive");
    }
    if (badRowShare < 0 || badRowShare > 1) {
      throw new IllegalArgumentException("bad-row share must be in [0, 1]");
    }
  }

  public LocalDate start() {
    return end.minusYears(years);
  }

  public long days() {
    return end.toEpochDay() - start().toEpochDay();
  }
}
