package io.segments.clustering;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.when;

import io.segments.config.ClusteringConfig;
import io.segments.features.RfmFeatures;
import io.segments.pipeline.FittedStage;
import io.segments.pipeline.LocalizedLabel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted k-means segmentation: the MLlib pipeline (log features, scaler, k-means) plus what makes its
 * clusters readable. Cluster ids are ordered by the centroid's monetary, highest first, so that id 0
 * means the same kind of customer whenever the same model assigns; each cluster gets a key and label
 * from its standardized centroid. Everything here derives from the pipeline alone, so a saved
 * pipeline reloads into the same model.
 */
public final class ClusterModel implements FittedStage {
  public static final String CLUSTER_ID = "cluster_id";
  public static final String CLUSTER_LABEL = "cluster_label";
  public static final String CLUSTER_KEY = "cluster_key";

  private static final int RECENCY = 0;
  private static final int FREQUENCY = 1;
  private static final int MONETARY = 2;

  private final PipelineModel pipeline;
  private final List<String> features;
  /** kmeans index → cluster id. */
  private final int[] idOfIndex;
  /** By cluster id. */
  private final List<double[]> standardizedCentroids;
  private final List<double[]> centroids;
  private final List<String> keys;
  private final List<String> labels;

  private ClusterModel(PipelineModel pipeline, List<String> features, int[] idOfIndex,
      List<double[]> standardizedCentroids, List<double[]> centroids, List<String> keys, List<String> labels) {
    this.pipeline = pipeline;
    this.features = List.copyOf(features);
    this.idOfIndex = idOfIndex;
    this.standardizedCentroids = standardizedCentroids;
    this.centroids = centroids;
    this.keys = List.copyOf(keys);
    this.labels = List.copyOf(labels);
  }

