package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void crowded_afterALongSpinThatFoundNothingAndAnAnswerJustAfterParking() {
    // The peer could not run until this thread stopped spinning: they share a CPU.
    ConversationSpin spin = new ConversationSpin();
    spin.answeredAfterPark(LONG + 10_000, LONG, 10_000);
    assertTrue(spin.crowded());
  }

  @Test
  void notCrowded_afterAShortSpin() {
    ConversationSpin spin = new ConversationSpin();
    spin.answeredAfterPark(SHORT + 10_000, SHORT, 10_000); // not in a conversation yet
    assertFalse(spin.crowded());
  }

  @Test
  void notCrowded_whenTheAnswerCameLongAfterParking() {
    ConversationSpin spin = new ConversationSpin();
    spin.answeredAfterPark(
        LONG + ConversationSpin.CROWDED_AFTER_PARK_NANOS + 1_000, LONG,
        ConversationSpin.CROWDED_AFTER_PARK_NANOS + 1_000); // the peer was slow, not kept out
    assertFalse(spin.crowded());
  }

  @Test
  void pause_whileNotCrowded_leavesItSo() {
    ConversationSpin spin = new ConversationSpin();
    for (int i = 0; i < 1_000; i++) {
      spin.pause();
    }
    assertFalse(spin.crowded());
  }
}
