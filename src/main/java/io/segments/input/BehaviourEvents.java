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
    List<String> present = Arrays.asList(events.columns());
    String id = input.sourceColumn(TransactionSchema.CUSTOMER_ID);
    String ts = input.eventColumn(EVENT_TS);
    String type = input.eventColumn(EVENT_TYPE);
    for (String required : List.of(id, ts, type)) {
      if (!present.contains(required)) {
        throw new InvalidInputException("events " + sourceName + ": missing required column '" + required + "'");
      }
    }
    return events
        .select(Ids.of(events, id, "events", sourceName).as(TransactionSchema.CUSTOMER_ID),
            col(TransactionSchema.quoted(ts)).try_cast(DataTypes.TimestampType).as(EVENT_TS),
            col(TransactionSchema.quoted(type)).cast(DataTypes.StringType).as(EVENT_TYPE))
        .where(Ids.isBlank(col(TransactionSchema.CUSTOMER_ID)).unary_$bang().and(col(EVENT_TS).isNotNull()));
  }
}
