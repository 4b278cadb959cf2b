package rejected;

import dev.ferry.Channel;

/** Python: control.put(replies), where replies is a multiprocessing.Queue. */
public final class ChannelThroughChannel {
  public static void main(String[] args) throws Exception {
    Channel<Channel<String>> control = Channel.create();
    Channel<String> replies = Channel.create();
    control.send(replies);
  }
}
