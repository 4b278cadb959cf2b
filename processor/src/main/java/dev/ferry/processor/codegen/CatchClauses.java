package dev.ferry.processor.codegen;

import static dev.ferry.processor.codegen.RuntimeNames.TRANSFER_EXCEPTION;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.ferry.processor.model.CodecModel.Thrown;

/**
 * Wraps generated code that calls the user's constructors, accessors and setters in a try
 * statement whose catch clauses fit what they declare ({@link Thrown}): a codec's methods declare
 * no checked exception, so one an accessor throws is wrapped, and what building a value from the
 * bytes a reader was given throws is reported as a {@code TransferException}, bad input like any
 * other.
 */
final class CatchClauses {
  private CatchClauses() {}

  /**
   * {@code body}, which calls a constructor or method of the user's that declares checked
   * exceptions ({@code Account(long id) throws IOException}), in a try that rethrows unchecked
   * exceptions as they are and wraps checked ones in {@code wrapper}, since a codec's methods
   * declare none. A checked throwable that is no exception ({@code throws Throwable}) is caught as
   * a {@code Throwable}, after letting errors through as they are.
   */
  static CodeBlock catchingChecked(
      CodeBlock body, String e, Thrown thrown, ClassName wrapper, String message) {
    CodeBlock.Builder code =
        CodeBlock.builder()
            .beginControlFlow("try")
            .add(body)
            .nextControlFlow("catch ($T $L)", RuntimeException.class, e)
            .addStatement("throw $L", e);
    return caughtAs(code, e, thrown)
        .addStatement("throw new $T($S + $L, $L)", wrapper, message, e, e)
        .endControlFlow()
        .build();
  }

  /**
   * Opens the catch clause of {@code thrown}: {@code RuntimeException} when nothing checked is
   * thrown, {@code Exception}, or {@code Throwable} after a clause that rethrows an {@code Error}.
   */
  private static CodeBlock.Builder caughtAs(CodeBlock.Builder code, String e, Thrown thrown) {
    if (thrown == Thrown.THROWABLES) {
      code.nextControlFlow("catch ($T $L)", Error.class, e).addStatement("throw $L", e);
    }
    return code.nextControlFlow("catch ($T $L)", caught(thrown), e);
  }

  /** What {@link #caughtAs} catches, after the errors for {@code THROWABLES}. */
  private static Class<? extends Throwable> caught(Thrown thrown) {
    return switch (thrown) {
      case UNCHECKED -> RuntimeException.class;
      case EXCEPTIONS -> Exception.class;
      case THROWABLES -> Throwable.class;
    };
  }

  /**
   * {@code body}, which builds the value from the decoded members, in a try that turns what the
   * user's constructor or setters throw into a {@code TransferException}: a compact constructor
   * that validates ({@code if (lo > hi) throw new IllegalArgumentException(...)}) refuses forged or
   * corrupted bytes, and a reader must see that as bad input, like every other, not as its own
   * {@code IllegalArgumentException}. So is the {@code AssertionError} of an {@code assert} that
   * validates ({@code assert low <= high}, with assertions enabled), which used to leave {@code
   * Codecs.decode} and a channel's {@code receive} as itself; other errors are the JVM's ({@code
   * OutOfMemoryError}) and pass. {@code thrown} is what the constructor and setters declare
   * ({@link #caughtAs}).
   */
  static CodeBlock refusingInvalid(
      CodeBlock body, String e, Thrown thrown, String typeName) {
    CodeBlock refuse =
        CodeBlock.of(
            "throw new $T($S + in.offset() + $S + $L, $L)",
            TRANSFER_EXCEPTION,
            "the bytes before offset ",
            " do not make a valid " + typeName + ": building it threw ",
            e,
            e);
    CodeBlock.Builder code = CodeBlock.builder().beginControlFlow("try").add(body);
    if (thrown == Thrown.THROWABLES) { // its catch of Throwable follows one that rethrows errors
      code.nextControlFlow("catch ($T $L)", AssertionError.class, e).addStatement(refuse);
      return caughtAs(code, e, thrown).addStatement(refuse).endControlFlow().build();
    }
    return code.nextControlFlow("catch ($T | $T $L)", caught(thrown), AssertionError.class, e)
        .addStatement(refuse)
        .endControlFlow()
        .build();
  }
}
