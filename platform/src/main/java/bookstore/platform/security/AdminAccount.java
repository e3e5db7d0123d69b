package bookstore.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The store's one admin account (SPEC "Admin"): user {@value #USER}, in group and role {@value
 * #ROLE}. Its password comes from {@code bookstore.admin.password} (the environment variable {@code
 * BOOKSTORE_ADMIN_PASSWORD}) when set, else from the first line of the file {@code
 * bookstore.admin.password-file} ({@code BOOKSTORE_ADMIN_PASSWORD_FILE}: {@code
 * run/admin-password}, which {@code ./bookstore start} generates). It is kept only as a PBKDF2 hash
 * ({@link Pbkdf2PasswordHash}, PBKDF2WithHmacSHA256, 210,000 iterations); without either setting no
 * password is accepted at all: there is no default.
 *
 * <p>A PBKDF2 check costs tens of ms of CPU on purpose. The CLI and the benchmark send HTTP Basic
 * with every admin call, so the last accepted password is remembered for {@link #REMEMBER_MS} ms as
 * a salted SHA-256 (random salt per process, never written anywhere) and compared in constant time;
 * a wrong password always pays the full PBKDF2 check.
 */
@ApplicationScoped
public class AdminAccount implements IdentityStore {
  /** The admin's user name. */
  public static final String USER = "admin";

  /** The group the admin belongs to, mapped to the role of the same name. */
  public static final String ROLE = "admin";

  /** How long an accepted password is checked by its salted SHA-256 instead of PBKDF2 (ms). */
  static final long REMEMBER_MS = 300_000;

  private static final Logger LOG = Logger.getLogger(AdminAccount.class.getName());

  @Inject Pbkdf2PasswordHash pbkdf2;

  @Inject
  @ConfigProperty(name = "bookstore.admin.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "bookstore.admin.password-file")
  Optional<String> passwordFile;

  private final byte[] salt = new byte[16];
  private String passwordHash;
  private volatile Remembered remembered;

  private record Remembered(byte[] digest, long untilMs) {}

  @PostConstruct
  void hashPassword() {
    pbkdf2.initialize(Map.of());
    new SecureRandom().nextBytes(salt);
    Optional<String> plain =
        password.filter(p -> !p.isEmpty()).or(() -> passwordFile.flatMap(SecretFiles::firstLine));
    if (plain.isEmpty()) {
      LOG.warning(
          "no admin password: set BOOKSTORE_ADMIN_PASSWORD or BOOKSTORE_ADMIN_PASSWORD_FILE; every admin login is refused");
      return;
    }
    passwordHash = pbkdf2.generate(plain.get().toCharArray());
  }

  /**
   * @param credential the user name and password given
   * @return VALID with caller {@value #USER} in group {@value #ROLE}; INVALID for any other user or
   *     password, or when no password is set; NOT_VALIDATED for other kinds of credential
   */
  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential given)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    if (passwordHash == null || !USER.equals(given.getCaller())) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    char[] typed = given.getPassword().getValue();
    byte[] digest = saltedDigest(typed);
    Remembered last = remembered;
    boolean valid =
        last != null
                && System.currentTimeMillis() < last.untilMs()
                && MessageDigest.isEqual(last.digest(), digest)
            || pbkdf2.verify(typed, passwordHash);
    if (!valid) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    remembered = new Remembered(digest, System.currentTimeMillis() + REMEMBER_MS);
    return new CredentialValidationResult(USER, Set.of(ROLE));
  }

  private byte[] saltedDigest(char[] typed) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      return sha256.digest(new String(typed).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
