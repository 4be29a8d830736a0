package io.segments.support;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Small in-memory frames for tests, typed by a DDL schema string. */
public final class Frames {
  private Frames() {}

  /** e.g. {@code of(spark, "id STRING, n INT", row("a", 1), row("b", 2))} */
  public static Dataset<Row> of(SparkSession spark, String ddl, Row... rows) {
    return spark.createDataFrame(Arrays.asList(rows), StructType.fromDDL(ddl));
  }

  public static Dataset<Row> of(SparkSession spark, String ddl, List<Row> rows) {
    return spark.createDataFrame(rows, StructType.fromDDL(ddl));
  }

  public static Row row(Object... values) {
    return RowFactory.create(values);
  }
}
