package io.segments.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.segments.InvalidInputException;
import io.segments.config.JobConfig.ClassThreshold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads conf/defaults.conf (from the jar), the user's conf file and command-line overrides, rejects
 * keys the defaults do not know, and has each section's record read and check its own keys into one
 * immutable {@link JobConfig}. Every failure is an {@link InvalidInputException} naming the key and
 * what was expected.
 */
public final class ConfigLoader {
  static final String DEFAULTS_RESOURCE = "io/segments/config/defaults.conf";

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
        && defaults.hasPath("labels." + ConfValues.quote(Labels.REFERENCE_LOCALE) + "." + parts[2]);
  }

  private static JobConfig build(Config c) {
    Labels labels = Labels.from(c);
    return new JobConfig(
        ConfValues.parsed(c, "job.time-zone", ZoneId::of, "a time zone id such as Asia/Shanghai or UTC"),
        InputConfig.from(c),
        ValidationConfig.from(c),
        QualityConfig.from(c),
        ConfValues.atLeast(c, "features.lookback-days", 0),
        ScoringConfig.from(c),
        TierConfig.from(c),
        ConfValues.oneOf(c, "rfm-class-cn.threshold", ClassThreshold.class),
        SegmentRule.listFrom(c, labels),
        ClassificationConfig.from(c),
        ConditionRule.tiersFrom(c, labels),
        ConditionRule.tagsFrom(c),
        ClusteringConfig.from(c),
        ClvConfig.from(c),
        ActionsConfig.from(c),
        ReviewConfig.from(c),
        labels,
        OutputConfig.from(c),
        ReportConfig.from(c),
        JdbcSinkConfig.from(c),
        SparkSettings.from(c),
        c.root().render(ConfigRenderOptions.concise()));
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
