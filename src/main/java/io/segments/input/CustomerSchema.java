package io.segments.input;

import static org.apache.spark.sql.functions.col;

import io.segments.InvalidInputException;
import io.segments.config.InputConfig;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** The contract of the optional customers profile table, as far as the job uses it. */
public final class CustomerSchema {
  private CustomerSchema() {}

  /**
   * The distinct customer ids of the profile table: customers here with no purchase still get a
   * row in the segments, as prospects.
   *
   * @throws InvalidInputException when the customer id column is missing
   */
  public static Dataset<Row> customerIds(Dataset<Row> customers, InputConfig input, String sourceName) {
    String name = input.sourceColumn(TransactionSchema.CUSTOMER_ID);
    if (!Arrays.asList(customers.columns()).contains(name)) {
      throw new InvalidInputException("customers " + sourceName + ": missing required column '" + name + "'");
    }
    return customers
        .select(col("`" + name + "`").cast(DataTypes.StringType).as(TransactionSchema.CUSTOMER_ID))
        .where(col(TransactionSchema.CUSTOMER_ID).isNotNull())
        .distinct();
  }
}
