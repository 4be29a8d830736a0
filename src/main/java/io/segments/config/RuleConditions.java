package io.segments.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.analysis.ExpressionWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.BinaryArithmetic;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.LambdaFunction;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.UnaryMinus;
import org.apache.spark.sql.catalyst.expressions.UnresolvedNamedLambdaVariable;
import org.apache.spark.sql.catalyst.expressions.WindowExpression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Checks a rule's condition without running it: it must parse as one Spark SQL expression (a
 * statement or two expressions do not), nest at most {@value #MAX_DEPTH} levels, call only the
 * side-effect-free built-in functions of {@link #ALLOWED_FUNCTIONS} (no reflection, no aggregate, no
 * window, no user function, nothing whose name is computed), contain no subquery, and not be
 * something that is plainly not a boolean (a literal, arithmetic, a cast to another type, a bare column). It returns the
 * columns the condition names (not the variables of its own lambdas): which columns a rule may see
 * depends on its place in the pipeline, which checks them before any read; whether functions exist
 * and the whole is boolean is settled when the job analyses it against the customer columns.
 */
final class RuleConditions {
  /** Levels of nesting a condition may have: far more than any rule needs, far less than overflows a stack. */
  static final int MAX_DEPTH = 64;

  /**
   * What a rule may call: comparison, arithmetic, string, date, array and map, null handling and
   * conditional functions, all pure. Operators (=, AND, LIKE, IN, CASE, CAST) are not functions and
   * need no entry. Left out on purpose: reflection (reflect, java_method), aggregates and windows,
   * generators, the clock and randomness (a rule must give the same answer when a date is re-run),
   * and anything that reads files or the session.
   */
  static final Set<String> ALLOWED_FUNCTIONS = Set.of(
      // numbers
      "abs", "ceil", "ceiling", "floor", "round", "bround", "sqrt", "cbrt", "pow", "power", "exp", "ln", "log",
      "log10", "log2", "mod", "pmod", "greatest", "least", "sign", "signum", "negative", "positive", "try_add",
      "try_subtract", "try_multiply", "try_divide", "div", "isnan", "nanvl", "width_bucket",
      // null handling and conditionals
      "coalesce", "nvl", "nvl2", "ifnull", "nullif", "isnull", "isnotnull", "if", "between", "equal_null",
      // strings
      "length", "char_length", "character_length", "lower", "upper", "lcase", "ucase", "trim", "ltrim", "rtrim",
      "btrim", "substring", "substr", "left", "right", "concat", "concat_ws", "contains", "startswith", "endswith",
      "instr", "locate", "position", "lpad", "rpad", "replace", "translate", "initcap", "split", "split_part",
      "regexp_like", "regexp", "rlike", "regexp_extract", "regexp_replace", "regexp_count", "like", "ilike",
      "string", "format_number", "repeat", "reverse", "ascii",
      // dates
      "date_add", "date_sub", "dateadd", "datediff", "date_diff", "months_between", "add_months", "year", "month",
      "day", "dayofmonth", "dayofweek", "dayofyear", "weekofyear", "weekday", "quarter", "hour", "minute",
      "second", "to_date", "try_to_timestamp", "to_timestamp", "date_trunc", "trunc", "last_day", "next_day",
      "make_date", "date_format", "extract", "date_part",
      // arrays and maps, with their lambda forms
      "array", "array_contains", "arrays_overlap", "array_size", "size", "cardinality", "element_at", "try_element_at",
      "exists", "forall", "filter", "transform", "aggregate", "reduce", "array_max", "array_min", "array_distinct",
      "array_join", "array_position", "array_remove", "array_union", "array_intersect", "array_except", "slice",
      "sort_array", "array_sort", "array_compact", "flatten", "map", "map_keys", "map_values", "map_contains_key",
      "struct", "named_struct");

  private RuleConditions() {}

  static Set<String> columnsOf(ConditionRule rule) {
    if (textDepth(rule.condition()) > MAX_DEPTH) {
      throw rule.invalid("nests deeper than " + MAX_DEPTH + " levels");
    }
    Expression expression;
    try {
      expression = CatalystSqlParser$.MODULE$.parseExpression(rule.condition());
    } catch (StackOverflowError e) {
      throw rule.invalid("is too deeply nested to parse");
    } catch (Exception e) {
      // Spark's ParseException is a checked exception that Scala does not declare: Java cannot name it here.
      throw rule.invalid("is not a single Spark SQL expression: " + firstLine(e.getMessage()));
    }
    Set<String> lambdaVariables = new HashSet<>();
    Set<String> columns = new TreeSet<>();
    Deque<Map.Entry<Expression, Integer>> pending = new ArrayDeque<>();
    pending.push(Map.entry(expression, 1));
    while (!pending.isEmpty()) {
      Expression node = pending.peek().getKey();
      int depth = pending.pop().getValue();
      if (depth > MAX_DEPTH) {
        throw rule.invalid("nests deeper than " + MAX_DEPTH + " levels");
      }
      refuseWhatIsNoPureExpression(rule, node);
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
      CollectionConverters.asJava(node.children()).forEach(child -> pending.push(Map.entry(child, depth + 1)));
    }
    if (plainlyNotBoolean(expression)) {
      throw rule.invalid("is not a boolean condition: " + expression.sql());
    }
    return columns;
  }

  private static void refuseWhatIsNoPureExpression(ConditionRule rule, Expression node) {
    if (node instanceof SubqueryExpression) {
      throw rule.invalid("contains a subquery; only expressions over the customer's own columns are allowed");
    }
    if (node instanceof WindowExpression) {
      throw rule.invalid("uses a window (OVER); a rule looks at one customer at a time");
    }
    if (node instanceof UnresolvedFunction function) {
      List<String> name = CollectionConverters.asJava(function.nameParts());
      String simple = name.get(name.size() - 1).toLowerCase(Locale.ROOT);
      if (name.size() != 1 || !ALLOWED_FUNCTIONS.contains(simple)) {
        throw rule.invalid("calls function '" + String.join(".", name) + "', which rules may not use: a rule may "
            + "call only side-effect-free built-in functions (comparison, arithmetic, string, date, array, null "
            + "handling); aggregates, windows, reflection and user functions are refused");
      }
      if (function.isDistinct() || function.filter().isDefined()) {
        throw rule.invalid("aggregates (DISTINCT or FILTER); a rule looks at one customer at a time");
      }
    }
    // A name computed at run time (IDENTIFIER('reflect')(...)) would escape the check above.
    if (node instanceof ExpressionWithUnresolvedIdentifier) {
      throw rule.invalid("computes a function or column name with IDENTIFIER(...); name them directly");
    }
  }

  /** The deepest nesting of parentheses and brackets outside string literals. */
  private static int textDepth(String condition) {
    int depth = 0;
    int deepest = 0;
    char quote = 0;
    for (int i = 0; i < condition.length(); i++) {
      char c = condition.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '(' || c == '[') {
        deepest = Math.max(deepest, ++depth);
      } else if (c == ')' || c == ']') {
        depth--;
      }
    }
    return deepest;
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
