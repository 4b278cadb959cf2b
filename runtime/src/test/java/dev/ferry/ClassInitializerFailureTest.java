package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A value whose class cannot be initialized in the reading process (its static initializer
 * throws here, not in the child that made it) is told as a {@link TransferException} naming the
 * class and what its initializer threw, the first time as every later time, and the messages
 * after it still come.
 */
@Timeout(120)
class ClassInitializerFailureTest {
  private static void sendsTwo(Channel<WorkerOnly> out, Channel<String> done) throws Exception {
    out.send(new WorkerOnly(1));
    out.send(new WorkerOnly(2));
    done.send("sent");
  }

  private static WorkerOnly make(Integer x) {
    return new WorkerOnly(x);
  }

  private static Integer twice(Integer x) {
    return 2 * x;
  }

  /**
   * Before, the first receive threw the JVM's ExceptionInInitializerError itself, an Error with no
   * message, where the second was a TransferException ('uses a class that failed to initialize');
   * a pool's task said only 'its codec's read threw java.lang.ExceptionInInitializerError'.
   */
  @Test
  void receive_ofAValueWhoseClassCannotInitializeHere_isATransferExceptionSayingWhy()
      throws Exception {
    Channel<WorkerOnly> values = Channel.create();
    Channel<String> done = Channel.create();
    Child child = Children.fast("worker-only").jvmFlags("-Dferry.test.workerOnly=1")
        .spawn(ClassInitializerFailureTest::sendsTwo, values, done);
    TransferException first = assertThrows(TransferException.class,
        () -> values.receive(Duration.ofSeconds(60)));
    assertEquals("the codec dev.ferry.WorkerOnly_FerryCodec of dev.ferry.WorkerOnly, or one it"
        + " calls, uses dev.ferry.WorkerOnly, whose static initializer threw in this process"
        + " (java.lang.IllegalStateException: no ferry.test.workerOnly here): a value is made again"
        + " in each process that reads it, and its classes initialized there; make the initializer"
        + " work in every process that reads or writes dev.ferry.WorkerOnly", first.getMessage());
    assertInstanceOf(ExceptionInInitializerError.class, first.getCause());
    TransferException second = assertThrows(TransferException.class,
        () -> values.receive(Duration.ofSeconds(60)));
    assertTrue(second.getMessage().contains("uses a class that failed to initialize"),
        second.getMessage());
    assertEquals("sent", done.receive(Duration.ofSeconds(60)).orElseThrow());
    assertEquals(0, child.join());

    try (ProcessPool pool = Children.fast("worker-only-pool").jvmFlags("-Dferry.test.workerOnly=1")
        .keepSpare(false).pool(1)) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> pool.submit(ClassInitializerFailureTest::make, 3).get(60, TimeUnit.SECONDS));
      TransferException told = assertInstanceOf(TransferException.class, e.getCause());
      assertTrue(told.getMessage().startsWith("cannot read the result of task"
          + " ClassInitializerFailureTest::make (task #1 of the pool): the codec"
          + " dev.ferry.WorkerOnly_FerryCodec of dev.ferry.WorkerOnly"), told.getMessage());
      assertEquals(14, pool.submit(ClassInitializerFailureTest::twice, 7).get(60, TimeUnit.SECONDS));
    }
  }
}
