package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;
import dev.ferry.Channel;

import dev.ferry.internal.codec.DynamicCodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The built-in type table keeps each type's class and its codec apart (classes at start-up,
 * codecs on first use, by id): every class must get the codec of its own type.
 */
class MessageTypesTest {
  private static final List<Object> BUILT_IN_VALUES =
      List.of(
          "text",
          -7,
          Long.MIN_VALUE,
          true,
          (byte) -2,
          (short) 300,
          'é',
          1.5f,
          -0.25,
          new byte[] {1, -1},
          new int[] {1, -1},
          new long[] {Long.MAX_VALUE},
          new double[] {Double.NaN, 1e300},
          Instant.ofEpochSecond(-5, 7),
          Duration.ofMillis(1234),
          LocalDate.of(2026, 12, 1),
          LocalTime.of(13, 45, 6, 7),
          LocalDateTime.of(2026, 12, 1, 13, 45),
          OffsetDateTime.of(2026, 12, 1, 13, 45, 0, 0, ZoneOffset.ofHours(2)),
          ZonedDateTime.of(2026, 12, 1, 13, 45, 0, 0, ZoneOffset.UTC),
          UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
          new BigInteger("-123456789012345678901234567890"),
          new BigDecimal("-1234.5678"));

  @Test
  void everyBuiltInClass_getsTheCodecOfItsOwnType() {
    for (Object value : BUILT_IN_VALUES) {
      MessageTypes.Entry entry = MessageTypes.of(value);
      assertTrue(entry.id > 0 && entry.id < MessageTypes.FIRST_USER_ID, entry.toString());
      assertSame(entry, MessageTypes.byId(entry.id));
      assertEquals(value.getClass().getName(), entry.name);
      assertFalse(entry.inheritOnly(), entry.toString());
      ByteOutput out = new ByteOutput();
      entry.codec().write(out, value);
      Object back = entry.decode(out.array(), 0, out.size());
      assertTrue(Objects.deepEquals(value, back), entry + ": " + describe(value) + " came back as " + describe(back));
    }
  }

  @Test
  void channels_areHandles_andCollectionsTravelDynamically() {
    try (Channel<String> channel = Channel.create()) {
      MessageTypes.Entry entry = MessageTypes.of(channel);
      assertEquals(MessageTypes.CHANNEL_ID, entry.id);
      assertTrue(entry.inheritOnly());
      assertSame(Channel.CODEC, entry.codec());
    }
    MessageTypes.Entry list = MessageTypes.of(List.of(1, 2));
    assertEquals(MessageTypes.DYNAMIC_ID, list.id);
    assertSame(DynamicCodec.INSTANCE, list.codec());
  }

  private static String describe(Object value) {
    return value != null && value.getClass().isArray()
        ? Arrays.deepToString(new Object[] {value})
        : String.valueOf(value);
  }
}
