package dev.earshot.extraction.directory;

import dev.earshot.events.Topics;
import dev.earshot.extraction.company.KnownCompany;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes directory changes to crm.companies.v1, all of one upload in one Kafka transaction. */
@Component
class CompanyPublisher {

  private final KafkaTemplate<String, SpecificRecord> kafka;

  CompanyPublisher(KafkaTemplate<String, SpecificRecord> kafka) {
    this.kafka = kafka;
  }

  /**
   * Puts {@code companies} and deletes (tombstones) the org's {@code deletedIds}, atomically:
   * readers see all of it or none.
   */
  void publish(String orgId, List<KnownCompany> companies, List<String> deletedIds) {
    kafka.executeInTransaction(
        k -> {
          for (KnownCompany c : companies) {
            k.send(
                Topics.COMPANIES,
                Topics.companyKey(c.orgId(), c.companyId()),
                CompanyRecords.record(c));
          }
          for (String id : deletedIds) {
            k.send(Topics.COMPANIES, Topics.companyKey(orgId, id), null);
          }
          return null;
        });
  }
}
