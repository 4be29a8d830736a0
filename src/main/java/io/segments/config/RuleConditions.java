package io.segments.config;

import io.segments.InvalidInputException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.BinaryArithmetic;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.LambdaFunction;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.UnaryMinus;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Checks a rule's condition without running it: it must parse as one Spark SQL expression (a
 * statement or two expressions do not), contain no subquery, name only customer columns (and the
 * variables of its own lambdas), and not be something that is plainly not a boolean (a literal,
 * arithmetic, a cast to another type, a bare column). Whether functions exist and the whole is
 * boolean is settled when the job analyses it against the customer columns, before any read or write.
 */
final class RuleConditions {
  private RuleConditions() {}

  static void check(ConditionRule rule, Set<String> columns) {
    Expression expression;
    try {
      expression = CatalystSqlParser$.MODULE$.parseExpression(rule.condition());
    } catch (Exception e) {
      // Spark's ParseException is a checked exception that Scala does not declare: Java cannot name it here.
      throw invalid(rule, "is not a single Spark SQL expression: " + firstLine(e.getMessage()));
    }
    Set<String> known = new HashSet<>();
    columns.forEach(c -> known.add(c.toLowerCase(Locale.ROOT)));
    Deque<Expression> pending = new ArrayDeque<>();
    pending.push(expression);
    while (!pending.isEmpty()) {
      Expression node = pending.pop();
      if (node instanceof SubqueryExpression) {
        throw invalid(rule, "contains a subquery; only expressions over the customer's own columns are allowed");
      }
      if (node instanceof LambdaFunction lambda) {
        for (NamedExpression argument : CollectionConverters.asJava(lambda.arguments())) {
          known.add(argument.name().toLowerCase(Locale.ROOT));
        }
      }
      if (node instanceof UnresolvedAttribute attribute) {
        String column = attribute.nameParts().head();
        if (!known.contains(column.toLowerCase(Locale.ROOT))) {
          throw invalid(rule, "names unknown column '" + column + "'; rules see the customer_segments columns "
              + columns);
        }
      }
      CollectionConverters.asJava(node.children()).forEach(pending::push);
    }
    if (plainlyNotBoolean(expression)) {
      throw invalid(rule, "is not a boolean condition: " + expression.sql());
    }
  }

  static InvalidInputException invalid(ConditionRule rule, String problem) {
    return new InvalidInputException(
        "bad rule " + rule.name() + " (" + rule.key() + "): condition \"" + rule.condition() + "\" " + problem);
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
