package io.segments.config;

import java.nio.file.Path;

/**
 * Where the Delta tables go.
 *
 * @param warehouse root folder or URI (hdfs://, s3a://...); tables live at warehouse/database/table
 * @param database catalog database the tables are registered in
 */
public record OutputConfig(String warehouse, String database) {

  /** Location of one table: a URI under a URI warehouse, else an absolute local path. */
  public String tablePath(String table) {
    if (warehouse.contains("://")) {
      return warehouse.replaceAll("/+$", "") + "/" + database + "/" + table;
    }
    return Path.of(warehouse).toAbsolutePath().normalize().resolve(database).resolve(table).toString();
  }
}
