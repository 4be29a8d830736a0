package io.segments.scoring;

import static io.segments.features.RfmFeatures.FREQUENCY;
import static io.segments.features.RfmFeatures.MONETARY;
import static io.segments.features.RfmFeatures.RECENCY_DAYS;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.segments.features.RfmFeatures;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * r_score, f_score, m_score (1-5) and rfm_cell ("545"). A value strictly above the i-th of four
 * ascending cut-offs passes it; f and m score 1 + the cut-offs passed, r scores 5 - the cut-offs
 * passed (fewer days is better). A score is a function of the value alone, so equal values always
 * score equally. Customers without a purchase get null scores.
 */
public final class RfmScores {
  public static final String R_SCORE = "r_score";
  public static final String F_SCORE = "f_score";
  public static final String M_SCORE = "m_score";
  public static final String RFM_CELL = "rfm_cell";

  private RfmScores() {}

  static Dataset<Row> apply(Dataset<Row> rfm, ScoringModel model) {
    Column purchaser = RfmFeatures.isPurchaser();
    return rfm
        .withColumn(R_SCORE, when(purchaser, lit(5).minus(cutoffsPassed(col(RECENCY_DAYS), model.recencyCutoffs()))))
        .withColumn(F_SCORE, when(purchaser, lit(1).plus(cutoffsPassed(col(FREQUENCY), model.frequencyCutoffs()))))
        .withColumn(M_SCORE, when(purchaser, lit(1).plus(cutoffsPassed(col(MONETARY), model.monetaryCutoffs()))))
        .withColumn(RFM_CELL, concat(
            col(R_SCORE).cast(DataTypes.StringType),
            col(F_SCORE).cast(DataTypes.StringType),
            col(M_SCORE).cast(DataTypes.StringType)));
  }

  /**
   * Per score column, the band the customer's score stands for, e.g. "m_score 4: 812.40 < monetary ≤
   * 1530.00": what a salesperson reads in customer_segments.reasons. Read only where the score is not
   * null: Spark 4.1 (ANSI) takes element_at of an array without nulls as never null, even at a null
   * index, and its generated code then reads an arbitrary band for a customer without a score.
   */
  public static Map<String, Column> bands(ScoringModel model) {
    Map<String, Column> bands = new LinkedHashMap<>();
    bands.put(R_SCORE, band(R_SCORE, RECENCY_DAYS, model.recencyCutoffs(), true));
    bands.put(F_SCORE, band(F_SCORE, FREQUENCY, model.frequencyCutoffs(), false));
    bands.put(M_SCORE, band(M_SCORE, MONETARY, model.monetaryCutoffs(), false));
    return bands;
  }

  private static Column band(String score, String value, List<Double> cutoffs, boolean fewerScoresHigher) {
    Column[] texts = new Column[cutoffs.size() + 1];
    for (int band = 0; band <= cutoffs.size(); band++) {
      int points = fewerScoresHigher ? cutoffs.size() + 1 - band : band + 1;
      String range = band == 0 ? value + " ≤ " + number(cutoffs.get(0), value)
          : band == cutoffs.size() ? value + " > " + number(cutoffs.get(band - 1), value)
          : number(cutoffs.get(band - 1), value) + " < " + value + " ≤ " + number(cutoffs.get(band), value);
      texts[points - 1] = lit(score + " " + points + ": " + range);
    }
    return element_at(array(texts), col(score));
  }

  private static String number(double cutoff, String value) {
    return value.equals(MONETARY) ? String.format(Locale.ROOT, "%.2f", cutoff)
        : BigDecimal.valueOf(cutoff).stripTrailingZeros().toPlainString();
  }

  /** How many of the cut-offs the value lies strictly above. */
  static Column cutoffsPassed(Column value, List<Double> cutoffs) {
    Column passed = lit(0);
    for (double cutoff : cutoffs) {
      passed = passed.plus(when(value.cast(DataTypes.DoubleType).gt(cutoff), 1).otherwise(0));
    }
    return passed.cast(DataTypes.IntegerType);
  }
}
