package io.segments.config;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Bounds of a plausible transaction line.
 *
 * @param maxAbsAmount a line whose absolute amount exceeds this is rejected
 * @param historyStart a line dated before this is rejected
 */
public record ValidationConfig(BigDecimal maxAbsAmount, LocalDate historyStart) {}
