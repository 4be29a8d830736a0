package io.segments.reporting;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;

import io.segments.config.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The customer type table people work in (客户类型管理表格) and the summary beside it, with headers in
 * the configured locale (labels.LOCALE.export_header): labels rather than keys, contact only masked.
 */
public final class CustomerTypeTable {
  private static final String HEADERS = "export_header";

  private CustomerTypeTable() {}

  /** Header key → the customer_segments expression of the column. */
  private static Map<String, Column> customerColumns() {
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put("customer_id", col("customer_id"));
    columns.put("customer_type", col("customer_type_label"));
    columns.put("rfm_segment", col("rfm_segment_label"));
    columns.put("rfm_class_cn", col("rfm_class_cn_label"));
    columns.put("value_tier", col("value_tier_label"));
    columns.put("frequency_tier", col("frequency_tier_label"));
    columns.put("lifecycle_stage", col("lifecycle_stage_label"));
    columns.put("importance", col("importance_label"));
    columns.put("cluster", col("cluster_label"));
    columns.put("tags", array_join(col("tags"), ", "));
    columns.put("actions", array_join(col("actions"), ", "));
    columns.put("recency_days", col("recency_days"));
    columns.put("frequency", col("frequency"));
    columns.put("monetary", col("monetary"));
    columns.put("account_manager", col("account_manager"));
    columns.put("phone_masked", col("phone_masked"));
    columns.put("email_masked", col("email_masked"));
    return columns;
  }

  /** @param segments customer_segments rows of one snapshot */
  public static Dataset<Row> customers(Dataset<Row> segments, Labels labels) {
    return withHeaders(segments.orderBy("customer_id"), customerColumns(), labels);
  }

  /** @param summary segment_summary rows of one snapshot */
  public static Dataset<Row> summary(Dataset<Row> summary, Labels labels) {
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put("dimension", col("dimension"));
    columns.put("segment", col("segment_label"));
    List.of("customers", "customer_share", "revenue", "revenue_share").forEach(name -> columns.put(name, col(name)));
    return withHeaders(summary.orderBy(col("dimension"), col("customers").desc()), columns, labels);
  }

  /** The columns, each named by its header in the configured locale. */
  private static Dataset<Row> withHeaders(Dataset<Row> rows, Map<String, Column> columns, Labels labels) {
    Map<String, String> headers = labels.of(HEADERS);
    return rows.select(columns.entrySet().stream()
        .map(column -> column.getValue().as(headers.get(column.getKey())))
        .toArray(Column[]::new));
  }

  /** The headers of the share columns, which a spreadsheet shows as percentages. */
  public static List<String> shareHeaders(Labels labels) {
    return List.of(labels.of(HEADERS).get("customer_share"), labels.of(HEADERS).get("revenue_share"));
  }
}
