package io.segments.input;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Source file paths as small numbers while lines are shuffled: a path is often longer than the rest
 * of the line, and the input has few files. The list is the frame's file index, known without
 * reading a row; a frame not read from files carries its source_file column unchanged.
 */
final class SourceFiles {
  /** The file list spells local files file:///path, a row's _metadata.file_path file:/path. */
  private static final String LOCAL_PREFIX = "^file:/+";

  private final Column paths;

  private SourceFiles(Column paths) {
    this.paths = paths;
  }

  static SourceFiles of(Dataset<Row> lines) {
    String[] files = lines.inputFiles();
    return new SourceFiles(files.length == 0
        ? null
        : array(Arrays.stream(files).map(f -> lit(f.replaceFirst(LOCAL_PREFIX, "file:/"))).toArray(Column[]::new)));
  }

  /** The path's 1-based position in the file list; 0 for a path not in it. */
  Column encode(Column path) {
    return paths == null ? path : array_position(paths, regexp_replace(path, LOCAL_PREFIX, "file:/"));
  }

  Column decode(Column encoded) {
    return paths == null ? encoded : when(encoded.gt(0), element_at(paths, encoded.cast("int")));
  }
}
