package io.segments.report;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

/** Numbers as people read them in the report's locale: thousands separators, percentages, money. */
final class Formats {
  private final NumberFormat whole;
  private final NumberFormat decimal;
  private final NumberFormat percent;
  private final String currency;
  private final String points;

  /**
   * @param locale the configured job.locale, e.g. zh-CN
   * @param currency the symbol money is shown with
   * @param points the unit of a change in a share ("pp", "个百分点")
   */
  Formats(String locale, String currency, String points) {
    Locale language = Locale.forLanguageTag(locale);
    this.whole = NumberFormat.getIntegerInstance(language);
    this.decimal = NumberFormat.getNumberInstance(language);
    decimal.setMaximumFractionDigits(1);
    this.percent = NumberFormat.getPercentInstance(language);
    percent.setMinimumFractionDigits(1);
    percent.setMaximumFractionDigits(1);
    this.currency = currency;
    this.points = points;
  }

  String count(long value) {
    return whole.format(value);
  }

  /**
   * One decimal of a percent. A share that one decimal would round to none or to all, and is neither,
   * says so: &lt;0.1 % and &gt;99.9 %, not 0.0 % and 100.0 % (91 rejected lines of 200,000 are not none,
   * and the accepted ones are not all); a negative one near zero reads 0.0 %, never -0.0 % (net
   * refunds of a few).
   */
  String share(double value) {
    double rounded = Math.round(value * 1000) / 1000.0;
    if (rounded == 0 && value > 0) {
      return "<" + percent.format(0.001);
    }
    return rounded == 1 && value < 1 ? ">" + percent.format(0.999) : percent.format(rounded);
  }

  /** Whole units of money: the report shows totals, where cents are noise. */
  String money(BigDecimal value) {
    return (value.signum() < 0 ? "-" : "") + currency + whole.format(value.abs());
  }

  /** A share as a number of percent with one decimal, what the charts' axes show. */
  static double percent(double share) {
    return Math.round(share * 1000) / 10.0;
  }

  /** The relative change of a count or an amount, e.g. +3.4%; empty without a previous value. */
  String change(double now, double before) {
    if (before == 0) {
      return "";
    }
    double relative = now / before - 1;
    return (relative >= 0 ? "+" : "") + percent.format(relative);
  }

  /** The change of a share in percentage points, e.g. +1.2 pp. */
  String pointChange(double now, double before) {
    double change = (now - before) * 100;
    return (change >= 0 ? "+" : "") + decimal.format(change) + " " + points;
  }
}
