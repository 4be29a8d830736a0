package io.segments.input;

import static io.segments.input.TransactionSchema.AMOUNT;
import static io.segments.input.TransactionSchema.CATEGORY;
import static io.segments.input.TransactionSchema.CHANNEL;
import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static io.segments.input.TransactionSchema.LINE_ID;
import static io.segments.input.TransactionSchema.ORDER_ID;
import static io.segments.input.TransactionSchema.ORDER_TS;
import static io.segments.input.TransactionSchema.OTHER_COLUMNS;
import static io.segments.input.TransactionSchema.QUANTITY;
import static io.segments.input.TransactionSchema.SOURCE_FILE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.segments.config.ValidationConfig;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;

/**
 * Sorts every conformed line into exactly one of accepted, rejected (with a reason) or excluded
 * (dated on or after the as-of date), so that input = accepted + rejected + excluded by construction.
 *
 * <p>Checks run in this order and the first that fails names the reason: missing or uncastable
 * keys, timestamp and amount (a line that cannot be placed in time is always rejected); then lines
 * on or after the as-of date are excluded, not rejected, since a later snapshot will use them; then
 * the history start, the amount bound and, when the input has line_id, repeated (order_id, line_id)
 * pairs, of which the first by timestamp, amount and customer is kept (copies equal in all three are
 * interchangeable: which one is kept changes nothing but its source_file in the rejected table).
 *
 * <p>Dates are taken in the session time zone, which the job sets to the configured zone.
 */
public final class LineValidator {
  public static final String LINE_STATUS = "line_status";
  /** Which input a rejected row came from: transactions, invoices or payments. */
  public static final String SOURCE_TABLE = "source_table";
  public static final String REJECT_REASON = "reject_reason";
  /** Every original value of a rejected line, as text; null for other lines. */
  public static final String REJECTED_LINE = "rejected_line";

  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected";
  public static final String EXCLUDED = "excluded";

  public static final DecimalType AMOUNT_TYPE = DataTypes.createDecimalType(18, 2);
  /** The largest value of AMOUNT_TYPE (precision nines, scale of them decimals). */
  private static final BigDecimal LARGEST_AMOUNT =
      new BigDecimal(BigInteger.TEN.pow(AMOUNT_TYPE.precision()).subtract(BigInteger.ONE), AMOUNT_TYPE.scale());

  private static final String ISO_DATE_TIME =
      "^\\d{4}-\\d{1,2}-\\d{1,2}([ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?)?$";
  private static final String RAW_ORDER_TS = "raw_order_ts";
  private static final String RAW_AMOUNT = "raw_amount";
  private static final String RAW_QUANTITY = "raw_quantity";
  private static final String REPEATED = "repeated";
  private static final String KEY_HASH = "key_hash";
  /** Repeated (order_id, line_id) keys sent whole to every task: a few megabytes. */
  private static final long MAX_BROADCAST_KEYS = 200_000;

  private final ValidationConfig config;
  private final boolean deduplicateLines;
  private final long maxBroadcastKeys;
  private final Column keyHash;

  /**
   * @param deduplicateLines whether the input has a line_id column, which makes a repeated
   *     (order_id, line_id) a duplicate
   */
  public LineValidator(ValidationConfig config, boolean deduplicateLines) {
    this(config, deduplicateLines, MAX_BROADCAST_KEYS, xxhash64(col(ORDER_ID), col(LINE_ID)));
  }

  /**
   * @param maxBroadcastKeys up to how many repeated keys are sent to every task instead of joined by a shuffle
   * @param keyHash a long computed from order_id and line_id; equal keys must get equal hashes
   */
  LineValidator(ValidationConfig config, boolean deduplicateLines, long maxBroadcastKeys, Column keyHash) {
    this.config = config;
    this.deduplicateLines = deduplicateLines;
    this.maxBroadcastKeys = maxBroadcastKeys;
    this.keyHash = keyHash;
  }

