package io.segments.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone master and worker on 127.0.0.1, started from the jars Maven resolved: a
 * folder holding a RELEASE file and jars/ serves as SPARK_HOME, which is all the worker needs to
 * launch executors. Processes, not threads: the job talks to the cluster as a scheduler's
 * spark-submit would.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Path TARGET = Path.of("target");
  /** The shaded application jar carries these; the cluster's classpath must not have a second copy. */
  private static final List<String> APPLICATION_LIBRARIES = List.of("/io/delta/", "/com/typesafe/", "/info/picocli/");

  final Path home;
  final Path workDir;
  final String masterUrl;
  final List<String> jvmFlags;
  private final List<Process> daemons = new ArrayList<>();

  private StandaloneCluster(Path home, Path workDir, String masterUrl, List<String> jvmFlags) {
    this.home = home;
    this.workDir = workDir;
    this.masterUrl = masterUrl;
    this.jvmFlags = jvmFlags;
  }

  static Path applicationJar() {
    return TARGET.resolve("customer-segments-app.jar").toAbsolutePath();
  }

  /** Builds SPARK_HOME under {@code root}, starts the master and a worker with {@code cores}. */
  static StandaloneCluster start(Path root, int cores) throws IOException, InterruptedException {
    Path home = root.resolve("spark-home");
    Path jars = home.resolve("jars");
    Files.createDirectories(jars);
    Files.writeString(home.resolve("RELEASE"), "Spark 4.1.0 (the Maven-resolved jars of customer-segments)\n");
    String classpath = Files.readString(TARGET.resolve("local-classpath.txt")).trim();
    for (String jar : classpath.split(java.io.File.pathSeparator)) {
      if (APPLICATION_LIBRARIES.stream().noneMatch(jar::contains)) {
        Files.createSymbolicLink(jars.resolve(Path.of(jar).getFileName()), Path.of(jar));
      }
    }
    List<String> flags = new ArrayList<>(Arrays.asList(Files.readString(
        TARGET.resolve("classes/io/segments/jvm-flags.txt")).trim().split("\\s+")));
    // C1 only: five short-lived JVMs (master, worker, driver, two executors) share the machine's cores,
    // and their C2 compilations outweighed what the compiled code saved in runs of this size (this
    // test: 354 / 354 / 373 s against 436 / 433 / 463 s; README, Tests). Without C2 the JVM reserves
    // only 48 MB for compiled code, which the driver filled ("CodeCache is full", then "Out of space
    // in CodeCache for adapters"): the tiered default of 240 MB is kept.
    flags.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m"));
    Path workDir = Files.createDirectories(root.resolve("worker"));
    int masterPort = freePort();
    StandaloneCluster cluster = new StandaloneCluster(home, workDir, "spark://127.0.0.1:" + masterPort, flags);
    cluster.daemons.add(cluster.java(root.resolve("master.log"), "-Xmx512m", "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())));
    awaitPort(masterPort);
    cluster.daemons.add(cluster.java(root.resolve("worker.log"), "-Xmx512m", "org.apache.spark.deploy.worker.Worker",
        "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", "3g", "--work-dir", workDir.toString(),
        "--webui-port", String.valueOf(freePort()), cluster.masterUrl));
    return cluster;
  }

  /**
   * Starts spark-submit in client mode with the application jar and {@code arguments}, one executor
   * per core, each with the JVM flags Spark needs on Java 17.
   */
  Process submit(Path log, String... arguments) throws IOException {
    List<String> submit = new ArrayList<>(List.of("-Xmx1g", "org.apache.spark.deploy.SparkSubmit",
        "--master", masterUrl, "--deploy-mode", "client", "--class", "io.segments.cli.SegmentCli",
        "--executor-cores", "1", "--executor-memory", "768m",
        "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", jvmFlags),
        "--conf", "spark.driver.host=127.0.0.1",
        applicationJar().toString()));
    submit.addAll(Arrays.asList(arguments));
    return java(log, submit.toArray(String[]::new));
  }

  /** Executors the worker launched so far, one folder each under work-dir/app-id/. */
  long executorsLaunched() throws IOException {
    try (var apps = Files.list(workDir)) {
      return apps.mapToLong(app -> {
        try (var executors = Files.list(app)) {
          return executors.count();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }

  private Process java(Path log, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(home.resolve("jars") + "/*");
    command.addAll(Arrays.asList(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_HOME", home.toAbsolutePath().toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(250);
      }
    }
    throw new IllegalStateException("the Spark master did not open port " + port + " within 60 s");
  }

  @Override
  public void close() {
    for (Process daemon : daemons) {
      daemon.descendants().forEach(ProcessHandle::destroyForcibly);
      daemon.destroyForcibly();
    }
  }
}
