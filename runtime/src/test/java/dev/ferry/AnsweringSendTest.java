package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A thread that received a message answers with its next send, which leaves at once rather than
 * with a stream's held frame; a send that sent nothing (an {@code offer} to a full channel, a timed
 * send that timed out) is not that answer, so the answer still to come keeps leaving at once.
 */
class AnsweringSendTest {
  @Test
  void sendsThatSentNothing_leaveTheNextSendAnAnswer() throws Exception {
    try (Channel<String> requests = Channel.create();
        Channel<String> full = Channel.create(1);
        Channel<String> report = Channel.create()) {
      full.send("filler"); // nobody receives it: every send of the child's finds the channel full
      Child child =
          Children.fast("answerer").spawn(AnsweringSendTest::answerer, requests, full, report);
      requests.send("question");
      assertEquals(
          "received: answers next true; offer false: true; timed send false: true",
          report.receive(Duration.ofSeconds(60)).orElseThrow());
      assertEquals(0, child.join());
    }
  }

  static void answerer(Channel<String> requests, Channel<String> full, Channel<String> report)
      throws Exception {
    requests.receive();
    String heard = "received: answers next " + Channel.answersNext();
    heard += "; offer " + full.offer("refused") + ": " + Channel.answersNext();
    heard += "; timed send " + full.send("refused", Duration.ofMillis(50)) + ": "
        + Channel.answersNext();
    report.send(heard);
  }
}
