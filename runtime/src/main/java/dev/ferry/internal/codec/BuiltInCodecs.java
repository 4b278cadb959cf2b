package dev.ferry.internal.codec;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.TransferException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.temporal.ChronoField;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Currency;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
/**
 * Codecs for the JDK value types that generated codecs support as members: the {@code java.time}
 * value types, {@link UUID}, {@link BigInteger}, {@link BigDecimal}, {@link URI}, {@link Path},
 * {@link Locale}, {@link Currency}, the primitive optionals and {@link BitSet}.
 *
 * <p>Each writes the value's numeric fields as varints (see {@code docs/wire-format.md}) and
 * rebuilds it through the type's own factory, so an out-of-range field read from forged bytes
 * becomes a {@link TransferException}.
 */
public final class BuiltInCodecs {
  private BuiltInCodecs() {}

  /** The codec of {@link Instant}s; the wire format is in {@code docs/wire-format.md}. */
  public static final Codec<Instant> INSTANT =
      new BuiltIn<>("java.time.Instant") {
        @Override
        public void write(ByteOutput out, Instant value) {
          out.writeSignedVarLong(value.getEpochSecond());
          out.writeVarInt(value.getNano());
        }

        @Override
        Instant readValue(ByteInput in) {
          return Instant.ofEpochSecond(in.readSignedVarLong(), nanoOfSecond(in));
        }
      };

  /** The codec of {@link Duration}s; the wire format is in {@code docs/wire-format.md}. */
  public static final Codec<Duration> DURATION =
      new BuiltIn<>("java.time.Duration") {
        @Override
        public void write(ByteOutput out, Duration value) {
          out.writeSignedVarLong(value.getSeconds());
          out.writeVarInt(value.getNano());
        }

        @Override
        Duration readValue(ByteInput in) {
          return Duration.ofSeconds(in.readSignedVarLong(), nanoOfSecond(in));
        }
      };

  /**
   * The nano of an {@code Instant} or {@code Duration}, which its writer never writes outside 0 to
   * 999,999,999: the JDK's factories take any and carry the excess into the seconds, so forged
   * bytes with another nano (1,000,000,000, or -1 as a 5-byte varint) read as a value whose own
   * bytes differ, as a Kafka or Hazelcast key compares them. Refused as a field out of range.
   */
  private static int nanoOfSecond(ByteInput in) {
    return ChronoField.NANO_OF_SECOND.checkValidIntValue(in.readVarInt());
  }

  /** The codec of {@link LocalDate}s; the wire format is in {@code docs/wire-format.md}. */
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

  /** The codec of {@link LocalTime}s; the wire format is in {@code docs/wire-format.md}. */
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

  /** The codec of {@link LocalDateTime}s; the wire format is in {@code docs/wire-format.md}. */
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

  /** The codec of {@link ZoneId}s; the wire format is in {@code docs/wire-format.md}. */
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

  /** The codec of {@link OffsetDateTime}s; the wire format is in {@code docs/wire-format.md}. */
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

  /** The codec of {@link ZonedDateTime}s; the wire format is in {@code docs/wire-format.md}. */
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

  /** The codec of {@link UUID}s; the wire format is in {@code docs/wire-format.md}. */
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

