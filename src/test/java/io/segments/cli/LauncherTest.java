package io.segments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options jobs/segment starts the driver with, seen by a stand-in {@code java} that prints its
 * arguments, in a copy of the project whose jar counts as built.
 */
class LauncherTest {
  private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

  @TempDir
  Path root;

  @BeforeEach
  void projectWithABuiltJar() throws IOException {
    Files.createDirectories(root.resolve("jobs"));
    Files.copy(Path.of("jobs/segment"), root.resolve("jobs/segment"), StandardCopyOption.COPY_ATTRIBUTES);
    FileTime built = FileTime.fromMillis(System.currentTimeMillis());
    FileTime before = FileTime.fromMillis(built.toMillis() - 3_600_000);
    for (String source : List.of("src/main", "conf")) {
      Files.setLastModifiedTime(Files.createDirectories(root.resolve(source)), before);
    }
    Files.setLastModifiedTime(Files.createFile(root.resolve("pom.xml")), before);
    for (String output : List.of("target/customer-segments-app.jar", "target/local-classpath.txt",
        "target/classes/io/segments/jvm-flags.txt")) {
      Files.createDirectories(root.resolve(output).getParent());
      Files.setLastModifiedTime(Files.createFile(root.resolve(output)), built);
    }
    Path java = Files.createDirectories(root.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
    assertTrue(java.toFile().setExecutable(true));
  }

  private String driverOptions(String javaOpts, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("jobs/segment").toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder launcher = new ProcessBuilder(command).redirectErrorStream(true);
    launcher.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
    launcher.environment().put("SEGMENT_CDS", "off");
    if (javaOpts != null) {
      launcher.environment().put("SEGMENT_JAVA_OPTS", javaOpts);
    }
    Process process = launcher.start();
    String output = new String(process.getInputStream().readAllBytes()).trim();
    assertEquals(0, process.waitFor(), output);
    assertTrue(output.endsWith("io.segments.cli.SegmentCli " + String.join(" ", arguments)), output);
    return output;
  }

  @Test
  void aSmallHistoryRunsOnC1AloneWithTheTieredCodeCache() throws Exception {
    Path small = Files.createDirectories(root.resolve("small"));
    Files.write(small.resolve("part-0.parquet"), new byte[100_000]);
    for (String[] arguments : List.of(new String[] {"demo"}, new String[] {"benchmark", "--lines=70000"},
        new String[] {"run", "--as-of", "2026-01-01", "--transactions", small.toString()})) {
      String options = driverOptions(null, arguments);
      assertTrue(options.contains(C1_ONLY + " -XX:ReservedCodeCacheSize=240m"), options);
    }
  }

  @Test
  void aLargeOrUnknownHistoryKeepsC2() throws Exception {
    Path large = root.resolve("large.parquet");
    try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
      file.setLength(65L * 1024 * 1024);
    }
    for (String[] arguments : List.of(new String[] {"benchmark", "--lines", "10000000"},
        new String[] {"run", "--as-of", "2026-01-01", "--transactions=" + large},
        new String[] {"run", "--as-of", "2026-01-01", "--conf", "nightly.conf"},
        new String[] {"sql", "select 1"})) {
      assertFalse(driverOptions(null, arguments).contains(C1_ONLY), String.join(" ", arguments));
    }
  }

  @Test
  void javaOptionsThatNameATieredOptionDecide() throws Exception {
    String options = driverOptions("-Xmx2g -XX:TieredStopAtLevel=4", "demo");
    assertTrue(options.startsWith("-Xmx2g -XX:TieredStopAtLevel=4 "), options);
    assertFalse(options.contains(C1_ONLY), options);
  }

  /** The real JVM accepts the launcher's compile commands silently: a bad one would print on standard output. */
  @Test
  void sparksGeneratedLoopsGetALowerC2NodeLimitThatTheJvmAcceptsQuietly() throws Exception {
    List<String> commands = Arrays.stream(driverOptions(null, "benchmark", "--lines", "10000000").split(" "))
        .filter(option -> option.startsWith("-XX:CompileCommand=")).toList();
    assertTrue(commands.stream().anyMatch(command -> command.startsWith("-XX:CompileCommand=MaxNodeLimit,")
        && command.contains("GeneratedIteratorForCodegenStage*::processNext")), commands.toString());
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    java.addAll(commands);
    java.add("-version");
    Process process = new ProcessBuilder(java).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertEquals("", new String(process.getInputStream().readAllBytes()));
    assertEquals(0, process.waitFor());
  }

  @Test
  void javaOptionsThatNameANodeLimitDecide() throws Exception {
    String options = driverOptions("-Xmx2g -XX:CompileCommand=MaxNodeLimit,a.B::c,1000", "sql", "select 1");
    assertFalse(options.contains("GeneratedIteratorForCodegenStage"), options);
  }
}
