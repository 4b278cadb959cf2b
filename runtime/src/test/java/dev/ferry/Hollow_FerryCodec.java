package dev.ferry;

/** A codec class whose INSTANCE was never set (see {@link Hollow}). */
public final class Hollow_FerryCodec {
  public static final Codec<Hollow> INSTANCE = null;

  private Hollow_FerryCodec() {}
}
