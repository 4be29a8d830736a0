package io.segments.input;

import static org.apache.spark.sql.functions.col;

import io.segments.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkThrowable;
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

  /**
   * Bytes under {@code path} (a file or a folder), for sizing the run's partitions; 0 where nothing is,
   * which {@link #read} then reports.
   */
  public static long sizeInBytes(SparkSession spark, String path) {
    try {
      Path root = new Path(path);
      FileSystem files = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return files.exists(root) ? files.getContentSummary(root).getLength() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code action}, turning a failure to read an input file into an {@link InvalidInputException}
   * that names the file: a corrupt or truncated Parquet file is bad input (exit 2), never a partial
   * result. Spark reads lazily, so such a failure surfaces in whichever action first touches the file.
   */
  public static <T> T namingUnreadableFiles(Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof SparkThrowable spark && spark.getCondition() != null
            && (spark.getCondition().startsWith("FAILED_READ_FILE")
                || spark.getCondition().startsWith("CANNOT_READ_FILE_FOOTER"))) {
          throw new InvalidInputException("cannot read an input file: " + firstLine(cause.getMessage())
              + " (the file is corrupt or truncated; replace or remove it and re-run)", e);
        }
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
    }
  }

  private static String firstLine(String message) {
    String trimmed = message == null ? "" : message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline);
  }
}
