package io.segments.reporting;

import static io.segments.features.RfmFeatures.FREQUENCY;
import static io.segments.features.RfmFeatures.MONETARY;
import static io.segments.features.RfmFeatures.RECENCY_DAYS;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.when;

import io.segments.actions.Playbooks;
import io.segments.classification.BehaviourClasses;
import io.segments.classification.Cohorts;
import io.segments.classification.ParetoClasses;
import io.segments.classification.ProfileClasses;
import io.segments.clustering.ClusterModel;
import io.segments.config.ActionsConfig;
import io.segments.config.Labels;
import io.segments.features.LedgerFeatures;
import io.segments.features.ProductFeatures;
import io.segments.features.ProfileFeatures;
import io.segments.features.RfmFeatures;
import io.segments.input.CustomerProfiles;
import io.segments.pipeline.LocalizedLabel;
import io.segments.rules.ConditionRules;
import io.segments.scoring.RfmClassCn;
import io.segments.scoring.RfmScores;
import io.segments.scoring.RfmSegments;
import io.segments.scoring.Tiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * segment_summary: per dimension and segment, the customers, their share of all customers, their
 * revenue (sum of monetary), its share of all revenue, and the mean recency, frequency and monetary.
 * Each customer row is fanned out to one (dimension, segment) pair per dimension, plus one per tag,
 * action, owner role and channel it has, and aggregated once; the shares divide by the snapshot's
 * totals, one more small aggregate. The fan-out is one array with a slot per dimension and per
 * configured member of the many-valued ones (null where the customer lacks it): built-in functions
 * only. Concatenating arrays made per customer by higher-order functions, which Spark interprets, took
 * a third of the summary (10M lines: 9.4-9.9 -> 6.3 s alone).
 * A customer without a value counts as no_purchase in a dimension that needs a purchase and has
 * none, else as unknown.
 */
public final class SegmentSummary {
  public static final String DIMENSION = "dimension";
  public static final String SEGMENT = "segment";
  public static final String SEGMENT_LABEL = "segment_label";
  public static final String CUSTOMERS = "customers";
  public static final String CUSTOMER_SHARE = "customer_share";
  public static final String REVENUE = "revenue";
  public static final String REVENUE_SHARE = "revenue_share";
  public static final String AVG_RECENCY_DAYS = "avg_recency_days";
  public static final String AVG_FREQUENCY = "avg_frequency";
  public static final String AVG_MONETARY = "avg_monetary";
  /** The dimensions of the many-valued rows: tags, actions and their owners and channels. */
  public static final String TAG = "tag";
  public static final String ACTION = "action";
  public static final String ACTION_OWNER = "action_owner";
  public static final String ACTION_CHANNEL = "action_channel";
  /** The dimensions where a customer counts under each of its values, whose shares do not sum to 1. */
  public static final List<String> MANY_VALUED = List.of(TAG, ACTION, ACTION_OWNER, ACTION_CHANNEL);
  public static final String UNKNOWN = "unknown";

  /**
   * A column of customer_segments summarized by its values.
   *
   * @param purchaseBased whether customers without a purchase have no value (then: no_purchase)
   */
  public record Dimension(String name, Column key, Column label, boolean purchaseBased) {
    /** A key column with a _label column next to it. */
    static Dimension labelled(String name, boolean purchaseBased) {
      return new Dimension(name, col(name).cast(DataTypes.StringType), col(name + LocalizedLabel.SUFFIX), purchaseBased);
    }

    /** A column whose value is its own label. */
    static Dimension plain(String name, boolean purchaseBased) {
      Column value = col(name).cast(DataTypes.StringType);
      return new Dimension(name, value, value, purchaseBased);
    }
  }

