package dev.ferry.sample.billing;

/**
 * Stands for a class from another team's library: the sample cannot annotate it, so {@link
 * dev.ferry.sample.Foreign} imports it with {@code @TransferableImport}.
 */
public record Money(long cents, String currency) {
  public Money plus(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(currency + " + " + other.currency);
    }
    return new Money(cents + other.cents, currency);
  }
}
