package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;
import dev.ferry.internal.codec.OwnCodecs;

/**
 * The classes a channel's first connect, send and receive use whose static initializers allocate,
 * initialized together while the heap has room: in a child on its preparation thread ({@link
 * Preparation#sockets}, before its target runs, and off its main thread's way to the target's first
 * message), and in any process as it makes its first handle ({@link RemoteChannel}'s initializer)
 * or creates its first channel ({@link HostChannel}'s). An initializer that runs out of heap leaves its class unusable for the
 * JVM's life (every later use throws {@code NoClassDefFoundError: Could not initialize class}), and
 * a target that fills its heap before its first send met that: {@code FrameReader}'s failed in 2 of
 * 5 runs of {@code ChannelHeapTest} on a loaded machine, and the child's channel never connected.
 *
 * <p>A process that never uses a channel pays nothing; one that does pays here what its first send
 * and receive would pay a moment later. The list is the Ferry classes with an allocating
 * initializer that a child first initialized after its target started, and a parent after its
 * first spawn returned ({@code -Xlog:class+init}, stop 57). None of them initializes a channel
 * class in turn, so two threads initializing these at once cannot wait on each other.
 */
final class ConnectionClasses {
  private static final Class<?>[] ALLOCATING = {
    FrameReader.class, // its empty cursor and the bytes read ahead of their frames
    Outbox.class, // the frames each thread holds
    ConversationSpin.class, // a system property read
    ThreadBuffers.class,
    ByteOutput.class, // installs the bounded outputs
    OwnCodecs.class, // its class values
    MessageTypes.StringCodec.class, // the codec of a message that is a String
    RingLink.class, // a child's preparation has initialized it; a host's first connection had not
    MappingFaults.class,
    PolledConnections.class,
  };

  private ConnectionClasses() {}

  /**
   * Initializes them; cheap after the first call. A class literal loads its class, it does not
   * initialize it: {@code Class.forName} with {@code initialize} true does.
   */
  static void initialize() {
    for (Class<?> type : ALLOCATING) {
      try {
        Class.forName(type.getName(), true, type.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError("a class that is loaded was not found: " + type.getName(), e);
      }
    }
  }
}