  /** Every dimension of customer_segments, in report order. */
  public static final List<Dimension> ALL = List.of(
      Dimension.labelled(RfmSegments.RFM_SEGMENT, true),
      Dimension.labelled(RfmClassCn.RFM_CLASS_CN, true),
      Dimension.labelled(Tiers.VALUE_TIER, true),
      Dimension.labelled(Tiers.FREQUENCY_TIER, true),
      Dimension.plain(RfmScores.R_SCORE, true),
      Dimension.plain(RfmScores.F_SCORE, true),
      Dimension.plain(RfmScores.M_SCORE, true),
      new Dimension(ClusterModel.CLUSTER_ID, col(ClusterModel.CLUSTER_ID).cast(DataTypes.StringType),
          col(ClusterModel.CLUSTER_LABEL), true),
      Dimension.labelled("importance", false),
      Dimension.labelled("lifecycle_stage", false),
      Dimension.labelled(Cohorts.CUSTOMER_COHORT, true),
      Dimension.labelled(ParetoClasses.PARETO_CLASS, true),
      Dimension.labelled(ParetoClasses.REVENUE_CONCENTRATION, true),
      Dimension.labelled(BehaviourClasses.PRODUCT_BREADTH, true),
      Dimension.plain(ProductFeatures.FAVOURITE_CATEGORY, true),
      Dimension.labelled(BehaviourClasses.TIME_HABIT, true),
      Dimension.labelled(BehaviourClasses.BROWSE_LEVEL, false),
      Dimension.labelled(CustomerProfiles.CUSTOMER_TYPE, false),
      Dimension.labelled(ProfileClasses.GEOGRAPHY, false),
      Dimension.plain(CustomerProfiles.REGION, false),
      Dimension.plain(CustomerProfiles.CITY, false),
      Dimension.labelled(CustomerProfiles.CITY_TIER, false),
      Dimension.labelled(ProfileFeatures.AGE_BAND, false),
      Dimension.labelled(CustomerProfiles.GENDER, false),
      Dimension.labelled("payment_tier", false),
      Dimension.plain(LedgerFeatures.AGING_BUCKET, false));

  /**
   * A many-valued column of customer_segments (tags, actions): a customer counts under each member it
   * has. The members are the configured keys, so the fan-out is a fixed list of conditions.
   */
  public record Fanned(String name, List<Member> members) {}

  /**
   * One value of a many-valued dimension.
   *
   * @param label in the configured locale; null: the key is its own label
   * @param holds whether a customer has it
   */
  public record Member(String key, String label, Column holds) {
    public Member {
      label = label == null ? key : label;
    }
  }

  /**
   * The dimensions of the actions: per playbook, per owner role and per channel of the customer's
   * actions; roles and channels are labelled by labels.&lt;locale&gt;.action_owner and action_channel.
   */
  public static List<Fanned> actions(ActionsConfig actions, Labels labels) {
    if (actions.playbooks().isEmpty()) {
      return List.of();
    }
    List<Member> playbooks = actions.playbooks().stream()
        .map(playbook -> new Member(playbook.key(), playbook.rule().labels().get(labels.locale()),
            array_contains(col(Playbooks.ACTIONS), playbook.key())))
        .toList();
    return List.of(
        new Fanned(ACTION, playbooks),
        new Fanned(ACTION_OWNER, byPlaybooks(actions, ActionsConfig.Playbook::ownerRole, labels.of(ACTION_OWNER))),
        new Fanned(ACTION_CHANNEL, byPlaybooks(actions, ActionsConfig.Playbook::channel, labels.of(ACTION_CHANNEL))));
  }

  /** A customer has an owner role (a channel) when any of its actions' playbooks has it. */
  private static List<Member> byPlaybooks(ActionsConfig actions, Function<ActionsConfig.Playbook, String> attribute,
      Map<String, String> labels) {
    Map<String, List<Column>> playbooksByValue = new TreeMap<>();
    actions.playbooks().forEach(playbook ->
        playbooksByValue.computeIfAbsent(attribute.apply(playbook), value -> new ArrayList<>()).add(lit(playbook.key())));
    List<Member> members = new ArrayList<>();
    playbooksByValue.forEach((value, playbooks) -> members.add(new Member(value, labels.get(value),
        arrays_overlap(col(Playbooks.ACTIONS), array(playbooks.toArray(Column[]::new))))));
    return members;
  }