  /**
   * With line_id this runs one Spark job, which counts the repeated hashes of (order_id, line_id):
   * usually there are none, and then no line moves. Otherwise only the copies are ranked.
   *
   * @param lines output of {@link TransactionSchema#conform}
   * @return the typed contract columns plus {@link #LINE_STATUS}, {@link #REJECT_REASON} and
   *     {@link #REJECTED_LINE}
   */
  public Dataset<Row> validate(Dataset<Row> lines, LocalDate asOf) {
    Column orderTs = timestamp(lines, ORDER_TS, config);
    Column amount = col(AMOUNT).try_cast(AMOUNT_TYPE);
    Column quantity = col(QUANTITY).try_cast(DataTypes.IntegerType);
    Column unplaceable = when(Ids.isBlank(col(CUSTOMER_ID)), "missing_customer_id")
        .when(Ids.isBlank(col(ORDER_ID)), "missing_order_id")
        .when(col(ORDER_TS).isNull(), "missing_order_ts")
        .when(orderTs.isNull(), "invalid_order_ts")
        .when(col(AMOUNT).isNull(), "missing_amount")
        .when(amount.isNull(), "invalid_amount")
        .when(col(QUANTITY).isNotNull().and(quantity.isNull()), "invalid_quantity");
    Column excluded = unplaceable.isNull().and(orderTs.geq(lit(asOf).cast(DataTypes.TimestampType)));
    Column outOfBounds = when(orderTs.lt(lit(config.historyStart()).cast(DataTypes.TimestampType)), "before_history_start")
        .when(outOfRange(amount, config), "amount_out_of_range");

    Dataset<Row> checked = lines.select(
            col(CUSTOMER_ID).cast(DataTypes.StringType).as(CUSTOMER_ID),
            col(ORDER_ID).cast(DataTypes.StringType).as(ORDER_ID),
            orderTs.as(ORDER_TS),
            amount.as(AMOUNT),
            quantity.as(QUANTITY),
            col(CATEGORY).cast(DataTypes.StringType).as(CATEGORY),
            col(CHANNEL).cast(DataTypes.StringType).as(CHANNEL),
            col(LINE_ID).cast(DataTypes.StringType).as(LINE_ID),
            col(SOURCE_FILE),
            col(OTHER_COLUMNS),
            raw(lines, ORDER_TS, DataTypes.TimestampType).as(RAW_ORDER_TS),
            raw(lines, AMOUNT, AMOUNT_TYPE).as(RAW_AMOUNT),
            raw(lines, QUANTITY, DataTypes.IntegerType).as(RAW_QUANTITY),
            excluded.as(EXCLUDED),
            when(excluded, lit(null)).otherwise(unplaceable.otherwise(outOfBounds)).as(REJECT_REASON));

    if (deduplicateLines) {
      checked = markDuplicates(checked);
    }
    Column rejected = col(REJECT_REASON).isNotNull();
    return checked.select(
        col(CUSTOMER_ID), col(ORDER_ID), col(ORDER_TS), col(AMOUNT), col(QUANTITY), col(CATEGORY), col(CHANNEL),
        col(LINE_ID),
        when(rejected, lit(REJECTED)).when(col(EXCLUDED), lit(EXCLUDED)).otherwise(lit(ACCEPTED)).as(LINE_STATUS),
        col(REJECT_REASON),
        // Text of the original values only where someone will read it: formatting every line is costly.
        when(rejected, originalLine()).as(REJECTED_LINE));
  }

  /**
   * Whether an amount of AMOUNT_TYPE is beyond validation.max-abs-amount either way. Not abs(amount) &gt;
   * max: Spark's decimal abs compares the amount with a zero of another scale, through a BigDecimal for
   * every line (8 % of a 10M-line validation's samples). The bounds are literals held as longs: Spark
   * compares two decimals as longs only when both are held so, and a literal made from a BigDecimal stays
   * one after its cast (another 5 % of those samples). An amount has whole cents, so it exceeds the
   * bound exactly when it exceeds the bound's cents rounded down; amounts of AMOUNT_TYPE cannot exceed
   * its largest value.
   */
  static Column outOfRange(Column amount, ValidationConfig config) {
    long boundCents = config.maxAbsAmount().min(LARGEST_AMOUNT).setScale(AMOUNT_TYPE.scale(), RoundingMode.FLOOR)
        .unscaledValue().longValueExact();
    return amount.gt(amountOf(boundCents)).or(amount.lt(amountOf(-boundCents)));
  }

  private static Column amountOf(long cents) {
    return lit(Decimal.apply(cents, AMOUNT_TYPE.precision(), AMOUNT_TYPE.scale()));
  }

  /** The accepted lines: customer, order, timestamp, amount and category. */
  public static Dataset<Row> accepted(Dataset<Row> validated) {
    return validated.where(col(LINE_STATUS).equalTo(ACCEPTED)).select(CUSTOMER_ID, ORDER_ID, ORDER_TS, AMOUNT, CATEGORY);
  }

  /**
   * The rejected rows: every original value as text, its source file, other columns and the reason,
   * and the input table it came from.
   *
   * @param table the input's name in rejected_transactions.source_table
   */
  public static Dataset<Row> rejected(Dataset<Row> validated, String table) {
    return validated.where(col(LINE_STATUS).equalTo(REJECTED))
        .select(col(REJECTED_LINE + ".*"), col(REJECT_REASON), lit(table).as(SOURCE_TABLE));
  }