  /**
   * @param labels cluster key to label in the configured locale
   */
  public static ClusterModel of(PipelineModel pipeline, ClusteringConfig config, Map<String, String> labels) {
    StandardScalerModel scaler = (StandardScalerModel) pipeline.stages()[1];
    KMeansModel kmeans = (KMeansModel) pipeline.stages()[2];
    List<String> features = Arrays.stream(((VectorAssembler) pipeline.stages()[0]).getInputCols())
        .map(c -> c.substring(ClusterFeatures.LOG_PREFIX.length())).toList();
    Vector[] centers = kmeans.clusterCenters();
    double[] mean = scaler.mean().toArray();
    double[] std = scaler.std().toArray();

    Integer[] byMonetary = IntStream.range(0, centers.length).boxed().toArray(Integer[]::new);
    Arrays.sort(byMonetary, Comparator.comparingDouble((Integer i) -> -centers[i].apply(MONETARY)));
    int[] idOfIndex = new int[centers.length];
    List<double[]> standardized = new ArrayList<>();
    List<double[]> original = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int id = 0; id < byMonetary.length; id++) {
      double[] z = centers[byMonetary[id]].toArray();
      idOfIndex[byMonetary[id]] = id;
      standardized.add(z);
      double[] value = new double[z.length];
      for (int f = 0; f < z.length; f++) {
        value[f] = Math.expm1(mean[f] + std[f] * z[f]);
      }
      original.add(value);
      keys.add(key(z, config.labelThreshold()));
    }
    List<String> texts = new ArrayList<>();
    for (int id = 0; id < keys.size(); id++) {
      String key = keys.get(id);
      boolean shared = keys.stream().filter(key::equals).count() > 1;
      texts.add(labels.get(key) + (shared ? " #" + id : ""));
    }
    return new ClusterModel(pipeline, features, idOfIndex, standardized, original, keys, texts);
  }

  /**
   * The kind of customer a standardized centroid stands for; recency counts up from the last purchase,
   * so a high recency z is a long absence.
   */
  static String key(double[] z, double threshold) {
    boolean longAgo = z[RECENCY] >= threshold;
    boolean recent = z[RECENCY] <= -threshold;
    boolean frequent = z[FREQUENCY] >= threshold;
    boolean spends = z[MONETARY] >= threshold;
    boolean spendsLittle = z[MONETARY] <= -threshold;
    if (longAgo) {
      return frequent || spends ? "at_risk" : "lost";
    }
    if (frequent && spends) {
      return "high_value_loyal";
    }
    if (spends) {
      return "big_spender";
    }
    if (frequent) {
      return "frequent";
    }
    if (recent) {
      return "new";
    }
    return spendsLittle ? "low_value" : "average";
  }

  /**
   * The model of a snapshot without purchasing customers: it has no clusters, assigns none and is
   * never saved.
   */
  public static ClusterModel none(ClusteringConfig config) {
    return new ClusterModel(null, config.features(), new int[0], List.of(), List.of(), List.of(), List.of());
  }

  /** Whether this model has clusters (it has unless no customer had purchased). */
  public boolean hasClusters() {
    return pipeline != null;
  }

  /** Adds cluster_id and cluster_label; null for customers without a purchase. */
  @Override
  public Dataset<Row> transform(Dataset<Row> customers) {
    if (!hasClusters()) {
      return customers.withColumn(CLUSTER_ID, lit(null).cast(DataTypes.IntegerType))
          .withColumn(CLUSTER_LABEL, lit(null).cast(DataTypes.StringType));
    }
    List<String> helpers = new ArrayList<>(List.of(
        ClusterFeatures.ASSEMBLED, ClusterFeatures.STANDARDIZED, ClusterFeatures.KMEANS_INDEX));
    features.forEach(f -> helpers.add(ClusterFeatures.LOG_PREFIX + f));
    Column id = element_at(
        array(Arrays.stream(idOfIndex).mapToObj(i -> lit(i)).toArray(Column[]::new)),
        col(ClusterFeatures.KMEANS_INDEX).plus(1));
    Map<String, String> labelOfId = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      labelOfId.put(String.valueOf(i), labels.get(i));
    }
    return pipeline.transform(ClusterFeatures.withLogs(customers, features))
        .withColumn(CLUSTER_ID, when(RfmFeatures.isPurchaser(), id))
        .withColumn(CLUSTER_LABEL, LocalizedLabel.of(col(CLUSTER_ID).cast(DataTypes.StringType), labelOfId))
        .drop(helpers.toArray(String[]::new));
  }

  /**
   * cluster_profiles rows: per cluster its size, shares, member means, and the centroid in original
   * and standardized units (maps by feature).
   *
   * @param clustered the output of {@link #transform}
   */
  public Dataset<Row> profiles(Dataset<Row> clustered) {
    StructType centroidSchema = new StructType()
        .add(CLUSTER_ID, DataTypes.IntegerType)
        .add(CLUSTER_KEY, DataTypes.StringType)
        .add(CLUSTER_LABEL, DataTypes.StringType)
        .add("centroid", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
        .add("centroid_standardized", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType));
    List<Row> rows = new ArrayList<>();
    for (int id = 0; id < keys.size(); id++) {
      rows.add(RowFactory.create(id, keys.get(id), labels.get(id), byFeature(centroids.get(id)),
          byFeature(standardizedCentroids.get(id))));
    }
    Dataset<Row> centroidRows = clustered.sparkSession().createDataFrame(rows, centroidSchema);
    Dataset<Row> members = clustered.where(col(CLUSTER_ID).isNotNull())
        .groupBy(col(CLUSTER_ID))
        .agg(count(lit(1)).as("customers"),
            sum(col(RfmFeatures.MONETARY).cast(DataTypes.DoubleType)).as("revenue"),
            avg(col(RfmFeatures.RECENCY_DAYS)).as("avg_recency_days"),
            avg(col(RfmFeatures.FREQUENCY)).as("avg_frequency"),
            avg(col(RfmFeatures.MONETARY).cast(DataTypes.DoubleType)).as("avg_monetary"));
    Dataset<Row> totals = members.agg(sum(col("customers")).as("all_customers"), sum(col("revenue")).as("all_revenue"));
    return centroidRows.join(members, CLUSTER_ID, "left")
        .crossJoin(totals)
        .withColumn("customer_share", try_divide(col("customers"), col("all_customers")))
        .withColumn("revenue_share", try_divide(col("revenue"), col("all_revenue")))
        .drop("all_customers", "all_revenue");
  }

  private Map<String, Double> byFeature(double[] values) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int f = 0; f < features.size(); f++) {
      map.put(features.get(f), values[f]);
    }
    return map;
  }

  public PipelineModel pipeline() {
    return pipeline;
  }

  public List<String> features() {
    return features;
  }

  /** Cluster keys by cluster id. */
  public List<String> keys() {
    return keys;
  }

  /** Centroids in original units by cluster id, features in {@link #features()} order. */
  public List<double[]> centroids() {
    return centroids.stream().map(double[]::clone).toList();
  }
}
