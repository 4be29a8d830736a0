package io.segments.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.Complete$;
import org.apache.spark.sql.catalyst.expressions.aggregate.Final$;
import org.apache.spark.sql.catalyst.expressions.aggregate.Partial$;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.execution.ColumnarRule;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.aggregate.HashAggregateExec;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractPartialFunction;
import scala.runtime.BoxedUnit;

/**
 * A physical-plan rule: a hash aggregation whose input is already partitioned by its grouping keys runs
 * in one phase instead of two. Spark plans every aggregation as a partial one (per task) and a final one
 * (after the shuffle by the keys). When no shuffle is needed, because the rows were already partitioned
 * by a prefix of the keys, both phases run in the same task, and the final one hashes every group the
 * partial one just hashed. The features stage groups the lines by order, the orders by day and the days
 * by customer over lines partitioned by customer: three such pairs. Spark 4.3 brings a rule of its own
 * for this (CombineAdjacentAggregation, SPARK-43317); 4.1 hashes every line twice per level. The folded
 * aggregation keeps the final one's required distribution, so that adaptive execution never splits a
 * partition it reads.
 *
 * <p>The rule runs after Spark has placed the shuffles (as a columnar rule's pre-transition step, the
 * one extension point that does, with adaptive execution on or off). A session setting {@value #ENABLED}
 * = false turns it off: the benchmark's plain Spark core runs without it.
 */
public final class SinglePhaseAggregates extends Rule<SparkPlan> {
  /** The session setting that turns the rule off ("false"); on by default. */
  public static final String ENABLED = "spark.segments.singlePhaseAggregates.enabled";

  /** Installs the rule in every session of a Spark application: {@code spark.sql.extensions}. */
  public static final class Extension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
      extensions.injectColumnar(new AbstractFunction1<SparkSession, ColumnarRule>() {
        @Override
        public ColumnarRule apply(SparkSession session) {
          return new ColumnarRule() {
            @Override
            public Rule<SparkPlan> preColumnarTransitions() {
              return new SinglePhaseAggregates();
            }
          };
        }
      });
      return BoxedUnit.UNIT;
    }
  }

  @Override
  public SparkPlan apply(SparkPlan plan) {
    if (!Boolean.parseBoolean(conf().getConfString(ENABLED, "true"))) {
      return plan;
    }
    return plan.transformUp(new AbstractPartialFunction<SparkPlan, SparkPlan>() {
      @Override
      public boolean isDefinedAt(SparkPlan node) {
        return isPartialThenFinal(node);
      }

      @Override
      public SparkPlan apply(SparkPlan node) {
        return singlePhase((HashAggregateExec) node);
      }
    });
  }

  /**
   * A final aggregation straight over the partial one of the same functions and keys, whose input
   * already has the distribution the final one requires: the rows of a group are in one task.
   */
  private static boolean isPartialThenFinal(SparkPlan node) {
    if (!(node instanceof HashAggregateExec last) || !(last.child() instanceof HashAggregateExec first)
        || last.isStreaming() || last.groupingExpressions().isEmpty()
        || last.groupingExpressions().size() != first.groupingExpressions().size()
        || last.aggregateExpressions().size() != first.aggregateExpressions().size()) {
      return false;
    }
    List<AggregateExpression> finals = CollectionConverters.asJava(last.aggregateExpressions());
    List<AggregateExpression> partials = CollectionConverters.asJava(first.aggregateExpressions());
    for (int i = 0; i < finals.size(); i++) {
      AggregateExpression finalOne = finals.get(i);
      AggregateExpression partialOne = partials.get(i);
      if (finalOne.mode() != Final$.MODULE$ || partialOne.mode() != Partial$.MODULE$
          || finalOne.isDistinct() || partialOne.isDistinct()
          || !finalOne.aggregateFunction().equals(partialOne.aggregateFunction())) {
        return false;
      }
    }
    List<NamedExpression> finalKeys = CollectionConverters.asJava(last.groupingExpressions());
    List<NamedExpression> partialKeys = CollectionConverters.asJava(first.groupingExpressions());
    for (int i = 0; i < finalKeys.size(); i++) {
      if (!((Expression) finalKeys.get(i)).semanticEquals(partialKeys.get(i).toAttribute())) {
        return false;
      }
    }
    return first.child().outputPartitioning().satisfies(last.requiredChildDistribution().head());
  }

  /**
   * One aggregation in Complete mode over the partial one's input, as Spark plans an aggregation that
   * cannot be split: the partial one's keys and filters, the final one's result ids and output.
   */
  private static HashAggregateExec singlePhase(HashAggregateExec last) {
    HashAggregateExec first = (HashAggregateExec) last.child();
    List<AggregateExpression> finals = CollectionConverters.asJava(last.aggregateExpressions());
    List<AggregateExpression> partials = CollectionConverters.asJava(first.aggregateExpressions());
    List<AggregateExpression> complete = new ArrayList<>();
    List<Attribute> results = new ArrayList<>();
    for (int i = 0; i < finals.size(); i++) {
      AggregateExpression partialOne = partials.get(i);
      AggregateExpression whole = partialOne.copy(partialOne.aggregateFunction(), Complete$.MODULE$, false,
          partialOne.filter(), finals.get(i).resultId());
      complete.add(whole);
      results.add(whole.resultAttribute());
    }
    List<Expression> keys = CollectionConverters.asJava(first.groupingExpressions()).stream()
        .map(Expression.class::cast).toList();
    return new HashAggregateExec(Option.apply(CollectionConverters.asScala(keys).toList()), false,
        last.numShufflePartitions(), first.groupingExpressions(), CollectionConverters.asScala(complete).toList(),
        CollectionConverters.asScala(results).toList(), 0, last.resultExpressions(), first.child());
  }
}
