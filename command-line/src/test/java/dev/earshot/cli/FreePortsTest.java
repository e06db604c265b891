package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void aPickedPortLiesBelowTheEphemeralRangeOutgoingConnectionsDrawFrom() throws IOException {
    int firstEphemeral = FreePorts.firstEphemeral();
    Set<Integer> picked = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      int port = FreePorts.pick();
      assertThat(port).isBetween(FreePorts.LOWEST, firstEphemeral - 1);
      picked.add(port);
      try (ServerSocket bound = new ServerSocket(port)) {
        assertThat(bound.getLocalPort()).isEqualTo(port);
      }
    }
    // chosen at random, not one port again and again
    assertThat(picked).hasSizeGreaterThan(40);
  }

  @Test
  void aPortSomethingListensOnIsNeverPicked() throws IOException {
    try (ServerSocket taken = new ServerSocket(FreePorts.pick())) {
      int only = taken.getLocalPort();
      // a range of that one port: every attempt fails, and the kernel's choice is the way out
      int port = FreePorts.pick(only, only + 1);
      assertThat(port).isNotEqualTo(only);
      try (ServerSocket bound = new ServerSocket(port)) {
        assertThat(bound.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void withNoRoomBelowTheRangeTheKernelChooses() throws IOException {
    int port = FreePorts.pick(FreePorts.LOWEST, FreePorts.LOWEST);
    try (ServerSocket bound = new ServerSocket(port)) {
      assertThat(bound.getLocalPort()).isEqualTo(port).isPositive();
    }
  }

  @Test
  void anExplicitPortIsKept() {
    assertThat(FreePorts.orPick(8082)).isEqualTo(8082);
    assertThat(FreePorts.orPick(0)).isBetween(1, 65_535);
  }
}
