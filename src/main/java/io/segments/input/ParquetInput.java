package io.segments.input;

import static org.apache.spark.sql.functions.col;

import io.segments.InvalidInputException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The read edge: opens a Parquet file or folder, tagging each row with the file it came from. */
public final class ParquetInput {
  private ParquetInput() {}

  /**
   * @param what the input's role in messages, e.g. "transactions"
   * @throws InvalidInputException when the path does not exist or holds no readable Parquet schema
   */
  public static Dataset<Row> read(SparkSession spark, String path, String what) {
    try {
      Dataset<Row> rows = spark.read().parquet(path);
      return rows.select(col("*"), col("_metadata.file_path").as(TransactionSchema.SOURCE_FILE));
    } catch (Exception e) { // Scala throws AnalysisException undeclared, so javac sees no checked exception here
      if (!(e instanceof AnalysisException analysis)) {
        throw e;
      }
      String problem = "PATH_NOT_FOUND".equals(analysis.getCondition()) ? "not found" : "not readable as Parquet";
      throw new InvalidInputException(what + " input " + path + " " + problem + ": " + e.getMessage(), e);
    }
  }
}
