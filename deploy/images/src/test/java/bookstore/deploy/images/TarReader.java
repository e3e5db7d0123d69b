package bookstore.deploy.images;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream entry by entry: ustar headers and the POSIX (pax) extended headers that GNU
 * tar and Jib write for long names and sizes (and GNU long names). Enough for image tars and their
 * layers, and no library: this module's test dependencies must not change the versions that Maven
 * picks for the broker's libraries (its manifest names each one by version).
 */
final class TarReader {
  private static final int BLOCK = 512;

  /**
   * One entry's header.
   *
   * @param name its path as written (may start with "./" or end with "/")
   * @param type its type flag: '0' or NUL a regular file, '5' a folder, '2' a symbolic link, ...
   * @param mode its mode bits
   * @param uid its owner
   * @param gid its group
   * @param size the size of its content in bytes
   */
  record Header(String name, char type, int mode, long uid, long gid, long size) {
    /**
     * @return whether it is a regular file
     */
    boolean isFile() {
      return type == '0' || type == '\0' || type == '7';
    }

    /**
     * @return whether it is a folder
     */
    boolean isDirectory() {
      return type == '5';
    }
  }

  private final InputStream in;
  private long remaining;
  private long padding;

  /**
   * @param in the tar stream, positioned at its first header; not closed here
   */
  TarReader(InputStream in) {
    this.in = in;
  }

  /**
   * Skips what is left of the current entry and reads the next entry's header.
   *
   * @return the header, or null at the end of the archive
   * @throws IOException when the stream cannot be read or is not a tar
   */
  Header next() throws IOException {
    in.skipNBytes(remaining + padding);
    remaining = 0;
    padding = 0;
    Map<String, String> pax = new HashMap<>();
    while (true) {
      byte[] block = in.readNBytes(BLOCK);
      if (block.length < BLOCK || isZeros(block)) {
        return null;
      }
      char type = (char) block[156];
      long size = number(block, 124, 12);
      if (type == 'L') { // GNU long name: the next entry's
        pax.put("path", string(in.readNBytes((int) size), 0, (int) size));
        in.skipNBytes(pad(size));
        continue;
      }
      if (type == 'x' || type == 'g') {
        byte[] records = in.readNBytes((int) size);
        in.skipNBytes(pad(size));
        if (type == 'x') {
          pax.putAll(paxRecords(records));
        }
        continue;
      }
      String name = string(block, 0, 100);
      String prefix = string(block, 345, 155);
      if (!prefix.isEmpty() && "ustar".equals(string(block, 257, 5))) {
        name = prefix + "/" + name;
      }
      name = pax.getOrDefault("path", name);
      size = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : size;
      long uid = pax.containsKey("uid") ? Long.parseLong(pax.get("uid")) : number(block, 108, 8);
      long gid = pax.containsKey("gid") ? Long.parseLong(pax.get("gid")) : number(block, 116, 8);
      Header header = new Header(name, type, (int) number(block, 100, 8), uid, gid, size);
      boolean hasContent = header.isFile();
      remaining = hasContent ? size : 0;
      padding = hasContent ? pad(size) : 0;
      return header;
    }
  }

  /**
   * @return the current entry's content, to be read before {@link #next()}; not to be closed
   */
  InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        if (remaining == 0) {
          return -1;
        }
        int b = in.read();
        if (b < 0) {
          throw new EOFException("tar entry cut short");
        }
        remaining--;
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining == 0) {
          return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
          throw new EOFException("tar entry cut short");
        }
        remaining -= n;
        return n;
      }
    };
  }

  private static long pad(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static boolean isZeros(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String string(byte[] block, int offset, int length) {
    int end = offset;
    while (end < offset + length && block[end] != 0) {
      end++;
    }
    return new String(block, offset, end - offset, StandardCharsets.UTF_8);
  }

  /** An octal field, or a base-256 one (high bit set) for large numbers. */
  private static long number(byte[] block, int offset, int length) {
    if ((block[offset] & 0x80) != 0) {
      long value = block[offset] & 0x7f;
      for (int i = offset + 1; i < offset + length; i++) {
        value = (value << 8) | (block[i] & 0xff);
      }
      return value;
    }
    String octal = string(block, offset, length).trim();
    return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
  }

  /** Records "LENGTH KEY=VALUE\n", LENGTH counting the whole record in bytes. */
  private static Map<String, String> paxRecords(byte[] records) {
    Map<String, String> values = new HashMap<>();
    int at = 0;
    while (at < records.length) {
      int space = at;
      while (space < records.length && records[space] != ' ') {
        space++;
      }
      if (space >= records.length) {
        break;
      }
      int length = Integer.parseInt(new String(records, at, space - at, StandardCharsets.UTF_8));
      String record =
          new String(records, space + 1, length - (space - at) - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      values.put(record.substring(0, eq), record.substring(eq + 1));
      at += length;
    }
    return values;
  }
}
