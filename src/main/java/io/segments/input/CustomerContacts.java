package io.segments.input;

import io.segments.InvalidInputException;
import io.segments.config.InputConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The contract of the optional contacts table (calls, visits, messages to customers): customer_id,
 * contact_ts and channel are required. Like events, a contact without a customer or a time is left out;
 * contacts only move the due dates of customer_actions.
 */
public final class CustomerContacts {
  public static final String CONTACT_TS = "contact_ts";
  public static final String CHANNEL = "channel";

  private CustomerContacts() {}

  /** @throws InvalidInputException when a required column is missing */
  public static Dataset<Row> conform(Dataset<Row> contacts, InputConfig input, String sourceName) {
    return BehaviourEvents.conformTimed(contacts, input, "contacts", sourceName, input.contactColumn(CONTACT_TS),
        CONTACT_TS, input.contactColumn(CHANNEL), CHANNEL);
  }
}
