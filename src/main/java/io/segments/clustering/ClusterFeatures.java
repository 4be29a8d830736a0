package io.segments.clustering;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;

import io.segments.config.ClusteringConfig;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * What k-means sees: each configured customer column as log1p(value), negatives (net refunds) and
 * nulls as 0, assembled and standardized to mean 0 and unit variance. The heavy tails of frequency
 * and monetary would otherwise let a few customers decide every centroid.
 */
final class ClusterFeatures {
  static final String LOG_PREFIX = "log_";
  static final String ASSEMBLED = "cluster_features_log";
  static final String STANDARDIZED = "cluster_features";
  static final String KMEANS_INDEX = "kmeans_index";

  private ClusterFeatures() {}

  /** Adds log_&lt;feature&gt; for each feature. */
  static Dataset<Row> withLogs(Dataset<Row> customers, List<String> features) {
    Dataset<Row> withLogs = customers;
    for (String feature : features) {
      withLogs = withLogs.withColumn(LOG_PREFIX + feature,
          log1p(greatest(coalesce(col(feature).cast(DataTypes.DoubleType), lit(0.0)), lit(0.0))));
    }
    return withLogs;
  }

  /** Assemble, standardize: the part of the pipeline every k shares. */
  static PipelineStage[] scaling(List<String> features) {
    String[] logs = features.stream().map(f -> LOG_PREFIX + f).toArray(String[]::new);
    return new PipelineStage[] {
      new VectorAssembler().setInputCols(logs).setOutputCol(ASSEMBLED),
      new StandardScaler().setInputCol(ASSEMBLED).setOutputCol(STANDARDIZED).setWithMean(true).setWithStd(true)
    };
  }

  static KMeans kmeans(ClusteringConfig config, int k) {
    return new KMeans()
        .setK(k)
        .setSeed(config.seed())
        .setMaxIter(config.maxIterations())
        .setInitMode("k-means||")
        // The blocked solver fails when the customers have fewer distinct points than k (a new shop,
        // a single customer); the row solver returns fewer clusters instead.
        .setSolver("row")
        .setFeaturesCol(STANDARDIZED)
        .setPredictionCol(KMEANS_INDEX);
  }

  static Pipeline pipeline(ClusteringConfig config) {
    PipelineStage[] scaling = scaling(config.features());
    return new Pipeline().setStages(new PipelineStage[] {scaling[0], scaling[1], kmeans(config, config.k())});
  }
}
