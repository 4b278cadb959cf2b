package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The spin a waiting reader gets: short at first and after quiet, long between a conversation's turns. */
class ConversationSpinTest {
  private static final long SHORT = RingLink.MAX_SPIN_NANOS;
  private static final long LONG = ConversationSpin.LONG_NANOS;

  @Test
  void budget_isShortBeforeAnyWait() {
    assertEquals(SHORT, new ConversationSpin().budget());
  }

  @Test
  void budget_isLongAfterAWaitThatALongSpinWouldHaveCaught() {
    ConversationSpin spin = new ConversationSpin();
    spin.answered(SHORT + 60_000); // parked, and woken soon after: a turn of a conversation
    assertEquals(LONG, spin.budget());
  }

  @Test
  void budget_staysLongWhileTurnsComeQuickly() {
    ConversationSpin spin = new ConversationSpin();
    spin.answered(SHORT + 60_000);
    spin.answered(2_000);
    assertEquals(LONG, spin.budget());
  }

  @Test
  void budget_isShortAgainAfterAWaitLongerThanTheLongSpin() {
    ConversationSpin spin = new ConversationSpin();
    spin.answered(SHORT + 60_000);
    spin.answered(LONG + 1); // the peer went quiet: a long spin would only have burnt a core
    assertEquals(SHORT, spin.budget());
  }

  @Test
  void budget_isShortAgainAfterAWaitThatTimedOut() {
    ConversationSpin spin = new ConversationSpin();
    spin.answered(SHORT + 60_000);
    spin.unanswered();
    assertEquals(SHORT, spin.budget());
  }
}
