package dev.ferry.sample;

import dev.ferry.annotation.Transferable;

/** How urgent a job is. Enums cross as their ordinal. */
@Transferable
public enum Priority {
  LOW,
  NORMAL,
  URGENT
}
