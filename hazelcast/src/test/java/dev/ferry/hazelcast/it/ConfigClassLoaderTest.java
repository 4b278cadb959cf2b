package dev.ferry.hazelcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import dev.ferry.hazelcast.FerrySerializer;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * A member whose configuration names the class loader of the application's types
 * ({@code Config.setClassLoader}, as an application server or a plugin host sets it), started from
 * a thread whose context class loader cannot see them.
 */
class ConfigClassLoaderTest {
  @Test
  void typesOfTheConfiguredClassLoader_areWrittenByFerry() throws Exception {
    URL testClasses = Discount.class.getProtectionDomain().getCodeSource().getLocation();
    try (ChildFirst application = new ChildFirst(testClasses)) {
      Class<?> discount = application.loadClass(Discount.class.getName());
      assertNotSame(Discount.class, discount);
      Object value = discount.getConstructor(int.class).newInstance(15);

      HazelcastInstance member = Members.startAlone(config -> config.setClassLoader(application));
      try {
        SerializationService service = ((SerializationServiceSupport) member).getSerializationService();
        Data data = service.toData(value);

        assertEquals(FerrySerializer.TYPE_ID, data.getType());
        Object read = service.toObject(data);
        assertEquals(value, read);
        assertEquals(discount, read.getClass());
      } finally {
        member.getLifecycleService().terminate();
      }
    }
  }

  /**
   * Defines {@link Discount} and its codec itself, from the test classes, and asks its parent for
   * every other class: an application's loader with its own copy of the type.
   */
  private static final class ChildFirst extends URLClassLoader {
    private static final String OWN = Discount.class.getName();

    ChildFirst(URL testClasses) {
      super(new URL[] {testClasses}, ConfigClassLoaderTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      return name.startsWith(OWN) ? own(name) : super.loadClass(name, resolve);
    }

    private synchronized Class<?> own(String name) throws ClassNotFoundException {
      Class<?> defined = findLoadedClass(name);
      return defined != null ? defined : findClass(name);
    }
  }
}
