package io.segments.config;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * Where the Delta tables go.
 *
 * @param warehouse root folder or URI (hdfs://, s3a://...); tables live at warehouse/database/table
 * @param database catalog database the tables are registered in
 */
public record OutputConfig(String warehouse, String database) {

  static OutputConfig from(Config c) {
    return new OutputConfig(ConfValues.nonEmpty(c, "output.warehouse"), ConfValues.identifier(c, "output.database"));
  }

  /** Location of one table: a URI under a URI warehouse, else an absolute local path. */
  public String tablePath(String table) {
    if (warehouse.contains("://")) {
      return warehouse.replaceAll("/+$", "") + "/" + database + "/" + table;
    }
    return Path.of(warehouse).toAbsolutePath().normalize().resolve(database).resolve(table).toString();
  }
}
