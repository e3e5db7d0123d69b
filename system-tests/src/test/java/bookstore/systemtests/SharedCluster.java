package bookstore.systemtests;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link ClusterTest}: gives every end-to-end test class the one
 * cluster the test JVM shares.
 *
 * <ul>
 *   <li>Before a class's first test, and before its own {@code @BeforeAll} methods, it starts the
 *       cluster with {@code ./bookstore start}, or joins it if an earlier class already did ({@link
 *       Cluster#shared()}). A cluster that fails to start fails the class.
 *   <li>It resolves every parameter of type {@link Cluster}: of the test class's constructor, of
 *       its {@code @BeforeAll}, {@code @BeforeEach} and test methods, and of its
 *       {@code @MethodSource} factories.
 *   <li>It does not stop the cluster: the next class uses it too, and {@link Cluster} stops it when
 *       the test JVM exits.
 * </ul>
 *
 * <p>Use it by annotating the class with {@link ClusterTest} and taking the cluster in the
 * constructor, as every {@code *IT} here does:
 *
 * <pre>{@code
 * @ClusterTest
 * class SomethingIT {
 *   private final Cluster cluster;
 *
 *   SomethingIT(Cluster cluster) {
 *     this.cluster = cluster;
 *   }
 *
 *   @Test
 *   void theFrontEndIsReady() {
 *     assertEquals(200, Http.get(cluster.frontendUrl() + "/health/ready").statusCode());
 *   }
 * }
 * }</pre>
 */
public final class SharedCluster implements BeforeAllCallback, ParameterResolver {
  /**
   * Starts the shared cluster, or joins it.
   *
   * @param context the test class's context
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    Cluster.shared();
  }

  /**
   * @param parameter a parameter JUnit has to fill
   * @param context where it is
   * @return whether it is a {@link Cluster}
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Cluster.class;
  }

  /**
   * @param parameter a {@link Cluster} parameter
   * @param context where it is
   * @return the shared cluster
   */
  @Override
  public Cluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return Cluster.shared();
  }
}
