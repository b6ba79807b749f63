package dev.parley.tools;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import dev.parley.core.config.Config;
import dev.parley.sip.auth.AuthConfiguration;
import dev.parley.sip.auth.DigestAlgorithm;
import dev.parley.sip.auth.UsersFileWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley user add|remove}: keep the registrar's users file. The password is read from the terminal without
 * echo (or one line of standard input with {@code --password-stdin}), never from the command line where
 * {@code ps} would show it; only its HA1 per algorithm is written, and the server re-reads the file on change.
 */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = {
        "Add (or replace) or remove a user of the users file (parley.auth.users.file, under parley.data.dir).",
        "  parley user add alice@example.com             # asks for the password twice",
        "  echo \"$PW\" | parley user add alice@example.com --password-stdin",
        "  parley user remove alice@example.com" })
public final class UserCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "ACTION", description = "add or remove.")
    private String action;

    @Parameters(index = "1", paramLabel = "AOR", description = "user@domain; the user part is the digest username.")
    private String aor;

    @Option(names = "--realm", description = "Realm the HA1 is for (default: the AoR's domain, as the registrar uses).")
    private String realm;

    @Option(names = "--algorithms", description = "Hashes to store (default: parley.auth.algorithms).")
    private String algorithms;

    @Option(names = "--password-stdin", description = "Read the password from one line of standard input.")
    private boolean passwordStdin;

    @Option(names = "--file", paramLabel = "FILE", description = "Users file (default: from config).")
    private Path file;

    @Override
    public Integer call() throws Exception
    {
        final Config config = configOptions.load();
        final Path users = null != file ? file : AuthConfiguration.usersFile(config);
        if ("remove".equals(action))
        {
            final boolean removed = UsersFileWriter.remove(users, aor);
            System.out.println(removed ? "removed " + aor + " from " + users : aor + " was not in " + users);
            return removed ? 0 : 1;
        }
        if (!"add".equals(action))
        {
            throw new ParameterException(spec.commandLine(), "ACTION '" + action + "': expected add or remove");
        }
        final int at = aor.lastIndexOf('@');
        if (at <= 0 || at == aor.length() - 1)
        {
            throw new ParameterException(spec.commandLine(), "AOR '" + aor + "': expected user@domain");
        }
        final List<DigestAlgorithm> hashes = Arrays.asList(null != algorithms ?
            parseAlgorithms(algorithms) : AuthConfiguration.algorithms(config));
        final byte[] password = readPassword();
        try
        {
            UsersFileWriter.put(users, aor, null != realm ? realm : aor.substring(at + 1), password, hashes);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        finally
        {
            Arrays.fill(password, (byte)0);
        }
        System.out.println("set " + aor + " in " + users);
        return 0;
    }

    private DigestAlgorithm[] parseAlgorithms(final String text)
    {
        try
        {
            return AuthConfiguration.parseAlgorithms(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), "--algorithms '" + text + "': " + ex.getMessage());
        }
    }

    private byte[] readPassword() throws IOException
    {
        final char[] chars;
        final Console console = System.console();
        if (passwordStdin || null == console)
        {
            final String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .readLine();
            chars = null == line ? new char[0] : line.toCharArray();
        }
        else
        {
            chars = console.readPassword("password for %s: ", aor);
            final char[] again = console.readPassword("again: ");
            if (null == chars || !Arrays.equals(chars, again))
            {
                throw new ParameterException(spec.commandLine(), "the passwords differ");
            }
            Arrays.fill(again, '\0');
        }
        if (0 == chars.length)
        {
            throw new ParameterException(spec.commandLine(), "empty password");
        }
        final ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        Arrays.fill(chars, '\0');
        final byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte)0);
        return bytes;
    }
}
