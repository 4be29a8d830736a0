package io.segments;

/**
 * Bad input or configuration that the user must fix: a missing column, an unreadable file, an
 * unknown or mistyped conf key. The launcher maps it to exit code 2, and it is always raised before
 * anything is written, so the message is all the user needs: it names the file, column or key.
 */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