  private static final String PAIR = "pair";
  private static final String ALL_CUSTOMERS = "all_customers";
  private static final String ALL_REVENUE = "all_revenue";
  private static final String MONETARY_CENTS = "monetary_cents";

  private SegmentSummary() {}

  /** The tag rows: per tag (key to label), its customers. */
  public static Fanned tags(Map<String, String> tagLabels) {
    List<Member> members = new ArrayList<>();
    tagLabels.forEach((key, label) -> members.add(new Member(key, label, array_contains(col(ConditionRules.TAGS), key))));
    return new Fanned(TAG, members);
  }

  /**
   * @param segments customer_segments rows of one snapshot
   * @param fannedDimensions many-valued dimensions, such as the tags
   * @param labels for the no_purchase and unknown labels
   */
  public static Dataset<Row> compute(Dataset<Row> segments, List<Dimension> dimensions,
      List<Fanned> fannedDimensions, Labels labels) {
    Column noPurchase = lit(labels.of(RfmSegments.RFM_SEGMENT).get(RfmSegments.NO_PURCHASE));
    Column unknown = lit(labels.of("common").get(UNKNOWN));
    List<Column> pairs = new ArrayList<>();
    for (Dimension dimension : dimensions) {
      Column missing = dimension.purchaseBased() ? RfmFeatures.isPurchaser().unary_$bang() : lit(false);
      pairs.add(pair(lit(dimension.name()),
          coalesce(dimension.key(), when(missing, lit(RfmSegments.NO_PURCHASE)).otherwise(lit(UNKNOWN))),
          coalesce(dimension.label(), when(missing, noPurchase).otherwise(unknown))));
    }
    for (Fanned many : fannedDimensions) {
      for (Member member : many.members()) {
        pairs.add(when(member.holds(), pair(lit(many.name()), lit(member.key()), lit(member.label()))));
      }
    }
    Dataset<Row> totals = segments.agg(count(lit(1)).as(ALL_CUSTOMERS),
        sum(RfmFeatures.asDouble(col(MONETARY))).as(ALL_REVENUE));
    // Each customer counts in ~30 pairs. Its monetary is turned into whole cents (exact: MONEY has two
    // decimals) once per customer, before the explode: a sum of decimal(18,2) keeps a BigInteger-backed
    // decimal(28,2) and was the costliest part of the summary, once per pair of every customer.
    return segments
        .select(explode(array(pairs.toArray(Column[]::new))).as(PAIR), col(RECENCY_DAYS), col(FREQUENCY),
            RfmFeatures.cents(col(MONETARY)).as(MONETARY_CENTS),
            RfmFeatures.asDouble(col(MONETARY)).as(MONETARY))
        .where(col(PAIR).isNotNull())
        .groupBy(col(PAIR + "." + DIMENSION).as(DIMENSION), col(PAIR + "." + SEGMENT).as(SEGMENT),
            col(PAIR + "." + SEGMENT_LABEL).as(SEGMENT_LABEL))
        .agg(
            count(lit(1)).as(CUSTOMERS),
            RfmFeatures.money(sum(col(MONETARY_CENTS))).as(REVENUE),
            avg(col(RECENCY_DAYS)).as(AVG_RECENCY_DAYS),
            avg(col(FREQUENCY)).as(AVG_FREQUENCY),
            avg(col(MONETARY)).as(AVG_MONETARY))
        .crossJoin(totals)
        .select(col(DIMENSION), col(SEGMENT), col(SEGMENT_LABEL), col(CUSTOMERS),
            try_divide(col(CUSTOMERS), col(ALL_CUSTOMERS)).as(CUSTOMER_SHARE),
            col(REVENUE),
            try_divide(col(REVENUE).cast(DataTypes.DoubleType), col(ALL_REVENUE)).as(REVENUE_SHARE),
            col(AVG_RECENCY_DAYS), col(AVG_FREQUENCY), col(AVG_MONETARY));
  }

  private static Column pair(Column dimension, Column segment, Column label) {
    return struct(dimension.as(DIMENSION), segment.as(SEGMENT), label.as(SEGMENT_LABEL));
  }
}
