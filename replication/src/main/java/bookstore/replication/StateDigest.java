package bookstore.replication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a replica's state, fed one record at a time in key order: two replicas with the same
 * records give the same digest (SPEC guarantee 4). Each record is written as its fields joined by a
 * unit separator and ended by a newline, so field boundaries cannot shift.
 */
public final class StateDigest {
  private final MessageDigest sha256;

  /** Starts a digest with no records added yet. */
  public StateDigest() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Adds one record.
   *
   * @param fields the record's fields in a fixed order; {@code null} is written as empty
   * @return this digest, for chaining
   */
  public StateDigest add(Object... fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        line.append('\u001f');
      }
      line.append(fields[i] == null ? "" : fields[i].toString());
    }
    line.append('\n');
    sha256.update(line.toString().getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * @return the digest as 64 lowercase hex characters
   */
  public String hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }
}
