package bookstore.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.CredentialValidationResult.Status;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin account's rules (SPEC "Admin"): one user, its password hashed, no default. */
class AdminAccountTest {
  /** A stand-in for the container's PBKDF2 hash that counts its checks; "hash:" + the password. */
  static final class CountingHash implements Pbkdf2PasswordHash {
    int verified;

    @Override
    public void initialize(Map<String, String> parameters) {}

    @Override
    public String generate(char[] password) {
      return "hash:" + new String(password);
    }

    @Override
    public boolean verify(char[] password, String hashedPassword) {
      verified++;
      return hashedPassword.equals(generate(password));
    }
  }

  private final CountingHash hash = new CountingHash();

  private AdminAccount account(Optional<String> password, Optional<String> file) {
    AdminAccount account = new AdminAccount();
    account.pbkdf2 = hash;
    account.password = password;
    account.passwordFile = file;
    account.hashPassword();
    return account;
  }

  private static Status check(AdminAccount account, String user, String password) {
    return account.validate(new UsernamePasswordCredential(user, password)).getStatus();
  }

  @Test
  void theAdminWithTheRightPasswordIsInTheAdminGroup() {
    CredentialValidationResult result =
        account(Optional.of("s3cret"), Optional.empty())
            .validate(new UsernamePasswordCredential("admin", "s3cret"));
    assertEquals(Status.VALID, result.getStatus());
    assertEquals("admin", result.getCallerPrincipal().getName());
    assertEquals(Set.of("admin"), result.getCallerGroups());
  }

  @Test
  void anyOtherUserOrPasswordIsRefused() {
    AdminAccount account = account(Optional.of("s3cret"), Optional.empty());
    assertEquals(Status.INVALID, check(account, "admin", "s3cret "));
    assertEquals(Status.INVALID, check(account, "root", "s3cret"));
    assertEquals(Status.INVALID, check(account, "admin", ""));
  }

  @Test
  void withoutAPasswordSetNoLoginIsAccepted() {
    AdminAccount account = account(Optional.empty(), Optional.empty());
    assertEquals(Status.INVALID, check(account, "admin", ""));
    assertEquals(Status.INVALID, check(account, "admin", "admin"));
  }

  @Test
  void thePasswordFilesFirstLineIsThePassword(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("admin-password"), "from-the-file\n");
    AdminAccount account = account(Optional.empty(), Optional.of(file.toString()));
    assertEquals(Status.VALID, check(account, "admin", "from-the-file"));
  }

  @Test
  void theEnvironmentsPasswordWinsOverTheFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("admin-password"), "from-the-file\n");
    AdminAccount account =
        account(Optional.of("from-the-environment"), Optional.of(file.toString()));
    assertEquals(Status.VALID, check(account, "admin", "from-the-environment"));
    assertEquals(Status.INVALID, check(account, "admin", "from-the-file"));
  }

  @Test
  void anAcceptedPasswordSkipsPbkdf2NextTimeButAWrongOneNever() {
    AdminAccount account = account(Optional.of("s3cret"), Optional.empty());
    check(account, "admin", "s3cret");
    check(account, "admin", "s3cret");
    check(account, "admin", "s3cret");
    assertEquals(1, hash.verified, "PBKDF2 checks of the right password");
    check(account, "admin", "wrong");
    check(account, "admin", "wrong");
    assertEquals(3, hash.verified, "every wrong password pays a PBKDF2 check");
  }
}
