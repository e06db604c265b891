package dev.earshot.kit;

import dev.earshot.kit.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service using the kit, as a real service would. */
@SpringBootApplication
public class KitTestApplication {

  record Backfill(@NotBlank String connection, @Min(1) @Max(60) int days) {}

  @RestController
  static class Endpoints {

    @GetMapping("/boom")
    String boom() {
      throw new IllegalStateException("password=hunter2 leaked in a message");
    }

    @GetMapping("/echo")
    String echo(@RequestParam(required = false) String cursor) {
      return "cursor " + cursor;
    }

    @GetMapping("/deadlock")
    String deadlock() {
      throw new CannotAcquireLockException(
          "could not update", new java.sql.SQLException("ERROR: deadlock detected", "40P01"));
    }

    /**
     * A value the database refuses as data (SQLSTATE 22021, a NUL), or a unique key taken (23505).
     */
    @GetMapping("/stored")
    String stored(@RequestParam String state) {
      throw new org.springframework.dao.DataIntegrityViolationException(
          "PreparedStatementCallback; ERROR: the database refused it",
          new java.sql.SQLException("ERROR: invalid byte sequence for encoding UTF8: 0x00", state));
    }

    /** How many query parameters the request has, read as the Gong proxy reads them. */
    @GetMapping("/parameters")
    int parameters(jakarta.servlet.http.HttpServletRequest request) {
      return request.getParameterMap().size();
    }

    @GetMapping("/missing")
    String missing() {
      throw new ApiProblem(
          HttpStatus.NOT_FOUND,
          "no-connection",
          "No Gong connection",
          "This org has no Gong connection; connect one first.");
    }

    @PostMapping("/backfill")
    String backfill(@Valid @RequestBody Backfill backfill) {
      return "ok " + backfill.days();
    }
  }
}
