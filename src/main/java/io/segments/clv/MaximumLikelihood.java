package io.segments.clv;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum-likelihood estimates of positive parameters with commons-math3's Nelder-Mead simplex, in
 * log space so that every step stays positive; restarted from its own optimum until that no longer
 * moves, since a simplex can stall before the optimum. Standard errors come from a finite-difference
 * Hessian of the log-likelihood at the optimum.
 */
final class MaximumLikelihood {
  private static final int MAX_EVALUATIONS = 20_000;
  private static final int MAX_RESTARTS = 5;

  private MaximumLikelihood() {}

  /**
   * The estimates of a fit, or none when it did not converge.
   *
   * @param parameters the estimates; empty when not converged
   * @param standardErrors by parameter; NaN where the Hessian is not invertible
   * @param logLikelihood at the estimates
   * @param iterations simplex iterations in all
   */
  record Fit(double[] parameters, double[] standardErrors, double logLikelihood, int iterations, boolean converged) {
    static Fit failed(int iterations) {
      return new Fit(new double[0], new double[0], Double.NaN, iterations, false);
    }
  }

  /** @param logLikelihood of the parameters in their natural (positive) scale, summed over the data */
  static Fit maximize(ToDoubleFunction<double[]> logLikelihood, double[] start) {
    ObjectiveFunction negative = new ObjectiveFunction(logs -> {
      double value = -logLikelihood.applyAsDouble(exp(logs));
      return Double.isFinite(value) ? value : Double.MAX_VALUE;
    });
    double[] point = logs(start);
    double best = Double.MAX_VALUE;
    int iterations = 0;
    try {
      for (int restart = 0; restart < MAX_RESTARTS; restart++) {
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-10, 1e-10);
        PointValuePair optimum = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), negative, GoalType.MINIMIZE,
            new InitialGuess(point), new NelderMeadSimplex(point.length, 0.5));
        iterations += optimizer.getIterations();
        boolean settled = best - optimum.getValue() < 1e-6;
        point = optimum.getPoint();
        best = optimum.getValue();
        if (settled) {
          break;
        }
      }
    } catch (TooManyEvaluationsException e) {
      return Fit.failed(iterations);
    }
    if (best == Double.MAX_VALUE) {
      return Fit.failed(iterations);
    }
    double[] estimates = exp(point);
    return new Fit(estimates, standardErrors(logLikelihood, estimates), -best, iterations, true);
  }

  /** Square roots of the diagonal of the inverse observed information (minus the Hessian). */
  private static double[] standardErrors(ToDoubleFunction<double[]> logLikelihood, double[] estimates) {
    int n = estimates.length;
    double[][] information = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double hi = 1e-4 * estimates[i];
        double hj = 1e-4 * estimates[j];
        information[i][j] = -(at(logLikelihood, estimates, i, hi, j, hj) - at(logLikelihood, estimates, i, hi, j, -hj)
            - at(logLikelihood, estimates, i, -hi, j, hj) + at(logLikelihood, estimates, i, -hi, j, -hj))
            / (4 * hi * hj);
      }
    }
    double[] errors = new double[n];
    try {
      RealMatrix covariance = new LUDecomposition(new Array2DRowRealMatrix(information)).getSolver().getInverse();
      for (int i = 0; i < n; i++) {
        errors[i] = Math.sqrt(covariance.getEntry(i, i));
      }
    } catch (RuntimeException singular) {
      java.util.Arrays.fill(errors, Double.NaN);
    }
    return errors;
  }

  private static double at(ToDoubleFunction<double[]> f, double[] x, int i, double di, int j, double dj) {
    double[] moved = x.clone();
    moved[i] += di;
    moved[j] += dj;
    return f.applyAsDouble(moved);
  }

  private static double[] exp(double[] logs) {
    double[] values = new double[logs.length];
    for (int i = 0; i < logs.length; i++) {
      values[i] = Math.exp(logs[i]);
    }
    return values;
  }

  private static double[] logs(double[] values) {
    double[] logs = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      logs[i] = Math.log(values[i]);
    }
    return logs;
  }
}
