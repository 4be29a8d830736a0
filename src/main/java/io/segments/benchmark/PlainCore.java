package io.segments.benchmark;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The honest baseline of the benchmark: the heavy core of the nightly job written as a plain Spark
 * program, with none of the product around it (no validation, classifications, review, actions,
 * reasons, catalog, report or job_runs). Lines before the as-of date become orders, orders become
 * customers with RFM, dates, night and weekend shares and distinct categories; one approxQuantile
 * pass gives the 1–5 scores; k-means (k = 5) runs on every purchaser; one Delta table is written.
 * The job is measured against it: what the product costs on top of the work itself.
 */
public final class PlainCore {
  private static final double[] QUINTILES = {0.2, 0.4, 0.6, 0.8};

  private PlainCore() {}

  /** Seconds and customers of one pass over {@code transactions}, written to the Delta table {@code out}. */
  public record Result(double seconds, long customers) {}

  /**
   * One pass.
   *
   * @param quantileError the relative error of the score cut-offs, as the job's scoring.quantile-relative-error
   */
  public static Result run(SparkSession spark, String transactions, LocalDate asOf, ZoneId zone, double quantileError,
      String out) {
    long start = System.nanoTime();
    Timestamp cutOff = Timestamp.from(asOf.atStartOfDay(zone).toInstant());
    Dataset<Row> lines = spark.read().parquet(transactions)
        .where(col("order_ts").lt(lit(cutOff)).and(col("customer_id").isNotNull()).and(col("amount").isNotNull()));
    Dataset<Row> orders = lines.groupBy("customer_id", "order_id").agg(
        sum("amount").as("net"), min("order_ts").as("ordered_at"),
        collect_set("category").as("categories"));
    Column purchase = col("net").gt(0);
    Dataset<Row> customers = orders.groupBy("customer_id").agg(
            sum("net").as("monetary"),
            count(when(purchase, true)).as("frequency"),
            max(when(purchase, to_date(col("ordered_at")))).as("last_purchase_date"),
            min(when(purchase, to_date(col("ordered_at")))).as("first_purchase_date"),
            avg(when(purchase, when(hour(col("ordered_at")).geq(18).or(hour(col("ordered_at")).lt(6)), 1.0)
                .otherwise(0.0))).as("night_share"),
            avg(when(purchase, when(dayofweek(col("ordered_at")).isin(1, 7), 1.0).otherwise(0.0))).as("weekend_share"),
            size(array_distinct(flatten(collect_list("categories")))).as("distinct_categories"))
        .withColumn("recency_days", datediff(lit(java.sql.Date.valueOf(asOf)), col("last_purchase_date")))
        .cache();
    Dataset<Row> purchasers = customers.where(col("frequency").gt(0));
    double[][] cuts = purchasers.stat().approxQuantile(
        new String[] {"recency_days", "frequency", "monetary"}, QUINTILES, quantileError);
    Dataset<Row> scored = purchasers
        .withColumn("r_score", lit(6).minus(score(col("recency_days"), cuts[0])))
        .withColumn("f_score", score(col("frequency"), cuts[1]))
        .withColumn("m_score", score(col("monetary"), cuts[2]))
        .withColumn("log_recency", log1p(col("recency_days")))
        .withColumn("log_frequency", log1p(col("frequency")))
        .withColumn("log_monetary", log1p(when(col("monetary").gt(0), col("monetary")).otherwise(0)));
    PipelineModel clusters = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"log_recency", "log_frequency", "log_monetary"})
            .setOutputCol("raw"),
        new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true),
        new KMeans().setK(5).setSeed(42).setMaxIter(30).setPredictionCol("cluster_id")}).fit(scored);
    clusters.transform(scored).drop("raw", "features").write().format("delta").mode(SaveMode.Overwrite).save(out);
    long written = customers.count();
    customers.unpersist();
    return new Result((System.nanoTime() - start) / 1e9, written);
  }

  /** 1 to 5: how many of the four cut-offs the value is above. */
  private static Column score(Column value, double[] cutOffs) {
    Column score = lit(1);
    for (double cutOff : cutOffs) {
      score = score.plus(when(value.gt(cutOff), 1).otherwise(0));
    }
    return score;
  }
}
