package io.segments.output;

import io.segments.InvalidInputException;
import io.segments.config.OutputConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.OptionalInt;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;

/**
 * Saved k-means pipelines, versioned under &lt;warehouse&gt;/&lt;database&gt;/_models/kmeans/v000001...
 * with MLlib's own persistence, and beside each pipeline the cluster id of each k-means index (a
 * refit matched to its predecessor does not number its clusters by monetary). A version is never overwritten: two refits saving at once make one
 * of them fail rather than mix.
 */
public final class ModelStore {
  private static final String CLUSTER_IDS = "cluster_ids";
  private final SparkSession spark;
  private final String root;

  public ModelStore(SparkSession spark, OutputConfig output) {
    this.spark = spark;
    this.root = output.tablePath("_models") + "/kmeans";
  }

  /**
   * A loaded pipeline, its version and the cluster id of each k-means index it was saved with;
   * empty for a version saved before ids were kept, whose ids follow the centroid monetary.
   */
  public record Versioned(int version, PipelineModel pipeline, Optional<int[]> idOfIndex) {}

  /** The version the next {@link #save} takes. */
  public int nextVersion() {
    return newest().orElse(0) + 1;
  }

  /**
   * Saves the pipeline as {@code version}, which {@link #nextVersion} gave. The model is written to a
   * hidden folder and renamed into place, so a run killed while saving leaves no half version that
   * frozen mode could pick; two runs saving at once cannot both take one number (the rename of the
   * second fails).
   */
  public void save(PipelineModel pipeline, int[] idOfIndex, int version) {
    Path staging = new Path(root, ".saving-" + UUID.randomUUID());
    try {
      pipeline.write().save(staging.toString());
      try (FSDataOutputStream ids = fileSystem(staging).create(new Path(staging, CLUSTER_IDS))) {
        ids.write(Arrays.stream(idOfIndex).mapToObj(String::valueOf).collect(Collectors.joining(","))
            .getBytes(StandardCharsets.UTF_8));
      }
      Path target = new Path(path(version));
      // Hadoop renames into an existing folder instead of failing, hence the check before.
      if (exists(target) || !fileSystem(target).rename(staging, target)) {
        throw new IllegalStateException("cluster model version " + version + " appeared under " + root
            + " while this run saved it; another run is refitting at the same time");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param version a saved version, or 0 for the newest
   * @throws InvalidInputException when there is no such version
   */
  public Versioned load(int version) {
    int wanted = version > 0 ? version : newest().orElseThrow(() -> new InvalidInputException(
        "clustering.mode = frozen, but no cluster model is saved under " + root
            + "; run once with clustering.mode = refit"));
    try {
      if (!exists(new Path(path(wanted)))) {
        throw new InvalidInputException("clustering.model-version = " + wanted + " is not saved under " + root);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Versioned(wanted, PipelineModel.load(path(wanted)), idOfIndex(new Path(path(wanted), CLUSTER_IDS)));
  }

  private Optional<int[]> idOfIndex(Path file) {
    try {
      if (!exists(file)) {
        return Optional.empty();
      }
      try (FSDataInputStream in = fileSystem(file).open(file)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        return Optional.of(Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private OptionalInt newest() {
    try {
      Path dir = new Path(root);
      if (!exists(dir)) {
        return OptionalInt.empty();
      }
      FileStatus[] entries = fileSystem(dir).listStatus(dir);
      return Arrays.stream(entries)
          .map(e -> e.getPath().getName())
          .filter(name -> name.matches("v\\d{6}"))
          .mapToInt(name -> Integer.parseInt(name.substring(1)))
          .max();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean exists(Path path) throws IOException {
    return fileSystem(path).exists(path);
  }

  private FileSystem fileSystem(Path path) throws IOException {
    return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  private String path(int version) {
    return root + String.format("/v%06d", version);
  }
}
