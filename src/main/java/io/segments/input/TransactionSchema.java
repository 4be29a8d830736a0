package io.segments.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;

import io.segments.InvalidInputException;
import io.segments.config.InputConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The contract of the transactions input: which columns must be there, which types can become the
 * contract's types, and the renaming from the user's column names. Rows are not checked here: a
 * value that does not cast is a row problem for {@link LineValidator}; a column of a type that can
 * never cast is a file problem and fails the run.
 */
public final class TransactionSchema {
  public static final String ORDER_ID = "order_id";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String ORDER_TS = "order_ts";
  public static final String AMOUNT = "amount";
  public static final String QUANTITY = "quantity";
  public static final String CATEGORY = "category";
  public static final String CHANNEL = "channel";
  public static final String LINE_ID = "line_id";
  /** The file a line came from, so a rejected line can be traced (from {@link InputReader#INPUT_FILE}). */
  public static final String SOURCE_FILE = "source_file";
  /** Input columns outside the contract, kept as text for rejected lines (personal columns dropped). */
  public static final String OTHER_COLUMNS = "other_columns";

  public static final List<String> REQUIRED = List.of(ORDER_ID, CUSTOMER_ID, ORDER_TS, AMOUNT);
  public static final List<String> OPTIONAL = List.of(QUANTITY, CATEGORY, CHANNEL, LINE_ID);

  private static final Predicate<DataType> ID_TYPES = Ids::canHoldIds;
  private static final Map<String, Accepted> ACCEPTED_TYPES = Map.of(
      ORDER_ID, new Accepted("a string or an integer", ID_TYPES),
      CUSTOMER_ID, new Accepted("a string or an integer", ID_TYPES),
      ORDER_TS, new Accepted("a timestamp, a date or a string", t -> t instanceof TimestampType
          || t instanceof TimestampNTZType || t instanceof DateType || t instanceof StringType),
      AMOUNT, new Accepted("a number or a string", t -> t instanceof NumericType || t instanceof StringType),
      QUANTITY, new Accepted("an integer or a string", t -> t instanceof IntegralType || t instanceof StringType),
      CATEGORY, new Accepted("a string or an integer", ID_TYPES),
      CHANNEL, new Accepted("a string or an integer", ID_TYPES),
      LINE_ID, new Accepted("a string or an integer", ID_TYPES));

  private record Accepted(String description, Predicate<DataType> test) {}

  private TransactionSchema() {}

  /**
   * Renames the mapped source columns to contract names, adds absent optional columns as nulls and
   * folds every other column into {@link #OTHER_COLUMNS}. Types are left as they are.
   *
   * @param source the lines as read, possibly with a {@link InputReader#INPUT_FILE} column
   * @param sourceName the file or table named in error messages
   * @throws InvalidInputException when a required column is missing or a column's type cannot cast
   */
  public static Dataset<Row> conform(Dataset<Row> source, InputConfig input, String sourceName) {
    Set<String> present = Arrays.stream(source.columns()).collect(Collectors.toSet());
    List<Column> columns = new ArrayList<>();
    List<String> mapped = new ArrayList<>();
    for (String contract : concat(REQUIRED, OPTIONAL)) {
      String name = input.sourceColumn(contract);
      if (!present.contains(name)) {
        if (REQUIRED.contains(contract)) {
          throw new InvalidInputException("transactions " + sourceName + ": missing required column '" + name + "'"
              + (name.equals(contract) ? "" : " (mapped to " + contract + " in input.columns)"));
        }
        columns.add(lit(null).cast(DataTypes.StringType).as(contract));
        continue;
      }
      StructField field = source.schema().apply(name);
      Accepted accepted = ACCEPTED_TYPES.get(contract);
      if (!accepted.test().test(field.dataType())) {
        throw new InvalidInputException("transactions " + sourceName + ": column '" + name + "' has type "
            + field.dataType().simpleString() + ", expected " + accepted.description());
      }
      columns.add(col(quoted(name)).as(contract));
      mapped.add(name);
    }
    columns.add(present.contains(InputReader.INPUT_FILE)
        ? col(InputReader.INPUT_FILE).as(SOURCE_FILE)
        : lit(null).cast(DataTypes.StringType).as(SOURCE_FILE));
    columns.add(otherColumns(present, mapped, personalColumns(input)).as(OTHER_COLUMNS));
    return source.select(columns.toArray(Column[]::new));
  }

  /**
   * The names of personal columns in lower case: the contract's and what input.customer-columns maps
   * them to. Spark matches column names in any case, so these are compared in lower case too.
   */
  private static Set<String> personalColumns(InputConfig input) {
    Set<String> names = new HashSet<>();
    for (String personal : CustomerProfiles.PERSONAL) {
      names.add(personal.toLowerCase(Locale.ROOT));
      names.add(input.customerColumn(personal).toLowerCase(Locale.ROOT));
    }
    return names;
  }

  private static Column otherColumns(Set<String> present, List<String> mapped, Set<String> personal) {
    List<Column> keyValues = new ArrayList<>();
    present.stream()
        .filter(name -> !mapped.contains(name) && !name.equals(InputReader.INPUT_FILE))
        // A personal column in the lines would otherwise reach rejected_transactions.
        .filter(name -> !personal.contains(name.toLowerCase(Locale.ROOT)))
        .sorted()
        .forEach(name -> {
          keyValues.add(lit(name));
          keyValues.add(col(quoted(name)).cast(DataTypes.StringType));
        });
    return keyValues.isEmpty()
        ? lit(null).cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        : map(keyValues.toArray(Column[]::new));
  }

  static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
