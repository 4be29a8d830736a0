package io.segments.support;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Loads a JobConfig from HOCON text through the real loader. */
public final class TestConfigs {
  private TestConfigs() {}

  public static JobConfig load(String hocon) {
    try {
      Path file = Files.createTempFile("segments-test", ".conf");
      Files.writeString(file, hocon);
      try {
        return ConfigLoader.load(Optional.of(file), Map.of());
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
