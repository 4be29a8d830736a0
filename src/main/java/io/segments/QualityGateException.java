package io.segments;

/**
 * The input was readable but the run would not be a good snapshot (most lines rejected, none
 * accepted, far fewer customers than before). The launcher maps it to exit code 3; it is raised
 * before anything is written, so the previous snapshot stays the current one.
 */
public final class QualityGateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QualityGateException(String message) {
    super(message);
  }
}
