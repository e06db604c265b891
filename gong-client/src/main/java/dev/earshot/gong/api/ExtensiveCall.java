package dev.earshot.gong.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One call of {@code POST /v2/calls/extensive}: metadata, CRM context, parties, content. */
public record ExtensiveCall(
    CallMetadata metaData, List<CrmContext> context, List<Party> parties, Content content) {

  public ExtensiveCall {
    context = GongLists.present(context);
    parties = GongLists.present(parties);
  }

  /** CRM objects of one CRM system linked to the call. */
  public record CrmContext(String system, List<CrmObject> objects) {
    public CrmContext {
      objects = GongLists.present(objects);
    }
  }

  /** A CRM object (Account, Opportunity, Contact...) with its fields. */
  public record CrmObject(
      String objectType, String objectId, String timing, List<CrmField> fields) {
    public CrmObject {
      fields = GongLists.present(fields);
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

  /**
   * A participant. {@code affiliation} is Internal, External or Unknown; any field may be null (a
   * dial-in party may carry only {@code phoneNumber}).
   */
  public record Party(
      String id,
      String emailAddress,
      String name,
      String title,
      String userId,
      String speakerId,
      String affiliation,
      List<String> methods,
      String phoneNumber) {
    public Party {
      methods = GongLists.present(methods);
    }
  }

  /**
   * Gong's derived content; present parts depend on the request's content selector. Lists are never
   * null (absent is empty) and hold no null element.
   */
  public record Content(
      String brief,
      List<KeyPoint> keyPoints,
      List<OutlineSection> outline,
      List<Highlight> highlights,
      List<CallTopic> topics,
      PointsOfInterest pointsOfInterest) {
    public Content {
      keyPoints = GongLists.present(keyPoints);
      outline = GongLists.present(outline);
      highlights = GongLists.present(highlights);
      topics = GongLists.present(topics);
    }
  }

  public record KeyPoint(String text) {}

  /** Outline times are in seconds. */
  public record OutlineSection(
      String section, double startTime, double duration, List<OutlineItem> items) {
    public OutlineSection {
      items = GongLists.present(items);
    }
  }

  public record OutlineItem(String text, double startTime) {}

  public record Highlight(String title, List<HighlightItem> items) {
    public Highlight {
      items = GongLists.present(items);
    }
  }

  /** Start times in seconds. */
  public record HighlightItem(String text, List<Double> startTimes) {
    public HighlightItem {
      startTimes = GongLists.present(startTimes);
    }
  }

  public record CallTopic(String name, double duration) {}

  public record PointsOfInterest(List<ActionItem> actionItems) {
    public PointsOfInterest {
      actionItems = GongLists.present(actionItems);
    }
  }

  /** Gong spells the speaker field {@code speakerID}. */
  public record ActionItem(
      Double snippetStartTime,
      Double snippetEndTime,
      @JsonProperty("speakerID") String speakerId,
      String snippet) {}
}
