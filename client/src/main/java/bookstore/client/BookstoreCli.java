package bookstore.client;

import bookstore.api.BookSummary;
import bookstore.api.Item;
import bookstore.api.Order;
import bookstore.api.ProblemException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The command-line client: {@code search TOPIC}, {@code lookup ID}, {@code buy ID [QTY]}, {@code
 * order NUMBER} (the load generator is the bench module's own program, {@code
 * bookstore.bench.BenchCommand}). Prints readable text, or the store's raw JSON with {@code
 * --json}. Exit codes: 0 done, 1 the store refused (its problem is printed), 2 usage error, 3 the
 * store is not running.
 */
@Command(
    name = "bookstore",
    mixinStandardHelpOptions = true,
    description = "Talk to the replicated bookstore's front end.",
    subcommands = {
      BookstoreCli.Search.class,
      BookstoreCli.Lookup.class,
      BookstoreCli.Buy.class,
      BookstoreCli.OrderQuery.class
    })
public final class BookstoreCli {
  /** Exit code when the store refused the request. */
  static final int REFUSED = 1;

  /** Exit code when the store did not answer. */
  static final int UNREACHABLE = 3;

  @Option(
      names = "--url",
      scope = CommandLine.ScopeType.INHERIT,
      description = "front end base URL (default: $BOOKSTORE_URL or http://127.0.0.1:8080)")
  String url;

  @Option(
      names = "--json",
      scope = CommandLine.ScopeType.INHERIT,
      description = "print the store's JSON answer as it is")
  boolean json;

  @Spec CommandLine.Model.CommandSpec spec;

  /**
   * @return the front end's base URL: {@code --url}, else {@code $BOOKSTORE_URL}, else {@code
   *     http://127.0.0.1:8080}
   */
  public URI baseUrl() {
    return StoreClient.baseUrl(url);
  }

  StoreClient client() {
    return new StoreClient(baseUrl());
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Runs one subcommand and turns its failures into exit codes with a message. */
  abstract static class StoreCommand implements Callable<Integer> {
    @ParentCommand BookstoreCli cli;

    abstract void run(StoreClient client);

    @Override
    public Integer call() {
      try {
        run(cli.client());
        return 0;
      } catch (ProblemException e) {
        cli.spec
            .commandLine()
            .getErr()
            .println(
                "error "
                    + e.problem().status()
                    + " "
                    + e.problem().title()
                    + ": "
                    + e.problem().detail());
        return REFUSED;
      } catch (StoreClient.StoreUnreachableException e) {
        cli.spec.commandLine().getErr().println("bookstore: " + e.getMessage());
        return UNREACHABLE;
      }
    }

    /** Prints the store's JSON with {@code --json}, else {@code text} of the parsed answer. */
    <T> void print(StoreClient.Answer<T> answer, Function<T, String> text) {
      cli.out().println(cli.json ? answer.json() : text.apply(answer.value()));
    }
  }

  @Command(name = "search", description = "List the books of a topic.")
  static final class Search extends StoreCommand {
    @Parameters(paramLabel = "TOPIC", description = "e.g. 'distributed systems'")
    String topic;

    @Override
    void run(StoreClient client) {
      print(client.search(topic), this::listing);
    }

    private String listing(List<BookSummary> books) {
      StringBuilder text = new StringBuilder();
      if (books.isEmpty()) {
        text.append("no books on '").append(topic).append("'");
      }
      for (BookSummary book : books) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(String.format("%4d  %s", book.id(), book.title()));
      }
      return text.toString();
    }
  }

  @Command(name = "lookup", description = "Show one item: title, topic, stock, price.")
  static final class Lookup extends StoreCommand {
    @Parameters(paramLabel = "ID", description = "item number")
    String id;

    @Override
    void run(StoreClient client) {
      print(client.lookup(id), BookstoreCli::describe);
    }
  }

  @Command(name = "buy", description = "Buy an item.")
  static final class Buy extends StoreCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "item number")
    int id;

    @Parameters(
        index = "1",
        paramLabel = "QTY",
        defaultValue = "1",
        description = "units (default 1)")
    int quantity;

    @Option(names = "--key", description = "idempotency key: a retry with the same key buys once")
    String key;

    @Override
    void run(StoreClient client) {
      print(client.buy(id, quantity, key), BookstoreCli::describe);
    }
  }

  @Command(name = "order", description = "Show an order.")
  static final class OrderQuery extends StoreCommand {
    @Parameters(paramLabel = "NUMBER", description = "order number")
    String number;

    @Override
    void run(StoreClient client) {
      print(client.order(number), BookstoreCli::describe);
    }
  }

  static String describe(Item item) {
    return String.format(
        "%d  %s%n    topic: %s%n    stock: %d%n    price: %s",
        item.id(), item.title(), item.topic(), item.stock(), item.price().toPlainString());
  }

  static String describe(Order order) {
    return String.format(
        "order %d: %d x item %d at %s",
        order.orderNumber(), order.quantity(), order.itemId(), order.unitPrice().toPlainString());
  }

  /**
   * @param args a subcommand and its arguments
   */
  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new BookstoreCli());
    if (args.length == 0) {
      commandLine.usage(System.out);
      System.exit(2);
    }
    System.exit(commandLine.execute(args));
  }
}