  /**
   * Marks all but the first copy of each repeated (order_id, line_id). Spreading every line by its
   * order to rank them took a third of a 10M-line run's validation; only a 64-bit hash of each key
   * travels now (a long groups and travels for less than two strings), and only the lines whose hash
   * repeats are ranked, by their keys themselves: a line that merely shares its hash with another key
   * ranks first among its own key's lines and stays as it was. The repeated hashes are sent to every
   * task when few (a hostile input of mostly copies would not fit, and is joined the usual way). They
   * are found once and checkpointed: the validated lines are not cached, and each reader of them (the
   * counts, the features, the rejected rows) would otherwise group every line's key again. The hashes
   * travel before they are counted: nearly every key is unique, so a count per task before the shuffle
   * reduced nothing and hashed every line once more (README, Benchmark, issue 14's twenty-third pass).
   */
  private Dataset<Row> markDuplicates(Dataset<Row> checked) {
    Column candidate = col(REJECT_REASON).isNull().and(col(EXCLUDED).unary_$bang()).and(col(LINE_ID).isNotNull());
    Dataset<Row> repeatedHashes = checked.where(candidate)
        .select(keyHash.as(KEY_HASH))
        .repartition(col(KEY_HASH))
        .groupBy(col(KEY_HASH)).count()
        .where(col("count").gt(1))
        .select(col(KEY_HASH), lit(true).as(REPEATED))
        .localCheckpoint();
    long repeated = repeatedHashes.count();
    if (repeated == 0) {
      return checked;
    }
    Dataset<Row> marked = checked.withColumn(KEY_HASH, keyHash)
        .join(repeated <= maxBroadcastKeys ? broadcast(repeatedHashes) : repeatedHashes, new String[] {KEY_HASH}, "left")
        .drop(KEY_HASH);
    Column isCopy = candidate.and(col(REPEATED).isNotNull());
    Column rank = row_number().over(Window
        .partitionBy(col(ORDER_ID), col(LINE_ID))
        .orderBy(col(ORDER_TS), col(AMOUNT), col(CUSTOMER_ID)));
    Dataset<Row> copies = marked.where(isCopy)
        .withColumn(REJECT_REASON, when(rank.gt(1), lit("duplicate_line")).otherwise(col(REJECT_REASON)));
    return copies.unionByName(marked.where(isCopy.unary_$bang())).drop(REPEATED);
  }

  private static Column originalLine() {
    return struct(
        text(ORDER_ID, ORDER_ID), text(CUSTOMER_ID, CUSTOMER_ID), original(RAW_ORDER_TS, ORDER_TS),
        original(RAW_AMOUNT, AMOUNT), original(RAW_QUANTITY, QUANTITY), text(CATEGORY, CATEGORY), text(CHANNEL, CHANNEL),
        text(LINE_ID, LINE_ID), col(SOURCE_FILE), col(OTHER_COLUMNS));
  }

  /**
   * The source value of a column whose typed form may differ from it; where the source already has
   * the contract type the typed column says the same and nothing extra is carried.
   */
  private static Column raw(Dataset<Row> lines, String column, DataType contractType) {
    return lines.schema().apply(column).dataType().equals(contractType)
        ? lit(null).cast(contractType)
        : col(column);
  }

  private static Column text(String column, String name) {
    return col(column).cast(DataTypes.StringType).as(name);
  }

  /** The text of the source value, which is the typed value where the source had the contract type. */
  private static Column original(String rawColumn, String typedColumn) {
    return coalesce(col(rawColumn).cast(DataTypes.StringType), col(typedColumn).cast(DataTypes.StringType))
        .as(typedColumn);
  }

  /**
   * A timestamp column of the contract. Text must be a whole date or date-time (ISO, with T or a space,
   * seconds, fractions and a zone optional) or follow validation.timestamp-format: Spark's cast would
   * also take "2025" as 2025-01-01, a silent guess.
   */
  static Column timestamp(Dataset<Row> lines, String column, ValidationConfig config) {
    DataType type = lines.schema().apply(column).dataType();
    if (!(type instanceof org.apache.spark.sql.types.StringType)) {
      return col(column).cast(DataTypes.TimestampType);
    }
    Column text = trim(col(column));
    return config.timestampFormat()
        .map(format -> try_to_timestamp(text, lit(format)))
        .orElseGet(() -> when(text.rlike(ISO_DATE_TIME), text.try_cast(DataTypes.TimestampType)));
  }

}
