package io.segments.input;

import static org.apache.spark.sql.functions.col;

import io.segments.InvalidInputException;
import io.segments.config.InputConfig;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The contract of the optional events table (views, clicks, carts ...): customer_id, event_ts and
 * event_type are required. Events whose customer or time is missing or does not cast are dropped:
 * behaviour is a signal, not a ledger that must reconcile.
 */
public final class BehaviourEvents {
  public static final String EVENT_TS = "event_ts";
  public static final String EVENT_TYPE = "event_type";

  private BehaviourEvents() {}

  /**
   * The events with a customer and a time; events without either are left out.
   *
   * @throws InvalidInputException when a required column is missing or cannot hold ids
   */
  public static Dataset<Row> conform(Dataset<Row> events, InputConfig input, String sourceName) {
    return conformTimed(events, input, "events", sourceName, input.eventColumn(EVENT_TS), EVENT_TS,
        input.eventColumn(EVENT_TYPE), EVENT_TYPE);
  }

  /**
   * Rows of a customer, a time and a kind (events, contacts), those without a customer or a time left out.
   *
   * @throws InvalidInputException naming the table when a required column is missing
   */
  static Dataset<Row> conformTimed(Dataset<Row> rows, InputConfig input, String table, String sourceName,
      String tsSource, String tsColumn, String kindSource, String kindColumn) {
    List<String> present = Arrays.asList(rows.columns());
    String id = input.sourceColumn(TransactionSchema.CUSTOMER_ID);
    for (String required : List.of(id, tsSource, kindSource)) {
      if (!present.contains(required)) {
        throw new InvalidInputException(table + " " + sourceName + ": missing required column '" + required + "'");
      }
    }
    return rows
        .select(Ids.of(rows, id, table, sourceName).as(TransactionSchema.CUSTOMER_ID),
            col(TransactionSchema.quoted(tsSource)).try_cast(DataTypes.TimestampType).as(tsColumn),
            col(TransactionSchema.quoted(kindSource)).cast(DataTypes.StringType).as(kindColumn))
        .where(Ids.isBlank(col(TransactionSchema.CUSTOMER_ID)).unary_$bang().and(col(tsColumn).isNotNull()));
  }
}
