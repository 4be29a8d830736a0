package io.segments.output;

import static java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.GROUP_READ;
import static java.nio.file.attribute.PosixFilePermission.GROUP_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system, doing through java.nio what Hadoop does by starting a process. Without
 * Hadoop's native library, which Maven's Hadoop jars lack, it runs {@code chmod} for every file and
 * folder it creates (each Parquet file, each Delta log entry, each checksum file beside them) and
 * {@code readlink} twice for every rename through a FileContext (Delta's log commits and its .crc
 * files): about 600 processes in a 70,000-line run, each a fork of a JVM with a heap of gigabytes
 * (6 ms here). The files, permissions and renames are the same; a symbolic link is still resolved by
 * Hadoop itself.
 */
public final class NioLocalFileSystem {
  private NioLocalFileSystem() {}

  /** The Spark settings that make {@code file:} paths use it, for FileSystem and FileContext users alike. */
  public static Map<String, String> sparkSettings() {
    return Map.of(
        "spark.hadoop.fs.file.impl", Checksummed.class.getName(),
        "spark.hadoop.fs.AbstractFileSystem.file.impl", ForFileContext.class.getName());
  }

  /** Where Hadoop's {@code LocalFileSystem} adds checksum files: the {@code fs.file.impl}. */
  public static final class Checksummed extends LocalFileSystem {
    public Checksummed() {
      super(new Raw());
    }
  }

  /** Where Hadoop's {@code LocalFs} adds checksum files: the {@code fs.AbstractFileSystem.file.impl}. */
  public static final class ForFileContext extends ChecksumFs {
    public ForFileContext(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawForFileContext(uri, conf));
    }
  }

  /** Hadoop's {@code RawLocalFs} over {@link Raw}. */
  private static final class RawForFileContext extends DelegateToFileSystem {
    RawForFileContext(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    public FsServerDefaults getServerDefaults(Path path) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }

  private static final class Raw extends RawLocalFileSystem {
    private static final PosixFilePermission[] BY_BIT = {OTHERS_EXECUTE, OTHERS_WRITE, OTHERS_READ,
        GROUP_EXECUTE, GROUP_WRITE, GROUP_READ, OWNER_EXECUTE, OWNER_WRITE, OWNER_READ};

    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
      PosixFileAttributeView view = Files.getFileAttributeView(pathToFile(path).toPath(), PosixFileAttributeView.class);
      // java.nio has no sticky bit; nothing the job runs asks for one on a local disk.
      if (view == null || permission.getStickyBit()) {
        super.setPermission(path, permission);
        return;
      }
      short mode = permission.toShort();
      Set<PosixFilePermission> granted = EnumSet.noneOf(PosixFilePermission.class);
      for (int bit = 0; bit < BY_BIT.length; bit++) {
        if ((mode & (1 << bit)) != 0) {
          granted.add(BY_BIT[bit]);
        }
      }
      view.setPermissions(granted);
    }

    /** For anything but a link, Hadoop's own answer is the file's status, after a {@code readlink} that finds no link. */
    @Override
    public FileStatus getFileLinkStatus(Path path) throws IOException {
      return Files.isSymbolicLink(pathToFile(path).toPath()) ? super.getFileLinkStatus(path) : getFileStatus(path);
    }
  }
}
