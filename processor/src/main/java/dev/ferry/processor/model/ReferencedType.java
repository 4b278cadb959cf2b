package dev.ferry.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An annotated type whose generated codec a model's codec calls, by canonical names.
 *
 * @param type the annotated type, e.g. {@code com.acme.Outer.Tag}
 * @param codec its codec, e.g. {@code com.acme.Outer_Tag_FerryCodec}
 */
public record ReferencedType(String type, String codec) {

  /** The annotated types whose codecs {@code model}'s codec calls, members and subtypes alike. */
  public static Set<ReferencedType> of(CodecModel model) {
    Set<ReferencedType> references = new LinkedHashSet<>();
    if (model instanceof CodecModel.ValueModel value) {
      for (CodecModel.Member member : value.members()) {
        collect(member.shape(), references);
      }
    } else if (model instanceof CodecModel.SealedModel sealed) {
      for (CodecModel.Subtype subtype : sealed.subtypes()) {
        references.add(
            new ReferencedType(subtype.rawType().canonicalName(), subtype.codec().canonicalName()));
      }
    }
    return references;
  }

  /** The annotated types whose codecs the code writing {@code shape} calls, at any depth. */
  public static Set<ReferencedType> in(TypeShape shape) {
    Set<ReferencedType> references = new LinkedHashSet<>();
    collect(shape, references);
    return references;
  }

  private static void collect(TypeShape shape, Set<ReferencedType> references) {
    List<TypeShape> children = new ArrayList<>();
    if (shape instanceof TypeShape.Annotated a) {
      references.add(new ReferencedType(rawName(a.declaredType()), a.codec().canonicalName()));
    } else if (shape instanceof TypeShape.Array a) {
      children.add(a.component());
    } else if (shape instanceof TypeShape.Collection c) {
      children.add(c.element());
    } else if (shape instanceof TypeShape.MapOf m) {
      children.add(m.key());
      children.add(m.value());
    } else if (shape instanceof TypeShape.OptionalOf o) {
      children.add(o.element());
    }
    for (TypeShape child : children) {
      collect(child, references);
    }
  }

  private static String rawName(TypeName type) {
    if (type instanceof ParameterizedTypeName p) {
      return p.rawType().canonicalName();
    }
    return ((ClassName) type).canonicalName();
  }
}
