package io.segments.cli;

import io.segments.InvalidInputException;
import io.segments.QualityGateException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `segment` command line: one entry point for the nightly job and the analysts' tools. */
@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Customer segmentation on Spark: RFM scores, named segments and tiers as Delta tables.",
    subcommands = {DemoCommand.class, RunCommand.class, BackfillCommand.class, SqlCommand.class, ReportCommand.class, SinkCommand.class, ExportCommand.class, GenerateCommand.class, TuneKCommand.class,
        BenchmarkCommand.class, ClvHoldoutCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:failure", "2:bad input or configuration; nothing was written",
        "3:a quality gate failed (conf quality); nothing was written"})
public final class SegmentCli implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentCli.class);

  public static final int BAD_INPUT = 2;
  public static final int QUALITY_GATE = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line on the standard streams and returns its exit code. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line on the given streams and returns its exit code instead of exiting. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new SegmentCli()).setOut(out).setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      int exit = e instanceof InvalidInputException ? BAD_INPUT : e instanceof QualityGateException ? QUALITY_GATE : 0;
      if (exit == 0) {
        throw e;
      }
      // The message says what to fix; the trace is for whoever debugs the job itself.
      LOG.debug("exit {}", exit, e);
      commandLine.getErr().println("error: " + e.getMessage());
      return exit;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: demo, run, backfill, sql, report, sink, export, generate, tune-k, clv-holdout, benchmark");
  }
}
