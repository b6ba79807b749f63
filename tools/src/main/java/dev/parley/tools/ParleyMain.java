package dev.parley.tools;

import java.io.PrintWriter;

import dev.parley.core.config.ConfigException;
import dev.parley.tools.call.CallCommand;
import dev.parley.tools.load.LoadCommand;
import dev.parley.tools.suite.SuiteCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code parley} command. Exit codes: 0 success, 1 failure at run time, 2 bad config or bad
 * command line (one line on stderr naming the key or option).
 */
@Command(
    name = "parley",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A low-latency SIP and media server, and the tools around it.",
    subcommands = {
        ServerCommand.class, StatCommand.class, LoadCommand.class, SuiteCommand.class, UserCommand.class,
        RouteCommand.class, ClusterNodeCommand.class, CallCommand.class, CommandLine.HelpCommand.class })
public final class ParleyMain implements Runnable
{
    /**
     * Exit code for bad config or a bad command line.
     */
    public static final int EXIT_CONFIG = 2;

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        int exitCode = 1;
        try
        {
            exitCode = run(args);
        }
        catch (final Throwable error)
        {
            // An Error (OutOfMemoryError while preallocating, for one) must not leave the process hanging on the
            // threads already started: say what it was and exit.
            System.err.println("parley: " + error);
            error.printStackTrace();
        }
        System.exit(exitCode);
    }

    /**
     * Run a command line, returning the exit code rather than exiting: for tests and for {@link #main}.
     *
     * @param args the command line.
     * @return the exit code.
     */
    public static int run(final String... args)
    {
        return run(null, null, args);
    }

    /**
     * Run a command line with its output going to the given writers (tests).
     *
     * @param out  standard output of the commands that print through picocli, or null for the default.
     * @param err  standard error of those commands, or null for the default.
     * @param args the command line.
     * @return the exit code.
     */
    static int run(final PrintWriter out, final PrintWriter err, final String... args)
    {
        final CommandLine commandLine = new CommandLine(new ParleyMain());
        if (null != out)
        {
            commandLine.setOut(out);
        }
        if (null != err)
        {
            commandLine.setErr(err);
        }
        // "@FILE" is a value of ours (parley load --users @users.csv), not a picocli argument file.
        commandLine.setExpandAtFiles(false);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            if (ex instanceof ConfigException)
            {
                cmd.getErr().println("parley: " + ex.getMessage());
                return EXIT_CONFIG;
            }
            cmd.getErr().println("parley: " + ex);
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run()
    {
        new CommandLine(this).usage(System.out);
    }
}
