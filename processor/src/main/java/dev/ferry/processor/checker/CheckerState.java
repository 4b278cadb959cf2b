package dev.ferry.processor.checker;

import com.sun.source.util.Trees;
import dev.ferry.processor.diagnostic.Reporter;
import dev.ferry.processor.validation.TypeAnalyzer;

/** What every scan of one compilation shares: javac's trees, the caches, where errors go. */
record CheckerState(
    Trees trees,
    TypeAnalyzer analyzer,
    Markers markers,
    SentVariables sentVariables,
    Bindings bindings,
    FerryReach reach,
    Verdicts verdicts,
    Reporter reporter) {}
