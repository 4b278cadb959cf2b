package dev.ferry.benchmarks.channels;

/** The floor of the spawn benchmark: a JVM that prints one line and exits. */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
