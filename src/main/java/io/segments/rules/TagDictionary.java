package io.segments.rules;

import io.segments.config.ConditionRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/** tag_dictionary: what each tag key means, so BI tools can offer tags as filters with labels. */
public final class TagDictionary {
  private static final StructType SCHEMA = new StructType()
      .add("tag", DataTypes.StringType, false)
      .add("dimension", DataTypes.StringType, false)
      .add("tag_label", DataTypes.StringType, true)
      .add("labels", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false)
      .add("rule", DataTypes.StringType, false)
      .add("position", DataTypes.IntegerType, false);

  private TagDictionary() {}

  /** One row per configured tag, in conf order, labelled in {@code locale} and in every locale. */
  public static Dataset<Row> of(SparkSession spark, List<ConditionRule> tags, String locale) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < tags.size(); i++) {
      ConditionRule tag = tags.get(i);
      rows.add(RowFactory.create(tag.key(), tag.dimension(), tag.labels().get(locale),
          CollectionConverters.asScala(tag.labels()), tag.condition(), i));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
