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
import java.util.DoubleSummaryStatistics;
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
 * clusters readable and comparable. A new model's cluster ids are ordered by the centroid's monetary,
 * highest first; a refit {@link #matchedTo matched to} the model before it takes over that model's ids,
 * so that id 2 still means the same kind of customer after a refit. Each cluster gets a key from its
 * standardized centroid and a label that no other cluster of the model shares.
 */
public final class ClusterModel implements FittedStage {
  public static final String CLUSTER_ID = "cluster_id";
  public static final String CLUSTER_LABEL = "cluster_label";
  public static final String CLUSTER_KEY = "cluster_key";

  private static final int RECENCY = 0;
  private static final int FREQUENCY = 1;
  private static final int MONETARY = 2;
  private static final List<String> QUALIFIED_FEATURES =
      List.of(RfmFeatures.RECENCY_DAYS, RfmFeatures.FREQUENCY, RfmFeatures.MONETARY);

  private final PipelineModel pipeline;
  private final ClusteringConfig config;
  private final ClusterNames names;
  private final List<String> features;
  /** kmeans index → cluster id. */
  private final int[] idOfIndex;
  private final double[] scalerMean;
  private final double[] scalerStd;
  /** By cluster id. */
  private final List<double[]> standardizedCentroids;
  private final List<double[]> centroids;
  private final List<String> keys;
  private final List<String> labels;

  private ClusterModel(PipelineModel pipeline, ClusteringConfig config, ClusterNames names, int[] idOfIndex) {
    this.pipeline = pipeline;
    this.config = config;
    this.names = names;
    this.idOfIndex = idOfIndex.clone();
    if (pipeline == null) {
      this.features = List.copyOf(config.features());
      this.scalerMean = new double[0];
      this.scalerStd = new double[0];
      this.standardizedCentroids = List.of();
      this.centroids = List.of();
      this.keys = List.of();
      this.labels = List.of();
      return;
    }
    StandardScalerModel scaler = (StandardScalerModel) pipeline.stages()[1];
    this.features = Arrays.stream(((VectorAssembler) pipeline.stages()[0]).getInputCols())
        .map(c -> c.substring(ClusterFeatures.LOG_PREFIX.length())).toList();
    this.scalerMean = scaler.mean().toArray();
    this.scalerStd = scaler.std().toArray();
    Vector[] centers = kmeans(pipeline).clusterCenters();
    double[][] byId = new double[centers.length][];
    for (int index = 0; index < centers.length; index++) {
      byId[idOfIndex[index]] = centers[index].toArray();
    }
    this.standardizedCentroids = List.of(byId);
    this.centroids = Arrays.stream(byId).map(this::original).toList();
    this.keys = standardizedCentroids.stream().map(z -> key(z, config.labelThreshold())).toList();
    this.labels = distinctLabels();
  }

  /** The model of a fitted pipeline, cluster ids by centroid monetary, highest first. */
  public static ClusterModel of(PipelineModel pipeline, ClusteringConfig config, ClusterNames names) {
    Vector[] centers = kmeans(pipeline).clusterCenters();
    Integer[] byMonetary = IntStream.range(0, centers.length).boxed().toArray(Integer[]::new);
    Arrays.sort(byMonetary, Comparator.comparingDouble((Integer i) -> -centers[i].apply(MONETARY)));
    int[] idOfIndex = new int[centers.length];
    for (int id = 0; id < byMonetary.length; id++) {
      idOfIndex[byMonetary[id]] = id;
    }
    return new ClusterModel(pipeline, config, names, idOfIndex);
  }

  /** The model of a saved pipeline with the cluster ids it was saved with ({@link #idOfIndex}). */
  public static ClusterModel of(PipelineModel pipeline, ClusteringConfig config, ClusterNames names, int[] idOfIndex) {
    if (idOfIndex.length != kmeans(pipeline).clusterCenters().length) {
      throw new IllegalArgumentException("cluster ids " + Arrays.toString(idOfIndex) + " do not fit a model of "
          + kmeans(pipeline).clusterCenters().length + " clusters");
    }
    return new ClusterModel(pipeline, config, names, idOfIndex);
  }

  private static KMeansModel kmeans(PipelineModel pipeline) {
    return (KMeansModel) pipeline.stages()[2];
  }

  /**
   * This model with the cluster ids of {@code previous}: each cluster takes the id of the previous
   * cluster it is matched to, the matching minimising the total squared distance between centroids
   * (in this model's standardized log space). A model of another k or other features has no
   * comparable ids; this model is returned as it is.
   */
  public ClusterModel matchedTo(ClusterModel previous) {
    if (!hasClusters() || !previous.hasClusters() || previous.keys.size() != keys.size()
        || !previous.features.equals(features)) {
      return this;
    }
    int k = keys.size();
    List<double[]> before = previous.centroids.stream().map(this::standardized).toList();
    double[][] cost = new double[k][k];
    for (int id = 0; id < k; id++) {
      for (int previousId = 0; previousId < k; previousId++) {
        cost[id][previousId] = distance(standardizedCentroids.get(id), before.get(previousId));
      }
    }
    int[] previousIdOfId = CentroidMatching.leastCost(cost);
    int[] matched = new int[k];
    for (int index = 0; index < k; index++) {
      matched[index] = previousIdOfId[idOfIndex[index]];
    }
    return new ClusterModel(pipeline, config, names, matched);
  }

  private double[] original(double[] z) {
    double[] value = new double[z.length];
    for (int f = 0; f < z.length; f++) {
      value[f] = Math.expm1(scalerMean[f] + scalerStd[f] * z[f]);
    }
    return value;
  }

  private double[] standardized(double[] value) {
    double[] z = new double[value.length];
    for (int f = 0; f < value.length; f++) {
      z[f] = scalerStd[f] == 0 ? 0 : (Math.log1p(value[f]) - scalerMean[f]) / scalerStd[f];
    }
    return z;
  }

  /**
   * The label of each cluster: its kind, and where clusters share a kind, a qualifier that tells
   * them apart: of recency, frequency and monetary, the one in which the cluster differs most from the
   * nearest cluster of its kind, with the centroid's value (for example 高价值忠诚 · 约222天未购 beside
   * 高价值忠诚 · 消费约369). Should two labels still coincide, the one feature that parts the whole
   * group is used for all of it; #id only when no feature does.
   */
  private List<String> distinctLabels() {
    List<String> texts = new ArrayList<>();
    for (int id = 0; id < keys.size(); id++) {
      String key = keys.get(id);
      List<Integer> sameKind = sameKind(id);
      texts.add(names.kind(key) + (sameKind.size() > 1 ? " · " + qualifier(QUALIFIED_FEATURES.get(nearestDifference(id, sameKind)), id) : ""));
    }
    if (texts.stream().distinct().count() == texts.size()) {
      return texts;
    }
    for (int id = 0; id < keys.size(); id++) {
      String key = keys.get(id);
      List<Integer> sameKind = sameKind(id);
      if (sameKind.size() > 1) {
        texts.set(id, names.kind(key) + " · " + groupQualifier(id, sameKind));
      }
    }
    return texts;
  }

  /** The ids of the clusters of the same kind as {@code id}, itself included. */
  private List<Integer> sameKind(int id) {
    return IntStream.range(0, keys.size()).filter(other -> keys.get(other).equals(keys.get(id))).boxed().toList();
  }

  /** The feature in which the cluster differs most from the nearest other cluster of the group. */
  private int nearestDifference(int id, List<Integer> sameKind) {
    double[] z = standardizedCentroids.get(id);
    int nearest = sameKind.stream().filter(other -> other != id)
        .min(Comparator.comparingDouble(other -> distance(z, standardizedCentroids.get(other)))).orElseThrow();
    double[] other = standardizedCentroids.get(nearest);
    return IntStream.range(0, QUALIFIED_FEATURES.size()).boxed()
        .max(Comparator.comparingDouble(f -> Math.abs(z[f] - other[f]))).orElseThrow();
  }

  /** Squared Euclidean distance. */
  private static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int f = 0; f < a.length; f++) {
      sum += (a[f] - b[f]) * (a[f] - b[f]);
    }
    return sum;
  }

  private String qualifier(String feature, int id) {
    return names.qualifier(feature, centroids.get(id)[QUALIFIED_FEATURES.indexOf(feature)]);
  }

  private String groupQualifier(int id, List<Integer> sameKind) {
    List<Integer> bySpread = IntStream.range(0, QUALIFIED_FEATURES.size()).boxed()
        .sorted(Comparator.comparingDouble((Integer f) -> -spread(sameKind, f)))
        .toList();
    for (int f : bySpread) {
      String feature = QUALIFIED_FEATURES.get(f);
      List<String> qualifiers = sameKind.stream().map(member -> qualifier(feature, member)).toList();
      if (qualifiers.stream().distinct().count() == sameKind.size()) {
        return qualifiers.get(sameKind.indexOf(id));
      }
    }
    return "#" + id;
  }

  private double spread(List<Integer> members, int feature) {
    DoubleSummaryStatistics values = members.stream()
        .mapToDouble(member -> standardizedCentroids.get(member)[feature]).summaryStatistics();
    return values.getMax() - values.getMin();
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
    return new ClusterModel(null, config, new ClusterNames(Map.of(), Map.of()), new int[0]);
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
            sum(RfmFeatures.asDouble(col(RfmFeatures.MONETARY))).as("revenue"),
            avg(col(RfmFeatures.RECENCY_DAYS)).as("avg_recency_days"),
            avg(col(RfmFeatures.FREQUENCY)).as("avg_frequency"),
            avg(RfmFeatures.asDouble(col(RfmFeatures.MONETARY))).as("avg_monetary"));
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

  /** kmeans index to cluster id: what {@link io.segments.output.ModelStore} saves beside the pipeline. */
  public int[] idOfIndex() {
    return idOfIndex.clone();
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
