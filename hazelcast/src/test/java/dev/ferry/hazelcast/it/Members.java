package dev.ferry.hazelcast.it;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Two real Hazelcast members in the test JVM, joined over TCP on the loopback address, with
 * nothing about serialization in their configuration. Tuned to start fast: no join wait, few
 * partitions, no phone-home, a cluster name of their own so that no other cluster is joined.
 */
final class Members implements AutoCloseable {
  final HazelcastInstance first;
  final HazelcastInstance second;

  private Members(HazelcastInstance first, HazelcastInstance second) {
    this.first = first;
    this.second = second;
  }

  static Members start() throws IOException {
    int port = freePortPair();
    String cluster = "ferry-test-" + UUID.randomUUID();
    HazelcastInstance first = Hazelcast.newHazelcastInstance(config(cluster, port, port));
    try {
      return new Members(first, Hazelcast.newHazelcastInstance(config(cluster, port, port + 1)));
    } catch (RuntimeException | Error e) {
      first.getLifecycleService().terminate();
      throw e;
    }
  }

  /**
   * One member alone, on its own cluster, with {@code tune} applied to its configuration (e.g.
   * serializers registered by hand).
   */
  static HazelcastInstance startAlone(Consumer<Config> tune) throws IOException {
    int port = freePortPair();
    Config config = config("ferry-test-" + UUID.randomUUID(), port, port);
    tune.accept(config);
    return Hazelcast.newHazelcastInstance(config);
  }

  private static Config config(String cluster, int firstPort, int port) {
    Config config = new Config().setClusterName(cluster).setInstanceName(cluster + "-" + port);
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.partition.count", "31");
    config.setProperty("hazelcast.health.monitoring.level", "OFF");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig()
        .setEnabled(true)
        .setMembers(List.of("127.0.0.1:" + firstPort, "127.0.0.1:" + (firstPort + 1)));
    return config;
  }

  /** A port whose next port is free too (checked, then released: a race we accept in tests). */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket a = new ServerSocket(0)) {
        int port = a.getLocalPort();
        if (port < 65535) {
          try (ServerSocket b = new ServerSocket(port + 1)) {
            return port;
          } catch (IOException taken) {
            // try another pair
          }
        }
      }
    }
    throw new IOException("no two adjacent free ports on the loopback address");
  }

  /** Terminates both members: a graceful shutdown would first migrate their partitions away. */
  @Override
  public void close() {
    second.getLifecycleService().terminate();
    first.getLifecycleService().terminate();
  }
}
