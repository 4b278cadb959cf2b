package dev.ferry.processor.codegen;

import com.palantir.javapoet.ClassName;

/** The runtime classes generated code refers to. The processor never loads them. */
final class RuntimeNames {
  static final String PACKAGE = "dev.ferry";
  /** The runtime's support for generated code: public, exported, not user API. */
  static final String SUPPORT = "dev.ferry.internal.codec";
  static final ClassName CODEC = ClassName.get(PACKAGE, "Codec");
  static final ClassName INHERIT_ONLY_CODEC = ClassName.get(SUPPORT, "InheritOnlyCodec");
  static final ClassName BYTE_OUTPUT = ClassName.get(PACKAGE, "ByteOutput");
  static final ClassName BYTE_INPUT = ClassName.get(PACKAGE, "ByteInput");
  static final ClassName TRANSFER_EXCEPTION = ClassName.get(PACKAGE, "TransferException");
  static final ClassName BUILT_IN_CODECS = ClassName.get(SUPPORT, "BuiltInCodecs");
  static final ClassName DYNAMIC_CODEC = ClassName.get(SUPPORT, "DynamicCodec");
  static final ClassName ENUM_CONSTANTS = ClassName.get(SUPPORT, "EnumConstants");
  static final ClassName OWN_CODECS = ClassName.get(SUPPORT, "OwnCodecs");
  static final ClassName RUNTIME_RULES = ClassName.get(SUPPORT, "RuntimeRules");
  static final ClassName FINGERPRINTS = ClassName.get(SUPPORT, "Fingerprints");
  static final ClassName HELD_CODECS = ClassName.get(SUPPORT, "HeldCodecs");
  static final ClassName SUBTYPE_INDEX = ClassName.get(SUPPORT, "SubtypeIndex");
  static final ClassName REBUILT_COLLECTIONS = ClassName.get(SUPPORT, "RebuiltCollections");
  static final ClassName WRITTEN_SIZES = ClassName.get(SUPPORT, "WrittenSizes");
  static final ClassName CONCURRENT_SNAPSHOTS = ClassName.get(SUPPORT, "ConcurrentSnapshots");

  private RuntimeNames() {}
}
