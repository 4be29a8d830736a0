package io.segments.support;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark program that is not the job, run in a JVM of its own: it opens the embedded Derby metastore
 * of a warehouse, as a notebook or spark-sql would, and prints each query's rows, one per line, values
 * separated by '|'. Usage: CatalogProbe WAREHOUSE QUERY...
 */
public final class CatalogProbe {
  private CatalogProbe() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("catalog-probe")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:;databaseName=" + args[0] + "/metastore_db;create=false")
        .enableHiveSupport()
        .getOrCreate();
    for (int i = 1; i < args.length; i++) {
      for (Row row : spark.sql(args[i]).collectAsList()) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < row.length(); column++) {
          line.append(column == 0 ? "" : "|").append(row.get(column));
        }
        System.out.println(line);
      }
    }
    spark.stop();
  }
}
