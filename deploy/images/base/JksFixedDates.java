import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Sets the date of every entry of a JKS trust store (Debian's {@code /etc/ssl/certs/java/cacerts},
 * written by ca-certificates-java with the time of the install) to one fixed time and signs the
 * file again, so that the same certificates always give the same bytes. Run by make-base.sh with
 * the JDK's source launcher: {@code java JksFixedDates.java FILE EPOCH_SECONDS [STOREPASS]}.
 */
public final class JksFixedDates {
  private static final int MAGIC = 0xFEEDFEED;
  private static final int TRUSTED_CERT = 2;

  private JksFixedDates() {}

  /**
   * Rewrites the trust store in place.
   *
   * @param args the file, the time in seconds since the epoch, and the store password (default
   *     {@code changeit}, Debian's)
   * @throws IOException when the file cannot be read or written, or is not a JKS trust store
   * @throws NoSuchAlgorithmException never: every JDK has SHA-1
   */
  public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
    Path file = Path.of(args[0]);
    long dateMs = Long.parseLong(args[1]) * 1000;
    char[] password = (args.length > 2 ? args[2] : "changeit").toCharArray();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file));
        DataOutputStream out = new DataOutputStream(bytes)) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + " is not a JKS key store");
      }
      int version = in.readInt();
      int count = in.readInt();
      if (version != 2) {
        throw new IOException(file + ": JKS version " + version + ", expected 2");
      }
      out.writeInt(MAGIC);
      out.writeInt(version);
      out.writeInt(count);
      for (int i = 0; i < count; i++) {
        int tag = in.readInt();
        if (tag != TRUSTED_CERT) {
          throw new IOException(file + ": entry " + i + " is not a trusted certificate");
        }
        out.writeInt(tag);
        out.writeUTF(in.readUTF()); // alias
        in.readLong(); // the date it was added: replaced
        out.writeLong(dateMs);
        out.writeUTF(in.readUTF()); // certificate type
        byte[] certificate = new byte[in.readInt()];
        in.readFully(certificate);
        out.writeInt(certificate.length);
        out.write(certificate);
      }
      out.flush();
      // the integrity check: SHA-1 over the password (UTF-16BE), a fixed phrase, and the content
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      for (char c : password) {
        sha1.update((byte) (c >> 8));
        sha1.update((byte) c);
      }
      sha1.update("Mighty Aphrodite".getBytes(StandardCharsets.UTF_8));
      sha1.update(bytes.toByteArray());
      out.write(sha1.digest());
    }
    Files.write(file, bytes.toByteArray());
  }
}
