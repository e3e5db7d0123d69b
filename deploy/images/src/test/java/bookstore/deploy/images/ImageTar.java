package bookstore.deploy.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An image as {@code docker save} (and Jib's {@code buildTar}) writes it: {@code manifest.json}
 * naming the image's configuration and its layers, each layer a tar file (gzipped or not). Reads
 * the manifest, the configuration and the entries of the layers asked for, with the content of
 * their small files.
 */
final class ImageTar {
  /** Files up to this size are read into {@link Entry#content()}. */
  private static final long SMALL_FILE = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One file, folder or link of a layer.
   *
   * @param path its path, without a leading slash or a trailing one
   * @param mode its permission bits (and file type bits)
   * @param uid its owner
   * @param gid its group
   * @param size its size in bytes
   * @param directory whether it is a folder
   * @param content its bytes if it is a regular file of at most 64 KiB, else null
   * @param sha256 the SHA-256 of its content (hex) if it is a regular file, else null
   */
  record Entry(
      String path,
      int mode,
      long uid,
      long gid,
      long size,
      boolean directory,
      byte[] content,
      String sha256) {}

  /**
   * One layer of the image.
   *
   * @param diffId the digest of its uncompressed tar, as the configuration lists it
   * @param createdBy its history entry's {@code created_by}
   * @param comment its history entry's comment (Jib: the layer's name), or empty
   * @param entries its entries by path, or null if it was not read
   */
  record Layer(String diffId, String createdBy, String comment, Map<String, Entry> entries) {}

  private final JsonNode manifest;
  private final JsonNode config;
  private final List<Layer> layers;

  private ImageTar(JsonNode manifest, JsonNode config, List<Layer> layers) {
    this.manifest = manifest;
    this.config = config;
    this.layers = layers;
  }

  /**
   * Reads an image tar.
   *
   * @param tar the file
   * @param readLayer which layers to read the entries of (given each layer without its entries)
   * @return the image
   * @throws IOException when the file cannot be read or is not an image tar
   */
  static ImageTar read(Path tar, Predicate<Layer> readLayer) throws IOException {
    Map<String, byte[]> json = new LinkedHashMap<>();
    forEachEntry(
        tar,
        (entry, in) -> {
          if (entry.name().endsWith(".json")) {
            json.put(normalize(entry.name()), in.readAllBytes());
          }
        });
    JsonNode manifest = JSON.readTree(json.get("manifest.json")).get(0);
    JsonNode config = JSON.readTree(json.get(field(manifest, "Config").asText()));
    List<String> layerFiles = new ArrayList<>();
    field(manifest, "Layers").forEach(layer -> layerFiles.add(normalize(layer.asText())));
    JsonNode diffIds = config.get("rootfs").get("diff_ids");
    if (diffIds.size() != layerFiles.size()) {
      throw new IOException(tar + ": " + layerFiles.size() + " layers, " + diffIds.size() + " ids");
    }
    List<JsonNode> history = new ArrayList<>();
    config
        .path("history")
        .forEach(
            h -> {
              if (!h.path("empty_layer").asBoolean(false)) {
                history.add(h);
              }
            });

    List<Layer> unread = new ArrayList<>();
    for (int i = 0; i < layerFiles.size(); i++) {
      JsonNode h = i < history.size() ? history.get(i) : JSON.createObjectNode();
      unread.add(
          new Layer(
              diffIds.get(i).asText(),
              h.path("created_by").asText(""),
              h.path("comment").asText(""),
              null));
    }
    Map<String, Map<String, Entry>> entriesByFile = new LinkedHashMap<>();
    forEachEntry(
        tar,
        (entry, in) -> {
          int index = layerFiles.indexOf(normalize(entry.name()));
          if (index >= 0 && readLayer.test(unread.get(index))) {
            entriesByFile.put(normalize(entry.name()), readLayer(in));
          }
        });
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < layerFiles.size(); i++) {
      Layer layer = unread.get(i);
      layers.add(
          new Layer(
              layer.diffId(),
              layer.createdBy(),
              layer.comment(),
              entriesByFile.get(layerFiles.get(i))));
    }
    return new ImageTar(manifest, config, List.copyOf(layers));
  }

  /**
   * @return the manifest's entry for this image ({@code Config}, {@code RepoTags}, {@code Layers})
   */
  JsonNode manifest() {
    return manifest;
  }

  /**
   * @return the image's {@code config} object: Entrypoint, Cmd, Env, ExposedPorts, User, ...
   */
  JsonNode containerConfig() {
    return config.path("config");
  }

  /**
   * @return the layers, the base image's first
   */
  List<Layer> layers() {
    return layers;
  }

  /**
   * @return the layers Jib added (its history names it as their creator): the ones above the base
   */
  List<Layer> jibLayers() {
    return layers.stream().filter(l -> l.createdBy().startsWith("jib-maven-plugin:")).toList();
  }

  /**
   * Checks the layers Jib added ({@link #jibLayers}, which must have been read): their names, that
   * they come last, above the base image's layers only (when the local base is at hand, {@link
   * Build#localBase}), and that they hold nothing outside {@code /opt/bookstore}.
   *
   * @param comments the names Jib's layers must have, bottom first
   * @throws IOException when the local base image cannot be read
   */
  void assertOwnLayersOnTopOfTheBase(List<String> comments) throws IOException {
    List<Layer> own = jibLayers();
    assertEquals(comments, own.stream().map(Layer::comment).toList());
    assertEquals(
        own, layers.subList(layers.size() - own.size(), layers.size()), "Jib's layers come last");
    for (Layer layer : own) {
      for (String path : layer.entries().keySet()) {
        assertTrue(
            path.equals("opt")
                || path.equals("opt/bookstore")
                || path.startsWith("opt/bookstore/")
                || path.equals("opt/java")
                || path.startsWith("opt/java/"),
            "layer '"
                + layer.comment()
                + "' holds "
                + path
                + ", outside /opt/bookstore, /opt/java");
      }
    }
    if (Build.localBase().isPresent()) {
      ImageTar base = read(Build.localBase().get(), layer -> false);
      List<String> baseIds = base.layers().stream().map(Layer::diffId).toList();
      assertEquals(baseIds.size() + own.size(), layers.size(), "layers: the base's and Jib's");
      assertEquals(
          baseIds, layers.subList(0, baseIds.size()).stream().map(Layer::diffId).toList(), "base");
    }
  }

  /**
   * @param path a path without the leading slash
   * @return the entry the image's file system has there (the topmost layer's), among the layers
   *     read
   */
  Optional<Entry> find(String path) {
    Entry found = null;
    for (Layer layer : layers) {
      if (layer.entries() != null && layer.entries().containsKey(path)) {
        found = layer.entries().get(path);
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * @param layer a layer that was read
   * @return the paths of its regular files
   */
  static Set<String> files(Layer layer) {
    return layer.entries().values().stream()
        .filter(e -> !e.directory())
        .map(Entry::path)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  private static JsonNode field(JsonNode node, String name) {
    // docker save writes Config/RepoTags/Layers; other writers may use other cases
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (field.equalsIgnoreCase(name)) {
        return node.get(field);
      }
    }
    throw new IllegalArgumentException("no " + name + " in " + node);
  }

  private static String normalize(String name) {
    String path = name.startsWith("./") ? name.substring(2) : name;
    path = path.startsWith("/") ? path.substring(1) : path;
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static Map<String, Entry> readLayer(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in);
    buffered.mark(2);
    boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    Map<String, Entry> entries = new LinkedHashMap<>();
    InputStream layer = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    TarReader tar = new TarReader(layer);
    for (TarReader.Header e = tar.next(); e != null; e = tar.next()) {
      String path = normalize(e.name());
      byte[] content = null;
      String sha256 = null;
      if (e.isFile()) {
        MessageDigest digest = sha256();
        // not closed: that would close the layer's stream
        DigestInputStream file = new DigestInputStream(tar.content(), digest);
        if (e.size() <= SMALL_FILE) {
          content = file.readAllBytes();
        } else {
          file.transferTo(OutputStream.nullOutputStream());
        }
        sha256 = HexFormat.of().formatHex(digest.digest());
      }
      entries.put(
          path,
          new Entry(path, e.mode(), e.uid(), e.gid(), e.size(), e.isDirectory(), content, sha256));
    }
    return entries;
  }

  /**
   * @param file a file
   * @return the SHA-256 of its content, hex
   * @throws IOException when it cannot be read
   */
  static String sha256(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface EntryReader {
    void read(TarReader.Header entry, InputStream in) throws IOException;
  }

  private static void forEachEntry(Path tar, EntryReader reader) throws IOException {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(tar), 1 << 16)) {
      TarReader in = new TarReader(file);
      for (TarReader.Header e = in.next(); e != null; e = in.next()) {
        if (e.isFile()) {
          reader.read(e, in.content());
        }
      }
    }
  }
}
