package io.segments.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import io.segments.InvalidInputException;
import io.segments.config.InputConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The contract of the optional customers profile table: customer_id is required, every profile
 * column is optional (null where the table lacks it), and a value that does not cast is null rather
 * than a failed run, since a profile is descriptive. Only the columns the job uses are read; the
 * personal ones among them ({@link #PERSONAL}) are consumed by the features stage and never reach an
 * output table.
 */
public final class CustomerProfiles {
  public static final String CUSTOMER_TYPE = "customer_type";
  public static final String COUNTRY = "country";
  public static final String REGION = "region";
  public static final String CITY = "city";
  public static final String CITY_TIER = "city_tier";
  public static final String GENDER = "gender";
  public static final String BIRTH_DATE = "birth_date";
  public static final String PHONE = "phone";
  public static final String EMAIL = "email";
  public static final String ACCOUNT_MANAGER = "account_manager";

  /** Columns of the contract that identify or contact a person; see the README's privacy section. */
  public static final List<String> PERSONAL = List.of("name", BIRTH_DATE, PHONE, EMAIL);

  private static final Map<String, DataType> PROFILE_COLUMNS = Map.of(
      CUSTOMER_TYPE, DataTypes.StringType,
      COUNTRY, DataTypes.StringType,
      REGION, DataTypes.StringType,
      CITY, DataTypes.StringType,
      CITY_TIER, DataTypes.IntegerType,
      GENDER, DataTypes.StringType,
      BIRTH_DATE, DataTypes.DateType,
      PHONE, DataTypes.StringType,
      EMAIL, DataTypes.StringType,
      ACCOUNT_MANAGER, DataTypes.StringType);

  private static final String PROFILE = "profile";

  private CustomerProfiles() {}

  /**
   * One row per customer id: customer_id plus every profile column, typed. Where the table repeats
   * a customer the row with the smallest values is kept, so the choice does not depend on file order.
   *
   * @throws InvalidInputException when the customer id column is missing
   */
  public static Dataset<Row> conform(Dataset<Row> customers, InputConfig input, String sourceName) {
    List<String> present = Arrays.asList(customers.columns());
    String idColumn = input.sourceColumn(TransactionSchema.CUSTOMER_ID);
    if (!present.contains(idColumn)) {
      throw new InvalidInputException("customers " + sourceName + ": missing required column '" + idColumn + "'");
    }
    List<Column> profile = new ArrayList<>();
    for (String column : PROFILE_COLUMNS.keySet().stream().sorted().toList()) {
      String source = input.customerColumn(column);
      DataType type = PROFILE_COLUMNS.get(column);
      profile.add((present.contains(source) ? col(TransactionSchema.quoted(source)).try_cast(type) : lit(null).cast(type)).as(column));
    }
    return customers
        .select(Ids.of(customers, idColumn, "customers", sourceName).as(TransactionSchema.CUSTOMER_ID),
            struct(profile.toArray(Column[]::new)).as(PROFILE))
        .where(Ids.isBlank(col(TransactionSchema.CUSTOMER_ID)).unary_$bang())
        .groupBy(col(TransactionSchema.CUSTOMER_ID))
        .agg(min(col(PROFILE)).as(PROFILE))
        .select(col(TransactionSchema.CUSTOMER_ID), col(PROFILE + ".*"));
  }

  /**
   * The rows of a customers table whose id is blank, which {@link #conform} leaves out: a profile of
   * nobody. The run counts them.
   */
  public static Dataset<Row> blankIds(Dataset<Row> customers, InputConfig input) {
    return customers.where(Ids.isBlank(col(TransactionSchema.quoted(input.sourceColumn(TransactionSchema.CUSTOMER_ID)))));
  }

  /** A conformed profile table without rows, for a job that has no customers table. */
  public static Dataset<Row> none(SparkSession spark) {
    StructType schema = new StructType().add(TransactionSchema.CUSTOMER_ID, DataTypes.StringType);
    for (String column : PROFILE_COLUMNS.keySet().stream().sorted().toList()) {
      schema = schema.add(column, PROFILE_COLUMNS.get(column));
    }
    return spark.createDataFrame(List.of(), schema);
  }

  /** The customer ids of a conformed profile table. */
  public static Dataset<Row> ids(Dataset<Row> profiles) {
    return profiles.select(TransactionSchema.CUSTOMER_ID);
  }

}
