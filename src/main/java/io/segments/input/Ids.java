package io.segments.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.trim;

import io.segments.InvalidInputException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StringType;

/**
 * An id as every input gives it: text, or a whole number as its digits, so that one customer has one
 * id in the transactions, the profile and the events. A floating-point id would make 1 into "1.0"
 * and silently match nothing, so such a column is refused. A blank id names nobody.
 */
public final class Ids {
  private Ids() {}

  /** Whether a column of this type can hold ids: text, an integer, or a decimal without fraction digits. */
  static boolean canHoldIds(DataType type) {
    return type instanceof StringType || type instanceof IntegralType
        || type instanceof DecimalType decimal && decimal.scale() == 0;
  }

  /**
   * The id column as text.
   *
   * @param what the input's role in messages, e.g. "customers"
   * @throws InvalidInputException naming the column when its type cannot hold ids
   */
  static Column of(Dataset<Row> rows, String column, String what, String sourceName) {
    DataType type = rows.schema().apply(column).dataType();
    if (!canHoldIds(type)) {
      throw new InvalidInputException(what + " " + sourceName + ": column '" + column + "' has type "
          + type.simpleString() + ", expected a string or an integer (ids of another type match no customer)");
    }
    return col(TransactionSchema.quoted(column)).cast(DataTypes.StringType);
  }

  /** Null, empty or only white space. */
  static Column isBlank(Column id) {
    return id.isNull().or(trim(id.cast(DataTypes.StringType)).equalTo(""));
  }
}
