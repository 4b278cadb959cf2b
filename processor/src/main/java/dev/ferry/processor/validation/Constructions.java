package dev.ferry.processor.validation;

import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.model.CodecModel.Construction;
import dev.ferry.processor.model.CodecModel.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * How a class's codec rebuilds a value: through the constructor whose parameters are exactly the
 * copied fields, matched by name and type (by type alone for a class file that kept no parameter
 * names), preferring one whose body stores each parameter plainly ({@link FieldRoutes}); else
 * through a no-argument constructor and the fields' setters, when every field can be stored. The
 * route problems of the constructor or setters chosen are added to the analysis's list.
 */
final class Constructions {
  private final Types types;
  private final CompiledTypes compiled;
  private final CodecAccess access;
  private final TypeElement type;
  /** The deprecated elements the codec names, noted as the model is built. */
  private final Deprecations deprecations;
  /** The analysis's problems, to which this adds. */
  private final List<Problem> problems;

  Constructions(
      Types types,
      CompiledTypes compiled,
      CodecAccess access,
      TypeElement type,
      Deprecations deprecations,
      List<Problem> problems) {
    this.types = types;
    this.compiled = compiled;
    this.access = access;
    this.type = type;
    this.deprecations = deprecations;
    this.problems = problems;
  }

  /**
   * A non-private constructor whose parameters are exactly the copied fields, by name and type;
   * else a non-private no-argument constructor when every field can be stored.
   */
  Construction construction(List<VariableElement> fields, List<Member> members) {
    List<ExecutableElement> constructors =
        ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .filter(access::accessible)
            .collect(Collectors.toList());
    FieldRoutes routes = new FieldRoutes(compiled, type, fields, access.readers());
    // Of several constructors taking the fields, the first whose body stores each parameter as
    // it is in the field of its name (V(String s, int x) beside a V(int x, String s) that
    // changes them), else the first that puts each value back where it was read; if none
    // does, the first, whose problems are told.
    ExecutableElement chosen = null;
    List<String> chosenArguments = null;
    List<Problem> chosenProblems = List.of();
    for (ExecutableElement constructor : constructors) {
      List<String> arguments = fieldsAsArguments(constructor, fields);
      if (arguments == null) {
        continue;
      }
      List<Problem> routed = routes.ofConstructor(constructor, arguments);
      if (routed.isEmpty() && routes.storesPlainly(constructor, arguments)) {
        chosen = constructor;
        chosenArguments = arguments;
        chosenProblems = routed;
        break;
      }
      if (chosen == null || (!chosenProblems.isEmpty() && routed.isEmpty())) {
        chosen = constructor;
        chosenArguments = arguments;
        chosenProblems = routed;
      }
    }
    if (chosen != null) {
      problems.addAll(chosenProblems);
      deprecations.use(chosen);
      return new Construction.ConstructorCall(chosenArguments, access.thrown(chosen));
    }
    Optional<ExecutableElement> noArgConstructor =
        constructors.stream().filter(c -> c.getParameters().isEmpty()).findFirst();
    boolean allStorable = members.stream().allMatch(m -> m.assign() != null);
    noArgConstructor.ifPresent(deprecations::use);
    if (noArgConstructor.isPresent() && allStorable) {
      problems.addAll(routes.ofSetters(access.setters()));
      return new Construction.FieldByField(access.thrown(noArgConstructor.get()));
    }
    return null;
  }

  /**
   * The names of {@code fields} in the order of {@code constructor}'s parameters, matched by name
   * and type, or null if they are not exactly those fields. A class file keeps no parameter
   * names unless compiled with {@code -parameters} or {@code -g} (javac then calls them {@code
   * arg0}, {@code arg1}, ...: the usual case for a library's class), so there each parameter is
   * matched by type alone, which is safe only while no two fields share a type.
   */
  private List<String> fieldsAsArguments(
      ExecutableElement constructor, List<VariableElement> fields) {
    List<? extends VariableElement> parameters = constructor.getParameters();
    if (parameters.size() != fields.size() || fields.isEmpty()) {
      return null;
    }
    boolean byTypeAlone = hasNoParameterNames(constructor);
    List<String> arguments = new ArrayList<>();
    for (VariableElement parameter : parameters) {
      List<VariableElement> matching =
          fields.stream()
              .filter(f -> types.isSameType(access.memberType(f), parameter.asType()))
              .filter(f -> byTypeAlone || f.getSimpleName().contentEquals(parameter.getSimpleName()))
              .collect(Collectors.toList());
      if (matching.size() != 1) {
        return null;
      }
      arguments.add(matching.get(0).getSimpleName().toString());
    }
    return Set.copyOf(arguments).size() == arguments.size() ? arguments : null;
  }

  /** Whether {@code constructor} came from a class file that kept no parameter names. */
  private static boolean hasNoParameterNames(ExecutableElement constructor) {
    List<? extends VariableElement> parameters = constructor.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (!parameters.get(i).getSimpleName().contentEquals("arg" + i)) {
        return false;
      }
    }
    return true;
  }

  /** An accessible constructor taking the fields' types, but with no names to tell them apart. */
  boolean hasUnnamedConstructorFor(List<VariableElement> fields) {
    List<String> fieldTypes = sortedTypes(fields);
    return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(
            c ->
                access.accessible(c)
                    && !fields.isEmpty()
                    && hasNoParameterNames(c)
                    && sortedTypes(c.getParameters()).equals(fieldTypes));
  }

  private static List<String> sortedTypes(List<? extends VariableElement> variables) {
    return variables.stream().map(v -> v.asType().toString()).sorted().collect(Collectors.toList());
  }
}
