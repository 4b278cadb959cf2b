package dev.ferry;

/** Records whether its static initializer ran: reading its name off the wire must not run it. */
public final class InitCanary {
  public static boolean initialized;

  public static final class Target {
    static {
      initialized = true;
    }

    private Target() {}
  }

  private InitCanary() {}
}
