package dev.ferry.processor.model;

import com.palantir.javapoet.TypeName;

/** The eight primitive types, with how each is written. */
public enum PrimitiveKind {
  BOOLEAN("boolean", TypeName.BOOLEAN, 1),
  BYTE("byte", TypeName.BYTE, 1),
  SHORT("short", TypeName.SHORT, 2),
  CHAR("char", TypeName.CHAR, 2),
  INT("int", TypeName.INT, 4),
  LONG("long", TypeName.LONG, 8),
  FLOAT("float", TypeName.FLOAT, 4),
  DOUBLE("double", TypeName.DOUBLE, 8);

  private final String keyword;
  private final TypeName typeName;
  private final int arrayElementWidth;

  PrimitiveKind(String keyword, TypeName typeName, int arrayElementWidth) {
    this.keyword = keyword;
    this.typeName = typeName;
    this.arrayElementWidth = arrayElementWidth;
  }

  public String keyword() {
    return keyword;
  }

  public TypeName typeName() {
    return typeName;
  }

  /** Bytes per element when an array of this kind is written in bulk. */
  public int arrayElementWidth() {
    return arrayElementWidth;
  }
}
