package io.segments.support;

import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * A reader of the Delta tables that is not the job and has no SparkSession: Delta Kernel with its
 * default engine, reading the latest table version as any other Delta client would. The two
 * internal helpers are the ones Delta's own single-threaded reader example uses.
 */
public final class KernelReader {
  private final Engine engine = DefaultEngine.create(new Configuration());

  /** The named columns of every row of the table's latest version, or of one snapshot date only. */
  public List<Map<String, Object>> rows(String tablePath, List<String> columns, Optional<LocalDate> snapshotDate) {
    Snapshot snapshot = Table.forPath(engine, tablePath).getLatestSnapshot(engine);
    StructType wanted = columns.stream().map(snapshot.getSchema()::get)
        .reduce(new StructType(), StructType::add, (a, b) -> a);
    ScanBuilder builder = snapshot.getScanBuilder().withReadSchema(wanted);
    if (snapshotDate.isPresent()) {
      builder = builder.withFilter(new Predicate("=", new Column("snapshot_date"),
          Literal.ofDate((int) snapshotDate.get().toEpochDay())));
    }
    Scan scan = builder.build();
    Row scanState = scan.getScanState(engine);
    List<Map<String, Object>> rows = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            read(scanState, fileRows.next(), wanted, rows);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private void read(Row scanState, Row file, StructType wanted, List<Map<String, Object>> rows) throws IOException {
    CloseableIterator<FileReadResult> read = engine.getParquetHandler().readParquetFiles(
        singleton(InternalScanFileUtils.getAddFileStatus(file)), ScanStateRow.getPhysicalDataReadSchema(scanState),
        Optional.empty());
    CloseableIterator<ColumnarBatch> physical = read.map(FileReadResult::getData);
    try (CloseableIterator<FilteredColumnarBatch> data = Scan.transformPhysicalData(engine, scanState, file, physical)) {
      while (data.hasNext()) {
        try (CloseableIterator<Row> values = data.next().getRows()) {
          while (values.hasNext()) {
            rows.add(values(values.next(), wanted));
          }
        }
      }
    }
  }

  private static Map<String, Object> values(Row row, StructType wanted) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<StructField> fields = wanted.fields();
    for (int i = 0; i < fields.size(); i++) {
      values.put(fields.get(i).getName(), row.isNullAt(i) ? null : value(row, i, fields.get(i)));
    }
    return values;
  }

  private static Object value(Row row, int i, StructField field) {
    DataType type = field.getDataType();
    if (type instanceof StringType) {
      return row.getString(i);
    } else if (type instanceof LongType) {
      return row.getLong(i);
    } else if (type instanceof IntegerType) {
      return row.getInt(i);
    } else if (type instanceof DoubleType) {
      return row.getDouble(i);
    } else if (type instanceof BooleanType) {
      return row.getBoolean(i);
    } else if (type instanceof DateType) {
      return LocalDate.ofEpochDay(row.getInt(i));
    } else if (type instanceof DecimalType) {
      return row.getDecimal(i);
    }
    throw new IllegalArgumentException("the test reader does not read " + field);
  }

  private static <T> CloseableIterator<T> singleton(T value) {
    return io.delta.kernel.internal.util.Utils.singletonCloseableIterator(value);
  }
}
