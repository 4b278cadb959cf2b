package dev.ferry.processor;

import dev.ferry.processor.validation.FerryAnnotations;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.lang.model.SourceVersion;

/**
 * What Ferry's processors share: they run for the annotations that declare codecs (the checker
 * also runs then, and scans every unit itself; the registry writer runs for every annotation, to
 * drop what a file compiled again no longer declares) and accept any source version javac offers,
 * since they read only the language model.
 */
abstract class FerryProcessor extends AbstractProcessor {
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return FerryAnnotations.DECLARING_CODECS;
  }

  @Override
  public final SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }
}
