package dev.ferry.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.Arrays;
import java.util.Optional;

/** JDK value types with a codec in the runtime's {@code dev.ferry.internal.codec.BuiltInCodecs}. */
public enum BuiltInType {
  INSTANT("java.time", "Instant", "INSTANT"),
  DURATION("java.time", "Duration", "DURATION"),
  LOCAL_DATE("java.time", "LocalDate", "LOCAL_DATE"),
  LOCAL_TIME("java.time", "LocalTime", "LOCAL_TIME"),
  LOCAL_DATE_TIME("java.time", "LocalDateTime", "LOCAL_DATE_TIME"),
  OFFSET_DATE_TIME("java.time", "OffsetDateTime", "OFFSET_DATE_TIME"),
  ZONED_DATE_TIME("java.time", "ZonedDateTime", "ZONED_DATE_TIME"),
  ZONE_ID("java.time", "ZoneId", "ZONE_ID"),
  UUID("java.util", "UUID", "UUID"),
  BIG_INTEGER("java.math", "BigInteger", "BIG_INTEGER"),
  BIG_DECIMAL("java.math", "BigDecimal", "BIG_DECIMAL"),
  URI("java.net", "URI", "URI"),
  PATH("java.nio.file", "Path", "PATH"),
  LOCALE("java.util", "Locale", "LOCALE"),
  CURRENCY("java.util", "Currency", "CURRENCY"),
  OPTIONAL_INT("java.util", "OptionalInt", "OPTIONAL_INT"),
  OPTIONAL_LONG("java.util", "OptionalLong", "OPTIONAL_LONG"),
  OPTIONAL_DOUBLE("java.util", "OptionalDouble", "OPTIONAL_DOUBLE"),
  BIT_SET("java.util", "BitSet", "BIT_SET"),
  PERIOD("java.time", "Period", "PERIOD"),
  YEAR("java.time", "Year", "YEAR"),
  YEAR_MONTH("java.time", "YearMonth", "YEAR_MONTH"),
  MONTH_DAY("java.time", "MonthDay", "MONTH_DAY"),
  OFFSET_TIME("java.time", "OffsetTime", "OFFSET_TIME"),
  ZONE_OFFSET("java.time", "ZoneOffset", "ZONE_OFFSET");

  private final ClassName typeName;
  private final String codecField;

  BuiltInType(String packageName, String simpleName, String codecField) {
    this.typeName = ClassName.get(packageName, simpleName);
    this.codecField = codecField;
  }

  public ClassName typeName() {
    return typeName;
  }

  public String qualifiedName() {
    return typeName.canonicalName();
  }

  /** The name of this type's codec constant in {@code BuiltInCodecs}. */
  public String codecField() {
    return codecField;
  }

  public static Optional<BuiltInType> forQualifiedName(String name) {
    return Arrays.stream(values()).filter(t -> t.qualifiedName().equals(name)).findFirst();
  }
}
