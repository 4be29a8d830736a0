package io.segments.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import io.segments.InvalidInputException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The typed, checked reads every section shares. Each failure is an {@link InvalidInputException}
 * that names the key and what was expected.
 */
final class ConfValues {
  private static final BigDecimal MAX_MONEY = new BigDecimal("9999999999999999.99");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ConfValues() {}

  static InvalidInputException bad(String key, String expected, Object actual) {
    return new InvalidInputException("bad conf value for '" + key + "': expected " + expected + ", got " + actual);
  }

  /** Runs the checks of one conf rule so that a failure on a field read relative to the rule still names it. */
  static <T> T namingRule(String entryPath, Supplier<T> check) {
    try {
      return check.get();
    } catch (ConfigException e) {
      throw new InvalidInputException("bad rule " + entryPath + ": " + e.getMessage(), e);
    } catch (InvalidInputException e) {
      if (e.getMessage().contains(entryPath)) {
        throw e;
      }
      throw new InvalidInputException("bad rule " + entryPath + ": " + e.getMessage(), e);
    }
  }

  static void onlyFields(Config object, String path, Set<String> fields) {
    for (String field : object.root().keySet()) {
      if (!fields.contains(field)) {
        throw bad(path + "." + field, "only the fields " + new TreeSet<>(fields), field);
      }
    }
  }

  static int hour(Config c, String path) {
    int value = c.getInt(path);
    if (value < 0 || value > 23) {
      throw bad(path, "an hour 0-23", value);
    }
    return value;
  }

  /** A share in (0, 1]. */
  static double share(Config c, String path) {
    double value = c.getDouble(path);
    if (value <= 0 || value > 1) {
      throw bad(path, "a share in (0, 1]", value);
    }
    return value;
  }

  /** A share in [0, 1], where 0 switches a check off. */
  static double shareOrZero(Config c, String path) {
    double value = c.getDouble(path);
    if (value < 0 || value > 1) {
      throw bad(path, "a share in [0, 1]", value);
    }
    return value;
  }

  static int atLeast(Config c, String path, int min) {
    int value = c.getInt(path);
    if (value < min) {
      throw bad(path, "a whole number >= " + min, value);
    }
    return value;
  }

  static String nonEmpty(Config c, String path) {
    String value = c.getString(path).trim();
    if (value.isEmpty()) {
      throw bad(path, "a non-empty string", "\"\"");
    }
    return value;
  }

  /** An optional path: an empty string means none. */
  static Optional<String> optional(Config c, String path) {
    String value = c.getString(path).trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  static String identifier(Config c, String path) {
    String value = c.getString(path);
    if (!IDENTIFIER.matcher(value).matches()) {
      throw bad(path, "a SQL identifier (letters, digits, _)", value);
    }
    return value;
  }

  static <E extends Enum<E>> E oneOf(Config c, String path, Class<E> type) {
    String value = c.getString(path);
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(path, "one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT), value);
    }
  }

  static LocalDate date(Config c, String path) {
    return parsed(c, path, LocalDate::parse, "a date YYYY-MM-DD");
  }

  static <T> T parsed(Config c, String path, Function<String, T> parser, String expected) {
    String value = c.getString(path);
    try {
      return parser.apply(value);
    } catch (DateTimeException e) {
      throw bad(path, expected, value);
    }
  }

  /** A positive amount that decimal(18,2), the money type, can hold. */
  static BigDecimal positiveMoney(Config c, String path) {
    BigDecimal value = new BigDecimal(c.getNumber(path).toString());
    if (value.signum() <= 0 || value.compareTo(MAX_MONEY) > 0) {
      throw bad(path, "a positive amount of at most " + MAX_MONEY.toPlainString() + " (decimal(18,2))",
          value.toPlainString());
    }
    return value;
  }

  /** An object of contract column name to source column name. */
  static Map<String, String> columnMap(Config c, String path) {
    Map<String, String> columns = new TreeMap<>();
    for (String contract : c.getConfig(path).root().keySet()) {
      columns.put(contract, nonEmpty(c, path + "." + contract));
    }
    return columns;
  }

  static String quote(String key) {
    return ConfigUtil.quoteString(key);
  }
}
