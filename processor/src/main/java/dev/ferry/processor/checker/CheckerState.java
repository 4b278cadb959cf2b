package dev.ferry.processor.checker;

import com.sun.source.util.Trees;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import dev.ferry.processor.diagnostic.Reporter;
import dev.ferry.processor.validation.TypeAnalyzer;

/** What every scan of one compilation shares: javac's trees, the caches, where errors go. */
record CheckerState(
    Trees trees,
    Elements elements,
    Types types,
    TypeAnalyzer analyzer,
    Markers markers,
    SentVariables sentVariables,
    Bindings bindings,
    FerryReach reach,
    Verdicts verdicts,
    Reporter reporter) {}
