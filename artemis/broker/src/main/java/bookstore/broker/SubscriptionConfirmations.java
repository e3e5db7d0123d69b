package bookstore.broker;

import bookstore.api.replication.UpdateTopics;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.postoffice.Binding;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerConsumerPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Confirms each new consumer of a non-durable subscription of an update topic (the front ends'
 * cache invalidators) with one message to that subscription alone, carrying the property {@link
 * UpdateTopics#SUBSCRIBED}: the Artemis resource adapter that runs the front end's message-driven
 * bean says nothing to the application when it connects, and the front end is ready only once it
 * knows it will see every write. The replicas' durable subscriptions never get one.
 */
final class SubscriptionConfirmations implements ActiveMQServerConsumerPlugin {
  private static final Logger LOG = Logger.getLogger(SubscriptionConfirmations.class.getName());

  private ActiveMQServer server;

  @Override
  public void registered(ActiveMQServer server) {
    this.server = server;
  }

  @Override
  public void afterCreateConsumer(ServerConsumer consumer) {
    Queue queue = consumer.getQueue();
    String address = queue.getAddress().toString();
    if (queue.isDurable()
        || !(address.equals(UpdateTopics.CATALOG) || address.equals(UpdateTopics.ORDER))) {
      return;
    }
    try {
      CoreMessage confirmation = new CoreMessage(server.getStorageManager().generateID(), 64);
      confirmation.setAddress(queue.getAddress());
      confirmation.setRoutingType(RoutingType.MULTICAST);
      confirmation.setDurable(false);
      confirmation.putLongProperty(UpdateTopics.SUBSCRIBED, System.currentTimeMillis());
      Binding subscription = server.getPostOffice().getBinding(queue.getName());
      // routed through this one binding only: the other subscriptions of the topic never see it
      server.getPostOffice().route(confirmation, (Transaction) null, false, false, subscription);
    } catch (Exception e) {
      LOG.log(
          Level.WARNING, "could not confirm subscription " + queue.getName() + " of " + address, e);
    }
  }
}
