package io.segments.config;

import com.typesafe.config.Config;

/**
 * Predicted customer value: BG/NBD and Gamma-Gamma fitted on the snapshot's purchasers.
 *
 * @param enabled whether the run fits the models and fills p_alive, expected_purchases,
 *     expected_avg_spend and clv
 * @param unitDays days of the time unit the models count in (1 for days, 7 for weeks)
 * @param horizon units ahead that expected_purchases and clv cover
 * @param discountRate yearly rate that clv discounts future spend by
 * @param margin share of spend that is value (clv = margin × spend)
 */
public record ClvConfig(boolean enabled, int unitDays, int horizon, double discountRate, double margin) {

  static ClvConfig from(Config c) {
    String unit = c.getString("clv.time-unit");
    int days = switch (unit) {
      case "days" -> 1;
      case "weeks" -> 7;
      default -> throw ConfValues.bad("clv.time-unit", "days or weeks", unit);
    };
    double rate = c.getDouble("clv.discount-rate");
    if (rate < 0 || rate >= 1) {
      throw ConfValues.bad("clv.discount-rate", "a yearly rate in [0, 1)", rate);
    }
    return new ClvConfig(c.getBoolean("clv.enabled"), days, ConfValues.atLeast(c, "clv.horizon", 1), rate,
        ConfValues.share(c, "clv.margin"));
  }

  /** The same settings with another horizon, e.g. a holdout period's length. */
  public ClvConfig withHorizon(int units) {
    return new ClvConfig(enabled, unitDays, units, discountRate, margin);
  }

  /** The time unit's name, as job_runs and clv_model record it. */
  public String unit() {
    return unitDays == 1 ? "days" : "weeks";
  }
}
