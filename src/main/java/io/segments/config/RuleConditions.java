package io.segments.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.BinaryArithmetic;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.LambdaFunction;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.UnaryMinus;
import org.apache.spark.sql.catalyst.expressions.UnresolvedNamedLambdaVariable;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Checks a rule's condition without running it: it must parse as one Spark SQL expression (a
 * statement or two expressions do not), contain no subquery, and not be something that is plainly
 * not a boolean (a literal, arithmetic, a cast to another type, a bare column). It returns the
 * columns the condition names (not the variables of its own lambdas): which columns a rule may see
 * depends on its place in the pipeline, which checks them before any read; whether functions exist
 * and the whole is boolean is settled when the job analyses it against the customer columns.
 */
final class RuleConditions {
  private RuleConditions() {}

  static Set<String> columnsOf(ConditionRule rule) {
    Expression expression;
    try {
      expression = CatalystSqlParser$.MODULE$.parseExpression(rule.condition());
    } catch (Exception e) {
      // Spark's ParseException is a checked exception that Scala does not declare: Java cannot name it here.
      throw rule.invalid("is not a single Spark SQL expression: " + firstLine(e.getMessage()));
    }
    Set<String> lambdaVariables = new HashSet<>();
    Set<String> columns = new TreeSet<>();
    Deque<Expression> pending = new ArrayDeque<>();
    pending.push(expression);
    while (!pending.isEmpty()) {
      Expression node = pending.pop();
      if (node instanceof SubqueryExpression) {
        throw rule.invalid("contains a subquery; only expressions over the customer's own columns are allowed");
      }
      if (node instanceof LambdaFunction lambda) {
        for (NamedExpression argument : CollectionConverters.asJava(lambda.arguments())) {
          lambdaVariables.add(argument.name().toLowerCase(Locale.ROOT));
        }
      }
      // Inside a lambda the parser makes every name a lambda variable, columns too.
      String name = node instanceof UnresolvedAttribute attribute ? attribute.nameParts().head()
          : node instanceof UnresolvedNamedLambdaVariable variable ? variable.nameParts().head()
          : null;
      if (name != null && !lambdaVariables.contains(name.toLowerCase(Locale.ROOT))) {
        columns.add(name);
      }
      CollectionConverters.asJava(node.children()).forEach(pending::push);
    }
    if (plainlyNotBoolean(expression)) {
      throw rule.invalid("is not a boolean condition: " + expression.sql());
    }
    return columns;
  }

  private static boolean plainlyNotBoolean(Expression expression) {
    boolean typedOtherwise = (expression.resolved() || expression instanceof Cast)
        && !expression.dataType().equals(DataTypes.BooleanType);
    return typedOtherwise
        || expression instanceof BinaryArithmetic
        || expression instanceof UnaryMinus
        || expression instanceof UnresolvedAttribute;
  }

  private static String firstLine(String message) {
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline);
  }
}