  /** The codec of {@link BigInteger}s; the wire format is in {@code docs/wire-format.md}. */
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
          int at = in.offset();
          byte[] bytes = in.readBytes(length);
          if (length > 1 && bytes[0] == (bytes[1] >> 7)) {
            // A leading 00 before a clear high bit, or ff before a set one, says nothing:
            // toByteArray() never writes it, and such bytes would read as a value whose own
            // encoding differs (equal keys as different bytes, as a Kafka or Hazelcast key
            // compares them).
            throw new TransferException(
                "a BigInteger at offset " + at + " starts with a redundant sign byte, which"
                    + " BigInteger.toByteArray() never writes: the bytes are corrupt");
          }
          return new BigInteger(bytes);
        }
      };

  /** The codec of {@link BigDecimal}s; the wire format is in {@code docs/wire-format.md}. */
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

  /** The codec of {@link OffsetTime}s; the wire format is in {@code docs/wire-format.md}. */
  public static final Codec<OffsetTime> OFFSET_TIME =
      new BuiltIn<>("java.time.OffsetTime") {
        @Override
        public void write(ByteOutput out, OffsetTime value) {
          out.writeVarLong(value.toLocalTime().toNanoOfDay());
          out.writeSignedVarInt(value.getOffset().getTotalSeconds());
        }

        @Override
        OffsetTime readValue(ByteInput in) {
          LocalTime time = LocalTime.ofNanoOfDay(in.readVarLong());
          return OffsetTime.of(time, ZoneOffset.ofTotalSeconds(in.readSignedVarInt()));
        }
      };

  /** The codec of {@link ZoneOffset}s; the wire format is in {@code docs/wire-format.md}. */
  public static final Codec<ZoneOffset> ZONE_OFFSET =
      new BuiltIn<>("java.time.ZoneOffset") {
        @Override
        public void write(ByteOutput out, ZoneOffset value) {
          out.writeSignedVarInt(value.getTotalSeconds());
        }

        @Override
        ZoneOffset readValue(ByteInput in) {
          return ZoneOffset.ofTotalSeconds(in.readSignedVarInt());
        }
      };

  /** The codec of {@link Period}s; the wire format is in {@code docs/wire-format.md}. */
  public static final Codec<Period> PERIOD =
      new BuiltIn<>("java.time.Period") {
        @Override
        public void write(ByteOutput out, Period value) {
          out.writeSignedVarInt(value.getYears());
          out.writeSignedVarInt(value.getMonths());
          out.writeSignedVarInt(value.getDays());
        }

        @Override
        Period readValue(ByteInput in) {
          return Period.of(in.readSignedVarInt(), in.readSignedVarInt(), in.readSignedVarInt());
        }
      };

  /** The codec of {@link Year}s; the wire format is in {@code docs/wire-format.md}. */
  public static final Codec<Year> YEAR =
      new BuiltIn<>("java.time.Year") {
        @Override
        public void write(ByteOutput out, Year value) {
          out.writeSignedVarInt(value.getValue());
        }

        @Override
        Year readValue(ByteInput in) {
          return Year.of(in.readSignedVarInt());
        }
      };

  /** The codec of {@link YearMonth}s; the wire format is in {@code docs/wire-format.md}. */
  public static final Codec<YearMonth> YEAR_MONTH =
      new BuiltIn<>("java.time.YearMonth") {
        @Override
        public void write(ByteOutput out, YearMonth value) {
          out.writeSignedVarInt(value.getYear());
          out.writeVarInt(value.getMonthValue());
        }

        @Override
        YearMonth readValue(ByteInput in) {
          return YearMonth.of(in.readSignedVarInt(), in.readVarInt());
        }
      };

  /** The codec of {@link MonthDay}s; the wire format is in {@code docs/wire-format.md}. */
  public static final Codec<MonthDay> MONTH_DAY =
      new BuiltIn<>("java.time.MonthDay") {
        @Override
        public void write(ByteOutput out, MonthDay value) {
          out.writeVarInt(value.getMonthValue());
          out.writeVarInt(value.getDayOfMonth());
        }

        @Override
        MonthDay readValue(ByteInput in) {
          return MonthDay.of(in.readVarInt(), in.readVarInt());
        }
      };

  /** Its string form, which {@link URI#URI(String)} parses back to an equal URI. */
  public static final Codec<URI> URI =
      new BuiltIn<>("java.net.URI") {
        @Override
        public void write(ByteOutput out, URI value) {
          out.writeString(value.toString());
        }

        @Override
        URI readValue(ByteInput in) {
          String text = requiredString(in, "URI");
          try {
            return new URI(text);
          } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
          }
        }
      };

  /**
   * Its string form, read back with {@link Path#of(String, String...)}: a path names a file of the
   * default file system, which another process on the same machine shares. A path of any other
   * file system (a zip file's, say) would name something else there, so writing refuses it.
   */
  public static final Codec<Path> PATH =
      new BuiltIn<>("java.nio.file.Path") {
        @Override
        public void write(ByteOutput out, Path value) {
          if (value.getFileSystem() != FileSystems.getDefault()) {
            throw new IllegalArgumentException(
                RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE) + "the path " + value
                    + " belongs to " + value.getFileSystem() + ", not the default file system:"
                    + " another process would read its name as a path of the default one; send"
                    + " the file's contents or its URI instead");
          }
          out.writeString(value.toString());
        }

        @Override
        Path readValue(ByteInput in) {
          int at = in.offset();
          String name = requiredString(in, "path");
          Path path = Path.of(name);
          if (!path.toString().equals(name)) {
            // "a//b" or "a/" reads as a/b or a, whose own bytes differ (a Kafka or Hazelcast key)
            throw new TransferException(
                "the path " + name + " at offset " + at + " is not as Path.toString() writes "
                    + path + ": the bytes are corrupt");
          }
          return path;
        }
      };

  /**
   * Its IETF BCP 47 language tag ({@link Locale#toLanguageTag()}); a locale that its tag does not
   * give back ({@code no_NO_NY}, whose tag is {@code nn-NO}; a field no tag can hold, as in {@code
   * en_US_Windows XP}), which only Locale's constructor makes, as an empty string (no tag is
   * empty) and then the language, country and variant that constructor takes.
   */
  @SuppressWarnings("deprecation") // Locale's constructor: the only way to make them on JDK 17
  public static final Codec<Locale> LOCALE =
      new BuiltIn<>("java.util.Locale") {
        @Override
        public void write(ByteOutput out, Locale value) {
          String tag = value.toLanguageTag();
          if (Locale.forLanguageTag(tag).equals(value)) {
            out.writeString(tag);
            return;
          }
          Locale fields = new Locale(value.getLanguage(), value.getCountry(), value.getVariant());
          if (!fields.equals(value)) {
            throw new IllegalArgumentException(
                "the locale " + value + " can be written neither as its language tag " + tag
                    + " nor as its language, country and variant");
          }
          out.writeString("");
          out.writeString(value.getLanguage());
          out.writeString(value.getCountry());
          out.writeString(value.getVariant());
        }

        @Override
        Locale readValue(ByteInput in) {
          String tag = requiredString(in, "language tag");
          if (!tag.isEmpty()) {
            return Locale.forLanguageTag(tag);
          }
          return new Locale(
              requiredString(in, "language"),
              requiredString(in, "country"),
              requiredString(in, "variant"));
        }
      };

  /** Its ISO 4217 code. */
  public static final Codec<Currency> CURRENCY =
      new BuiltIn<>("java.util.Currency") {
        @Override
        public void write(ByteOutput out, Currency value) {
          out.writeString(value.getCurrencyCode());
        }

        @Override
        Currency readValue(ByteInput in) {
          return Currency.getInstance(requiredString(in, "currency code"));
        }
      };

  /** 0 for empty, 1 and the value for present. */
  public static final Codec<OptionalInt> OPTIONAL_INT =
      new BuiltIn<>("java.util.OptionalInt") {
        @Override
        public void write(ByteOutput out, OptionalInt value) {
          out.writePresence(value.isPresent());
          if (value.isPresent()) {
            out.writeSignedVarInt(value.getAsInt());
          }
        }

        @Override
        OptionalInt readValue(ByteInput in) {
          return in.readPresence() ? OptionalInt.of(in.readSignedVarInt()) : OptionalInt.empty();
        }
      };

  /** The codec of {@link OptionalLong}s; the wire format is in {@code docs/wire-format.md}. */
  public static final Codec<OptionalLong> OPTIONAL_LONG =
      new BuiltIn<>("java.util.OptionalLong") {
        @Override
        public void write(ByteOutput out, OptionalLong value) {
          out.writePresence(value.isPresent());
          if (value.isPresent()) {
            out.writeSignedVarLong(value.getAsLong());
          }
        }

        @Override
        OptionalLong readValue(ByteInput in) {
          return in.readPresence() ? OptionalLong.of(in.readSignedVarLong()) : OptionalLong.empty();
        }
      };

  /** The codec of {@link OptionalDouble}s; the wire format is in {@code docs/wire-format.md}. */
  public static final Codec<OptionalDouble> OPTIONAL_DOUBLE =
      new BuiltIn<>("java.util.OptionalDouble") {
        @Override
        public void write(ByteOutput out, OptionalDouble value) {
          out.writePresence(value.isPresent());
          if (value.isPresent()) {
            out.writeDouble(value.getAsDouble());
          }
        }

        @Override
        OptionalDouble readValue(ByteInput in) {
          return in.readPresence() ? OptionalDouble.of(in.readDouble()) : OptionalDouble.empty();
        }
      };

  /** Its {@link BitSet#toLongArray() words}: a count, then fixed little-endian longs. */
  public static final Codec<BitSet> BIT_SET =
      new BuiltIn<>("java.util.BitSet") {
        @Override
        public void write(ByteOutput out, BitSet value) {
          long[] words = value.toLongArray();
          out.writeSize(words.length);
          out.writeLongs(words);
        }

        @Override
        BitSet readValue(ByteInput in) {
          int at = in.offset();
          int words = in.readSize(8);
          if (words < 0) {
            throw new TransferException("null BitSet words at offset " + at);
          }
          long[] read = in.readLongs(words);
          if (words > 0 && read[words - 1] == 0) {
            // toLongArray ends at the last set bit: such bytes would read as a BitSet whose
            // encoding is shorter, so equal values would be different bytes (a map key, a hash).
            throw new TransferException(
                "the BitSet words at offset " + at + " end in a word of 0, which a BitSet never"
                    + " writes (its words end at its last set bit): the bytes are corrupt");
          }
          return BitSet.valueOf(read);
        }
      };

  /** A string that must be there: a null (0 length marker) is malformed. */
  private static String requiredString(ByteInput in, String what) {
    int at = in.offset();
    String text = in.readString();
    if (text == null) {
      throw new TransferException("null " + what + " at offset " + at);
    }
    return text;
  }

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
      } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
        // IllegalArgumentException covers NumberFormatException, Path's InvalidPathException,
        // Currency's unknown codes and URI's syntax errors.
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
