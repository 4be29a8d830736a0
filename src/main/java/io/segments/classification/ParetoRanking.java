package io.segments.classification;

import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.col;

import io.segments.config.Labels;
import io.segments.pipeline.FittedStage;
import io.segments.pipeline.Labelled;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Pareto ranking of a snapshot's purchasers (see {@link ParetoClasses}): adds their
 * revenue_rank, pareto_class and revenue_concentration; a customer the ranking did not see (a
 * prospect) gets none.
 *
 * @param classes customer_id, revenue_rank, pareto_class and revenue_concentration of each purchaser
 */
public record ParetoRanking(Dataset<Row> classes, Labels labels) implements FittedStage {
  /**
   * Joins the classes by hashing them per task instead of sorting both sides: the customers' side is
   * every column of the snapshot (a sort-merge join sorted a million wide rows by customer_id at 10M
   * lines, whose common prefixes make most comparisons full ones), the classes' side four narrow columns.
   */
  @Override
  public Dataset<Row> transform(Dataset<Row> customers) {
    Dataset<Row> joined = customers.join(classes.hint("shuffle_hash"), new String[] {CUSTOMER_ID}, "left");
    joined = Labelled.withKey(joined, ParetoClasses.PARETO_CLASS, col(ParetoClasses.PARETO_CLASS),
        labels.of(ParetoClasses.PARETO_CLASS));
    return Labelled.withKey(joined, ParetoClasses.REVENUE_CONCENTRATION, col(ParetoClasses.REVENUE_CONCENTRATION),
        labels.of(ParetoClasses.REVENUE_CONCENTRATION));
  }
}
