package outsider;

import dev.ferry.Ferry;
import dev.ferry.ProcessPool;
import java.util.ArrayList;
import java.util.List;

/** Where PoolMap's time goes: pool start, first result (workers booted), map, map again, close. */
public final class PoolPhases {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    List<Integer> in = new ArrayList<>(n);
    for (int i = 0; i < n; i++) in.add(i);
    StringBuilder sb = new StringBuilder("PoolPhases n=" + n + ":");
    long t = System.nanoTime();
    try (ProcessPool pool = Ferry.pool(2)) {
      sb.append(String.format(" start %.1f", (System.nanoTime() - t) / 1e6)); t = System.nanoTime();
      pool.submit(PoolMap::square, 3).join();
      sb.append(String.format(" first-result %.1f", (System.nanoTime() - t) / 1e6)); t = System.nanoTime();
      for (int r = 0; r < 4; r++) {
        pool.map(PoolMap::square, in);
        sb.append(String.format(" map%d %.1f", r + 1, (System.nanoTime() - t) / 1e6)); t = System.nanoTime();
      }
    }
    sb.append(String.format(" close %.1f ms", (System.nanoTime() - t) / 1e6));
    System.out.println(sb);
  }
}
