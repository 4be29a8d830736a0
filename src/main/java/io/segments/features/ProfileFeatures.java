package io.segments.features;

import static io.segments.input.CustomerProfiles.ACCOUNT_MANAGER;
import static io.segments.input.CustomerProfiles.BIRTH_DATE;
import static io.segments.input.CustomerProfiles.CITY;
import static io.segments.input.CustomerProfiles.CITY_TIER;
import static io.segments.input.CustomerProfiles.COUNTRY;
import static io.segments.input.CustomerProfiles.CUSTOMER_TYPE;
import static io.segments.input.CustomerProfiles.EMAIL;
import static io.segments.input.CustomerProfiles.GENDER;
import static io.segments.input.CustomerProfiles.PHONE;
import static io.segments.input.CustomerProfiles.REGION;
import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.right;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import io.segments.config.ClassificationConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The profile as the segment tables may show it. This is where personal data stops: birth_date
 * becomes age_band (youth / middle_aged / senior by the age in whole years at the as-of date against
 * classification.age-bands), phone and email become masked handles (138****5678,
 * a***@example.com), and none of the raw personal columns leaves this stage. Free-text values are
 * normalized to keys: customer_type enterprise / individual, gender male / female (English or
 * Chinese, any case; anything else is null), country upper case; city_tier falls back to the
 * configured city list.
 */
public final class ProfileFeatures {
  public static final String AGE_BAND = "age_band";
  public static final String PHONE_MASKED = "phone_masked";
  public static final String EMAIL_MASKED = "email_masked";
  /**
   * Days from the as-of date to the next birthday (0 = on the day; 29 February counts as the 28th in
   * other years). Playbooks read it; no output table has it, so the birth date does not leave the job.
   */
  public static final String DAYS_TO_BIRTHDAY = "days_to_birthday";

  private static final int PHONE_VISIBLE_DIGITS = 7;

  private ProfileFeatures() {}

  /** @param profiles {@link io.segments.input.CustomerProfiles#conform} */
  public static Dataset<Row> compute(Dataset<Row> profiles, LocalDate asOf, ClassificationConfig config) {
    Column age = floor(months_between(lit(asOf), col(BIRTH_DATE)).divide(12)).cast(DataTypes.IntegerType);
    return profiles.select(
        col(CUSTOMER_ID),
        keyOf(col(CUSTOMER_TYPE), "enterprise", List.of("enterprise", "企业", "企業", "company", "b2b"),
            "individual", List.of("individual", "个人", "個人", "person", "personal", "b2c")).as(CUSTOMER_TYPE),
        upper(trim(col(COUNTRY))).as(COUNTRY),
        col(REGION),
        col(CITY),
        coalesce(col(CITY_TIER), cityTierOf(col(CITY), config)).as(CITY_TIER),
        keyOf(col(GENDER), "male", List.of("m", "male", "男"), "female", List.of("f", "female", "女")).as(GENDER),
        when(age.lt(0), lit(null))
            .when(age.lt(config.ageBands().get(0)), lit("youth"))
            .when(age.lt(config.ageBands().get(1)), lit("middle_aged"))
            .when(age.isNotNull(), lit("senior")).as(AGE_BAND),
        maskedPhone(col(PHONE)).as(PHONE_MASKED),
        maskedEmail(col(EMAIL)).as(EMAIL_MASKED),
        col(ACCOUNT_MANAGER),
        daysToBirthday(col(BIRTH_DATE), asOf).as(DAYS_TO_BIRTHDAY));
  }

  /** add_months keeps the day of month where it can and clamps 29 February, as people celebrate it. */
  public static Column daysToBirthday(Column birthDate, LocalDate asOf) {
    Column yearsBefore = lit(asOf.getYear()).minus(year(birthDate));
    Column thisYear = add_months(birthDate, yearsBefore.multiply(12));
    Column next = when(thisYear.lt(lit(asOf)), add_months(birthDate, yearsBefore.plus(1).multiply(12))).otherwise(thisYear);
    return when(birthDate.leq(lit(asOf)), datediff(next, lit(asOf)));
  }

  /** 13812345678 → 138****5678: the first three and last four digits; shorter numbers are all stars. */
  static Column maskedPhone(Column phone) {
    Column digits = regexp_replace(phone, "[^0-9]", "");
    return when(length(digits).geq(PHONE_VISIBLE_DIGITS),
            concat(substring(digits, 1, 3), lit("****"), right(digits, lit(4))))
        .when(length(digits).gt(0), lit("****"));
  }

  /** alice@example.com → a***@example.com; a value without @ is no email and masks to null. */
  static Column maskedEmail(Column email) {
    Column trimmed = trim(email);
    return when(trimmed.rlike("^[^@]+@[^@]+$"), regexp_replace(trimmed, "^(.)[^@]*@", "$1***@"));
  }

  private static Column keyOf(Column value, String first, List<String> firstSpellings, String second,
      List<String> secondSpellings) {
    Column normalized = lower(trim(value));
    return when(normalized.isin(firstSpellings.toArray()), lit(first))
        .when(normalized.isin(secondSpellings.toArray()), lit(second));
  }

  private static Column cityTierOf(Column city, ClassificationConfig config) {
    if (config.cityTiers().isEmpty()) {
      return lit(null).cast(DataTypes.IntegerType);
    }
    List<Column> entries = new ArrayList<>();
    config.cityTiers().forEach((name, tier) -> {
      entries.add(lit(name));
      entries.add(lit(tier));
    });
    return element_at(map(entries.toArray(Column[]::new)), trim(city));
  }
}
