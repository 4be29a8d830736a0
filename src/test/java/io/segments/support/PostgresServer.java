package io.segments.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from Debian's postgresql package (no Docker here): a fresh cluster in
 * a temporary folder on a free loopback port, trust login for user postgres, stopped and deleted on
 * close. As root (CI), the server runs as the package's postgres user, since PostgreSQL refuses root.
 */
public final class PostgresServer implements AutoCloseable {
  private static final Path INSTALLS = Path.of("/usr/lib/postgresql");

  private final Path bin;
  private final Path data;
  private final int port;

  private PostgresServer(Path bin, Path data, int port) {
    this.bin = bin;
    this.data = data;
    this.port = port;
  }

  /** The newest installed server's programs, if the package is installed. */
  public static Optional<Path> installed() {
    if (!Files.isDirectory(INSTALLS)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(INSTALLS)) {
      return versions.map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .max(Comparator.comparing(Path::toString));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Creates and starts a cluster with the programs in {@code bin}. */
  public static PostgresServer start(Path bin) throws IOException, InterruptedException {
    Path data = Files.createTempDirectory("segments-postgres");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    PostgresServer server = new PostgresServer(bin, data, port);
    if (asRoot()) {
      run(List.of("chown", "postgres:postgres", data.toString()));
    }
    server.postgres("initdb", "-D", data.resolve("cluster").toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
        "--no-sync");
    server.postgres("pg_ctl", "-D", data.resolve("cluster").toString(), "-w", "-t", "60", "-l",
        data.resolve("server.log").toString(), "-o",
        "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    return server;
  }

  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), "postgres", "");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      postgres("pg_ctl", "-D", data.resolve("cluster").toString(), "-m", "immediate", "-w", "stop");
    } finally {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  private void postgres(String program, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (asRoot()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    run(command);
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }
}
