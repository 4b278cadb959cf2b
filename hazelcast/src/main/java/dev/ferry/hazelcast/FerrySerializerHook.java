package dev.ferry.hazelcast;

import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.AbstractSerializationService;
import com.hazelcast.internal.serialization.impl.SerializerAdapter;
import com.hazelcast.logging.Logger;
import com.hazelcast.nio.serialization.Serializer;
import com.hazelcast.nio.serialization.SerializerHook;
import dev.ferry.Codec;
import dev.ferry.internal.codec.CodecRegistry;
import java.util.Map;

/**
 * Registers {@link FerrySerializer} for every Ferry codec on the class path, with no
 * configuration: Hazelcast finds this hook through {@code META-INF/services/com.hazelcast.SerializerHook}
 * whenever it builds a member's or a client's serialization service, and the codecs come from
 * the {@code META-INF/ferry/codecs} resources that Ferry's processor writes into every jar it
 * builds ({@link CodecRegistry}), read through the class loader the serialization service loads
 * the application's classes with.
 *
 * <p>A hook declares one type, and Hazelcast registers the hook's serializer for it. This hook
 * declares a marker class that no value has and, when Hazelcast asks it for its serializer, registers
 * that serializer for every Ferry type on the serialization service it is given. A type Hazelcast
 * serializes itself (its built-in types) or that already has a serializer keeps it. The hook is
 * overwritable: a serializer configured for the marker class replaces it, as for any hook.
 */
public final class FerrySerializerHook implements SerializerHook<FerrySerializerHook.Marker> {
  /** Hazelcast builds hooks through {@code META-INF/services}; the codecs are read when it asks for the serializer. */
  public FerrySerializerHook() {}

  /** The type this hook declares to Hazelcast; no value has it. */
  public static final class Marker {
    private Marker() {}
  }

  @Override
  public Class<Marker> getSerializationType() {
    return Marker.class;
  }

  /**
   * A serializer for the Ferry types the thread's context class loader (or else this class's) sees,
   * not registered for them (Hazelcast's older entry point).
   */
  @Override
  public Serializer createSerializer() {
    return new FerrySerializer(listedCodecs(contextOrOwn()));
  }

  /**
   * Registers a serializer for the Ferry types of the class loader {@code service} loads the
   * application's classes with: the one set by {@code Config.setClassLoader} (or a client's), which
   * an application server or plugin host sets because the thread building the member cannot see
   * them; else the thread's context class loader.
   */
  @Override
  public Serializer createSerializer(SerializationService service) {
    if (service instanceof AbstractSerializationService registry) {
      requireTypeIdFree(registry);
    }
    ClassLoader configured =
        service instanceof InternalSerializationService internal ? internal.getClassLoader() : null;
    Map<Class<?>, Codec<?>> codecs = listedCodecs(configured != null ? configured : contextOrOwn());
    FerrySerializer serializer = new FerrySerializer(codecs);
    if (service instanceof AbstractSerializationService registry) {
      for (Class<?> type : codecs.keySet()) {
        register(registry, type, serializer);
      }
    } else if (!codecs.isEmpty()) {
      Logger.getLogger(FerrySerializerHook.class)
          .warning(
              "Ferry's serializer hook cannot register its " + codecs.size() + " codecs on this"
                  + " version of Hazelcast (its serialization service is a "
                  + service.getClass().getName() + "); register FerrySerializer in the"
                  + " serialization configuration instead, as docs/hazelcast.md shows");
    }
    return serializer;
  }

  /**
   * Stops the start when a serializer, configured or registered by another hook, already answers
   * to {@link FerrySerializer#TYPE_ID}: Hazelcast reads all the bytes of one type id with one
   * serializer, so it refuses Ferry's (after this hook returns) with "Serializer [...] has been
   * already registered for type ID: 1179800153", which names neither Ferry nor the fix. Hazelcast
   * registers configured serializers and hooks in no fixed order; when this hook comes first,
   * Hazelcast refuses the other serializer instead, naming Ferry's by its {@link
   * FerrySerializer#toString()}.
   */
  private static void requireTypeIdFree(AbstractSerializationService registry) {
    SerializerAdapter holder = registry.serializerFor(FerrySerializer.TYPE_ID);
    if (holder == null || holder.getImpl() instanceof FerrySerializer) {
      return;
    }
    String other = holder.getImpl().getClass().getName();
    throw new IllegalStateException(
        "Ferry's serializer hook cannot register Ferry's serializer, so this Hazelcast member or"
            + " client cannot start: the serializer " + other + " (configured, or registered by"
            + " another library's hook) has type id " + FerrySerializer.TYPE_ID + " (0x46525259,"
            + " FerrySerializer.TYPE_ID), the id Ferry's serializer writes every Ferry value with,"
            + " and Hazelcast reads all the values of one type id with one serializer. Give " + other
            + " another type id in its getTypeId(): Ferry's is fixed, so that every member and"
            + " client agrees on it without configuration");
  }

  /**
   * The codecs {@code loader}'s registries list. One that cannot serve (two jars each listing a
   * codec of one type, a listed codec that cannot be loaded) stops the member or client from
   * starting, since Hazelcast builds its serialization service then: the message says that it is
   * this hook, and how to start without it.
   */
  static Map<Class<?>, Codec<?>> listedCodecs(ClassLoader loader) {
    try {
      return CodecRegistry.all(loader);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "Ferry's serializer hook cannot register the codecs on this class path, so this"
              + " Hazelcast member or client cannot start: " + e.getMessage() + ". Or turn the"
              + " hook off by configuring a serializer for " + Marker.class.getCanonicalName()
              + ", and register FerrySerializer for your types by hand (docs/hazelcast.md)",
          e);
    }
  }

  static ClassLoader contextOrOwn() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : FerrySerializerHook.class.getClassLoader();
  }

  private static void register(AbstractSerializationService registry, Class<?> type, Serializer serializer) {
    try {
      registry.register(type, serializer);
    } catch (IllegalArgumentException | IllegalStateException taken) {
      // Hazelcast's own type, or one that a user's configuration gave another serializer: it wins.
    }
  }

  @Override
  public boolean isOverwritable() {
    return true;
  }
}
