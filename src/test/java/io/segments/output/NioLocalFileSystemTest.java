package io.segments.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hadoop's local file system behaviour, without the processes Hadoop starts for it. */
class NioLocalFileSystemTest {
  @TempDir
  java.nio.file.Path folder;

  private static Configuration configured() {
    Configuration conf = new Configuration();
    NioLocalFileSystem.sparkSettings().forEach((key, value) -> conf.set(key.substring("spark.hadoop.".length()), value));
    return conf;
  }

  @Test
  void filesAndFoldersGetThePermissionsAskedForAndTheirChecksums() throws IOException {
    FileSystem files = FileSystem.newInstance(URI.create("file:///"), configured());
    Path table = new Path(folder.toUri().toString(), "table");

    assertInstanceOf(NioLocalFileSystem.Checksummed.class, files);
    assertTrue(files.mkdirs(table, new FsPermission((short) 0750)));
    try (FSDataOutputStream out = files.create(new Path(table, "part-0"), new FsPermission((short) 0640), false,
        4096, (short) 1, 1 << 20, null)) {
      out.write("rows".getBytes(StandardCharsets.UTF_8));
    }
    files.setPermission(new Path(table, "part-0"), new FsPermission((short) 0604));
    files.mkdirs(new Path(table, "shared"));
    files.setPermission(new Path(table, "shared"), new FsPermission((short) 01777));

    assertEquals("rwxr-x---", posix(folder.resolve("table")));
    assertEquals("rw----r--", posix(folder.resolve("table/part-0")));
    assertEquals(01777, (Integer) Files.getAttribute(folder.resolve("table/shared"), "unix:mode") & 07777,
        "a sticky bit, which java.nio cannot set, is set by Hadoop's own chmod");
    assertTrue(Files.exists(folder.resolve("table/.part-0.crc")), "the checksum file beside the data");
    assertEquals("rows", new String(files.open(new Path(table, "part-0")).readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void aRenameThroughAFileContextMovesTheChecksumTooAndNeverOverwrites() throws IOException {
    FileContext context = FileContext.getFileContext(configured());
    Path log = new Path(folder.toUri().toString(), "_delta_log");
    Path temporary = new Path(log, ".00000.json.tmp");
    Path committed = new Path(log, "00000.json");
    write(context, temporary, "first");
    context.rename(temporary, committed, Options.Rename.NONE);
    Path second = new Path(log, ".00000.json.other.tmp");
    write(context, second, "second");

    assertThrows(FileAlreadyExistsException.class, () -> context.rename(second, committed, Options.Rename.NONE));
    assertEquals("first", Files.readString(folder.resolve("_delta_log/00000.json")));
    assertTrue(Files.exists(folder.resolve("_delta_log/.00000.json.crc")));
    assertFalse(Files.exists(folder.resolve("_delta_log/..00000.json.tmp.crc")));
    assertTrue(Files.exists(folder.resolve("_delta_log/.00000.json.other.tmp")), "the losing commit is left as it was");
  }

  @Test
  void aLinkIsStillALinkAndAFileIsItsOwnStatus() throws IOException {
    FileSystem files = FileSystem.newInstance(URI.create("file:///"), configured());
    java.nio.file.Path target = Files.writeString(folder.resolve("target"), "x");
    java.nio.file.Path link = Files.createSymbolicLink(folder.resolve("link"), target);

    // A path without its scheme: Hadoop's readlink is given the path's text, and "file:/..." names no link.
    FileStatus ofLink = files.getFileLinkStatus(new Path(link.toString()));
    FileStatus ofFile = files.getFileLinkStatus(new Path(target.toUri()));

    assertTrue(ofLink.isSymlink());
    assertEquals(target.toString(), ofLink.getSymlink().toUri().getPath());
    assertFalse(ofFile.isSymlink());
    assertEquals(1, ofFile.getLen());
  }

  @Test
  void noProcessIsStartedWhereHadoopsOwnStartsOneForEveryFileAndRename() throws Exception {
    long byHadoop = processesStartedBy(() -> createAndRename(new Configuration(), "hadoop"));
    long byNio = processesStartedBy(() -> createAndRename(configured(), "nio"));

    assertTrue(byHadoop >= 4, "Hadoop without its native library: chmod per file, readlink per rename (" + byHadoop + ")");
    assertEquals(0, byNio);
  }

  private void createAndRename(Configuration conf, String name) throws IOException {
    FileContext context = FileContext.getFileContext(conf);
    Path base = new Path(folder.toUri().toString(), name);
    write(context, new Path(base, "a.tmp"), "a");
    context.rename(new Path(base, "a.tmp"), new Path(base, "a"), Options.Rename.NONE);
    FileSystem files = FileSystem.newInstance(URI.create("file:///"), conf);
    files.create(new Path(base, "b"), false).close();
  }

  private interface Work {
    void run() throws Exception;
  }

  /** Processes this thread started while {@code work} ran, as the JVM's flight recorder saw them. */
  private long processesStartedBy(Work work) throws Exception {
    java.nio.file.Path dump = folder.resolve("processes-" + System.nanoTime() + ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ProcessStart");
      recording.start();
      work.run();
      recording.stop();
      recording.dump(dump);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(dump);
    long thread = Thread.currentThread().getId();
    return events.stream().filter(event -> event.getThread() != null && event.getThread().getJavaThreadId() == thread).count();
  }

  private static void write(FileContext context, Path path, String text) throws IOException {
    try (FSDataOutputStream out = context.create(path, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE),
        Options.CreateOpts.createParent())) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String posix(java.nio.file.Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
