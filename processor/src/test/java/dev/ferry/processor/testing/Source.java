package dev.ferry.processor.testing;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/**
 * One input file of a test compilation: its text, with marker comments, and the file object the
 * compiler reads, kept so that assertions can name the very file a diagnostic is in.
 */
public final class Source {
  private final String qualifiedName;
  private final String text;
  private final JavaFileObject file;

  private Source(String qualifiedName, String text) {
    this.qualifiedName = qualifiedName;
    this.text = text;
    this.file = JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** A source file for the top-level type {@code qualifiedName}, e.g. {@code "test.Job"}. */
  public static Source of(String qualifiedName, String text) {
    if (qualifiedName == null) {
      throw new NullPointerException("qualifiedName == null");
    }
    if (text == null) {
      throw new NullPointerException("text == null");
    }
    return new Source(qualifiedName, text);
  }

  public String qualifiedName() {
    return qualifiedName;
  }

  public String text() {
    return text;
  }

  public JavaFileObject file() {
    return file;
  }

  @Override
  public String toString() {
    return qualifiedName;
  }
}
