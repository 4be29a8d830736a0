package io.segments.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.segments.InvalidInputException;
import io.segments.config.JobConfig.ClassThreshold;
import io.segments.config.ScoringConfig.DimensionCutoffs;
import io.segments.output.SegmentTables;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Loads conf/defaults.conf (from the jar), the user's conf file and command-line overrides, rejects
 * keys the defaults do not know, checks every value, and returns one immutable {@link JobConfig}.
 * Every failure is an {@link InvalidInputException} naming the key and what was expected.
 */
public final class ConfigLoader {
  static final String DEFAULTS_RESOURCE = "io/segments/config/defaults.conf";
  /** The labels every locale must provide; zh-CN is the reference locale. */
  private static final String REFERENCE_LOCALE = "zh-CN";
  /** The column that holds the tags; no rule can see it. */
  private static final String TAGS = "tags";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ConfigLoader() {}

  /**
   * @param file the user's conf file, if any
   * @param overrides conf paths set on the command line; they win over the file
   */
  public static JobConfig load(Optional<Path> file, Map<String, String> overrides) {
    Config defaults = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), DEFAULTS_RESOURCE);
    if (defaults.isEmpty()) {
      throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
    }
    Config user = file.map(ConfigLoader::parseFile).orElse(ConfigFactory.empty());
    Config cli = ConfigFactory.parseMap(overrides, "command line");
    String origin = file.map(Path::toString).orElse("command line");
    rejectUnknownKeys(user, defaults, origin);
    rejectUnknownKeys(cli, defaults, "command line");
    try {
      Config merged = cli.withFallback(user).withFallback(defaults).resolve();
      return build(merged);
    } catch (ConfigException e) {
      throw new InvalidInputException("bad configuration in " + origin + ": " + e.getMessage(), e);
    }
  }

  private static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("conf file not found: " + file);
    }
    try {
      return ConfigFactory.parseFile(file.toFile());
    } catch (ConfigException e) {
      throw new InvalidInputException("cannot parse conf file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void rejectUnknownKeys(Config given, Config defaults, String origin) {
    Set<String> known = new TreeSet<>();
    defaults.entrySet().forEach(e -> known.add(e.getKey()));
    for (Map.Entry<String, ConfigValue> entry : given.entrySet()) {
      String key = entry.getKey();
      if (!known.contains(key) && !isLabelOfNewLocale(key, defaults)) {
        String closest = known.stream().min(Comparator.comparingInt(k -> editDistance(k, key))).orElse("");
        throw new InvalidInputException(
            "unknown conf key '" + key + "' in " + origin + " (did you mean '" + closest + "'?)");
      }
    }
  }

  /** labels.LOCALE.DIMENSION.KEY is open for new locales as long as DIMENSION.KEY is a known label. */
  private static boolean isLabelOfNewLocale(String key, Config defaults) {
    String[] parts = key.split("\\.", 3);
    return parts.length == 3
        && parts[0].equals("labels")
        && defaults.hasPath("labels." + quote(REFERENCE_LOCALE) + "." + parts[2]);
  }

  private static JobConfig build(Config c) {
    Labels labels = labels(c);
    List<SegmentRule> rules = segmentRules(c, labels);
    return new JobConfig(
        zone(c, "job.time-zone"),
        input(c),
        new ValidationConfig(positiveDecimal(c, "validation.max-abs-amount"), date(c, "validation.history-start")),
        atLeast(c, "features.lookback-days", 0),
        scoring(c),
        tiers(c),
        oneOf(c, "rfm-class-cn.threshold", ClassThreshold.class),
        rules,
        classification(c),
        ruleTiers(c, labels),
        tags(c),
        clustering(c),
        labels,
        new OutputConfig(nonEmpty(c, "output.warehouse"), identifier(c, "output.database")),
        new SparkSettings(nonEmpty(c, "spark.master"), atLeast(c, "spark.shuffle-partitions", 0)),
        c.root().render(ConfigRenderOptions.concise()));
  }

  private static InputConfig input(Config c) {
    Map<String, String> columns = new TreeMap<>();
    for (String contract : c.getConfig("input.columns").root().keySet()) {
      columns.put(contract, nonEmpty(c, "input.columns." + contract));
    }
    return new InputConfig(nonEmpty(c, "input.transactions"), optionalPath(c, "input.customers"),
        optionalPath(c, "input.events"), columns, columnMap(c, "input.customer-columns"),
        columnMap(c, "input.event-columns"));
  }

  private static Optional<String> optionalPath(Config c, String path) {
    String value = c.getString(path).trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static Map<String, String> columnMap(Config c, String path) {
    Map<String, String> columns = new TreeMap<>();
    for (String contract : c.getConfig(path).root().keySet()) {
      columns.put(contract, nonEmpty(c, path + "." + contract));
    }
    return columns;
  }

  private static ClassificationConfig classification(Config c) {
    String p = "classification.";
    List<String> boundaryText = c.getStringList(p + "cohort-boundaries");
    List<LocalDate> boundaries = new ArrayList<>();
    for (String text : boundaryText) {
      try {
        boundaries.add(LocalDate.parse(text));
      } catch (DateTimeException e) {
        throw bad(p + "cohort-boundaries", "dates YYYY-MM-DD", boundaryText);
      }
    }
    if (!boundaries.isEmpty() && (boundaries.size() != 2 || !boundaries.get(0).isBefore(boundaries.get(1)))) {
      throw bad(p + "cohort-boundaries", "[] or two ascending dates", boundaryText);
    }
    int nightStart = hour(c, p + "night-start-hour");
    int nightEnd = hour(c, p + "night-end-hour");
    if (nightStart == nightEnd) {
      throw bad(p + "night-end-hour", "an hour other than night-start-hour", nightEnd);
    }
    double aShare = share(c, p + "pareto.a-share");
    double bShare = share(c, p + "pareto.b-share");
    if (bShare <= aShare) {
      throw bad(p + "pareto.b-share", "a share above pareto.a-share", bShare);
    }
    List<Integer> ages = c.getIntList(p + "age-bands");
    if (ages.size() != 2 || ages.get(0) <= 0 || ages.get(0) >= ages.get(1)) {
      throw bad(p + "age-bands", "two ascending positive ages", ages);
    }
    List<String> eventTypes = c.getStringList(p + "browse.event-types");
    if (eventTypes.isEmpty()) {
      throw bad(p + "browse.event-types", "at least one event type", eventTypes);
    }
    double high = c.getDouble(p + "browse.high-per-30-days");
    if (high <= 0) {
      throw bad(p + "browse.high-per-30-days", "a positive number", high);
    }
    return new ClassificationConfig(
        boundaries.isEmpty() ? Optional.empty() : Optional.of(boundaries),
        nightStart,
        nightEnd,
        share(c, p + "night-buyer-share"),
        aShare,
        bShare,
        share(c, p + "pareto.top-share"),
        nonEmpty(c, p + "home-country"),
        cityTiers(c, p + "city-tiers"),
        ages,
        atLeast(c, p + "browse.window-days", 1),
        new TreeSet<>(eventTypes),
        high);
  }

  private static Map<String, Integer> cityTiers(Config c, String path) {
    Map<String, Integer> tiers = new TreeMap<>();
    List<? extends ConfigObject> entries = c.getObjectList(path);
    for (int i = 0; i < entries.size(); i++) {
      Config entry = entries.get(i).toConfig();
      String at = path + "[" + i + "]";
      onlyFields(entry, at, Set.of("tier", "cities"));
      int tier = atLeast(entry, "tier", 1);
      for (String city : entry.getStringList("cities")) {
        if (tiers.put(city, tier) != null) {
          throw bad(at + ".cities", "each city in one tier only", city);
        }
      }
    }
    return tiers;
  }

  /**
   * rule-tiers: per tier (lifecycle_stage, importance) its rules in order; keys must be labelled under
   * labels.LOCALE.TIER. A condition sees the customer_segments columns except the tiers and tags.
   */
  private static List<ConditionRule> ruleTiers(Config c, Labels labels) {
    Set<String> tierColumns = c.getConfig("rule-tiers").root().keySet();
    Set<String> visible = new TreeSet<>(SegmentTables.CUSTOMER_SEGMENTS.columnNames());
    visible.remove(TAGS);
    tierColumns.forEach(tier -> {
      visible.remove(tier);
      visible.remove(tier + "_label");
    });
    List<ConditionRule> rules = new ArrayList<>();
    for (String tier : tierColumns) {
      List<? extends ConfigObject> objects = c.getObjectList("rule-tiers." + tier);
      Set<String> known = labels.of(tier).keySet();
      for (int i = 0; i < objects.size(); i++) {
        String at = "rule-tiers." + tier + "[" + i + "]";
        Config rule = objects.get(i).toConfig();
        rules.add(naming(at, () -> {
          onlyFields(rule, at, Set.of("key", "when"));
          String key = rule.getString("key");
          if (!known.contains(key)) {
            throw bad(at + ".key", "one of the keys labelled under labels.<locale>." + tier + " " + known, key);
          }
          ConditionRule parsed = new ConditionRule(at, key, nonEmpty(rule, "when"), tier, Map.of());
          RuleConditions.check(parsed, visible);
          return parsed;
        }));
      }
    }
    return rules;
  }

  /** tags: key, dimension, condition (which may also use the tiers) and a label per locale. */
  private static List<ConditionRule> tags(Config c) {
    Set<String> visible = new TreeSet<>(SegmentTables.CUSTOMER_SEGMENTS.columnNames());
    visible.remove(TAGS);
    Set<String> locales = c.getConfig("labels").root().keySet();
    List<ConditionRule> rules = new ArrayList<>();
    Set<String> keys = new TreeSet<>();
    List<? extends ConfigObject> objects = c.getObjectList("tags");
    for (int i = 0; i < objects.size(); i++) {
      String at = "tags[" + i + "]";
      Config rule = objects.get(i).toConfig();
      rules.add(naming(at, () -> {
        onlyFields(rule, at, Set.of("key", "dimension", "when", "label"));
        String key = identifier(rule, "key");
        if (!keys.add(key)) {
          throw bad(at + ".key", "a key no other tag has", key);
        }
        Map<String, String> labels = new TreeMap<>();
        for (String locale : locales) {
          String path = "label." + quote(locale);
          if (!rule.hasPath(path)) {
            throw bad(at + ".label." + locale, "a label (every locale under labels needs one)", "nothing");
          }
          labels.put(locale, rule.getString(path));
        }
        ConditionRule parsed =
            new ConditionRule(at, key, nonEmpty(rule, "when"), identifier(rule, "dimension"), labels);
        RuleConditions.check(parsed, visible);
        return parsed;
      }));
    }
    return rules;
  }

  /** Runs a rule's checks so that a failure on a field read relative to the rule still names the rule. */
  private static ConditionRule naming(String rulePath, java.util.function.Supplier<ConditionRule> check) {
    try {
      return check.get();
    } catch (ConfigException e) {
      throw new InvalidInputException("bad rule " + rulePath + ": " + e.getMessage(), e);
    } catch (InvalidInputException e) {
      if (e.getMessage().contains(rulePath)) {
        throw e;
      }
      throw new InvalidInputException("bad rule " + rulePath + ": " + e.getMessage(), e);
    }
  }

  private static void onlyFields(Config object, String path, Set<String> fields) {
    for (String field : object.root().keySet()) {
      if (!fields.contains(field)) {
        throw bad(path + "." + field, "only the fields " + new TreeSet<>(fields), field);
      }
    }
  }

  private static int hour(Config c, String path) {
    int value = c.getInt(path);
    if (value < 0 || value > 23) {
      throw bad(path, "an hour 0-23", value);
    }
    return value;
  }

  private static double share(Config c, String path) {
    double value = c.getDouble(path);
    if (value <= 0 || value > 1) {
      throw bad(path, "a share in (0, 1]", value);
    }
    return value;
  }

  private static ScoringConfig scoring(Config c) {
    double error = c.getDouble("scoring.quantile-relative-error");
    if (error < 0 || error >= 1) {
      throw bad("scoring.quantile-relative-error", "a number in [0, 1)", error);
    }
    return new ScoringConfig(
        error, cutoffs(c, "scoring.recency"), cutoffs(c, "scoring.frequency"), cutoffs(c, "scoring.monetary"));
  }

  private static DimensionCutoffs cutoffs(Config c, String path) {
    String method = c.getString(path + ".method");
    List<Double> values = c.getDoubleList(path + ".cutoffs");
    switch (method) {
      case "quantile":
        return DimensionCutoffs.quantile();
      case "fixed":
        boolean ascending = values.size() == 4;
        for (int i = 1; ascending && i < values.size(); i++) {
          ascending = values.get(i - 1) < values.get(i);
        }
        if (!ascending) {
          throw bad(path + ".cutoffs", "four strictly ascending numbers when method = fixed", values);
        }
        return DimensionCutoffs.fixed(values);
      default:
        throw bad(path + ".method", "quantile or fixed", method);
    }
  }

  private static ClusteringConfig clustering(Config c) {
    List<String> extras = c.getStringList("clustering.extra-features");
    if (!ClusteringConfig.EXTRA_FEATURES.containsAll(extras) || new TreeSet<>(extras).size() != extras.size()) {
      throw bad("clustering.extra-features", "distinct names out of " + ClusteringConfig.EXTRA_FEATURES, extras);
    }
    List<String> features = new ArrayList<>(ClusteringConfig.RFM_FEATURES);
    features.addAll(extras);
    double threshold = c.getDouble("clustering.label-threshold");
    if (threshold <= 0) {
      throw bad("clustering.label-threshold", "a positive number of standard deviations", threshold);
    }
    double fraction = c.getDouble("tune-k.sample-fraction");
    if (fraction <= 0 || fraction > 1) {
      throw bad("tune-k.sample-fraction", "a share in (0, 1]", fraction);
    }
    return new ClusteringConfig(
        oneOf(c, "clustering.mode", ClusteringConfig.Mode.class),
        atLeast(c, "clustering.model-version", 0),
        atLeast(c, "clustering.k", 2),
        c.getLong("clustering.seed"),
        atLeast(c, "clustering.max-iterations", 1),
        features,
        threshold,
        fraction);
  }

  private static TierConfig tiers(Config c) {
    double high = c.getDouble("tiers.high-share");
    double mid = c.getDouble("tiers.mid-share");
    if (high <= 0 || high >= 1) {
      throw bad("tiers.high-share", "a share in (0, 1)", high);
    }
    if (mid <= 0 || high + mid >= 1) {
      throw bad("tiers.mid-share", "a share > 0 with high-share + mid-share < 1", mid);
    }
    return new TierConfig(high, mid);
  }

  private static Labels labels(Config c) {
    String locale = c.getString("job.locale");
    Config all = c.getConfig("labels");
    String quoted = quote(locale);
    if (!all.hasPath(quoted)) {
      throw bad("job.locale", "one of the locales under labels " + all.root().keySet(), locale);
    }
    Config reference = all.getConfig(quote(REFERENCE_LOCALE));
    Config chosen = all.getConfig(quoted);
    Map<String, Map<String, String>> byDimension = new LinkedHashMap<>();
    for (String dimension : reference.root().keySet()) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (String key : reference.getConfig(dimension).root().keySet()) {
        String path = dimension + "." + key;
        if (!chosen.hasPath(path)) {
          throw bad("labels." + locale + "." + path, "a label (every key of labels.zh-CN needs one)", "nothing");
        }
        labels.put(key, chosen.getString(path));
      }
      byDimension.put(dimension, labels);
    }
    return new Labels(locale, byDimension);
  }

  private static List<SegmentRule> segmentRules(Config c, Labels labels) {
    List<SegmentRule> rules = new ArrayList<>();
    List<? extends ConfigObject> objects = c.getObjectList("rfm-segments");
    Set<String> known = labels.of("rfm_segment").keySet();
    for (int i = 0; i < objects.size(); i++) {
      String path = "rfm-segments[" + i + "]";
      Config rule = objects.get(i).toConfig();
      onlyFields(rule, path, Set.of("key", "r", "fm"));
      String key = rule.getString("key");
      if (!known.contains(key) || key.equals("no_purchase")) {
        throw bad(path + ".key", "a segment labelled under labels.<locale>.rfm_segment", key);
      }
      List<Double> r = range(rule, "r", path);
      List<Double> fm = range(rule, "fm", path);
      if (r.get(0) != Math.rint(r.get(0)) || r.get(1) != Math.rint(r.get(1))) {
        throw bad(path + ".r", "whole scores", r);
      }
      rules.add(new SegmentRule(key, r.get(0).intValue(), r.get(1).intValue(), fm.get(0), fm.get(1)));
    }
    for (int r = 1; r <= 5; r++) {
      for (int twiceFm = 2; twiceFm <= 10; twiceFm++) {
        final int score = r;
        final double fm = twiceFm / 2.0;
        if (rules.stream().noneMatch(rule -> rule.matches(score, fm))) {
          throw bad("rfm-segments", "rules that cover every (r, fm) pair", "no rule for r = " + r + ", fm = " + fm);
        }
      }
    }
    return rules;
  }

  private static List<Double> range(Config rule, String field, String path) {
    List<Double> bounds = rule.getDoubleList(field);
    if (bounds.size() != 2 || bounds.get(0) > bounds.get(1) || bounds.get(0) < 1 || bounds.get(1) > 5) {
      throw bad(path + "." + field, "[min, max] within 1..5", bounds);
    }
    return bounds;
  }

  private static ZoneId zone(Config c, String path) {
    return parsed(c, path, ZoneId::of, "a time zone id such as Asia/Shanghai or UTC");
  }

  private static LocalDate date(Config c, String path) {
    return parsed(c, path, LocalDate::parse, "a date YYYY-MM-DD");
  }

  private static <T> T parsed(Config c, String path, Function<String, T> parser, String expected) {
    String value = c.getString(path);
    try {
      return parser.apply(value);
    } catch (DateTimeException e) {
      throw bad(path, expected, value);
    }
  }

  private static BigDecimal positiveDecimal(Config c, String path) {
    BigDecimal value = new BigDecimal(c.getNumber(path).toString());
    if (value.signum() <= 0) {
      throw bad(path, "a positive number", value);
    }
    return value;
  }

  private static int atLeast(Config c, String path, int min) {
    int value = c.getInt(path);
    if (value < min) {
      throw bad(path, "a whole number >= " + min, value);
    }
    return value;
  }

  private static String nonEmpty(Config c, String path) {
    String value = c.getString(path).trim();
    if (value.isEmpty()) {
      throw bad(path, "a non-empty string", "\"\"");
    }
    return value;
  }

  private static String identifier(Config c, String path) {
    String value = c.getString(path);
    if (!IDENTIFIER.matcher(value).matches()) {
      throw bad(path, "a SQL identifier (letters, digits, _)", value);
    }
    return value;
  }

  private static <E extends Enum<E>> E oneOf(Config c, String path, Class<E> type) {
    String value = c.getString(path);
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(path, "one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT), value);
    }
  }

  private static String quote(String key) {
    return ConfigUtil.quoteString(key);
  }

  private static InvalidInputException bad(String key, String expected, Object actual) {
    return new InvalidInputException("bad conf value for '" + key + "': expected " + expected + ", got " + actual);
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
