package bookstore.systemtests;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an end-to-end test class that runs against the shared cluster: the cluster is started (or
 * joined) before the class's first test, and a {@link Cluster} parameter of its constructor, of its
 * methods and of its {@code @MethodSource} factories is that cluster. See {@link SharedCluster} for
 * what it does and how to use it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(SharedCluster.class)
public @interface ClusterTest {}
