package dev.ferry.processor.validation;

import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Whether each value a class's codec copies lands back in the field it was read from. The codec
 * reads a field directly or through its getter and hands the value to the constructor parameter
 * (or the setter) of the field's name; a body that plainly routes it elsewhere ({@code this.x =
 * y; this.y = x;}, a getter {@code getY()} returning {@code x}) or drops it compiled to a codec
 * that delivered another value than the one sent. Told where the trees show it ({@link
 * BodyFacts}): a getter and a constructor that swap alike cancel out and are left alone, and
 * whatever the trees do not show plainly (a normalizing constructor, a computed getter, a class
 * file) is trusted by name, as before.
 */
final class FieldRoutes {
  private final CompiledTypes compiled;
  private final TypeElement type;
  private final String owner;
  /** The copied fields' names, in the order the codec copies them. */
  private final List<String> copied;
  /** The getter the codec reads each member through; a member read directly has none. */
  private final Map<String, ExecutableElement> readers;
  /** The copied fields that are final, which only a constructor assigns. */
  private final Set<String> finals;
  /** The copied fields by name. */
  private final Map<String, VariableElement> byName;

  FieldRoutes(
      CompiledTypes compiled,
      TypeElement type,
      List<VariableElement> fields,
      Map<String, ExecutableElement> readers) {
    this.compiled = compiled;
    this.type = type;
    this.owner = type.getSimpleName().toString();
    this.copied =
        fields.stream().map(f -> f.getSimpleName().toString()).collect(Collectors.toList());
    this.readers = readers;
    this.finals =
        fields.stream()
            .filter(f -> f.getModifiers().contains(Modifier.FINAL))
            .map(f -> f.getSimpleName().toString())
            .collect(Collectors.toSet());
    this.byName =
        fields.stream().collect(Collectors.toMap(f -> f.getSimpleName().toString(), f -> f));
  }

