package io.segments.config;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * Where the Delta tables go and which catalog names them.
 *
 * @param warehouse root folder or URI (hdfs://, s3a://...); tables live at warehouse/database/table
 * @param database catalog database the tables are registered in
 * @param metastore the catalog that keeps the names between runs
 */
public record OutputConfig(String warehouse, String database, Metastore metastore) {

  /** Where the catalog keeps {@code <database>.<table>} and the views. */
  public enum Metastore {
    /** An embedded Derby Hive metastore in {@code <warehouse>/metastore_db}: one process at a time. */
    DERBY,
    /** The Hive metastore the cluster is configured with (hive-site.xml, spark.hadoop.hive.metastore.uris). */
    HIVE,
    /** Spark's in-memory catalog: names last as long as the session. */
    MEMORY;

    /** The value as output.metastore spells it. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A warehouse whose names last only for the session, as tests use. */
  public OutputConfig(String warehouse, String database) {
    this(warehouse, database, Metastore.MEMORY);
  }

  static OutputConfig from(Config c) {
    Metastore metastore = ConfValues.oneOf(c, "output.metastore", Metastore.class);
    String warehouse = ConfValues.nonEmpty(c, "output.warehouse");
    if (metastore == Metastore.DERBY && warehouse.contains("://") && !warehouse.startsWith("file:")) {
      throw ConfValues.bad("output.metastore", "hive or memory for a warehouse that is not a local folder "
          + "(an embedded Derby metastore lives on local disk)", "derby");
    }
    return new OutputConfig(warehouse, ConfValues.identifier(c, "output.database"), metastore);
  }

  /** Location of one table: a URI under a URI warehouse, else an absolute local path. */
  public String tablePath(String table) {
    if (warehouse.contains("://")) {
      return warehouse.replaceAll("/+$", "") + "/" + database + "/" + table;
    }
    return Path.of(warehouse).toAbsolutePath().normalize().resolve(database).resolve(table).toString();
  }

  /** The folder of the embedded Derby metastore. */
  public Path derbyFolder() {
    return Path.of(warehouse.replaceFirst("^file:(//)?", "")).toAbsolutePath().normalize().resolve("metastore_db");
  }
}
