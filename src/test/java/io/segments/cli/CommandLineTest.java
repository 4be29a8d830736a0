package io.segments.cli;

import io.segments.support.SharedSparkSession;
import io.segments.support.SparkTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of the command line as a scheduler runs it: a conf file, the captured output and the exit code. */
@SparkTest
abstract class CommandLineTest {
  @TempDir Path dir;
  Path conf;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** What every run of the test class shares in its conf file. */
  abstract String confText();

  @BeforeEach
  void writeConf() throws IOException {
    conf = dir.resolve("test.conf");
    Files.writeString(conf, confText());
  }

  @AfterEach
  void restoreSession() {
    SharedSparkSession.restoreSettings();
  }

  int segment(String... args) {
    return SegmentCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }
}
