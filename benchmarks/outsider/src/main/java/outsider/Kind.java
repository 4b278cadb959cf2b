package outsider;

import dev.ferry.annotation.Transferable;

@Transferable
public enum Kind { BUY, SELL, HOLD }
