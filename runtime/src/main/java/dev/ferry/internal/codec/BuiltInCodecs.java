package dev.ferry.internal.codec;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.TransferException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
/**
 * Codecs for the JDK value types that generated codecs support as members: the {@code java.time}
 * value types, {@link UUID}, {@link BigInteger} and {@link BigDecimal}.
 *
 * <p>Each writes the value's numeric fields as varints (see {@code docs/wire-format.md}) and
 * rebuilds it through the type's own factory, so an out-of-range field read from forged bytes
 * becomes a {@link TransferException}.
 */
public final class BuiltInCodecs {
  private BuiltInCodecs() {}

  public static final Codec<Instant> INSTANT =
      new BuiltIn<>("java.time.Instant") {
        @Override
        public void write(ByteOutput out, Instant value) {
          out.writeSignedVarLong(value.getEpochSecond());
          out.writeVarInt(value.getNano());
        }

        @Override
        Instant readValue(ByteInput in) {
          return Instant.ofEpochSecond(in.readSignedVarLong(), in.readVarInt());
        }
      };

  public static final Codec<Duration> DURATION =
      new BuiltIn<>("java.time.Duration") {
        @Override
        public void write(ByteOutput out, Duration value) {
          out.writeSignedVarLong(value.getSeconds());
          out.writeVarInt(value.getNano());
        }

        @Override
        Duration readValue(ByteInput in) {
          return Duration.ofSeconds(in.readSignedVarLong(), in.readVarInt());
        }
      };

  public static final Codec<LocalDate> LOCAL_DATE =
      new BuiltIn<>("java.time.LocalDate") {
        @Override
        public void write(ByteOutput out, LocalDate value) {
          out.writeSignedVarLong(value.toEpochDay());
        }

        @Override
        LocalDate readValue(ByteInput in) {
          return LocalDate.ofEpochDay(in.readSignedVarLong());
        }
      };

  public static final Codec<LocalTime> LOCAL_TIME =
      new BuiltIn<>("java.time.LocalTime") {
        @Override
        public void write(ByteOutput out, LocalTime value) {
          out.writeVarLong(value.toNanoOfDay());
        }

        @Override
        LocalTime readValue(ByteInput in) {
          return LocalTime.ofNanoOfDay(in.readVarLong());
        }
      };

  public static final Codec<LocalDateTime> LOCAL_DATE_TIME =
      new BuiltIn<>("java.time.LocalDateTime") {
        @Override
        public void write(ByteOutput out, LocalDateTime value) {
          LOCAL_DATE.write(out, value.toLocalDate());
          LOCAL_TIME.write(out, value.toLocalTime());
        }

        @Override
        LocalDateTime readValue(ByteInput in) {
          return LocalDateTime.of(LOCAL_DATE.read(in), LOCAL_TIME.read(in));
        }
      };

  public static final Codec<ZoneId> ZONE_ID =
      new BuiltIn<>("java.time.ZoneId") {
        @Override
        public void write(ByteOutput out, ZoneId value) {
          out.writeString(value.getId());
        }

        @Override
        ZoneId readValue(ByteInput in) {
          String id = in.readString();
          if (id == null) {
            throw new TransferException("null zone id at offset " + in.offset());
          }
          return ZoneId.of(id);
        }
      };

  public static final Codec<OffsetDateTime> OFFSET_DATE_TIME =
      new BuiltIn<>("java.time.OffsetDateTime") {
        @Override
        public void write(ByteOutput out, OffsetDateTime value) {
          LOCAL_DATE_TIME.write(out, value.toLocalDateTime());
          out.writeSignedVarInt(value.getOffset().getTotalSeconds());
        }

        @Override
        OffsetDateTime readValue(ByteInput in) {
          LocalDateTime local = LOCAL_DATE_TIME.read(in);
          return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(in.readSignedVarInt()));
        }
      };

  public static final Codec<ZonedDateTime> ZONED_DATE_TIME =
      new BuiltIn<>("java.time.ZonedDateTime") {
        @Override
        public void write(ByteOutput out, ZonedDateTime value) {
          LOCAL_DATE_TIME.write(out, value.toLocalDateTime());
          out.writeSignedVarInt(value.getOffset().getTotalSeconds());
          ZONE_ID.write(out, value.getZone());
        }

        @Override
        ZonedDateTime readValue(ByteInput in) {
          LocalDateTime local = LOCAL_DATE_TIME.read(in);
          ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.readSignedVarInt());
          // ofLocal with the written offset keeps the exact instant in a DST overlap.
          return ZonedDateTime.ofLocal(local, ZONE_ID.read(in), offset);
        }
      };

  public static final Codec<UUID> UUID =
      new BuiltIn<>("java.util.UUID") {
        @Override
        public void write(ByteOutput out, UUID value) {
          out.writeFixedLong(value.getMostSignificantBits());
          out.writeFixedLong(value.getLeastSignificantBits());
        }

        @Override
        UUID readValue(ByteInput in) {
          return new UUID(in.readFixedLong(), in.readFixedLong());
        }
      };

  public static final Codec<BigInteger> BIG_INTEGER =
      new BuiltIn<>("java.math.BigInteger") {
        @Override
        public void write(ByteOutput out, BigInteger value) {
          byte[] bytes = value.toByteArray();
          out.writeSize(bytes.length);
          out.writeBytes(bytes, 0, bytes.length);
        }

        @Override
        BigInteger readValue(ByteInput in) {
          int length = in.readSize(1);
          if (length <= 0) {
            throw new TransferException("invalid BigInteger length at offset " + in.offset());
          }
          return new BigInteger(in.readBytes(length));
        }
      };

  public static final Codec<BigDecimal> BIG_DECIMAL =
      new BuiltIn<>("java.math.BigDecimal") {
        @Override
        public void write(ByteOutput out, BigDecimal value) {
          BIG_INTEGER.write(out, value.unscaledValue());
          out.writeSignedVarInt(value.scale());
        }

        @Override
        BigDecimal readValue(ByteInput in) {
          BigInteger unscaled = BIG_INTEGER.read(in);
          return new BigDecimal(unscaled, in.readSignedVarInt());
        }
      };

  /**
   * A built-in codec: its fingerprint is a hash of the type's name (JDK value types do not change
   * shape), and a value the JDK factory refuses becomes a {@link TransferException}.
   */
  private abstract static class BuiltIn<T> implements Codec<T> {
    private final String typeName;
    private final long fingerprint;

    BuiltIn(String typeName) {
      this.typeName = typeName;
      this.fingerprint = Fingerprints.of(typeName);
    }

    abstract T readValue(ByteInput in);

    @Override
    public final T read(ByteInput in) {
      int at = in.offset();
      try {
        return readValue(in);
      } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
        throw new TransferException(
            "invalid " + typeName + " at offset " + at + ": " + e.getMessage(), e);
      }
    }

    @Override
    public final long fingerprint() {
      return fingerprint;
    }

    @Override
    public String toString() {
      return "Codec<" + typeName + ">";
    }
  }
}
