package dev.earshot.local;

import dev.earshot.dedup.cli.SimilarityCommand;
import dev.earshot.extraction.cli.ExtractionCommands;
import dev.earshot.gong.simulator.SimulatorMain;
import dev.earshot.kit.cli.DeadLetterCommand;
import java.util.Arrays;

/**
 * The launcher jar's entry point: {@code local}, {@code simulator}, {@code detect}, {@code
 * extract}, {@code similarity}, {@code dlt}.
 */
public final class EarshotCli {

  private EarshotCli() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "local" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "local" -> EarshotLocal.main(rest);
      case "simulator" -> SimulatorMain.main(rest);
      case "detect", "extract" -> ExtractionCommands.main(args);
      case "similarity" -> SimilarityCommand.main(args);
      case "dlt" -> DeadLetterCommand.main(args);
      default -> {
        System.err.println(
            "earshot: unknown command "
                + command
                + " (local, simulator, detect, extract, similarity, dlt)");
        System.exit(2);
      }
    }
  }
}