  /**
   * The problems of rebuilding the class with {@code constructor}, whose parameters take the
   * members {@code arguments} in order.
   */
  List<Problem> ofConstructor(ExecutableElement constructor, List<String> arguments) {
    BodyFacts facts = compiled.bodyFacts(constructor);
    if (facts == null) {
      return List.of();
    }
    List<BodyFacts.Store> stores = new ArrayList<>(facts.stores());
    stores.addAll(delegatedStores(constructor, facts));
    Set<Integer> unseen = passedUnseen(constructor, facts);
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      VariableElement parameter = constructor.getParameters().get(i);
      problems.addAll(
          routeOf(
              arguments.get(i),
              storedFrom(stores, i),
              ownFieldUnplain(facts, unseen, arguments.get(i), i)
                  && !holdsAnother(stores, arguments.get(i), i),
              changeOf(facts.changes(), i, arguments.get(i)),
              facts.usedParameters().contains(i) || derived(facts, arguments.get(i), i, arguments),
              parameter,
              signature(constructor)));
    }
    return problems;
  }

  /** The problems of rebuilding the class field by field, each member stored by {@code setters}. */
  List<Problem> ofSetters(Map<String, Element> setters) {
    List<Problem> problems = new ArrayList<>();
    for (String member : copied) {
      if (!(setters.get(member) instanceof ExecutableElement setter)) {
        problems.addAll(routeOf(member, Set.of(member), false, null, true, null, null));
        continue;
      }
      BodyFacts facts = compiled.bodyFacts(setter);
      if (facts != null) {
        List<BodyFacts.Store> stores = new ArrayList<>(facts.stores());
        stores.addAll(delegatedStores(setter, facts));
        problems.addAll(
            routeOf(
                member,
                storedFrom(stores, 0),
                ownFieldUnplain(facts, passedUnseen(setter, facts), member, 0),
                changeOf(facts.changes(), 0, member),
                facts.usedParameters().contains(0),
                setter,
                setterName(setter)));
      }
    }
    return problems;
  }

  /**
   * The problems of {@code members} stored by a constructor the compiler writes (a record's
   * compact or implicit canonical one, {@code canonical}, null where not found): each parameter
   * as the compact constructor leaves it. Its getters can misroute them, and so can a compact
   * constructor that changes a parameter by itself ({@code count = count + 1;}), which no second
   * crossing leaves as it is; one that normalizes ({@code tag = tag.trim();}) is trusted.
   */
  List<Problem> ofStoredAsRead(ExecutableElement canonical, List<String> members) {
    BodyFacts facts = canonical == null ? null : compiled.bodyFacts(canonical);
    List<Problem> problems = new ArrayList<>();
    for (String member : members) {
      String changed = facts == null ? null : selfChangeOf(facts, member);
      if (changed != null && readChangeOf(member) == null && member.equals(sourceOf(member))) {
        problems.addAll(
            told(
                canonical,
                Messages.changedInCanonicalConstructor(
                    owner, member, changed, readerName(member))));
        continue;
      }
      problems.addAll(routeOf(member, Set.of(member), false, null, true, null, null));
    }
    return problems;
  }

  private static String selfChangeOf(BodyFacts facts, String member) {
    for (BodyFacts.Change change : facts.selfChanges()) {
      if (change.field().equals(member)) {
        return change.expression();
      }
    }
    return null;
  }

  /**
   * Whether the trees show {@code constructor} storing each parameter as it is in the field of its
   * name, {@code arguments} in order, itself or through the constructor its {@code this(...)}
   * calls.
   */
  boolean storesPlainly(ExecutableElement constructor, List<String> arguments) {
    BodyFacts facts = compiled.bodyFacts(constructor);
    if (facts == null) {
      return false;
    }
    List<BodyFacts.Store> stores = new ArrayList<>(facts.stores());
    stores.addAll(delegatedStores(constructor, facts));
    for (int i = 0; i < arguments.size(); i++) {
      if (!storedFrom(stores, i).contains(arguments.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the trees show {@code getter}'s body to be {@code return field;}. */
  static boolean returnsPlainly(
      CompiledTypes compiled, ExecutableElement getter, VariableElement field) {
    BodyFacts facts = compiled.bodyFacts(getter);
    return facts != null
        && field.getSimpleName().contentEquals(String.valueOf(facts.returnedField()));
  }

  /**
   * The problems of {@code member}'s round: read from {@link #sourceOf} and stored, by the body
   * that {@code writer} names, in {@code stored} (the copied fields it plainly stores the value
   * in), and maybe in its own where the trees do not show it plainly ({@code unseen}).
   */
  private List<Problem> routeOf(
      String member,
      Set<String> stored,
      boolean unseen,
      String changed,
      boolean used,
      Element writer,
      String writerName) {
    String readChange = readChangeOf(member);
    ExecutableElement getter = readers.get(member);
    if (readChange != null && changed == null && stored.contains(member)) {
      // The getter changes the value, and the store keeps what it is handed.
      ExecutableElement called = calledReader(member);
      return told(
          called,
          Messages.changedOnRead(owner, called.getSimpleName().toString(), member, readChange));
    }
    String source = sourceOf(member);
    boolean constructor = writer instanceof VariableElement;
    if (changed != null && readChange == null && member.equals(source) && writer != null) {
      // The store changes the value the codec read as it is.
      return told(
          writer,
          Messages.changedOnWrite(
              owner, writerName, constructor, member, changed, readerName(member)));
    }
    if (source != null
        && !source.equals(member)
        && !stored.contains(source)
        && !alwaysEqual(member, source)) {
      // The getter reads another field, and no store puts that field back where it came from;
      // unless the two always hold one value (this.key = name; this.name = name;).
      return told(
          getter,
          Messages.getterReadsAnotherField(
              owner, getter.getSimpleName().toString(), member, source));
    }
    if (writer == null || !member.equals(source)) {
      return List.of(); // read through a getter the trees do not show plainly: trusted
    }
    // Stored in its own field too, the value crosses: a default for another field (this.label =
    // name; then if (label != null) this.label = label;) may be overwritten by a later store the
    // trees show only in part, so that is left alone.
    // Passed on to super(name) or a call not followed, it may be stored in its own field there;
    // or it is stored there normalized (this.name = name.trim();): a plain store elsewhere is a
    // default (this.label = name;).
    Optional<String> elsewhere =
        stored.contains(member) || unseen
            ? Optional.empty()
            : stored.stream()
                .filter(f -> copied.contains(f) && !f.equals(member))
                .sorted()
                .findFirst();
    if (elsewhere.isPresent()) {
      return told(
          writer,
          Messages.storedInAnotherField(
              owner, writerName, constructor, member, elsewhere.get(), readerName(member)));
    }
    if (!used) {
      return told(
          writer,
          Messages.valueUnused(owner, writerName, constructor, member, readerName(member)));
    }
    return List.of();
  }

  /**
   * Whether a constructor computes the field {@code member} from the other values ({@code
   * this.full = first + " " + last;}, {@code this.alias = id;}) so that its own parameter, number
   * {@code parameter}, may go unused: the value sent was computed so when the value was made, and
   * nothing changed it since, so the copy, computing it again, holds it. So for a final field, or
   * one computed from another parameter ({@code this.upper = name.toUpperCase();}) that
   * nothing but the class's constructors assigns, when the fields it is computed from are left as
   * the constructor stored them too ({@link #settled}): a field a method may change ({@code
   * hits++}, a setter), or one computed from a field a setter changes ({@code this.original =
   * name;} beside {@code setName}), holds another value than the copy computes. A literal stored
   * so ({@code this.schemaVersion = 2;}) is the same in every value. {@code arguments} names the
   * member each parameter takes.
   */
  private boolean derived(BodyFacts facts, String member, int parameter, List<String> arguments) {
    boolean constant = facts.constants().contains(member);
    if (!facts.assigned().contains(member) && !constant) {
      return false;
    }
    if (finals.contains(member)) {
      // Trusted whatever its sources do: a setter of first leaves a final full = first + " " +
      // last behind, and the copy computes it again, but the writes are matched by name alone
      // (a builder's namesake field, a local), and refusing a legal class is worse than this miss.
      return true;
    }
    List<Integer> sources =
        Stream.concat(facts.stores().stream(), facts.computed().stream())
            .filter(s -> s.field().equals(member) && s.parameter() != parameter)
            .map(BodyFacts.Store::parameter)
            .collect(Collectors.toList());
    boolean sourcesSettled =
        sources.stream()
            .allMatch(j -> j < arguments.size() && settled(arguments.get(j)));
    return (constant || !sources.isEmpty()) && sourcesSettled && settled(member);
  }

  /**
   * Whether {@code member} keeps what a constructor stored in it for the value's life: it is final,
   * or nothing in its file but its class's constructors assigns it ({@link
   * CompiledTypes#writtenOutsideConstructors}). A field that is not private might be assigned by
   * another file of its package or a subclass; that is trusted, as refusing a legal class is worse.
   */
  private boolean settled(String member) {
    if (finals.contains(member)) {
      return true;
    }
    VariableElement field = byName.get(member);
    return field != null && !compiled.writtenOutsideConstructors(field);
  }

  /**
   * Whether the final fields {@code a} and {@code b} always hold one value: every constructor of
   * the class stores one parameter as it is in both ({@code this.key = name; this.name = name;}),
   * or delegates with {@code this(...)} to one that does. Then a getter of {@code a} returning
   * {@code b} returns {@code a}'s value.
   */
  private boolean alwaysEqual(String a, String b) {
    if (!finals.contains(a) || !finals.contains(b)) {
      return false;
    }
    List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
    for (ExecutableElement constructor : constructors) {
      BodyFacts facts = compiled.bodyFacts(constructor);
      if (facts == null) {
        return false;
      }
      if (facts.calls().stream().anyMatch(c -> c.method().equals("<init>"))) {
        continue; // this(...): a constructor checked here assigns the finals
      }
      boolean same =
          facts.stores().stream()
              .anyMatch(
                  s ->
                      s.field().equals(a)
                          && facts.stores().contains(new BodyFacts.Store(b, s.parameter())));
      if (!same) {
        return false;
      }
    }
    return !constructors.isEmpty();
  }

  private static List<Problem> told(Element at, String message) {
    return List.of(Problem.on(at, Rule.TRANSFERABLE_SHAPE, message));
  }

  /**
   * The field whose value the codec sends as {@code member}: itself when read directly, the field
   * its getter plainly returns, or null when the getter does something else.
   */
  private String sourceOf(String member) {
    ExecutableElement getter = readers.get(member);
    if (getter == null) {
      return member;
    }
    BodyFacts facts = compiled.bodyFacts(getter);
    return facts == null ? member : facts.returnedField();
  }

  /**
   * What {@code member}'s getter returns when it changes the field by arithmetic, itself or as the
   * getter it overrides returns it ({@code return super.getId() + 1000;} over a {@code getId()}
   * returning {@code id}), else null.
   */
  private String readChangeOf(String member) {
    ExecutableElement getter = calledReader(member);
    BodyFacts facts = getter == null ? null : compiled.bodyFacts(getter);
    if (facts == null) {
      return null;
    }
    String own = changeOf(facts.returnedChanges(), -1, member);
    if (own != null) {
      return own;
    }
    String throughSuper = changeOf(facts.returnedChanges(), -1, BodyFacts.SUPER);
    return throughSuper != null && overriddenReturns(getter, member) ? throughSuper : null;
  }

  /**
   * The getter a call of {@code member}'s reader runs on a value of the class: the reader, or the
   * class's (or a superclass's below the reader's) override of it ({@code getId()} in {@code
   * Order} over {@code Entity.getId()}, which the codec's {@code getId()} call runs); null for a
   * member read directly.
   */
  private ExecutableElement calledReader(String member) {
    ExecutableElement reader = readers.get(member);
    if (reader == null) {
      return null;
    }
    TypeMirror current = type.asType();
    while (current instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement declaring
        && !declaring.equals(reader.getEnclosingElement())) {
      for (ExecutableElement method : ElementFilter.methodsIn(declaring.getEnclosedElements())) {
        if (method.getSimpleName().equals(reader.getSimpleName())
            && method.getParameters().isEmpty()) {
          return method;
        }
      }
      current = declaring.getSuperclass();
    }
    return reader;
  }

  /**
   * Whether the method {@code getter} overrides, the first of its name without parameters up the
   * superclasses, is plainly {@code return member;}. A class file's shows no body: false.
   */
  private boolean overriddenReturns(ExecutableElement getter, String member) {
    TypeMirror parent = ((TypeElement) getter.getEnclosingElement()).getSuperclass();
    while (parent instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement superclass) {
      for (ExecutableElement method : ElementFilter.methodsIn(superclass.getEnclosedElements())) {
        if (method.getSimpleName().equals(getter.getSimpleName())
            && method.getParameters().isEmpty()) {
          BodyFacts facts = compiled.bodyFacts(method);
          return facts != null && member.equals(facts.returnedField());
        }
      }
      parent = superclass.getSuperclass();
    }
    return false;
  }

  /**
   * What a body stores in (or returns for) {@code field} changed from parameter {@code parameter}
   * (-1: a getter's field), as written; null if it does not.
   */
  private static String changeOf(List<BodyFacts.Change> changes, int parameter, String field) {
    for (BodyFacts.Change change : changes) {
      if (change.parameter() == parameter && change.field().equals(field)) {
        return change.expression();
      }
    }
    return null;
  }

  private String readerName(String member) {
    ExecutableElement getter = readers.get(member);
    return getter == null ? null : getter.getSimpleName() + "()";
  }

  private static Set<String> storedFrom(List<BodyFacts.Store> stores, int parameter) {
    Set<String> fields = new HashSet<>();
    for (BodyFacts.Store store : stores) {
      if (store.parameter() == parameter) {
        fields.add(store.field());
      }
    }
    return fields;
  }

  /**
   * The stores of the constructor {@code this(...)} calls, or a method of the class a top-level
   * statement calls, in terms of {@code caller}'s parameters: {@code V(int x, int y) { this(y, x,
   * true); }} (or {@code init(y, x);}) stores {@code y} where the other stores its first parameter.
   * Only when one other constructor, or one method of that name, takes that many arguments: the
   * bodies are not attributed, so an overloaded call is not resolved, and stays trusted. One level
   * deep: what the called one calls is not followed.
   */
  private List<BodyFacts.Store> delegatedStores(ExecutableElement caller, BodyFacts facts) {
    List<BodyFacts.Store> stores = new ArrayList<>();
    for (BodyFacts.Call call : facts.calls()) {
      BodyFacts target = targetOf(caller, call);
      for (BodyFacts.Store store : target == null ? List.<BodyFacts.Store>of() : target.stores()) {
        int outer = call.arguments().get(store.parameter());
        if (outer >= 0) {
          stores.add(new BodyFacts.Store(store.field(), outer));
        }
      }
    }
    return stores;
  }

  /**
   * Whether parameter {@code parameter} may be stored in {@code member}'s own field where the
   * trees do not show it plainly: passed on to a call not followed ({@code unseen}), or stored
   * there normalized ({@code this.name = name.trim();}).
   */
  private static boolean ownFieldUnplain(
      BodyFacts facts, Set<Integer> unseen, String member, int parameter) {
    return unseen.contains(parameter)
        || facts.computed().contains(new BodyFacts.Store(member, parameter));
  }

  /**
   * Whether {@code stores} put another parameter than {@code parameter} in {@code member}'s field:
   * a swap ({@code this.x = y;}), told even when {@code x} is passed on to a call not followed.
   */
  private static boolean holdsAnother(List<BodyFacts.Store> stores, String member, int parameter) {
    return stores.stream().anyMatch(s -> s.field().equals(member) && s.parameter() != parameter);
  }

  /**
   * The facts of the one constructor or method of the class {@code call} names, taking that many
   * arguments; null for a call of the superclass, an overloaded one, or one without a body here.
   */
  private BodyFacts targetOf(ExecutableElement caller, BodyFacts.Call call) {
    List<? extends Element> candidates =
        call.method().equals("<init>")
            ? ElementFilter.constructorsIn(type.getEnclosedElements())
            : ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(m -> m.getSimpleName().contentEquals(call.method()))
                .collect(Collectors.toList());
    List<ExecutableElement> targets =
        candidates.stream()
            .map(ExecutableElement.class::cast)
            .filter(c -> !c.equals(caller))
            .filter(c -> c.getParameters().size() == call.arguments().size())
            .collect(Collectors.toList());
    return targets.size() == 1 ? compiled.bodyFacts(targets.get(0)) : null;
  }

  /**
   * The parameters of {@code caller} passed as they are to a call whose body is not followed
   * ({@code super(name)}, an overloaded {@code setTitle(title)}, or what the one followed calls in
   * turn): they may be stored in their own fields there.
   */
  private Set<Integer> passedUnseen(ExecutableElement caller, BodyFacts facts) {
    Set<Integer> unseen = new HashSet<>();
    for (BodyFacts.Call call : facts.calls()) {
      BodyFacts target = targetOf(caller, call);
      if (target == null) {
        call.arguments().stream().filter(i -> i >= 0).forEach(unseen::add);
        continue;
      }
      for (BodyFacts.Call inner : target.calls()) {
        for (int argument : inner.arguments()) {
          if (argument >= 0 && call.arguments().get(argument) >= 0) {
            unseen.add(call.arguments().get(argument));
          }
        }
      }
    }
    return unseen;
  }

  private static String setterName(ExecutableElement setter) {
    return setter.getSimpleName()
        + "("
        + TypePrinter.print(setter.getParameters().get(0).asType())
        + ")";
  }

  private static String signature(ExecutableElement constructor) {
    return constructor.getEnclosingElement().getSimpleName()
        + constructor.getParameters().stream()
            .map(p -> TypePrinter.print(p.asType()) + " " + p.getSimpleName())
            .collect(Collectors.joining(", ", "(", ")"));
  }
}
