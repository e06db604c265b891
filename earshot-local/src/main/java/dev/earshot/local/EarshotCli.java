package dev.earshot.local;

import dev.earshot.gong.simulator.SimulatorMain;
import java.util.Arrays;

/** The launcher jar's entry point: {@code local ...} or {@code simulator ...}. */
public final class EarshotCli {

  private EarshotCli() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "local" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "local" -> EarshotLocal.main(rest);
      case "simulator" -> SimulatorMain.main(rest);
      default -> {
        System.err.println("earshot: unknown command " + command + " (local, simulator)");
        System.exit(2);
      }
    }
  }
}
