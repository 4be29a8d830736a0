package io.segments.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.segments.InvalidInputException;
import io.segments.config.InputFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.SchemaColumnConvertNotSupportedException;
import org.apache.spark.sql.types.DataTypes;

/**
 * The read edge: opens an input in its format (input.format) and tags each row with the file it came
 * from. A Delta table is read through its log, never as the Parquet files in its folder, which also
 * hold the rows it has removed.
 */
public final class InputReader {
  /**
   * The column that carries each row's file, named so that no input column is likely to have the name;
   * one that does is refused rather than overwritten.
   */
  public static final String INPUT_FILE = "__segments_input_file";

  private InputReader() {}

  /**
   * @param path a file, folder or glob; for {@link InputFormat#TABLE}, a catalog table name
   * @param what the input's role in messages, e.g. "transactions"
   * @throws InvalidInputException when the input does not exist or cannot be read in its format
   */
  public static Dataset<Row> read(SparkSession spark, String path, InputFormat format, String what) {
    InputFormat resolved = format == InputFormat.AUTO ? detect(spark, path) : format;
    boolean found = resolved == InputFormat.TABLE ? spark.catalog().tableExists(path) : exists(spark, path);
    if (!found) {
      throw new InvalidInputException(what + " input " + path + " not found"
          + (resolved == InputFormat.TABLE ? " in the catalog" : ""));
    }
    try {
      Dataset<Row> rows = switch (resolved) {
        case DELTA -> spark.read().format("delta").load(path);
        // Every value as text: the validation casts and rejects line by line, as for text in Parquet.
        case CSV -> spark.read().option("header", true).csv(path);
        case TABLE -> spark.table(path);
        default -> spark.read().parquet(path);
      };
      if (Arrays.asList(rows.columns()).contains(INPUT_FILE)) {
        throw new InvalidInputException(what + " input " + path + ": the column name " + INPUT_FILE
            + " is reserved for the job; rename that column");
      }
      return rows.select(col("*"), fileOf(rows).as(INPUT_FILE));
    } catch (Exception e) { // Scala throws AnalysisException undeclared, so javac sees no checked exception here
      if (!(e instanceof AnalysisException analysis)) {
        throw e;
      }
      throw new InvalidInputException(
          what + " input " + path + " not readable as " + resolved.name().toLowerCase(Locale.ROOT) + ": "
              + e.getMessage(), e);
    }
  }

  /** A folder with a Delta log is a Delta table; anything else that exists is read as Parquet. */
  private static InputFormat detect(SparkSession spark, String path) {
    try {
      Path log = new Path(new Path(path), "_delta_log");
      return fileSystem(spark, log).exists(log) ? InputFormat.DELTA : InputFormat.PARQUET;
    } catch (IOException | IllegalArgumentException e) {
      return InputFormat.PARQUET;
    }
  }

  /**
   * The file of each row, through metadataColumn, which reaches Spark's file metadata even where the
   * input has a column named _metadata; null for a table whose source keeps no files.
   */
  private static Column fileOf(Dataset<Row> rows) {
    try {
      return rows.metadataColumn("_metadata").getField("file_path");
    } catch (Exception e) { // AnalysisException, undeclared
      return lit(null).cast(DataTypes.StringType);
    }
  }

  /**
   * Bytes under {@code path} (a file, folder or glob), for sizing the run's partitions; 0 where nothing
   * is (or for a catalog table), which {@link #read} then reports.
   */
  public static long sizeInBytes(SparkSession spark, String path) {
    try {
      Path root = new Path(path);
      FileSystem files = fileSystem(spark, root);
      long bytes = 0;
      for (FileStatus match : matches(spark, path)) {
        bytes += files.getContentSummary(match.getPath()).getLength();
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean exists(SparkSession spark, String path) {
    try {
      return matches(spark, path).length > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files and folders a path names; a path may be a glob, as Spark's readers allow. */
  private static FileStatus[] matches(SparkSession spark, String path) throws IOException {
    Path root = new Path(path);
    FileStatus[] matches = fileSystem(spark, root).globStatus(root);
    return matches == null ? new FileStatus[0] : matches;
  }

  private static FileSystem fileSystem(SparkSession spark, Path path) throws IOException {
    return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  /**
   * Runs {@code action}, turning a failure to read an input file into an {@link InvalidInputException}
   * that names the file: a corrupt or truncated Parquet file is bad input (exit 2), never a partial
   * result. Spark reads lazily, so such a failure surfaces in whichever action first touches the file.
   */
  public static <T> T namingUnreadableFiles(SparkSession spark, Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof SparkThrowable failure && failure.getCondition() != null
            && (failure.getCondition().startsWith("FAILED_READ_FILE")
                || failure.getCondition().startsWith("CANNOT_READ_FILE_FOOTER"))) {
          throw new InvalidInputException(whatIsWrong(spark, failure, cause), e);
        }
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Tells a file that is no Parquet, a column typed differently between files, and a damaged file apart. */
  private static String whatIsWrong(SparkSession spark, SparkThrowable failure, Throwable cause) {
    String path = failure.getMessageParameters().getOrDefault("path", "");
    for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
      if (inner instanceof SchemaColumnConvertNotSupportedException mismatch) {
        return "input file " + path + ": column " + mismatch.getColumn().replaceAll("[\\[\\]]", "") + " is "
            + mismatch.getPhysicalType() + " in this file, but " + mismatch.getLogicalType()
            + " in the schema read from the other files; write every file of an input with one type per column";
      }
    }
    if (!path.isEmpty() && !startsLikeParquet(spark, path)) {
      return "input file " + path.substring(path.lastIndexOf('/') + 1) + " is not a Parquet file (" + path
          + " lacks Parquet's PAR1 marker); move it out of the input folder (names starting with _ or . are skipped)";
    }
    return "cannot read an input file: " + firstLine(((Throwable) failure).getMessage())
        + " (the file is corrupt or truncated; replace or remove it and re-run)";
  }

  private static boolean startsLikeParquet(SparkSession spark, String path) {
    Path file = new Path(path);
    byte[] magic = new byte[4];
    try (FSDataInputStream in = fileSystem(spark, file).open(file)) {
      in.readFully(magic);
      return new String(magic, StandardCharsets.US_ASCII).equals("PAR1");
    } catch (IOException e) {
      return false;
    }
  }

  private static String firstLine(String message) {
    String trimmed = message == null ? "" : message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline);
  }
}
