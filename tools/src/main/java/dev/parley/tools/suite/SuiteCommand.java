package dev.parley.tools.suite;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.parley.tools.VersionProvider;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code parley suite}: runs declarative SIP scenarios (JSON suite files, see {@code suites/README.md}) against a
 * target, for functional tests in CI. Exit codes: 0 every scenario passed, 1 one failed, 2 a bad command line or a
 * malformed suite file (one line naming the file, the place in it and the problem).
 */
@Command(
    name = "suite",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run declarative SIP scenarios (JSON suite files) against a target; report on the console and " +
        "as JUnit XML. Exit 0 if all pass, 1 if any fails, 2 on a bad command line or suite file.")
public final class SuiteCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
        description = "Suite files, or directories whose *.json files are run in name order.")
    private List<Path> paths;

    @Option(names = "--target", paramLabel = "HOST:PORT",
        description = "Where requests go; default: the file's \"target\", else " + SuiteRunner.DEFAULT_TARGET + ".")
    private String target;

    @Option(names = "--transport", paramLabel = "udp|tcp",
        description = "Transport; default: the file's \"transport\", else udp.")
    private String transport;

    @Option(names = "--local-address", paramLabel = "IP",
        description = "Address the user agents bind; default: the one that routes to the target.")
    private String localAddress;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report.")
    private Path junit;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Set [$NAME] in every scenario (repeatable).")
    private Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000",
        description = "How long an expect without within_ms waits, ms (default ${DEFAULT-VALUE}).")
    private long timeoutMs;

    @Option(names = "--only", paramLabel = "REGEX", description = "Run only scenarios whose suite/name matches.")
    private String only;

    @Option(names = "--verbose", description = "Print every message as it is sent and received.")
    private boolean verbose;

    @Override
    public Integer call()
    {
        if (null != transport && !"udp".equals(transport) && !"tcp".equals(transport))
        {
            throw new ParameterException(spec.commandLine(), "--transport: expected udp or tcp, got '" +
                transport + "'");
        }
        if (timeoutMs <= 0)
        {
            throw new ParameterException(spec.commandLine(), "--timeout: expected a positive number of ms");
        }
        try
        {
            if (null != target)
            {
                SuiteRunner.resolve(target, "--target");
            }
            final SuiteRunner.Settings settings = new SuiteRunner.Settings(
                target, transport, null == localAddress ? null : InetAddress.getByName(localAddress), timeoutMs,
                vars, verbose, null == only ? null : Pattern.compile(only), junit);
            return SuiteRunner.run(paths, settings, System.out, System.err);
        }
        catch (final SuiteFormatException ex)
        {
            System.err.println("parley suite: " + ex.getMessage());
            return SuiteRunner.EXIT_USAGE;
        }
        catch (final UnknownHostException ex)
        {
            throw new ParameterException(spec.commandLine(), "--local-address: unknown host '" + localAddress + "'");
        }
        catch (final PatternSyntaxException ex)
        {
            throw new ParameterException(spec.commandLine(), "--only: " + ex.getDescription());
        }
    }
}
