package dev.earshot.extraction.conversation;

import dev.earshot.extraction.company.UnmappedReason;
import dev.earshot.kit.security.CurrentOrg;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What became of one of the org's calls as a conversation record: mapped, or why not. */
@RestController
@RequestMapping("/api/v1/conversations")
class ConversationController {

  private final RecordingConversations recording;

  ConversationController(RecordingConversations recording) {
    this.recording = recording;
  }

  @GetMapping("/{callId}")
  @PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
  ConversationView one(@AuthenticationPrincipal Jwt jwt, @PathVariable String callId) {
    ConversationOutcome o =
        recording
            .outcome(CurrentOrg.of(jwt).orgId(), callId)
            .orElseThrow(() -> ConversationProblems.noSuchCall(callId));
    return new ConversationView(
        o.callId(),
        o.mapped() ? "mapped" : "unmapped",
        o.reason(),
        o.reason() == null
            ? null
            : UnmappedReason.valueOf(o.reason().toUpperCase(Locale.ROOT)).explanation(),
        o.companyId(),
        o.companyName(),
        o.matchedBy(),
        o.evidence(),
        o.publications(),
        o.hasSummary(),
        o.firstSeenAt(),
        o.updatedAt());
  }
}
