package dev.ferry;

/**
 * A parent process for {@link ParentDeathTest}, started outside Ferry so that the test can kill
 * it: it spawns one child blocked in receive and one blocked in send on channels it hosts, prints
 * {@code ready <its pid> <receiver pid> <sender pid>} and waits to be killed.
 */
public final class OrphanMiddle {
  private OrphanMiddle() {}

  public static void main(String[] args) throws Exception {
    Channel<String> ready = Channel.create();
    Channel<String> empty = Channel.create();
    Channel<Integer> full = Channel.create(1);
    Child receiver = Children.fast("blocked-receiver").spawn(OrphanMiddle::blockInReceive, empty, ready);
    Child sender = Children.fast("blocked-sender").spawn(OrphanMiddle::blockInSend, full, ready);
    ready.receive();
    ready.receive();
    Thread.sleep(300); // both are blocked by now
    System.out.println(
        "ready " + ProcessHandle.current().pid() + " " + receiver.pid() + " " + sender.pid());
    System.out.flush();
    Thread.sleep(60_000);
  }

  private static void blockInReceive(Channel<String> empty, Channel<String> ready) throws Exception {
    ready.send("receiving");
    empty.receive();
  }

  private static void blockInSend(Channel<Integer> full, Channel<String> ready) throws Exception {
    full.send(0);
    ready.send("sending");
    full.send(1); // the channel holds one message: blocks
  }
}
