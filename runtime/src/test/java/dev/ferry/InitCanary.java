package dev.ferry;

/** Records whether its static initializer ran: reading its name off the wire must not run it. */
final class InitCanary {
  static boolean initialized;

  static final class Target {
    static {
      initialized = true;
    }

    private Target() {}
  }

  private InitCanary() {}
}
