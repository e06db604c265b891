package dev.earshot.extraction.company;

import dev.earshot.events.Call;
import java.time.Duration;

/**
 * Maps a call to its company once the directory is loaded: what the conversation and volume
 * listeners both ask of a call ({@link CompanyMapping} over its org's {@link CompanyDirectory},
 * with its CRM account id and external emails, {@link CallContext}).
 */
public final class CallMapping {

  private final CompanyDirectory directory;
  private final CompanyMapping mapping;
  private final Duration loadWait;

  /**
   * @param loadWait how long to wait for the directory to be loaded
   */
  public CallMapping(CompanyDirectory directory, CompanyMapping mapping, Duration loadWait) {
    this.directory = directory;
    this.mapping = mapping;
    this.loadWait = loadWait;
  }

  /**
   * @throws CompanyDirectory.DirectoryNotLoaded when the directory is still being read (retried)
   */
  public MappingOutcome map(Call call) {
    directory.awaitLoaded(loadWait);
    return mapping.map(
        directory.of(call.getOrgId()),
        CallContext.crmAccountId(call),
        CallContext.externalEmails(call));
  }
}
