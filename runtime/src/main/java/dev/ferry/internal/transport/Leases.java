package dev.ferry.internal.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The leases by which this process holds a channel hosted elsewhere: those it was handed the
 * channel with (the first proves its right to connect; all are ended when it closes its handle),
 * and the child leases it asked the host for as it spawns, counted from the request until the
 * child exits, since a handle closed here says goodbye only once the last of them ended (its
 * goodbye would end the leases its children connect with). The host's answers to lease requests
 * wait here, by request number, for the thread that asked.
 *
 * <p>Guarded by the channel's lock ({@code RemoteChannel.lock}), held on every call.
 */
final class Leases {
  private final List<Long> ids = new ArrayList<>();
  private final List<byte[]> tokens = new ArrayList<>();
  /** The host's answers to lease requests, by request: {lease id, token}. */
  private final Map<Long, Object[]> answers = new HashMap<>();
  private long lastRequest;
  /** Child leases asked for and not yet ended. */
  private int children;

  /** A lease this process was handed the channel with. */
  void add(long id, byte[] token) {
    ids.add(id);
    tokens.add(token);
  }

  /** How many leases this process was handed the channel with. */
  int size() {
    return ids.size();
  }

  long id(int i) {
    return ids.get(i);
  }

  byte[] token(int i) {
    return tokens.get(i);
  }

  /** The number of a new lease request. */
  long nextRequest() {
    return ++lastRequest;
  }

  /** A child lease was asked for: counted from the request on. */
  void childAsked() {
    children++;
  }

  /** A child lease ended (or its request failed); returns how many are left. */
  int childEnded() {
    return --children;
  }

  int children() {
    return children;
  }

  /** The host answered lease request {@code request} with {@code lease}: {id, token}. */
  void answered(long request, Object[] lease) {
    answers.put(request, lease);
  }

  boolean isAnswered(long request) {
    return answers.containsKey(request);
  }

  /** The answer to lease request {@code request}, forgotten here. */
  Object[] takeAnswer(long request) {
    return answers.remove(request);
  }
}
