package dev.earshot.gong.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One call of {@code POST /v2/calls/extensive}: metadata, CRM context, parties, content. */
public record ExtensiveCall(
    CallMetadata metaData, List<CrmContext> context, List<Party> parties, Content content) {

  public ExtensiveCall {
    context = context == null ? List.of() : List.copyOf(context);
    parties = parties == null ? List.of() : List.copyOf(parties);
  }

  /** CRM objects of one CRM system linked to the call. */
  public record CrmContext(String system, List<CrmObject> objects) {
    public CrmContext {
      objects = objects == null ? List.of() : List.copyOf(objects);
    }
  }

  /** A CRM object (Account, Opportunity, Contact...) with its fields. */
  public record CrmObject(
      String objectType, String objectId, String timing, List<CrmField> fields) {
    public CrmObject {
      fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** The value of a field by name, as text, or null. */
    public String field(String name) {
      return fields.stream()
          .filter(f -> name.equals(f.name()))
          .map(f -> f.value() == null ? null : String.valueOf(f.value()))
          .findFirst()
          .orElse(null);
    }
  }

  /** A CRM field; values are strings or numbers. */
  public record CrmField(String name, Object value) {}

  /** A participant. {@code affiliation} is Internal, External or Unknown. */
  public record Party(
      String id,
      String emailAddress,
      String name,
      String title,
      String userId,
      String speakerId,
      String affiliation,
      List<String> methods) {}

  /** Gong's derived content; present parts depend on the request's content selector. */
  public record Content(
      String brief,
      List<KeyPoint> keyPoints,
      List<OutlineSection> outline,
      List<Highlight> highlights,
      List<CallTopic> topics,
      PointsOfInterest pointsOfInterest) {}

  public record KeyPoint(String text) {}

  /** Outline times are in seconds. */
  public record OutlineSection(
      String section, double startTime, double duration, List<OutlineItem> items) {}

  public record OutlineItem(String text, double startTime) {}

  public record Highlight(String title, List<HighlightItem> items) {}

  public record HighlightItem(String text, List<Double> startTimes) {}

  public record CallTopic(String name, double duration) {}

  public record PointsOfInterest(List<ActionItem> actionItems) {}

  /** Gong spells the speaker field {@code speakerID}. */
  public record ActionItem(
      Double snippetStartTime,
      Double snippetEndTime,
      @JsonProperty("speakerID") String speakerId,
      String snippet) {}
}
