package io.segments.features;

import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;

import io.segments.input.CustomerContacts;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** last_contact_date: the customer's last contact before the as-of date, from which actions fall due. */
public final class ContactFeatures {
  public static final String LAST_CONTACT_DATE = "last_contact_date";

  private ContactFeatures() {}

  /** @param contacts {@link CustomerContacts#conform} */
  public static Dataset<Row> compute(Dataset<Row> contacts, LocalDate asOf) {
    return contacts
        .select(col(CUSTOMER_ID), to_date(col(CustomerContacts.CONTACT_TS)).as(LAST_CONTACT_DATE))
        .where(col(LAST_CONTACT_DATE).lt(lit(asOf)))
        .groupBy(CUSTOMER_ID)
        .agg(max(col(LAST_CONTACT_DATE)).as(LAST_CONTACT_DATE));
  }
}
