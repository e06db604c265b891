package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void aPickedPortLiesBelowTheEphemeralRangeIsFreeAndNeverHandedOutTwice() throws IOException {
    Set<Integer> picked = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      int port = FreePorts.pick(FreePorts.LOWEST, FreePorts.DEFAULT_FIRST_EPHEMERAL);
      assertThat(port).isBetween(FreePorts.LOWEST, FreePorts.DEFAULT_FIRST_EPHEMERAL - 1);
      assertThat(picked.add(port)).as("handed out twice: %d", port).isTrue();
      try (ServerSocket bound = new ServerSocket(port)) {
        assertThat(bound.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void pickReadsTheKernelsEphemeralRange() {
    int firstEphemeral = FreePorts.firstEphemeral();
    assertThat(firstEphemeral).isBetween(1, 65_535);
    // on a host whose range leaves no room below it the kernel chooses (the test after next)
    assumeTrue(firstEphemeral > FreePorts.LOWEST, "ephemeral range starts at " + firstEphemeral);
    assertThat(FreePorts.pick()).isBetween(FreePorts.LOWEST, firstEphemeral - 1);
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
