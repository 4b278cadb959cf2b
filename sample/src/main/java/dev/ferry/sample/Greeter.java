package dev.ferry.sample;

import dev.ferry.annotation.Transferable;
import java.util.List;

/** An object with its own state: a child process gets an equal copy when it starts. */
@Transferable
public record Greeter(String greeting, List<String> names, int rounds) {}
