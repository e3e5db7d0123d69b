package bookstore.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * Starts the store's Artemis broker from {@code broker.xml} on the classpath and runs until the
 * JVM is told to stop. System properties: {@code broker.port} (default 61616) is the loopback
 * port of its one acceptor, {@code broker.data} (default {@code ./broker-data}) the folder of its
 * persistent journal, which keeps every acknowledged message across a crash.
 */
public final class BrokerMain {
  private BrokerMain() {}

  /**
   * @param args none
   * @throws Exception when the broker cannot start (the port is taken, the journal is locked)
   */
  public static void main(String[] args) throws Exception {
    String dataDir = System.getProperty("broker.data", "broker-data");
    Files.createDirectories(Path.of(dataDir));
    System.setProperty("broker.data", Path.of(dataDir).toAbsolutePath().toString());
    System.setProperty("broker.port", System.getProperty("broker.port", "61616"));

    EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    broker.setConfigResourcePath("broker.xml");
    broker.start();
    System.out.println(
        "BROKER READY " + broker.getActiveMQServer().getVersion().getFullVersion()
            + " on 127.0.0.1:" + System.getProperty("broker.port"));

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    broker.stop();
                  } catch (Exception e) {
                    e.printStackTrace();
                  } finally {
                    stopped.countDown();
                  }
                }));
    stopped.await();
  }
}
